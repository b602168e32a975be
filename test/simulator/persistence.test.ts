import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS, startSimulator } from '../../src/simulator';
import { fetchToken, manualClock, send } from './helpers';

const freshPath = () => join(mkdtempSync(join(tmpdir(), 'sim-state-')), 'nested', 'simulator-tenant.json');

async function withSimulator<T>(statePath: string, use: (call: (method: string, path: string, body?: unknown) => Promise<{ status: number; json<U>(): U }>) => Promise<T>): Promise<T> {
  const sim = await startSimulator({ statePath });
  try {
    const token = await fetchToken(sim);
    return await use((method, path, body) => send(`${sim.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) }));
  } finally {
    await sim.close();
  }
}

describe('a persisted demo tenant', () => {
  test('is written at the first start (directories created) and loaded, unchanged, at the next', async () => {
    const path = freshPath();
    const first = await withSimulator(path, async (call) => (await call('GET', '/v1/sessions?page_size=50')).json<unknown>());
    expect(existsSync(path)).toBe(true);
    const second = await withSimulator(path, async (call) => (await call('GET', '/v1/sessions?page_size=50')).json<unknown>());
    expect(second).toEqual(first);
  });

  test("run A's change is seen by run B: watchlist, actor, session state and note, case", async () => {
    const path = freshPath();
    const sessionId = await withSimulator(path, async (call) => {
      const { watchlists } = (await call('GET', '/v2/watchlists')).json<{ watchlists: { watchlistId: string; listType: string }[] }>();
      const flight = watchlists.find((w) => w.listType === 'FLIGHT_RISK')!.watchlistId;
      const carol = (await call('GET', `/v1/actors/actor/name/${DEMO_USERS.carol}/parent`)).json<{ actorId: string }>().actorId;
      expect((await call('POST', `/v2/watchlists/${flight}/included-actors/add`, { actorIds: [carol], watchlistId: flight })).status).toBe(200);
      expect((await call('PATCH', `/v1/actors/actor/id/${carol}`, { endDate: '2027-02-01' })).status).toBe(200);
      const [session] = (await call('GET', '/v1/sessions?state=OPEN&page_size=1')).json<{ items: { sessionId: string }[] }>().items;
      await call('POST', '/v1/sessions/change-state', { ids: [session.sessionId], newState: 'CLOSED_FP' });
      await call('POST', `/v1/sessions/${session.sessionId}/add-note`, { noteContent: 'false positive: approved backup' });
      await call('POST', '/v1/cases', { name: 'Persisted case' });
      return session.sessionId;
    });
    await withSimulator(path, async (call) => {
      const carol = (await call('GET', `/v1/actors/actor/name/${DEMO_USERS.carol}/parent`)).json<{ actorId: string; endDate: string }>();
      expect(carol.endDate).toBe('2027-02-01');
      const lists = (await call('GET', `/v2/watchlists?actorId=${carol.actorId}`)).json<{ watchlists: { listType: string }[] }>().watchlists.map((w) => w.listType);
      expect(lists).toContain('FLIGHT_RISK');
      const session = (await call('GET', `/v1/sessions/${sessionId}`)).json<{ states: { stateV2: string }[]; notes: { content: string }[] }>();
      expect(session.states[session.states.length - 1].stateV2).toBe('CLOSED_FP');
      expect(session.notes.map((n) => n.content)).toEqual(['false positive: approved backup']);
      expect((await call('GET', '/v1/cases?name=Persisted')).json<{ totalCount: number }>().totalCount).toBe(1);
    });
  });

  test('a start that changes nothing leaves the file untouched', async () => {
    const path = freshPath();
    await withSimulator(path, async () => undefined);
    const written = statSync(path);
    await withSimulator(path, async (call) => (await call('GET', '/v1/sessions')).status);
    expect(statSync(path).ino).toBe(written.ino);
  });

  test('records created after a reload get fresh ids (the id generator is saved too)', async () => {
    const path = freshPath();
    const firstId = await withSimulator(path, async (call) => (await call('POST', '/v2/watchlists', { watchlistType: 'CUSTOM', title: 'One' })).json<{ watchlistId: string }>().watchlistId);
    const secondId = await withSimulator(path, async (call) => (await call('POST', '/v2/watchlists', { watchlistType: 'CUSTOM', title: 'Two' })).json<{ watchlistId: string }>().watchlistId);
    expect(secondId).not.toBe(firstId);
  });

  test('saves leave no temporary files behind and always hold a whole document', async () => {
    const path = freshPath();
    await withSimulator(path, async (call) => {
      for (let i = 0; i < 5; i++) await call('POST', '/v1/cases', { name: `Case ${i}` });
    });
    expect(readdirSync(join(path, '..'))).toEqual(['simulator-tenant.json']);
    expect(JSON.parse(readFileSync(path, 'utf8')).cases).toHaveLength(6);
  });

  test('loaded after a day idle, the tenant has the 16 alerting sessions that arrived meanwhile', async () => {
    const path = freshPath();
    const clock = manualClock(Date.parse('2026-06-01T12:00:00Z'));
    await (await startSimulator({ statePath: path, clock: clock.now })).close();
    const saved = JSON.parse(readFileSync(path, 'utf8')).sessions as { firstObserved: number }[];
    const [before, latest] = [saved.length, Math.max(...saved.map((s) => s.firstObserved))];
    clock.advance(24 * 3_600_000);
    const sim = await startSimulator({ statePath: path, clock: clock.now });
    try {
      const arrived = sim.tenant.sessions.slice(before);
      expect(arrived).toHaveLength(16);
      expect(arrived.every((s) => s.triggeredAlerts.length > 0 && s.firstObserved >= latest && s.firstObserved <= clock.now())).toBe(true);
      expect(JSON.parse(readFileSync(path, 'utf8')).sessions).toHaveLength(before + 16);
    } finally {
      await sim.close();
    }
  });

  test('a save that fails answers 500 with a sentence naming the file', async () => {
    const path = freshPath();
    await withSimulator(path, async (call) => {
      // A directory where the save's temporary file goes makes the write fail, for root too.
      mkdirSync(`${path}.${process.pid}.tmp`);
      const result = await call('POST', '/v1/cases', { name: 'Unsaved' });
      expect(result.status).toBe(500);
      expect(result.json<{ message: string }>().message).toBe(`The simulator could not save its tenant to ${path} (EISDIR).`);
    });
  });

  test('two simulators on one file (serve and run at once) each see what the other changed', async () => {
    const path = freshPath();
    const [a, b] = [await startSimulator({ statePath: path }), await startSimulator({ statePath: path })];
    try {
      const [tokenA, tokenB] = [await fetchToken(a), await fetchToken(b)];
      const call = (sim: typeof a, token: string, method: string, route: string, body?: unknown) =>
        send(`${sim.url}${route}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
      expect((await call(a, tokenA, 'POST', '/v1/cases', { name: 'From A' })).status).toBe(200);
      expect((await call(b, tokenB, 'GET', '/v1/cases?name=From A')).json<{ totalCount: number }>().totalCount).toBe(1);
      expect((await call(b, tokenB, 'POST', '/v1/cases', { name: 'From B' })).status).toBe(200);
      expect((await call(a, tokenA, 'GET', '/v1/cases')).json<{ cases: { name: string }[] }>().cases.map((c) => c.name)).toEqual(['Falcon source code leaving with Dave', 'From A', 'From B']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('a file that is not a saved tenant is refused with one sentence', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sim-state-')), 'broken.json');
    writeFileSync(path, '{"version": 1, "tenantId": "x"');
    await expect(startSimulator({ statePath: path })).rejects.toThrow(`The simulator state file ${path} is not a saved demo tenant; delete it to start with a fresh demo tenant.`);
  });
});
