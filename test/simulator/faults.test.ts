import { validateFaultRules } from '../../src/simulator/faults';
import { startSimulator } from '../../src/simulator';
import { openApi, send, useApi } from './helpers';

const api = useApi();
afterEach(() => api.sim.faults.clear());

const customer = () => api.get('/v1/customer');

describe('fault injection', () => {
  test('a 429 rule with times 2 fails the next two requests with Retry-After, then lets requests through', async () => {
    api.sim.faults.add({ method: 'GET', path: '/v1/customer', kind: 'status', status: 429, retryAfterSeconds: 3, times: 2 });
    const results = [await customer(), await customer(), await customer()];
    expect(results.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(results[0].headers.get('retry-after')).toBe('3');
    expect(api.sim.faults.list()).toEqual([]);
  });

  test('a 503 rule with a path pattern only hits matching routes', async () => {
    api.sim.faults.add({ path: '/v1/users/*', kind: 'status', status: 503 });
    expect((await api.get(`/v1/users/${api.sim.tenant.users[0].userId}`)).status).toBe(503);
    expect((await customer()).status).toBe(200);
  });

  test(':param segments in a pattern match one path segment', async () => {
    api.sim.faults.add({ method: 'POST', path: '/v2/watchlists/:id/included-actors/add', kind: 'status', status: 502, times: 1 });
    const id = api.sim.tenant.watchlists[0].watchlistId;
    expect((await api.post(`/v2/watchlists/${id}/included-actors/add`, { actorIds: [api.sim.tenant.actors[0].actorId], watchlistId: id })).status).toBe(502);
    expect(api.sim.tenant.watchlists[0].includedActors.some((e) => e.actorId === api.sim.tenant.actors[0].actorId)).toBe(false);
  });

  test('a dropped connection closes the socket without an answer', async () => {
    api.sim.faults.add({ path: '/v1/customer', kind: 'drop', times: 1 });
    await expect(fetch(`${api.sim.url}/v1/customer`, { headers: { authorization: `Bearer ${api.token}` } })).rejects.toThrow();
    expect((await customer()).status).toBe(200);
  });

  test('a hanging request gets no answer until the client gives up; the next request is served', async () => {
    api.sim.faults.add({ path: '/v1/customer', kind: 'hang', times: 1 });
    const gaveUp = fetch(`${api.sim.url}/v1/customer`, { headers: { authorization: `Bearer ${api.token}` }, signal: AbortSignal.timeout(300) });
    await expect(gaveUp).rejects.toThrow(/aborted|timeout/i);
    expect((await customer()).status).toBe(200);
  });

  test('a hanging connection does not keep close() from finishing', async () => {
    const sim = await startSimulator({ faults: [{ path: '*', kind: 'hang' }] });
    const pending = fetch(`${sim.url}/v1/customer`);
    const rejected = expect(pending).rejects.toThrow('fetch failed');
    // The request has reached the simulator (and hangs) once the rule has fired.
    while (sim.faults.list()[0].fired === 0) await new Promise((resolve) => setImmediate(resolve));
    await sim.close();
    await rejected;
  });

  test('latency delays the answer by at least the configured time', async () => {
    api.sim.faults.add({ path: '/v1/customer', kind: 'latency', latencyMs: 150, times: 1 });
    const started = Date.now();
    expect((await customer()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('a revoke-tokens fault makes that request and later ones with the old token 401', async () => {
    const isolated = await openApi();
    try {
      isolated.sim.faults.add({ path: '/v1/customer', kind: 'revoke-tokens', times: 1 });
      expect((await isolated.get('/v1/customer')).status).toBe(401);
      expect((await isolated.get('/v2/watchlists')).status).toBe(401);
    } finally {
      await isolated.sim.close();
    }
  });

  test('probability 0 never fires and probability 1 always does', async () => {
    api.sim.faults.add({ path: '/v1/customer', kind: 'status', status: 500, probability: 0 });
    expect((await customer()).status).toBe(200);
    api.sim.faults.clear();
    api.sim.faults.add({ path: '/v1/customer', kind: 'status', status: 500, probability: 1, times: 2 });
    expect([(await customer()).status, (await customer()).status]).toEqual([500, 500]);
  });

  test('rules are set and cleared through POST and DELETE /__sim/faults without a token', async () => {
    const posted = await send(`${api.sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ path: '*', kind: 'status', status: 504 }]),
    });
    expect(posted.status).toBe(200);
    expect((await customer()).status).toBe(504);
    expect((await send(`${api.sim.url}/__sim/faults`, {})).json<{ faults: { fired: number }[] }>().faults[0].fired).toBe(1);
    expect((await send(`${api.sim.url}/__sim/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await customer()).status).toBe(200);
  });

  test('an invalid rule posted to /__sim/faults is 400 with one sentence', async () => {
    const result = await send(`${api.sim.url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules: [{ path: '*', kind: 'explode' }] }) });
    expect(result.status).toBe(400);
    expect(result.json<{ error: string }>().error).toMatch(/^Fault rule 1 has kind "explode"; use one of .*\.$/);
  });

  test('validation refuses a non-error status and a probability above 1', () => {
    expect(() => validateFaultRules({ path: '*', kind: 'status', status: 200 })).toThrow('between 400 and 599');
    expect(() => validateFaultRules({ path: '*', kind: 'status', probability: 2 })).toThrow('between 0 and 1');
  });

  test('faults given as a start option are armed from the first request', async () => {
    const sim = await startSimulator({ faults: [{ method: 'POST', path: '/v1/oauth', kind: 'status', status: 503, times: 1 }] });
    try {
      const first = await send(`${sim.url}/v1/oauth`, { method: 'POST' });
      expect(first.status).toBe(503);
      expect(first.json()).toMatchObject({ status: 503, error: 'Service Unavailable' });
    } finally {
      await sim.close();
    }
  });
});

describe('request statistics', () => {
  test('requests are counted per route pattern, on the handle and at GET /__sim/stats', async () => {
    api.sim.stats.reset();
    const [a, b] = api.sim.tenant.users;
    await api.get(`/v1/users/${a.userId}`);
    await api.get(`/v1/users/${b.userId}`);
    await api.post('/v1/alerts/query-alerts', { groups: [], pgNum: 0, pgSize: 1 });
    expect(api.sim.stats.count('GET', '/v1/users/:userId')).toBe(2);
    const stats = (await send(`${api.sim.url}/__sim/stats`, {})).json<{ requests: Record<string, number>; total: number }>();
    expect(stats.requests).toEqual({ 'GET /v1/users/:userId': 2, 'POST /v1/alerts/query-alerts': 1 });
    expect(stats.total).toBe(3);
  });
});

describe('admin routes', () => {
  const admin = (path: string, body?: unknown) =>
    send(`${api.sim.url}/__sim/${path}`, { method: 'POST', headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  test('POST /__sim/sessions adds a list of sessions a search then finds', async () => {
    const result = await admin('sessions', { sessions: [{ username: 'erin.engineer@example.com', severity: 1, beginTime: 1_700_000_000_000 }, { username: 'frank.finance@example.com' }] });
    const ids = result.json<{ sessions: { sessionId: string }[] }>().sessions.map((s) => s.sessionId);
    expect(ids).toHaveLength(2);
    const found = await api.get(`/v1/sessions?before=1700000000001&on_or_after=1700000000000`);
    expect(found.json<{ items: { sessionId: string; actorName: string }[] }>().items).toEqual([expect.objectContaining({ sessionId: ids[0], actorName: 'erin.engineer@example.com' })]);
  });

  test('POST /__sim/sessions with an unknown user is 400 with one sentence', async () => {
    const result = await admin('sessions', [{ username: 'nobody@example.com' }]);
    expect([result.status, result.json()]).toEqual([400, { error: 'No user or actor named nobody@example.com.' }]);
  });

  test('POST /__sim/tokens/revoke makes the current token 401', async () => {
    const isolated = await openApi();
    try {
      await send(`${isolated.sim.url}/__sim/tokens/revoke`, { method: 'POST' });
      expect((await isolated.get('/v1/customer')).status).toBe(401);
    } finally {
      await isolated.sim.close();
    }
  });
});
