// `code42-soar serve` put together: runtime (demo mode starts the simulator), scheduled fetching into the
// data directory, the HTTP service on HOST:PORT — and an orderly close: stop accepting, let in-flight
// commands and the fetch run in progress finish (its checkpoint is written whole or not at all), then
// release Code42 connections and the simulator.
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { InstanceConfig } from '../config';
import { JsonlSink } from '../fetch/jsonl-sink';
import { Scheduler } from '../fetch/scheduler';
import { DEFAULT_SINK } from '../fetch/sink';
import { DEFAULT_STATE_FILE } from '../fetch/state-file';
import { openRuntime, type Runtime } from '../runtime';
import { buildServer } from './app';
import { fetchParamsOf } from './routes/fetch';
import type { ServiceSettings } from './settings';

export interface ServiceOptions {
  config: InstanceConfig;
  settings: ServiceSettings;
  logger: Logger;
  /** Scheduled fetching: off, or every this many milliseconds (default: the instance's incidentFetchInterval). */
  fetch: { enabled: boolean; intervalMs?: number };
}

export interface ScheduledFetching {
  intervalMs: number;
  sinkFile: string;
  stateFile: string;
}

export interface RunningService {
  url: string;
  runtime: Runtime;
  fetching?: ScheduledFetching;
  close(): Promise<void>;
}

/** Runs every cleanup even when one fails, then reports the first failure. */
async function closeAll(steps: (() => Promise<void>)[]): Promise<void> {
  const results = await Promise.allSettled(steps.map((step) => step()));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { settings, logger } = options;
  const runtime = await openRuntime({ config: options.config, logger, dataDir: settings.dataDir });
  let sink: JsonlSink | undefined;
  let scheduler: Scheduler | undefined;
  let app: FastifyInstance | undefined;
  let fetching: ScheduledFetching | undefined;

  const stopServing = async (): Promise<void> => {
    // Fastify waits for in-flight requests; the scheduler for its run in progress. Only then do the
    // sink and the Code42 client go away.
    await closeAll([async () => void (await app?.close()), async () => scheduler?.stop()]);
    await closeAll([async () => sink?.close(), () => runtime.close()]);
  };

  try {
    if (options.fetch.enabled) {
      fetching = {
        intervalMs: options.fetch.intervalMs ?? runtime.config.incidentFetchInterval * 60_000,
        sinkFile: join(settings.dataDir, basename(DEFAULT_SINK)),
        stateFile: join(settings.dataDir, basename(DEFAULT_STATE_FILE)),
      };
      sink = await JsonlSink.open(fetching.sinkFile, logger);
      scheduler = new Scheduler({
        client: runtime.context.code42,
        params: fetchParamsOf(runtime.config),
        stateFile: fetching.stateFile,
        sink,
        intervalMinutes: fetching.intervalMs / 60_000,
        logger,
      });
    }
    app = await buildServer({ runtime, apiKey: settings.apiKey, logger, incidents: sink });
    const url = await app.listen({ host: settings.host, port: settings.port });
    scheduler?.start();
    let closing: Promise<void> | undefined;
    return { url, runtime, fetching, close: () => (closing ??= stopServing()) };
  } catch (error) {
    await stopServing().catch((cleanupError: unknown) => logger.error({ err: cleanupError }, 'cleanup after a failed start failed'));
    throw error;
  }
}
