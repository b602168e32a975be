// Scheduled fetching's state in PostgreSQL, for replicas of `serve` sharing one tenant:
//
//   1. the lease (lease.ts) decides which replica runs; the others skip the interval;
//   2. the run reads the checkpoint and its version, then fetches (nothing is written: dying here loses
//      nothing and the lease runs out for another replica to take);
//   3. ONE transaction stores the incidents, queues their webhook deliveries and advances the checkpoint,
//      only if the checkpoint is still at the version read (fetch-store.ts);
//   4. after COMMIT the outbox (outbox.ts) posts the queued deliveries, on this replica or any other.
//
// A database outage fails step 2 or 3: nothing advances and the next interval tries again. While a run
// takes longer than a third of the lease, the lease is renewed in the background.
import type { Logger } from 'pino';
import type { IncidentPage } from '../fetch/jsonl-sink';
import type { LastRun } from '../fetch/last-run';
import type { IncidentSink } from '../fetch/sink';
import { FetchBusyError, type FetchState, type FetchStore } from '../fetch/store';
import type { Database } from './database';
import { reasonOf } from './database-settings';
import { FETCH_CHECKPOINT, PgFetchStore, type Checkpoint } from './fetch-store';
import { Lease, replicaName } from './lease';
import { migrateOnce } from './migrations';
import { OutboxDeliverer, type OutboxOptions } from './outbox';

export interface ReplicaStoreOptions {
  db: Database;
  /** How often each replica asks for the lease: the fetch interval. */
  intervalMs: number;
  /**
   * How long the lease outlives its last renewal. Default: the interval plus the interval again (at most
   * 30 s more), and at least 2 s — long enough that the holder, which renews at the start and end of every
   * run and a few times during it, keeps it from one run to the next even on a busy machine, so one replica
   * fetches per interval; a dead holder is replaced within one interval plus this.
   */
  leaseMs?: number;
  /** This replica's name in the lease (default: host, pid and a random suffix). */
  holder?: string;
  /** The webhook each new incident is delivered to through the outbox, if any. */
  webhook?: IncidentSink;
  outbox?: Omit<OutboxOptions, 'sink' | 'logger'>;
  logger?: Logger;
}

export function defaultLeaseMs(intervalMs: number): number {
  return Math.max(2_000, intervalMs + Math.min(intervalMs, 30_000));
}

export class ReplicaFetchStore implements FetchStore {
  readonly lease: Lease;
  readonly outbox?: OutboxDeliverer;
  private readonly store: PgFetchStore;
  private announced = false;

  constructor(private readonly options: ReplicaStoreOptions) {
    const { db, intervalMs, webhook, logger } = options;
    this.store = new PgFetchStore(db);
    this.lease = new Lease(db, FETCH_CHECKPOINT, options.holder ?? replicaName(), options.leaseMs ?? defaultLeaseMs(intervalMs));
    if (webhook) this.outbox = new OutboxDeliverer(db, { ...options.outbox, sink: webhook, logger });
  }

  get description(): string {
    return this.outbox ? `${this.store.description} (webhook ${this.outbox.destination})` : this.store.description;
  }

  /** Migrates the schema and starts delivering queued webhook deliveries (every replica does, leaseholder or not). */
  start(): void {
    // The schema at once rather than at the first run; a database that is down now is migrated then.
    this.ensureMigrated().catch((error: unknown) =>
      this.options.logger?.warn({ error: reasonOf(error) }, `[Database] Could not migrate the schema yet: ${reasonOf(error)}; the next fetch run tries again.`),
    );
    this.outbox?.start();
  }

  /**
   * Runs `task` (one fetch run) if this replica holds or gets the lease; else FetchBusyError, which the
   * scheduler logs as a skipped interval. When the task or the commit fails, nothing was stored and the
   * checkpoint did not move.
   */
  async exclusive<T>(task: (state: FetchState) => Promise<T>): Promise<T> {
    await this.ensureMigrated();
    const grant = await this.lease.acquire();
    if (!grant) {
      const holding = await this.lease.current().catch(() => undefined);
      throw new FetchBusyError(
        // Worded for a replica of serve and for a one-shot `code42-soar fetch` alike.
        `Another process${holding ? ` (${holding.holder})` : ''} holds the fetch lease and is fetching; this one fetched nothing and can once that lease is released or runs out.`,
      );
    }
    const heartbeat = setInterval(() => {
      this.lease.acquire().catch((error: unknown) => this.options.logger?.warn({ error: reasonOf(error) }, `[Fetch] Could not renew the fetch lease: ${reasonOf(error)}.`));
    }, this.lease.ttlMs / 3);
    let read: Checkpoint | undefined;
    const checkpoint = async (): Promise<Checkpoint> => (read ??= await this.store.readCheckpoint());
    try {
      return await task({
        lastRun: async () => (await checkpoint()).lastRun,
        commit: async (incidents, lastRun: LastRun) => {
          const { version } = await checkpoint();
          const report = await this.store.commit({ incidents, lastRun, basedOn: version, destination: this.outbox?.destination });
          if (report.delivered > 0) this.outbox?.kick();
          return { delivered: report.delivered, skipped: report.skipped };
        },
      });
    } finally {
      clearInterval(heartbeat);
      // Renewed at the end of every run too: the next run starts one interval after this one ends, and the
      // lease (longer than the interval) must still be this replica's then, however long this run took.
      await this.lease.acquire().catch(() => undefined);
    }
  }

  read(page: { offset: number; limit: number }): Promise<IncidentPage> {
    return this.store.read(page);
  }

  /** The schema, migrated once per pool (migrateOnce); a failure is retried at the next run. */
  async ensureMigrated(): Promise<void> {
    const applied = await migrateOnce(this.options.db);
    if (applied.length > 0 && !this.announced) {
      this.announced = true;
      this.options.logger?.info({ applied: applied.map((m) => m.version) }, `[Database] Migrated ${this.options.db.description} to schema version ${applied.at(-1)!.version}.`);
    }
  }

  /** Stops delivering and gives the lease up, so another replica takes over at its next interval. */
  async close(): Promise<void> {
    await this.outbox?.stop();
    await this.lease.release().catch(() => undefined);
  }
}
