import { type RunningSimulator, startSimulator } from '../../src/simulator';
import { fetchToken, send } from './helpers';

// The figures that matter (build time, memory of the fetch bench's 10,000 sessions) belong to the bench; here:
// the shape of what is generated and that paging a large tenant is exact (more than 10,000 file events).
const COUNT = 4000;

describe(`a generated tenant of ${COUNT} alerting sessions`, () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ sessions: COUNT, events: 4000 });
    token = await fetchToken(sim);
  }, 30_000);
  afterAll(() => sim.close());

  const get = (path: string) => send(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const generated = () => sim.tenant.sessions.slice(0, COUNT);

  test('every generated session has alerts, and they are spread over the last three days', () => {
    const sessions = generated();
    expect(sessions.every((s) => s.triggeredAlerts.length > 0)).toBe(true);
    const observed = sessions.map((s) => s.firstObserved);
    expect(Math.max(...observed) - Math.min(...observed)).toBeGreaterThan(2.9 * 86_400_000);
  });

  test('some sessions share one firstObserved, and some first alerts land hours after the session began', () => {
    const counts = new Map<number, number>();
    for (const s of generated()) counts.set(s.firstObserved, (counts.get(s.firstObserved) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n >= 3).length).toBeGreaterThanOrEqual(COUNT / 10 - 5);
    expect(generated().filter((s) => s.firstObserved - s.beginTime >= 3_600_000).length).toBe(COUNT / 5);
  });

  test('file events page past the 10,000-event window with pgToken, not with pgNum', async () => {
    const total = sim.tenant.fileEvents.length;
    expect(total).toBeGreaterThan(10_000);
    const post = (body: unknown) => send(`${sim.url}/v2/file-events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const query = { groupClause: 'AND', groups: [], srtKey: 'event.id', srtDir: 'asc' };
    expect((await post({ ...query, pgNum: 2, pgSize: 10_000 })).status).toBe(400);
    let pgToken: string | null = '';
    let seen = 0;
    while (pgToken !== null) {
      const page: { fileEvents: unknown[]; nextPgToken: string | null; totalCount: number } = (await post({ ...query, pgSize: 10_000, pgToken })).json();
      expect(page.totalCount).toBe(total);
      seen += page.fileEvents.length;
      pgToken = page.nextPgToken;
    }
    expect(seen).toBe(total);
  });

  test('paging with on_or_after and page_size 50 walks the matching sessions exactly once', async () => {
    const since = [...generated()].sort((a, b) => a.beginTime - b.beginTime)[COUNT - 1000].beginTime;
    const expected = sim.tenant.sessions.filter((s) => s.beginTime >= since && s.triggeredAlerts.length > 0).map((s) => s.sessionId);
    const seen: string[] = [];
    for (let page = 0; ; page++) {
      const body = (await get(`/v1/sessions?on_or_after=${since}&has_alerts=true&page_number=${page}&page_size=50`)).json<{ items: { sessionId: string }[]; totalCount: number }>();
      expect(body.totalCount).toBe(expected.length);
      seen.push(...body.items.map((s) => s.sessionId));
      if (body.items.length < 50) break;
    }
    expect(seen.sort()).toEqual(expected.sort());
  });
});
