// The load generator, forked by bench/service.ts: a fixed number of concurrent callers, each issuing the
// next call as soon as the previous one answered, for a fixed time after a warm-up. The same process
// measures the direct calls (client, command) so every target is measured from the same place.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { unlimitedBudget } from '../../src/code42/budget';
import { openRuntime, type Runtime } from '../../src/runtime';
import type { FromLoadClient, LoadPhase, LoadSetup, PhaseResult, Target, ToLoadClient } from './protocol';

type Call = () => Promise<boolean>;

const send = (message: FromLoadClient): void => void process.send!(message);

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

class LoadClient {
  private constructor(
    private readonly setup: LoadSetup,
    private readonly runtime: Runtime,
  ) {}

  static async open(setup: LoadSetup): Promise<LoadClient> {
    const { url, clientId, clientSecret } = setup.simulator;
    const env = { CODE42_API_URL: url, CODE42_CONSOLE_URL: url, CODE42_CLIENT_ID: clientId, CODE42_CLIENT_SECRET: clientSecret };
    // Unpaced: the bench measures the service, and the simulator enforces no rate limit here.
    const runtime = await openRuntime({ config: loadConfig({ env }), logger: createLogger({ level: 'warn' }), budget: () => unlimitedBudget });
    return new LoadClient(setup, runtime);
  }

  private callFor(target: Target, pool: Pool): Call {
    const { alertId } = this.setup.simulator;
    const { code42 } = this.runtime.context;
    switch (target) {
      case 'client':
        return async () => (await code42.sessions.get(alertId)).sessionId === alertId;
      case 'command':
        return async () => (await this.runtime.registry.execute('code42-alert-get', { id: alertId }, this.runtime.context))[0].Type === 1;
      case 'service': {
        const body = JSON.stringify({ id: alertId });
        const headers = { authorization: `Bearer ${this.setup.apiKey}`, 'content-type': 'application/json' };
        return async () => {
          const response = await pool.request({ method: 'POST', path: '/v1/commands/code42-alert-get', headers, body });
          const text = await response.body.text();
          return response.statusCode === 200 && text.startsWith('[{"Type":1');
        };
      }
    }
  }

  async run(phase: LoadPhase): Promise<PhaseResult> {
    const pool = new Pool(this.setup.serviceUrl, { connections: phase.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
    const call = this.callFor(phase.target, pool);
    try {
      await this.drive(call, phase.concurrency, phase.warmupMs, undefined);
      const latencies: number[] = [];
      const counts = { errors: 0 };
      const started = performance.now();
      await this.drive(call, phase.concurrency, phase.durationMs, { latencies, counts });
      const elapsedMs = performance.now() - started;
      const sorted = Float64Array.from(latencies).sort();
      return { ...phase, requests: latencies.length, errors: counts.errors, elapsedMs, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
    } finally {
      await pool.close();
    }
  }

  private async drive(call: Call, concurrency: number, durationMs: number, record?: { latencies: number[]; counts: { errors: number } }): Promise<void> {
    const end = performance.now() + durationMs;
    const caller = async (): Promise<void> => {
      while (performance.now() < end) {
        const started = performance.now();
        let ok: boolean;
        try {
          ok = await call();
        } catch {
          ok = false;
        }
        if (!record) continue;
        record.latencies.push(performance.now() - started);
        if (!ok) record.counts.errors++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, caller));
  }

  close(): Promise<void> {
    return this.runtime.close();
  }
}

let client: LoadClient | undefined;

process.on('message', (message: ToLoadClient) => {
  const handle = async (): Promise<void> => {
    if (message.kind === 'setup') {
      client = await LoadClient.open(message.setup);
      send({ kind: 'ready' });
    } else if (message.kind === 'phase') {
      send({ kind: 'result', result: await client!.run(message.phase) });
    } else {
      await client?.close();
      process.disconnect();
    }
  };
  handle().catch((error: unknown) => send({ kind: 'failed', message: (error as Error).message }));
});
