// Scheduled fetching: one run every `intervalMinutes`, never two at once. Exactly-once at the sink,
// whatever moment the process dies:
//
//   1. read lastRun from the state file;
//   2. fetchIncidents (pure: nothing is written, so dying here loses nothing);
//   3. deliver to the sink FIRST — durable when deliver() resolves (JSONL: one append + fsync);
//   4. THEN checkpoint: lastRun replaced atomically (temp file, fsync, rename), so the file always holds
//      the previous checkpoint or the new one, never half of either.
//
// Dying before 4 leaves the old checkpoint, so the next run fetches the same alerts again and delivers
// them again — and the sink de-duplicates by alert id (the JSONL sink reads the ids it holds when it
// opens and cuts off a torn last line; a webhook gets the alert id as Idempotency-Key). Dying after 4 is
// a completed run. So every alert reaches the sink at least once (delivery precedes the checkpoint that
// skips it) and at most once (the sink refuses a second copy). Steps 1-4 hold a lock file beside the state
// file (run-lock.ts), so a second process fetching with the same files fails its run instead of reading a
// checkpoint the first is about to move.
import type { Logger } from 'pino';
import { fetchIncidents, type FetchClient } from './fetch-incidents';
import type { LastRun } from './last-run';
import { parseFetchParams, type FetchParamsInput } from './params';
import type { IncidentSink } from './sink';
import { withRunLock } from './run-lock';
import { readLastRunFile, writeLastRunFile } from './state-file';

export interface SchedulerOptions {
  client: FetchClient;
  /** The fetch parameters under their XSOAR names; validated when the scheduler is built. */
  params: FetchParamsInput;
  stateFile: string;
  sink: IncidentSink;
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
  /** Of those, already at the sink (re-fetched after an interrupted run). */
  skipped: number;
  /** The checkpoint saved by this run. */
  lastRun: LastRun;
}

export class Scheduler {
  private readonly options: SchedulerOptions;
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

  /** One run, after any run in progress; rejects with the run's error (lastRun then stays where it was). */
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
    const { client, params, stateFile, sink, logger, clock = () => new Date() } = this.options;
    const started = clock();
    const startedMs = Date.now();
    try {
      const { incidents, lastRun, delivery } = await withRunLock(stateFile, async () => {
        const previous = await readLastRunFile(stateFile);
        const fetched = await fetchIncidents(client, params, previous, started);
        const delivered = fetched.incidents.length > 0 ? await sink.deliver(fetched.incidents) : { delivered: 0, skipped: 0 };
        if (fetched.lastRun !== previous) await writeLastRunFile(stateFile, fetched.lastRun);
        return { ...fetched, delivery: delivered };
      });
      this.report = {
        startedAt: started.toISOString(),
        durationMs: Date.now() - startedMs,
        fetched: incidents.length,
        ...delivery,
        lastRun,
      };
      this.failure = undefined;
      logger?.info(
        { fetched: incidents.length, delivered: delivery.delivered, skipped: delivery.skipped, sink: sink.description },
        `[Fetch] ${incidents.length} incidents fetched, ${delivery.delivered} new at ${sink.description}.`,
      );
      return this.report;
    } catch (error) {
      this.failure = (error as Error).message;
      logger?.error({ error: this.failure }, `[Fetch] The fetch run failed and the checkpoint was left where it was: ${this.failure}`);
      throw error;
    }
  }
}
