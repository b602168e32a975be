// fetch-incidents on the wire (nock): the exact sessions query, the windows that follow an answer too large
// for one page, and enrichment without N+1.
import nock from 'nock';
import { ActorNameCache } from '../../src/fetch/enrich';
import { fetchIncidents } from '../../src/fetch/fetch-incidents';
import { API, useNockClient } from '../client/helpers';

const client = useNockClient();
const NOW = new Date('2026-12-07T03:00:00.000Z');
const HOUR = 3_600_000;
const START = NOW.getTime() - 24 * HOUR;

const session = (n: number, extra: object = {}) => ({
  sessionId: `s-${n}`,
  tenantId: 'tenant',
  actorId: `actor-${n % 2}`,
  beginTime: START + n * 1000,
  endTime: START + n * 1000 + 500,
  firstObserved: START + n * 1000,
  lastUpdated: START + n * 1000 + 500,
  notes: [],
  riskIndicators: [],
  scores: [{ score: 9, severity: 3, sourceTimestamp: START + n * 1000 }],
  states: [{ state: 'OPEN', stateV2: 'OPEN', sourceTimestamp: START + n * 1000, userId: null }],
  triggeredAlerts: [{ alertId: `al-${n}`, ruleId: `r-${n % 3}`, lessonId: null }],
  exfiltrationSummary: `summary ${n}`,
  ...extra,
});

const query = (extra: Record<string, string | string[]>) => ({
  has_alerts: 'true',
  state: ['OPEN', 'OPEN_NEW_DATA'],
  order_by: 'end_time',
  page_number: '0',
  page_size: '50',
  ...extra,
});

const rules = [
  { id: 'r-0', name: 'Rule zero' },
  { id: 'r-1', name: 'Rule one' },
  { id: 'r-2', name: 'Rule two' },
];

describe('the sessions query', () => {
  it('asks once for the whole range, newest end time first, with the severities as integers, when it fits one answer', async () => {
    const scope = nock(API)
      .get('/v1/sessions')
      .query(query({ on_or_after: String(START), sort_direction: 'desc', severity: ['3', '4'] }))
      .reply(200, { items: [session(1, { actorName: 'a', triggeredAlerts: [{ alertId: 'x', ruleId: 'r-1', ruleName: 'R' }] })], totalCount: 1 });
    const { incidents } = await fetchIncidents(client(), { first_fetch: '24 hours', alert_severity: ['High', 'Critical'] }, {}, NOW);
    expect(incidents.map((i) => i.dbotMirrorId)).toEqual(['s-1']);
    scope.done();
  });

  it('reads an answer too large for one page as beginTime windows that each fit one answer', async () => {
    const all = Array.from({ length: 60 }, (_, n) => session(n, { actorName: 'a', triggeredAlerts: [] }));
    const newest = all[59].lastUpdated;
    // Density 60 sessions over the range => a window of (newest - START + 1) * 40 / 60 ms.
    const width = Math.floor(((newest - START + 1) * 40) / 60);
    const inWindow = all.filter((s) => s.beginTime < START + width);
    const scope = nock(API)
      .get('/v1/sessions')
      .query(query({ on_or_after: String(START), sort_direction: 'desc' }))
      .reply(200, { items: all.slice(10).reverse(), totalCount: 60 })
      .get('/v1/sessions')
      .query(query({ on_or_after: String(START), before: String(START + width), sort_direction: 'asc' }))
      .reply(200, { items: inWindow, totalCount: inWindow.length })
      .get('/v1/sessions')
      .query(query({ on_or_after: String(START + width), sort_direction: 'asc' }))
      .reply(200, { items: all.filter((s) => s.beginTime >= START + width), totalCount: 60 - inWindow.length });
    const { incidents } = await fetchIncidents(client(), { first_fetch: '24 hours', max_fetch: 200 }, {}, NOW);
    expect(incidents.map((i) => i.dbotMirrorId)).toEqual(all.map((s) => s.sessionId));
    scope.done();
  });
});

describe('enrichment', () => {
  it('looks up each distinct actor once and lists the rules once, for sessions that do not carry the names', async () => {
    const sessions = [session(1), session(2), session(3), session(4)];
    const scope = nock(API)
      .get('/v1/sessions')
      .query(true)
      .reply(200, { items: sessions, totalCount: 4 })
      .get('/v1/actors/actor/id/actor-0')
      .reply(200, { actorId: 'actor-0', name: 'zero@example.com' })
      .get('/v1/actors/actor/id/actor-1')
      .reply(404, { message: 'not found' })
      .get('/v2/alert-rules')
      .query(true)
      .reply(200, rules);
    const { incidents } = await fetchIncidents(client(), { first_fetch: '24 hours' }, {}, NOW, { actorNames: new ActorNameCache() });
    const raw = incidents.map((i) => JSON.parse(i.rawJSON) as { actor: string | null; rule_names: string });
    expect(raw.map((r) => r.actor)).toEqual([null, 'zero@example.com', null, 'zero@example.com']);
    expect(raw.map((r) => r.rule_names)).toEqual(['Rule one', 'Rule two', 'Rule zero', 'Rule one']);
    scope.done();
  });

  it('remembers actor names across runs', async () => {
    const actorNames = new ActorNameCache();
    nock(API)
      .get('/v1/sessions')
      .query(true)
      .reply(200, { items: [session(2, { triggeredAlerts: [] })], totalCount: 1 })
      .get('/v1/actors/actor/id/actor-0')
      .once()
      .reply(200, { actorId: 'actor-0', name: 'zero@example.com' })
      .get('/v1/sessions')
      .query(true)
      .reply(200, { items: [session(4, { triggeredAlerts: [] })], totalCount: 1 });
    const first = await fetchIncidents(client(), { first_fetch: '24 hours' }, {}, NOW, { actorNames });
    const second = await fetchIncidents(client(), { first_fetch: '24 hours' }, first.lastRun, NOW, { actorNames });
    expect(JSON.parse(second.incidents[0].rawJSON).actor).toBe('zero@example.com');
    expect(nock.isDone()).toBe(true);
  });

  it('uses the names the session carries and asks for nothing', async () => {
    const scope = nock(API)
      .get('/v1/sessions')
      .query(true)
      .reply(200, { items: [session(1, { actorName: 'carried@example.com', triggeredAlerts: [{ alertId: 'x', ruleId: 'r-9', ruleName: 'Carried rule' }] })], totalCount: 1 });
    const { incidents } = await fetchIncidents(client(), { first_fetch: '24 hours' }, {}, NOW);
    expect(JSON.parse(incidents[0].rawJSON)).toMatchObject({ actor: 'carried@example.com', rule_names: 'Carried rule' });
    scope.done();
  });

  it('bounds the actor cache, forgetting the least recently used name first', () => {
    const cache = new ActorNameCache(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.get('a');
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual(['A', undefined, 'C', 2]);
  });
});
