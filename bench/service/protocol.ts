// Messages between bench/service.ts and the processes it forks (simulator, load generator).

/** Where the simulator listens and one alert to ask for. */
export interface SimulatorReady {
  url: string;
  clientId: string;
  clientSecret: string;
  alertId: string;
}

/** What one load phase calls: the Code42 client, the command through the registry, or the HTTP service. */
export type Target = 'client' | 'command' | 'service';

export interface LoadSetup {
  simulator: SimulatorReady;
  serviceUrl: string;
  apiKey: string;
}

export interface LoadPhase {
  target: Target;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface PhaseResult extends LoadPhase {
  requests: number;
  errors: number;
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
}

export type ToLoadClient = { kind: 'setup'; setup: LoadSetup } | { kind: 'phase'; phase: LoadPhase } | { kind: 'stop' };
export type FromLoadClient = { kind: 'ready' } | { kind: 'result'; result: PhaseResult } | { kind: 'failed'; message: string };
