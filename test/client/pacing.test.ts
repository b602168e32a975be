// Pacing end to end: the simulator limits the API client to N requests per short window and answers 429 above
// it. A burst of 3N client calls through a budget of the same size draws no 429 (the client never retries here,
// so a 429 would fail the call) and takes about three windows; the same burst without a budget does draw 429s.
import { SlidingWindowBudget, unlimitedBudget, type RequestBudget } from '../../src/code42/budget';
import { type Code42Client, createCode42Client } from '../../src/code42/client';
import { Code42Error } from '../../src/code42/errors';
import { startSimulator, type RunningSimulator } from '../../src/simulator';

const N = 5;
const WINDOW_MS = 300;

let sim: RunningSimulator;
let client: Code42Client | undefined;
beforeEach(async () => {
  sim = await startSimulator({ host: '127.0.0.1', port: 0, logger: false, rateLimit: { requests: N, windowMs: WINDOW_MS } });
});
afterEach(async () => {
  await client?.close();
  client = undefined;
  await sim.close();
});

function clientWith(budget: RequestBudget): Code42Client {
  client = createCode42Client({ apiUrl: sim.url, consoleUrl: sim.url, ...sim.credentials, retry: { maxRetries: 0 }, budget });
  return client;
}

/** 3N actor searches at once; each settles as the actors or the error it drew. */
const burst = (c: Code42Client): Promise<PromiseSettledResult<unknown>[]> => Promise.allSettled(Array.from({ length: 3 * N }, () => c.actors.search({}, { page: 1, pageSize: 1 })));

test('a burst of 3N calls through a budget of N per window draws no 429 and takes about three windows', async () => {
  const c = clientWith(new SlidingWindowBudget({ requests: N, windowMs: WINDOW_MS }));
  const started = performance.now();

  const results = await burst(c);

  const elapsed = performance.now() - started;
  console.log(`${3 * N} calls under a limit of ${N} per ${WINDOW_MS} ms took ${Math.round(elapsed)} ms`);
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  expect(sim.stats.count('GET', '/v1/actors/actor/search')).toBe(3 * N);
  // The token request takes a turn too, so the 3N searches need more than two full windows.
  expect(elapsed).toBeGreaterThanOrEqual(2 * WINDOW_MS);
});

test('the same burst without a budget draws 429s, so the test above can fail', async () => {
  const c = clientWith(unlimitedBudget);

  const results = await burst(c);

  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as Code42Error);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((e) => e instanceof Code42Error && e.status === 429)).toBe(true);
});

test('with retries, a call that still draws a 429 waits for Retry-After and succeeds', async () => {
  // An API client shared with another process: the simulator's window is already full when this client starts.
  client = createCode42Client({ apiUrl: sim.url, consoleUrl: sim.url, ...sim.credentials, retry: { maxRetries: 2 }, budget: unlimitedBudget });
  for (let i = 0; i < N; i++) expect(sim.tenant.limiter.take().ok).toBe(true);

  await expect(client.actors.search({}, { page: 1, pageSize: 1 })).resolves.toHaveLength(1);
});
