// The demo tenant end to end: the simulator on 127.0.0.1 (a random port) and a real Code42 client logged in to
// it over HTTP, started and closed around a suite or around each test. For any suite that needs both.
import { unlimitedBudget } from '../../src/code42/budget';
import { type Code42Client, type Code42ClientOptions, createCode42Client } from '../../src/code42/client';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../src/simulator';

export interface Simulated {
  sim: RunningSimulator;
  client: Code42Client;
}

/**
 * A client for the simulator's demo tenant. It logs nothing and, unless `retry` says otherwise, never retries:
 * a failure shows at once. It is not paced (suites make more than Code42's 120 calls a minute against one
 * simulator) unless `options.budget` gives it a budget.
 */
export function clientFor(sim: RunningSimulator, retry: Code42ClientOptions['retry'] = { maxRetries: 0 }, options: Partial<Code42ClientOptions> = {}): Code42Client {
  return createCode42Client({ apiUrl: sim.url, consoleUrl: sim.url, ...sim.credentials, retry, budget: unlimitedBudget, ...options });
}

export interface UseSimulatedOptions extends SimulatorOptions {
  /** `suite` (the default): one tenant for all tests; `test`: a fresh tenant per test, for tests that change it. */
  per?: 'suite' | 'test';
}

/**
 * Registers the jest hooks that start and close the simulator and its client. Read `sim` and `client` inside
 * tests (or hooks after this one): outside them nothing is running, and reading throws.
 */
export function useSimulated({ per = 'suite', ...options }: UseSimulatedOptions = {}): Simulated {
  let running: Simulated | undefined;
  const [start, stop] = per === 'suite' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  start(async () => {
    const sim = await startSimulator(options);
    running = { sim, client: clientFor(sim) };
  });
  stop(async () => {
    const closing = running;
    running = undefined;
    await closing?.client.close();
    await closing?.sim.close();
  });
  const current = (): Simulated => {
    if (!running) throw new Error('The simulator is not running: read it inside a test.');
    return running;
  };
  return {
    get sim() {
      return current().sim;
    },
    get client() {
      return current().client;
    },
  };
}
