// fetch-incidents end to end: real HTTP to the simulator through the real client. Each scenario of issue 12
// is one test on a fresh tenant whose clock the test moves.
import type { Session, SessionsApi } from '../../src/code42/api';
import { fetchIncidents, SESSION_PAGE_SIZE } from '../../src/fetch/fetch-incidents';
import type { Incident } from '../../src/fetch/incident';
import type { LastRun } from '../../src/fetch/last-run';
import type { FetchParamsInput } from '../../src/fetch/params';
import type { RunningSimulator } from '../../src/simulator';
import { useSimulated } from '../support/simulator';

const T0 = Date.parse('2026-12-01T12:00:00.000Z');
const MINUTE = 60_000;

/** Sessions the fetch may deliver: alerting, open, first observed at or after `since`. */
function eligible(sim: RunningSimulator, since = 0): string[] {
  return sim.tenant.sessions
    .filter((s) => s.triggeredAlerts.length > 0 && ['OPEN', 'OPEN_NEW_DATA'].includes(sim.tenant.stateOf(s)) && s.beginTime >= since)
    .map((s) => s.sessionId)
    .sort();
}

describe('fetch-incidents against the simulator', () => {
  let clock = T0;
  const demo = useSimulated({ per: 'test', sessions: 0, clock: () => clock });
  const now = (): Date => new Date(clock);

  beforeEach(() => {
    clock = T0;
  });

  /** Runs until a run brings nothing; returns every incident in delivery order and the last lastRun. */
  async function drain(params: FetchParamsInput, lastRun: LastRun = {}, runs = 50): Promise<{ incidents: Incident[]; lastRun: LastRun }> {
    const incidents: Incident[] = [];
    for (let run = 0; run < runs; run++) {
      const result = await fetchIncidents(demo.client, params, lastRun, now());
      lastRun = result.lastRun;
      if (result.incidents.length === 0) return { incidents, lastRun };
      incidents.push(...result.incidents);
    }
    throw new Error(`still fetching after ${runs} runs`);
  }

  const ids = (incidents: Incident[]): string[] => incidents.map((i) => i.dbotMirrorId).sort();

  type Search = SessionsApi['search'];
  /** The demo client, its session searches going through `around`, which gets the real search and the arguments. */
  function withSearch(around: (search: Search, ...args: Parameters<Search>) => ReturnType<Search>) {
    const sessions = demo.client.sessions;
    const search: Search = sessions.search.bind(sessions);
    return {
      ...demo.client,
      sessions: Object.assign(Object.create(sessions) as SessionsApi, { search: (...args: Parameters<Search>) => around(search, ...args) }),
      sessionUrl: demo.client.sessionUrl.bind(demo.client),
    };
  }

  it('delivers every alerting open session of the demo tenant once over several runs, oldest beginTime first', async () => {
    // The demo seed: late first alerts, shared firstObserved, mixed states, a session without alerts.
    const { startSimulator } = await import('../../src/simulator');
    const seeded = await startSimulator({ clock: () => T0 });
    try {
      const { clientFor } = await import('../support/simulator');
      const client = clientFor(seeded);
      const delivered: Incident[] = [];
      let lastRun: LastRun = {};
      for (let run = 0; run < 20; run++) {
        const result = await fetchIncidents(client, { first_fetch: '30 days', max_fetch: '7' }, lastRun, new Date(T0));
        lastRun = result.lastRun;
        if (result.incidents.length === 0) break;
        delivered.push(...result.incidents);
      }
      await client.close();
      expect(ids(delivered)).toEqual(eligible(seeded));
      expect(delivered.length).toBeGreaterThan(7);
      const begins = delivered.map((i) => (JSON.parse(i.rawJSON) as Session).beginTime);
      expect(begins).toEqual([...begins].sort((a, b) => a - b));
    } finally {
      await seeded.close();
    }
  });

  it('delivers many sessions sharing one beginTime across page and run boundaries once each', async () => {
    for (let i = 0; i < 120; i++) demo.sim.tenant.addSession({ beginTime: T0 - 30 * MINUTE, events: 0 });
    const { incidents } = await drain({ first_fetch: '1 day', max_fetch: '45' });
    expect(ids(incidents)).toEqual(eligible(demo.sim, T0 - 1440 * MINUTE));
    expect(incidents.length).toBeGreaterThanOrEqual(120);
  });

  it('delivers a session whose first alert lands after it began, within the look-back, once', async () => {
    demo.sim.tenant.addSession({ beginTime: T0 - 10 * MINUTE });
    const first = await drain({ first_fetch: '1 hour', fetch_lookback: '30' });
    expect(first.incidents).toHaveLength(1);
    // A newer session moves the frontier on; then one that began before it alerts late.
    clock = T0 + 20 * MINUTE;
    demo.sim.tenant.addSession({ beginTime: T0 + 15 * MINUTE });
    const second = await drain({ first_fetch: '1 hour', fetch_lookback: '30' }, first.lastRun);
    clock = T0 + 40 * MINUTE;
    const late = demo.sim.tenant.addSession({ beginTime: T0 + 12 * MINUTE, firstObserved: T0 + 40 * MINUTE });
    const third = await drain({ first_fetch: '1 hour', fetch_lookback: '30' }, second.lastRun);
    expect(third.incidents.map((i) => i.dbotMirrorId)).toEqual([late.sessionId]);
    expect(ids([...first.incidents, ...second.incidents, ...third.incidents])).toEqual(eligible(demo.sim, T0 - 60 * MINUTE));
  });

  it('does not deliver a delivered session again when it gains data and becomes OPEN_NEW_DATA', async () => {
    const session = demo.sim.tenant.addSession({ beginTime: T0 - 5 * MINUTE, state: 'CLOSED_TP' });
    const other = demo.sim.tenant.addSession({ beginTime: T0 - 4 * MINUTE });
    const first = await drain({ first_fetch: '1 hour' });
    expect(first.incidents.map((i) => i.dbotMirrorId)).toEqual([other.sessionId]);
    clock = T0 + MINUTE;
    demo.sim.tenant.addSessionData(session.sessionId, { events: 2, severity: 4 });
    demo.sim.tenant.addSessionData(other.sessionId, { events: 2, severity: 4 });
    const second = await drain({ first_fetch: '1 hour' }, first.lastRun);
    // The closed one reopened with new data is new to us; the delivered one is not delivered again.
    expect(second.incidents.map((i) => i.dbotMirrorId)).toEqual([session.sessionId]);
    clock = T0 + 2 * MINUTE;
    demo.sim.tenant.addSessionData(session.sessionId, { events: 1 });
    expect((await drain({ first_fetch: '1 hour' }, second.lastRun)).incidents).toHaveLength(0);
  });

  it('delivers a session created while a run is reading, within the look-back of its begin, in the next run', async () => {
    for (let i = 0; i < 3 * SESSION_PAGE_SIZE; i++) demo.sim.tenant.addSession({ beginTime: T0 - 50 * MINUTE + i * 10_000, events: 0 });
    let created: string | undefined;
    // The session appears between two requests of the run, in a window the run has already read.
    const client = withSearch(async (search, ...args) => {
      const page = await search(...args);
      // It began 58 minutes ago (in the first window, already read) and alerts now: within the 60-minute look-back.
      if (created === undefined && args[0].before !== undefined) created = demo.sim.tenant.addSession({ beginTime: T0 - 58 * MINUTE, events: 0 }).sessionId;
      return page;
    });
    const params = { first_fetch: '1 hour', max_fetch: '200', fetch_lookback: '60' };
    const first = await fetchIncidents(client, params, {}, now());
    expect(created).toBeDefined();
    expect(first.incidents.map((i) => i.dbotMirrorId)).not.toContain(created);
    const second = await fetchIncidents(demo.client, params, first.lastRun, now());
    expect(second.incidents.map((i) => i.dbotMirrorId)).toEqual([created]);
    expect(ids([...first.incidents, ...second.incidents])).toEqual(eligible(demo.sim, T0 - 60 * MINUTE));
  });

  it('reads a crowd of more than a page sharing one millisecond whole, even when a close and an arrival leave its count unchanged mid-read', async () => {
    const begin = T0 - 30 * MINUTE;
    const crowd = Array.from({ length: 70 }, (_, i) => demo.sim.tenant.addSession({ sessionId: `crowd-${String(i).padStart(3, '0')}`, beginTime: begin, events: 0 }));
    let perturbed = false;
    const client = withSearch((search, ...args) => {
      // Before the crowd's second page: the first session (on page 0) is closed and one arrives at the end,
      // so every later session shifts one place back while totalCount stays 70.
      if (!perturbed && args[1].pageNumber === 1 && args[0].onOrAfter === begin) {
        perturbed = true;
        demo.sim.tenant.changeSessionStates([crowd[0].sessionId], 'CLOSED_TP', null);
        demo.sim.tenant.addSession({ sessionId: 'crowd-zzz', beginTime: begin, events: 0 });
      }
      return search(...args);
    });
    const { incidents } = await fetchIncidents(client, { first_fetch: '1 hour', max_fetch: '200' }, {}, now());
    expect(perturbed).toBe(true);
    const delivered = ids(incidents).filter((id) => id.startsWith('crowd-'));
    expect(delivered).toEqual([...crowd.slice(1).map((s) => s.sessionId), 'crowd-zzz'].sort());
  });

  it('sends the severities as integers and fetches only those', async () => {
    const high = demo.sim.tenant.addSession({ beginTime: T0 - MINUTE, severity: 3 });
    demo.sim.tenant.addSession({ beginTime: T0 - MINUTE, severity: 1 });
    const { incidents } = await drain({ first_fetch: '1 hour', alert_severity: 'High,Critical' });
    expect(incidents.map((i) => i.dbotMirrorId)).toEqual([high.sessionId]);
    expect(incidents[0].severity).toBe(3);
  });

  it('attaches each new session\'s file events with include_files, one events call per session', async () => {
    const session = demo.sim.tenant.addSession({ beginTime: T0 - MINUTE, events: 3 });
    const before = demo.sim.stats.snapshot();
    const { incidents } = await fetchIncidents(demo.client, { first_fetch: '1 hour', include_files: 'true' }, {}, now());
    const after = demo.sim.stats.snapshot();
    const events = JSON.parse(incidents[0].rawJSON).fileevents as { event: { id: string } }[];
    expect(events.map((e) => e.event.id).sort()).toEqual([...session.eventIds].sort());
    expect(incidents[0].CustomFields.code42fileevents).toEqual(events);
    const key = Object.keys(after).find((k) => k.includes('/events'))!;
    expect((after[key] ?? 0) - (before[key] ?? 0)).toBe(1);
  });

  it('continues a lastRun of the XSOAR Code42 integration 6.x without repeating what it delivered', async () => {
    const delivered = demo.sim.tenant.addSession({ beginTime: T0 - 20 * MINUTE, firstObserved: T0 - 10 * MINUTE });
    const atInstant = demo.sim.tenant.addSession({ beginTime: T0 - 9 * MINUTE, firstObserved: T0 - 5 * MINUTE });
    const sameInstantNew = demo.sim.tenant.addSession({ beginTime: T0 - 8 * MINUTE, firstObserved: T0 - 5 * MINUTE });
    const later = demo.sim.tenant.addSession({ beginTime: T0 - 7 * MINUTE, firstObserved: T0 - 2 * MINUTE });
    const lastRun = { last_fetch: T0 - 5 * MINUTE, incidents_at_last_fetch_timestamp: [atInstant.sessionId] };
    const { incidents } = await drain({ first_fetch: '3 days', fetch_lookback: '30' }, lastRun);
    expect(ids(incidents)).toEqual([sameInstantNew.sessionId, later.sessionId].sort());
    expect(incidents.map((i) => i.dbotMirrorId)).not.toContain(delivered.sessionId);
  });

  it('continues an alerts-era lastRun from its instant (its alert ids name no session)', async () => {
    demo.sim.tenant.addSession({ beginTime: T0 - 20 * MINUTE, firstObserved: T0 - 10 * MINUTE });
    const after = demo.sim.tenant.addSession({ beginTime: T0 - 9 * MINUTE, firstObserved: T0 - 4 * MINUTE });
    const ours = { last_fetch: T0 - 5 * MINUTE, last_fetched_ids: ['alert-1'], last_fetched_times: [T0 - 5 * MINUTE] };
    expect((await drain({ first_fetch: '3 days', fetch_lookback: '30' }, ours)).incidents.map((i) => i.dbotMirrorId)).toEqual([after.sessionId]);
    const incumbent = { last_fetch: (T0 - 5 * MINUTE) / 1000 };
    expect((await drain({ first_fetch: '3 days', fetch_lookback: '30' }, incumbent)).incidents.map((i) => i.dbotMirrorId)).toEqual([after.sessionId]);
  });

  it('advances nothing when a run fails', async () => {
    demo.sim.tenant.addSession({ beginTime: T0 - MINUTE });
    demo.sim.faults.add({ path: '/v1/sessions', kind: 'status', status: 500, times: 1 });
    const lastRun = { sessions: 1, frontier: T0 - 60 * MINUTE, delivered: {} };
    await expect(fetchIncidents(demo.client, { first_fetch: '1 hour' }, lastRun, now())).rejects.toThrow(/500/);
    expect(lastRun).toEqual({ sessions: 1, frontier: T0 - 60 * MINUTE, delivered: {} });
    expect((await fetchIncidents(demo.client, { first_fetch: '1 hour' }, lastRun, now())).incidents).toHaveLength(1);
  });
});
