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
import type { Incident } from '../fetch/incident';
import type { LastRun } from '../fetch/last-run';
import type { IncidentSink } from '../fetch/sink';
import { reasonOf, type Database } from './database';
import { FETCH_CHECKPOINT, PgFetchStore, type IncidentPage } from './fetch-store';
import { Lease, replicaName } from './lease';
import { OutboxDeliverer, type OutboxOptions } from './outbox';

export interface ReplicaStoreOptions {
  db: Database;
  /** How often each replica asks for the lease: the fetch interval. */
  intervalMs: number;
  /**
   * How long the lease outlives its last renewal. Default: the interval plus the interval again, at most
   * 30 s more — long enough that the holder, which renews at every run, keeps it from one run to the next,
   * so one replica fetches per interval; a dead holder is replaced within one interval plus this.
   */
  leaseMs?: number;
  /** This replica's name in the lease (default: host, pid and a random suffix). */
  holder?: string;
  /** The webhook each new incident is delivered to through the outbox, if any. */
  webhook?: IncidentSink;
  outbox?: Omit<OutboxOptions, 'sink' | 'logger'>;
  logger?: Logger;
}

export interface RunResult {
  incidents: Incident[];
  lastRun: LastRun;
}

export interface RunReport {
  delivered: number;
  skipped: number;
  lastRun: LastRun;
}

export function defaultLeaseMs(intervalMs: number): number {
  return intervalMs + Math.min(intervalMs, 30_000);
}

export class ReplicaFetchStore {
  readonly lease: Lease;
  readonly outbox?: OutboxDeliverer;
  private readonly store: PgFetchStore;

  constructor(private readonly options: ReplicaStoreOptions) {
    const { db, intervalMs, webhook, logger } = options;
    this.store = new PgFetchStore(db);
    this.lease = new Lease(db, FETCH_CHECKPOINT, options.holder ?? replicaName(), options.leaseMs ?? defaultLeaseMs(intervalMs));
    if (webhook) this.outbox = new OutboxDeliverer(db, { ...options.outbox, sink: webhook, logger });
  }

  get description(): string {
    return this.outbox ? `${this.store.description} (webhook ${this.outbox.destination})` : this.store.description;
  }

  /** Starts delivering queued webhook deliveries (every replica does, leaseholder or not). */
  start(): void {
    this.outbox?.start();
  }

  /**
   * One fetch run if this replica holds (or gets) the lease: undefined when another replica holds it.
   * Rejects when fetching or committing fails; then nothing was stored and the checkpoint did not move.
   */
  async runExclusive(run: (lastRun: LastRun) => Promise<RunResult>): Promise<RunReport | undefined> {
    const grant = await this.lease.acquire();
    if (!grant) return undefined;
    const heartbeat = setInterval(() => {
      this.lease.acquire().catch((error: unknown) => this.options.logger?.warn({ error: reasonOf(error) }, `[Fetch] Could not renew the fetch lease: ${reasonOf(error)}.`));
    }, this.lease.ttlMs / 3);
    try {
      const checkpoint = await this.store.readCheckpoint();
      const { incidents, lastRun } = await run(checkpoint.lastRun);
      if (incidents.length === 0 && JSON.stringify(lastRun) === JSON.stringify(checkpoint.lastRun)) return { delivered: 0, skipped: 0, lastRun };
      const report = await this.store.commit({ incidents, lastRun, basedOn: checkpoint.version, destination: this.outbox?.destination });
      if (report.delivered > 0) this.outbox?.kick();
      return { delivered: report.delivered, skipped: report.skipped, lastRun };
    } finally {
      clearInterval(heartbeat);
    }
  }

  read(page: { offset?: number; limit?: number } = {}): Promise<IncidentPage> {
    return this.store.read(page);
  }

  /** Stops delivering and gives the lease up, so another replica takes over at its next interval. */
  async close(): Promise<void> {
    await this.outbox?.stop();
    await this.lease.release().catch(() => undefined);
  }
}
