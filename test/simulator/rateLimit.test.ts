import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { fetchToken, send } from './helpers';

describe('optional rate limit', () => {
  let sim: RunningSimulator;
  let token: string;
  beforeEach(async () => {
    sim = await startSimulator({ rateLimit: { requests: 3, windowMs: 60_000 } });
    token = await fetchToken(sim);
  });
  afterEach(() => sim.close());

  const customer = () => send(`${sim.url}/v1/customer`, { headers: { authorization: `Bearer ${token}` } });

  test('the request above the limit is 429 with Retry-After in whole seconds', async () => {
    const statuses = [(await customer()).status, (await customer()).status, (await customer()).status];
    const over = await customer();
    expect([...statuses, over.status]).toEqual([200, 200, 200, 429]);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  test('token requests and admin routes are not counted', async () => {
    await fetchToken(sim);
    await send(`${sim.url}/__sim/stats`, {});
    expect([(await customer()).status, (await customer()).status, (await customer()).status]).toEqual([200, 200, 200]);
  });

  test('setRateLimit(undefined) lifts the limit; PUT /__sim/rate-limit sets a new one', async () => {
    for (let i = 0; i < 3; i++) await customer();
    sim.tenant.setRateLimit(undefined);
    expect((await customer()).status).toBe(200);
    const put = await send(`${sim.url}/__sim/rate-limit`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ requests: 1, windowMs: 60_000 }) });
    expect(put.json()).toEqual({ rateLimit: { requests: 1, windowMs: 60_000 } });
    expect([(await customer()).status, (await customer()).status]).toEqual([200, 429]);
  });

  test('a limit that is not a positive count is refused', () => {
    expect(() => sim.tenant.setRateLimit({ requests: 0, windowMs: 1000 })).toThrow('requests (a positive integer)');
  });
});

describe('the limiter window', () => {
  test('admits again once the oldest request leaves the window', async () => {
    const { RateLimiter } = await import('../../src/simulator/rate-limit');
    let now = 0;
    const limiter = new RateLimiter(() => now);
    limiter.configure({ requests: 2, windowMs: 1000 });
    expect([limiter.take().ok, (now = 400, limiter.take().ok), limiter.take()]).toEqual([true, true, { ok: false, retryAfterMs: 600 }]);
    now = 1000;
    expect(limiter.take().ok).toBe(true);
    expect(limiter.take()).toEqual({ ok: false, retryAfterMs: 400 });
  });
});
