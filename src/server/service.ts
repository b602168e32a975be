// `code42-soar serve` put together: runtime (demo mode starts the simulator), scheduled fetching into the
// data directory — or, with DATABASE_URL, into PostgreSQL shared with other replicas (src/store) — the HTTP
// service on HOST:PORT, and an orderly close: stop accepting, let in-flight commands and the fetch run in
// progress finish (its checkpoint is written whole or not at all), then release Code42 connections, the
// simulator and the database.
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { InstanceConfig } from '../config';
import { JsonlSink } from '../fetch/jsonl-sink';
import { Scheduler } from '../fetch/scheduler';
import { DEFAULT_SINK } from '../fetch/sink';
import { DEFAULT_STATE_FILE } from '../fetch/state-file';
import { FileFetchStore, type FetchStore } from '../fetch/store';
import { WebhookSink } from '../fetch/webhook-sink';
import { openRuntime, type Runtime } from '../runtime';
import { PostgresState } from '../store/postgres-state';
import type { ReplicaFetchStore } from '../store/replica-store';
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
  /** Where incidents and checkpoint go, safe to print: files in the data directory, or PostgreSQL. */
  into: string;
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
  const postgres = settings.database ? new PostgresState(settings.database, { budget: settings.requestBudget, logger }) : undefined;
  let runtime: Runtime;
  try {
    runtime = await openRuntime({ config: options.config, logger, dataDir: settings.dataDir, budget: postgres?.budgetFor });
  } catch (error) {
    await postgres?.close();
    throw error;
  }
  let store: FetchStore | undefined;
  let replicaStore: ReplicaFetchStore | undefined;
  let scheduler: Scheduler | undefined;
  let app: FastifyInstance | undefined;
  let fetching: ScheduledFetching | undefined;

  const stopServing = async (): Promise<void> => {
    // Fastify waits for in-flight requests; the scheduler for its run in progress. Only then do the
    // store (the outbox's delivery in progress, the lease) and the Code42 client go away, then the database.
    await closeAll([async () => void (await app?.close()), async () => scheduler?.stop()]);
    await closeAll([async () => store?.close(), () => runtime.close()]);
    await postgres?.close();
  };

  try {
    if (options.fetch.enabled) {
      const intervalMs = options.fetch.intervalMs ?? runtime.config.incidentFetchInterval * 60_000;
      if (postgres) {
        store = replicaStore = postgres.fetchStore({ intervalMs, webhookUrl: settings.webhookUrl });
      } else {
        const sink = settings.webhookUrl ? new WebhookSink(settings.webhookUrl) : new JsonlSink(join(settings.dataDir, basename(DEFAULT_SINK)), logger);
        store = new FileFetchStore({ stateFile: join(settings.dataDir, basename(DEFAULT_STATE_FILE)), sink, logger });
      }
      fetching = { intervalMs, into: store.description };
      scheduler = new Scheduler({ client: runtime.context.code42, params: fetchParamsOf(runtime.config), store, intervalMinutes: intervalMs / 60_000, logger });
    }
    // With PostgreSQL every replica answers from the shared table, fetching or not.
    const fileStore = store;
    const incidents = postgres ?? (fileStore?.read ? { read: (page: { offset: number; limit: number }) => fileStore.read!(page) } : undefined);
    app = await buildServer({ runtime, apiKey: settings.apiKey, logger, incidents, database: postgres });
    const url = await app.listen({ host: settings.host, port: settings.port });
    scheduler?.start();
    replicaStore?.start();
    let closing: Promise<void> | undefined;
    return { url, runtime, fetching, close: () => (closing ??= stopServing()) };
  } catch (error) {
    await stopServing().catch((cleanupError: unknown) => logger.error({ err: cleanupError }, 'cleanup after a failed start failed'));
    throw error;
  }
}
