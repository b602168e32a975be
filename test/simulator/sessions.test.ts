import { DEMO_CUSTOM_WATCHLISTS, DEMO_RULES, DEMO_USERS } from '../../src/simulator';
import { manualClock, openApi, useApi } from './helpers';

interface WireSession {
  sessionId: string;
  actorId: string;
  actorName: string | null;
  beginTime: number;
  endTime: number;
  firstObserved: number;
  lastUpdated: number;
  scores: { score: number; severity: number; sourceTimestamp: number }[];
  states: { state: string; stateV2: string; sourceTimestamp: number; userId: string | null }[];
  notes: { id: string; content: string; sourceTimestamp: number; userId: string | null }[];
  triggeredAlerts: { alertId: string; ruleId: string; lessonId: string | null; ruleName: string | null }[];
  riskIndicators: { id: string; name: string; weight: number; eventCount: number }[];
  [field: string]: unknown;
}
interface Page {
  items: WireSession[];
  totalCount: number;
}

const HOUR = 3_600_000;
// More sessions than one default page (the demo's 40 generated ones plus the three scripted ones).
const api = useApi({ sessions: 80 });
const search = async (query = '') => {
  const result = await api.get(`/v1/sessions${query}`);
  expect(result.status).toBe(200);
  return result.json<Page>();
};
const latestState = (s: WireSession) => s.states[s.states.length - 1].stateV2;

describe('GET /v1/sessions', () => {
  test('answers {items, totalCount}; each session has every field of the SDK Session model', async () => {
    const page = await search();
    expect(page.totalCount).toBe(api.sim.tenant.sessions.length);
    const fields = ['sessionId', 'tenantId', 'actorId', 'actorName', 'userId', 'type', 'beginTime', 'endTime', 'firstObserved', 'lastUpdated', 'noRiskEvents', 'lowEvents', 'moderateEvents', 'highEvents', 'criticalEvents', 'notes', 'riskIndicators', 'scores', 'states', 'triggeredAlerts', 'exfiltrationSummary', 'contextSummary', 'contentInspectionResults'];
    for (const session of page.items) {
      expect(Object.keys(session).sort()).toEqual([...fields].sort());
      expect(session.actorName).toBe(api.sim.tenant.actor(session.actorId)?.name);
      expect(session.states.every((s) => s.stateV2 === s.state)).toBe(true);
    }
  });

  test('the default page is 50 sessions, latest end time first', async () => {
    const { items } = await search();
    expect(items).toHaveLength(50);
    const ends = items.map((s) => s.endTime);
    expect(ends).toEqual([...ends].sort((a, b) => b - a));
  });

  test('page_number is 0-based and pages do not overlap', async () => {
    const [first, second] = [await search('?page_number=0&page_size=20'), await search('?page_number=1&page_size=20')];
    expect(first.items).toHaveLength(20);
    expect(second.items).toHaveLength(20);
    expect(new Set([...first.items, ...second.items].map((s) => s.sessionId)).size).toBe(40);
    expect((await search('?page_number=4&page_size=20')).items).toHaveLength(api.sim.tenant.sessions.length - 80);
  });

  test.each(['?page_size=51', '?page_size=0', '?page_number=-1', '?state=RESOLVED', '?severity=5', '?order_by=createdAt', '?on_or_after=yesterday', '?has_alerts=maybe'])('%s is 400 with a sentence naming the parameter', async (query) => {
    const result = await api.get(`/v1/sessions${query}`);
    expect(result.status).toBe(400);
    const name = query.slice(1).split('=')[0];
    expect(result.json<{ message: string }>().message).toContain(name);
  });

  test('repeated state parameters select sessions in any of the states', async () => {
    const { items, totalCount } = await search('?state=OPEN&state=OPEN_NEW_DATA&page_size=50');
    expect(totalCount).toBe(api.sim.tenant.sessions.filter((s) => ['OPEN', 'OPEN_NEW_DATA'].includes(api.sim.tenant.stateOf(s))).length);
    expect(items.every((s) => ['OPEN', 'OPEN_NEW_DATA'].includes(latestState(s)))).toBe(true);
    expect(items.some((s) => latestState(s) === 'OPEN_NEW_DATA')).toBe(true);
  });

  test('severity filters on the highest score severity', async () => {
    const { items, totalCount } = await search('?severity=3&severity=4');
    expect(totalCount).toBeGreaterThan(0);
    expect(items.every((s) => Math.max(...s.scores.map((x) => x.severity)) >= 3)).toBe(true);
  });

  test('on_or_after and before bound the begin time (epoch ms)', async () => {
    const times = api.sim.tenant.sessions.map((s) => s.beginTime).sort((a, b) => a - b);
    const [from, to] = [times[10], times[30]];
    const { items, totalCount } = await search(`?on_or_after=${from}&before=${to}`);
    expect(totalCount).toBe(times.filter((t) => t >= from && t < to).length);
    expect(items.every((s) => s.beginTime >= from && s.beginTime < to)).toBe(true);
  });

  test('has_alerts=false finds the session without alerts', async () => {
    const { items } = await search('?has_alerts=false');
    expect(items.map((s) => s.actorName)).toEqual([DEMO_USERS.erin]);
    expect(items[0].triggeredAlerts).toEqual([]);
  });

  test('actor_id uses the actor id, which for dave is not his user id', async () => {
    const actorId = api.actorIdOf(DEMO_USERS.dave);
    expect(actorId).not.toBe(api.uidOf(DEMO_USERS.dave));
    const { items } = await search(`?actor_id=${actorId}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((s) => s.actorId === actorId && s.actorName === DEMO_USERS.dave)).toBe(true);
    expect((await search(`?actor_id=${api.uidOf(DEMO_USERS.dave)}`)).totalCount).toBe(0);
  });

  test('rule_id and watchlist_id select by triggered rule and by the actor’s watchlists', async () => {
    const rule = api.sim.tenant.rules.find((r) => r.name === DEMO_RULES.sourceCode)!;
    const byRule = await search(`?rule_id=${rule.id}`);
    expect(byRule.totalCount).toBeGreaterThan(0);
    expect(byRule.items.every((s) => s.triggeredAlerts.some((a) => a.ruleId === rule.id && a.ruleName === rule.name))).toBe(true);
    const list = api.sim.tenant.watchlists.find((w) => w.title === DEMO_CUSTOM_WATCHLISTS.highRisk)!;
    const members = new Set(api.sim.tenant.members(list).map((m) => m.actorId));
    const byList = await search(`?watchlist_id=${list.watchlistId}`);
    expect(byList.totalCount).toBeGreaterThan(0);
    expect(byList.items.every((s) => members.has(api.sim.tenant.parentOf(api.sim.tenant.actor(s.actorId)!).actorId))).toBe(true);
  });

  test('order_by=score with sort_direction=asc sorts by the latest score', async () => {
    const scores = (await search('?order_by=score&sort_direction=asc')).items.map((s) => s.scores[s.scores.length - 1].score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  test('type selects account take-over sessions', async () => {
    const { items, totalCount } = await search('?type=ACCOUNT_TAKE_OVER');
    expect(totalCount).toBeGreaterThan(0);
    expect(items.every((s) => s.type === 'ACCOUNT_TAKE_OVER')).toBe(true);
    expect((await search('?type=STANDARD')).totalCount).toBe(api.sim.tenant.sessions.length - totalCount);
  });

  test('content_inspection_status=FOUND finds sessions with detections', async () => {
    const { items } = await search('?content_inspection_status=FOUND');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((s) => (s.contentInspectionResults as { detectedOnAlerts: string[] }).detectedOnAlerts.length > 0)).toBe(true);
  });
});

describe('GET /v1/sessions/{id} and /events', () => {
  test('a session by id is the same record the search answers', async () => {
    const [first] = (await search('?page_size=1')).items;
    expect((await api.get(`/v1/sessions/${first.sessionId}`)).json()).toEqual(first);
  });

  test('an unknown id is 404', async () => {
    expect((await api.get('/v1/sessions/no-such-session')).status).toBe(404);
  });

  test('events answer {queryResult: {fileEvents, nextPgToken, problems, totalCount}} matching the session’s counts', async () => {
    const [session] = (await search('?page_size=1')).items;
    const body = (await api.get(`/v1/sessions/${session.sessionId}/events`)).json<{ queryResult: { fileEvents: { event: { id: string } }[]; totalCount: number; problems: null } }>();
    const counted = ['noRiskEvents', 'lowEvents', 'moderateEvents', 'highEvents', 'criticalEvents'].reduce((n, key) => n + (session[key] as number), 0);
    expect(body.queryResult.totalCount).toBe(counted);
    expect(body.queryResult.fileEvents.map((e) => e.event.id)).toEqual(api.sim.tenant.session(session.sessionId)?.eventIds);
  });

  test('events of an unknown session are 404', async () => {
    expect((await api.get('/v1/sessions/no-such-session/events')).status).toBe(404);
  });
});

describe('change-state, change-states and add-note', () => {
  const openSessions = () => api.sim.tenant.sessions.filter((s) => api.sim.tenant.stateOf(s) === 'OPEN');

  test('change-state appends a state entry with stateV2 and moves lastUpdated', async () => {
    const [session] = openSessions();
    const result = await api.post('/v1/sessions/change-state', { ids: [session.sessionId], newState: 'CLOSED_TP_BENIGN' });
    expect(result.status).toBe(200);
    const after = (await api.get(`/v1/sessions/${session.sessionId}`)).json<WireSession>();
    expect(after.states[after.states.length - 1]).toMatchObject({ state: 'CLOSED_TP_BENIGN', stateV2: 'CLOSED_TP_BENIGN', sourceTimestamp: after.lastUpdated });
  });

  test('more than 100 ids is 400 and changes nothing', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => api.sim.tenant.sessions[i % api.sim.tenant.sessions.length].sessionId);
    const before = api.sim.tenant.sessions.map((s) => s.states.length);
    const result = await api.post('/v1/sessions/change-state', { ids, newState: 'CLOSED' });
    expect(result.status).toBe(400);
    expect(result.json<{ message: string }>().message).toContain('100');
    expect(api.sim.tenant.sessions.map((s) => s.states.length)).toEqual(before);
  });

  test('an unknown id is 404; an unknown state is 400', async () => {
    expect((await api.post('/v1/sessions/change-state', { ids: ['nope'], newState: 'CLOSED' })).status).toBe(404);
    expect((await api.post('/v1/sessions/change-state', { ids: [openSessions()[0].sessionId], newState: 'RESOLVED' })).status).toBe(400);
  });

  test('add-note keeps the note; more than 2,000 characters is 400', async () => {
    const [session] = openSessions();
    expect((await api.post(`/v1/sessions/${session.sessionId}/add-note`, { noteContent: 'Checked with the manager.' })).status).toBe(200);
    expect((await api.get(`/v1/sessions/${session.sessionId}`)).json<WireSession>().notes.map((n) => n.content)).toContain('Checked with the manager.');
    const long = await api.post(`/v1/sessions/${session.sessionId}/add-note`, { noteContent: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.json<{ message: string }>().message).toContain('2000');
  });

  test('add-note on an unknown session is 404', async () => {
    expect((await api.post('/v1/sessions/nope/add-note', { noteContent: 'x' })).status).toBe(404);
  });
});

describe('session lifecycle', () => {
  test('a late first alert: firstObserved hours after beginTime, visible with on_or_after of its begin time', async () => {
    const now = api.sim.tenant.now();
    const added = api.sim.tenant.addSession({ username: DEMO_USERS.grace, beginTime: now - 4 * HOUR, firstObserved: now, severity: 3, ruleNames: [DEMO_RULES.publicLinks] });
    const { items } = await search(`?on_or_after=${now - 4 * HOUR}&actor_id=${added.actorId}`);
    const wire = items.find((s) => s.sessionId === added.sessionId);
    expect(wire).toMatchObject({ beginTime: now - 4 * HOUR, firstObserved: now, scores: [{ severity: 3, sourceTimestamp: now }], triggeredAlerts: [{ ruleName: DEMO_RULES.publicLinks }] });
  });

  test('new data after a state change reopens the session as OPEN_NEW_DATA', async () => {
    const now = api.sim.tenant.now();
    const session = api.sim.tenant.addSession({ username: DEMO_USERS.carol, beginTime: now - 2 * HOUR, firstObserved: now - HOUR });
    await api.post('/v1/sessions/change-state', { ids: [session.sessionId], newState: 'IN_PROGRESS' });
    const events = session.eventIds.length;
    api.sim.tenant.addSessionData(session.sessionId, { events: 3, score: 9, at: now + HOUR });
    const after = (await api.get(`/v1/sessions/${session.sessionId}`)).json<WireSession>();
    expect(after.states.map((s) => s.stateV2)).toEqual(['OPEN', 'IN_PROGRESS', 'OPEN_NEW_DATA']);
    expect(after).toMatchObject({ lastUpdated: now + HOUR, endTime: now + HOUR });
    expect(after.scores[after.scores.length - 1]).toEqual({ score: 9, severity: 4, sourceTimestamp: now + HOUR });
    expect(api.sim.tenant.session(session.sessionId)?.eventIds).toHaveLength(events + 3);
  });

  test('a session whose first alert lands later than the clock is not served until then', async () => {
    const now = api.sim.tenant.now();
    const future = api.sim.tenant.addSession({ username: DEMO_USERS.judy, beginTime: now - HOUR, firstObserved: now + 24 * HOUR });
    expect((await api.get(`/v1/sessions/${future.sessionId}`)).status).toBe(404);
    expect((await search(`?actor_id=${future.actorId}&on_or_after=${now - HOUR}`)).items.map((s) => s.sessionId)).not.toContain(future.sessionId);
    expect((await api.post('/v1/sessions/change-state', { ids: [future.sessionId], newState: 'CLOSED' })).status).toBe(404);
  });

  test('new data in a session nobody has touched keeps it OPEN', () => {
    const session = api.sim.tenant.addSession({ username: DEMO_USERS.heidi });
    api.sim.tenant.addSessionData(session.sessionId, { events: 1 });
    expect(session.states.map((s) => s.stateV2)).toEqual(['OPEN']);
  });

  test('addSession refuses a firstObserved before beginTime and an unknown rule', () => {
    expect(() => api.sim.tenant.addSession({ beginTime: 10, firstObserved: 5 })).toThrow('firstObserved cannot be earlier than beginTime.');
    expect(() => api.sim.tenant.addSession({ ruleNames: ['nope'] })).toThrow('No alert rule named nope.');
  });

  test('the admin routes add a session and advance it over HTTP', async () => {
    const added = await fetch(`${api.sim.url}/__sim/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: DEMO_USERS.oscar, severity: 2, state: 'CLOSED_FP' }) });
    expect(added.status).toBe(200);
    const [session] = ((await added.json()) as { sessions: WireSession[] }).sessions;
    expect(latestState(session)).toBe('CLOSED_FP');
    const advanced = await fetch(`${api.sim.url}/__sim/sessions/${session.sessionId}/data`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: 1 }) });
    expect(latestState((await advanced.json()) as WireSession)).toBe('OPEN_NEW_DATA');
    const unknown = await fetch(`${api.sim.url}/__sim/sessions/nope/data`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unknown.status).toBe(404);
  });
});

describe('change-states (by criteria, with a continuation token)', () => {
  const isolated = useApi({ sessions: 230 });

  test('changes every matching session 100 at a time until the token is null', async () => {
    const matching = isolated.sim.tenant.sessions.filter((s) => s.triggeredAlerts.length > 0).length;
    let token: string | null = null;
    let calls = 0;
    do {
      const result = await isolated.post('/v1/sessions/change-states?has_alerts=true', { continuationToken: token, newState: 'CLOSED' });
      expect(result.status).toBe(200);
      token = result.json<{ continuationToken: string | null }>().continuationToken;
      calls++;
    } while (token !== null);
    expect(calls).toBe(Math.ceil(matching / 100));
    expect(isolated.sim.tenant.sessions.filter((s) => isolated.sim.tenant.stateOf(s) === 'CLOSED')).toHaveLength(matching);
  });
});

describe('a late alert on a moving clock', () => {
  test('the session appears once the clock reaches its firstObserved, with its begin time hours earlier', async () => {
    const clock = manualClock(Date.parse('2026-06-01T12:00:00Z'));
    // A token that outlives the clock's jump.
    const late = await openApi({ clock: clock.now, sessions: 0, tokenTtlSeconds: 86_400 });
    try {
      const now = clock.now();
      const session = late.sim.tenant.addSession({ username: DEMO_USERS.bob, beginTime: now - 3 * HOUR, firstObserved: now + 2 * HOUR });
      const ids = async () => (await late.get(`/v1/sessions?on_or_after=${now - 4 * HOUR}`)).json<Page>().items.map((s) => s.sessionId);
      expect(await ids()).not.toContain(session.sessionId);
      clock.advance(2 * HOUR);
      expect(await ids()).toContain(session.sessionId);
    } finally {
      await late.sim.close();
    }
  });
});
