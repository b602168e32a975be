// Where scheduled fetching keeps its state: the checkpoint (lastRun) and the incidents delivered. The scheduler
// and GET /v1/incidents use only FetchStore, so the same run works on files under data/ (this file) and on
// PostgreSQL for replicas (src/store, issue 14).
//
// Exactly once, whatever moment a process dies, with any number of processes sharing the state:
//   1. take the exclusive right to fetch this state (file store: an OS-level lock, os-lock.ts);
//   2. under it, read the checkpoint — and, at delivery, what the sink holds — fresh, never from a cache;
//   3. fetchIncidents (pure: dying here loses nothing);
//   4. deliver to the sink FIRST (JSONL: one append + fsync; it skips sessions it already holds);
//   5. THEN save the checkpoint atomically (temporary file, fsync, rename).
// Dying between 4 and 5 leaves the old checkpoint: the next run (this process or another) fetches the same
// sessions again and the sink, which knows what it holds, takes none of them twice. A webhook receives the
// session id as Idempotency-Key for the same reason.
import { basename, dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { removeOrphans } from './atomic-file';
import type { Incident } from './incident';
import { JsonlSink, type IncidentPage } from './jsonl-sink';
import type { LastRun } from './last-run';
import { busyMessage, FetchBusyError, tryLock, type HeldLock } from './os-lock';
import { DEFAULT_SINK, type DeliveryReport, type IncidentSink } from './sink';
import { DEFAULT_STATE_FILE, readLastRunFile, writeLastRunFile } from './state-file';

/** What one run may read and change; valid only inside FetchStore.exclusive. */
export interface FetchState {
  /** The checkpoint as saved ({} before the first run). */
  lastRun(): Promise<LastRun>;
  /** Delivers the incidents the sink does not hold yet, THEN saves lastRun. */
  commit(incidents: readonly Incident[], lastRun: LastRun): Promise<DeliveryReport>;
}

export interface FetchStore {
  /** Where incidents and checkpoint live, safe to print. */
  readonly description: string;
  /** Runs `task` holding the exclusive right to fetch this state; rejects with FetchBusyError when another holds it. */
  exclusive<T>(task: (state: FetchState) => Promise<T>): Promise<T>;
  /** The incidents the sink holds, read fresh (what another process appended included); absent for a webhook. */
  read?(page: { offset: number; limit: number }): Promise<IncidentPage>;
  close(): Promise<void>;
}

export { FetchBusyError };

export interface FileStoreOptions {
  /** The checkpoint file (default data/fetch-state.json). */
  stateFile?: string;
  /** A JSONL sink (the default, data/incidents.jsonl) or any other, e.g. a webhook. */
  sink?: IncidentSink;
  logger?: Logger;
  /** Writes the checkpoint; tests replace it to stand for a process killed between delivery and checkpoint. */
  saveCheckpoint?: (file: string, lastRun: LastRun) => Promise<void>;
}

export class FileFetchStore implements FetchStore {
  readonly stateFile: string;
  readonly sink: IncidentSink;
  private readonly logger?: Logger;
  private readonly saveCheckpoint: (file: string, lastRun: LastRun) => Promise<void>;
  readonly read?: (page: { offset: number; limit: number }) => Promise<IncidentPage>;

  constructor(options: FileStoreOptions = {}) {
    this.stateFile = options.stateFile ?? DEFAULT_STATE_FILE;
    this.logger = options.logger;
    this.sink = options.sink ?? new JsonlSink(join(dirname(this.stateFile), basename(DEFAULT_SINK)), options.logger);
    this.saveCheckpoint = options.saveCheckpoint ?? writeLastRunFile;
    if (this.sink instanceof JsonlSink) {
      const sink = this.sink;
      this.read = (page) => sink.read(page);
    }
  }

  get description(): string {
    return `${this.sink.description} (checkpoint ${this.stateFile})`;
  }

  /**
   * The state file's lock, and the JSONL file's too: a second fetcher with its own checkpoint (`--state`) but
   * the same sink must not append beside this one, or both could add a session the file did not hold yet.
   */
  private async lockAll(): Promise<HeldLock[]> {
    const files = this.sink instanceof JsonlSink ? [this.stateFile, this.sink.file] : [this.stateFile];
    const held: HeldLock[] = [];
    for (const file of files) {
      const lock = await tryLock(file);
      if (!lock) {
        await Promise.all(held.map((h) => h.release()));
        throw new FetchBusyError(busyMessage(file));
      }
      held.push(lock);
    }
    return held;
  }

  async exclusive<T>(task: (state: FetchState) => Promise<T>): Promise<T> {
    const locks = await this.lockAll();
    try {
      // Holding the lock, every temporary checkpoint beside the state file is a killed writer's.
      const orphans = await removeOrphans(this.stateFile);
      if (orphans.length > 0) this.logger?.info({ orphans }, `[Fetch] Removed ${orphans.length} temporary checkpoint file(s) an interrupted run left.`);
      return await task({
        lastRun: () => readLastRunFile(this.stateFile),
        commit: async (incidents, lastRun) => {
          const report = incidents.length > 0 ? await this.sink.deliver(incidents) : { delivered: 0, skipped: 0 };
          await this.saveCheckpoint(this.stateFile, lastRun);
          return report;
        },
      });
    } finally {
      await Promise.all(locks.map((lock) => lock.release()));
    }
  }

  close(): Promise<void> {
    return this.sink.close();
  }
}
