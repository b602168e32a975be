// Scheduled fetching: one run every `intervalMinutes`, never two at once for one state — in this process (a
// queue) or across processes and replicas (the store's exclusive section). See store.ts for why a run is
// exactly-once whatever moment a process dies.
import type { Logger } from 'pino';
import { ActorNameCache } from './enrich';
import { fetchIncidents, type FetchClient } from './fetch-incidents';
import type { LastRun } from './last-run';
import { parseFetchParams, type FetchParamsInput } from './params';
import { FetchBusyError, type FetchStore } from './store';

export interface SchedulerOptions {
  client: FetchClient;
  /** The fetch parameters under their XSOAR names; validated when the scheduler is built. */
  params: FetchParamsInput;
  store: FetchStore;
  /** Minutes from the end of one run to the start of the next (XSOAR incidentFetchInterval). */
  intervalMinutes: number;
  logger?: Logger;
  /** The time each run reads (first_fetch is relative to it); the wall clock by default. */
  clock?: () => Date;
}

export interface FetchRunReport {
  startedAt: string;
  durationMs: number;
  /** Incidents the fetch produced. */
  fetched: number;
  /** Of those, new at the sink. */
  delivered: number;
  /** Of those, already at the sink (fetched again after an interrupted run). */
  skipped: number;
  /** The checkpoint saved by this run. */
  lastRun: LastRun;
}

export class Scheduler {
  private readonly options: SchedulerOptions;
  /** Actor names outlive a run (enrich.ts); bounded. */
  private readonly actorNames = new ActorNameCache();
  private queue: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private scheduled = false;
  private report?: FetchRunReport;
  private failure?: string;

  constructor(options: SchedulerOptions) {
    parseFetchParams(options.params);
    if (!(options.intervalMinutes > 0)) throw new RangeError(`The fetch interval must be a positive number of minutes, not ${options.intervalMinutes}.`);
    this.options = options;
  }

  /** The last run that completed, if any. */
  get lastReport(): FetchRunReport | undefined {
    return this.report;
  }

  /** Why the last run failed; cleared by the next successful run. */
  get lastError(): string | undefined {
    return this.failure;
  }

  /** True between start() and stop(). */
  get started(): boolean {
    return this.scheduled;
  }

  /** Runs now, then every interval after each run ends, until stop(). Failures are logged, not thrown. */
  start(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.tick();
  }

  /**
   * One run, after any run in progress here; rejects with the run's error (the checkpoint then stays where it
   * was), FetchBusyError included when another process is fetching the same state.
   */
  runOnce(): Promise<FetchRunReport> {
    const run = this.queue.then(() => this.run());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops scheduling and waits for the run in progress to finish delivering and checkpointing. */
  async stop(): Promise<void> {
    this.scheduled = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue;
  }

  private tick(): void {
    this.runOnce()
      .catch(() => undefined)
      .finally(() => {
        if (this.scheduled) this.timer = setTimeout(() => this.tick(), this.options.intervalMinutes * 60_000);
      });
  }

  private async run(): Promise<FetchRunReport> {
    const { client, params, store, logger, clock = () => new Date() } = this.options;
    const started = clock();
    const startedMs = performance.now();
    try {
      const { fetched, lastRun, delivery } = await store.exclusive(async (state) => {
        const result = await fetchIncidents(client, params, await state.lastRun(), started, { actorNames: this.actorNames });
        const delivery = await state.commit(result.incidents, result.lastRun);
        return { fetched: result.incidents.length, lastRun: result.lastRun, delivery };
      });
      this.report = { startedAt: started.toISOString(), durationMs: Math.round(performance.now() - startedMs), fetched, ...delivery, lastRun };
      this.failure = undefined;
      logger?.info(
        { fetched, delivered: delivery.delivered, skipped: delivery.skipped, store: store.description },
        `[Fetch] ${fetched} incidents fetched, ${delivery.delivered} new at ${store.description}.`,
      );
      return this.report;
    } catch (error) {
      this.failure = (error as Error).message;
      if (error instanceof FetchBusyError) logger?.info(`[Fetch] ${this.failure}`);
      else logger?.error({ error: this.failure }, `[Fetch] The fetch run failed and the checkpoint was left where it was: ${this.failure}`);
      throw error;
    }
  }
}
