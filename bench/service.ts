// `npm run bench -- service [--duration-ms N] [--warmup-ms N] [--concurrency 1,16]`: code42-alert-get through
// the HTTP service vs the same call made directly (the Code42 client alone, and the command through the
// registry), against the simulator. Three processes: the simulator (standing in for Code42), this one (the
// service, logging at info to /dev/null as it would in production) and the load generator, which measures
// every target from the same place with undici keep-alive connections at a fixed concurrency.
// Targets: service overhead at p50 under 2 ms; at least 1,000 requests/s on a 2-core machine.
import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/log';
import { unlimitedBudget } from '../src/code42/budget';
import { openRuntime } from '../src/runtime';
import { buildServer } from '../src/server/app';
import { generateApiKey } from '../src/server/auth';
import type { FromLoadClient, LoadPhase, PhaseResult, SimulatorReady, Target, ToLoadClient } from './service/protocol';

interface BenchOptions {
  durationMs: number;
  warmupMs: number;
  concurrency: number[];
}

function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = { durationMs: 3000, warmupMs: 1000, concurrency: [1, 16] };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--duration-ms') options.durationMs = Number(value);
    else if (flag === '--warmup-ms') options.warmupMs = Number(value);
    else if (flag === '--concurrency') options.concurrency = value.split(',').map(Number);
    else throw new Error(`Unknown option "${flag}": service accepts --duration-ms N, --warmup-ms N and --concurrency 1,16.`);
  }
  if (![options.durationMs, options.warmupMs, ...options.concurrency].every((n) => Number.isFinite(n) && n >= 0)) {
    throw new Error('--duration-ms, --warmup-ms and --concurrency take non-negative numbers.');
  }
  return options;
}

const helper = (name: string): ChildProcess => fork(join(__dirname, 'service', `${name}.js`), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`A bench helper process exited early (code ${code}).`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

async function ask(child: ChildProcess, message: ToLoadClient): Promise<FromLoadClient> {
  const answer = nextMessage<FromLoadClient>(child);
  child.send(message);
  const reply = await answer;
  if (reply.kind === 'failed') throw new Error(`The load generator failed: ${reply.message}`);
  return reply;
}

const LABELS: Record<Target, string> = {
  client: 'client direct (sessions.get)',
  command: 'command direct (registry.execute)',
  service: 'service (HTTP POST)',
};

function row(result: PhaseResult): string {
  const rps = result.requests / (result.elapsedMs / 1000);
  return [
    LABELS[result.target].padEnd(34),
    String(result.concurrency).padStart(5),
    String(result.requests).padStart(9),
    rps.toFixed(0).padStart(8),
    result.p50Ms.toFixed(3).padStart(8),
    result.p99Ms.toFixed(3).padStart(8),
    String(result.errors).padStart(7),
  ].join('  ');
}

/**
 * The service's own cost is the p50 difference with one caller at a time (with more callers than cores,
 * every target queues for the CPU and the difference measures the queue); throughput is the best req/s.
 */
function summary(results: PhaseResult[]): string {
  const lowest = Math.min(...results.map((r) => r.concurrency));
  const at = (target: Target): PhaseResult => results.find((r) => r.target === target && r.concurrency === lowest)!;
  const service = at('service');
  const rps = (r: PhaseResult): number => r.requests / (r.elapsedMs / 1000);
  const best = results.filter((r) => r.target === 'service').reduce((a, b) => (rps(b) > rps(a) ? b : a));
  return [
    `service overhead, p50 at concurrency ${lowest}: ${(service.p50Ms - at('command').p50Ms).toFixed(3)} ms over the command called directly, ` +
      `${(service.p50Ms - at('client').p50Ms).toFixed(3)} ms over the bare client call (target < 2 ms)`,
    `service throughput: ${rps(best).toFixed(0)} requests/s at concurrency ${best.concurrency} (target >= 1000)`,
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const simulatorProcess = helper('simulator-process');
  const loadProcess = helper('load-client');
  try {
    const simulator = await nextMessage<SimulatorReady>(simulatorProcess);
    const env = { CODE42_API_URL: simulator.url, CODE42_CONSOLE_URL: simulator.url, CODE42_CLIENT_ID: simulator.clientId, CODE42_CLIENT_SECRET: simulator.clientSecret };
    const logger = createLogger({ level: 'info', destination: createWriteStream('/dev/null') });
    const runtime = await openRuntime({ config: loadConfig({ env }), logger, budget: () => unlimitedBudget });
    const apiKey = generateApiKey();
    const app = await buildServer({ runtime, apiKey, logger, limits: { rateLimitPerMinute: Number.MAX_SAFE_INTEGER } });
    try {
      const serviceUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      await ask(loadProcess, { kind: 'setup', setup: { simulator, serviceUrl, apiKey } });

      process.stdout.write(
        `code42-alert-get, ${cpus().length} CPUs, ${options.durationMs} ms per phase after ${options.warmupMs} ms warm-up; simulator, service and load generator in 3 processes\n\n`,
      );
      process.stdout.write(`${'target'.padEnd(34)}  conc.  requests     req/s   p50 ms   p99 ms  errors\n`);
      const results: PhaseResult[] = [];
      for (const concurrency of options.concurrency) {
        for (const target of ['client', 'command', 'service'] as Target[]) {
          const phase: LoadPhase = { target, concurrency, warmupMs: options.warmupMs, durationMs: options.durationMs };
          const reply = await ask(loadProcess, { kind: 'phase', phase });
          if (reply.kind !== 'result') throw new Error('The load generator answered out of turn.');
          results.push(reply.result);
          process.stdout.write(`${row(reply.result)}\n`);
        }
      }

      process.stdout.write(`\n${summary(results)}`);
    } finally {
      await app.close();
      await runtime.close();
    }
  } finally {
    if (loadProcess.connected) loadProcess.send({ kind: 'stop' } satisfies ToLoadClient);
    simulatorProcess.disconnect();
  }
}
