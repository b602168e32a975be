// A simulator on 127.0.0.1 (random port) for a whole suite, and a client logged in with its demo credentials.
import type { Code42Client } from '../../src/code42/client';
import { clientFor } from '../support/simulator';
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../src/simulator';

export interface SimulatorHarness {
  simulator: RunningSimulator;
  client: Code42Client;
}

/** Starts the simulator before the suite and closes both after it; read the harness inside tests. */
export function useSimulator(options: SimulatorOptions = {}): () => SimulatorHarness {
  let harness: SimulatorHarness | undefined;
  beforeAll(async () => {
    const simulator = await startSimulator({ ...options, port: 0 });
    harness = { simulator, client: clientFor(simulator) };
  });
  afterAll(async () => {
    await harness?.client.close();
    await harness?.simulator.close();
  });
  return () => {
    if (!harness) throw new Error('The simulator is not running.');
    return harness;
  };
}

/** The count of requests the simulator served on one route since `since` was taken. */
export function requestCounter(simulator: RunningSimulator, method: string, route: string): () => number {
  const before = simulator.stats.count(method, route);
  return () => simulator.stats.count(method, route) - before;
}
