// Everything `serve` keeps in PostgreSQL when DATABASE_URL (or PGHOST / PGDATABASE) is set, behind one
// object the service opens once: the shared Code42 request budget (for the client), the fetch store
// (lease, checkpoint, incidents, webhook outbox) for the scheduler, the incidents table for
// GET /v1/incidents, and a ping for /readyz. Opening it connects to nothing: a replica whose database is
// down still starts and serves commands, and its fetch runs fail (and advance nothing) until it is back.
import type { Logger } from 'pino';
import type { RequestBudget } from '../code42/budget';
import type { IncidentPage } from '../fetch/jsonl-sink';
import { WebhookSink } from '../fetch/webhook-sink';
import { openDatabase, type Database } from './database';
import type { DatabaseSettings } from './database-settings';
import { PgRequestBudget, type BudgetLimit } from './budget';
import { PgFetchStore } from './fetch-store';
import { migrateOnce } from './migrations';
import { ReplicaFetchStore } from './replica-store';

export interface FetchStoreRequest {
  /** The fetch interval: how often each replica asks for the lease. */
  intervalMs: number;
  /** Where each new incident is POSTed through the outbox (with its session id as Idempotency-Key), if anywhere. */
  webhookUrl?: string;
  /** This process's name in the lease (default: host, pid and a random suffix). */
  holder?: string;
}

export interface PostgresStateOptions {
  /** The limit replicas share (requestBudgetLimit(env)); Code42's 120 per 60 s by default. */
  budget?: BudgetLimit;
  logger?: Logger;
}

export class PostgresState {
  readonly db: Database;
  private readonly budgets = new Map<string, PgRequestBudget>();
  private readonly incidents: PgFetchStore;
  private readonly logger?: Logger;

  constructor(
    settings: DatabaseSettings,
    private readonly options: PostgresStateOptions = {},
  ) {
    const { logger } = options;
    this.logger = logger;
    this.db = openDatabase(settings, logger);
    this.incidents = new PgFetchStore(this.db);
  }

  get description(): string {
    return `PostgreSQL ${this.db.description}`;
  }

  /** The budget of one API client shared by every replica on this database (one per process and client). */
  readonly budgetFor = (apiUrl: string, clientId: string): RequestBudget => {
    const key = `${apiUrl}\n${clientId}`;
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new PgRequestBudget(this.db, { apiUrl, clientId, ...this.options.budget, logger: this.logger });
      this.budgets.set(key, budget);
    }
    return budget;
  };

  fetchStore(request: FetchStoreRequest): ReplicaFetchStore {
    const webhook = request.webhookUrl ? new WebhookSink(request.webhookUrl) : undefined;
    // Retries fall due at the fetch interval's pace (at most every 5 s); a commit kicks delivery at once.
    const outbox = { pollMs: Math.min(request.intervalMs, 5_000) };
    return new ReplicaFetchStore({ db: this.db, intervalMs: request.intervalMs, holder: request.holder, webhook, outbox, logger: this.logger });
  }

  /** What every replica answers on GET /v1/incidents: the table, read fresh. */
  async read(page: { offset: number; limit: number }): Promise<IncidentPage> {
    await migrateOnce(this.db);
    return this.incidents.read(page);
  }

  /** Resolves when the database answers; rejects with a DatabaseError sentence otherwise. */
  ping(): Promise<void> {
    return this.db.ping();
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
