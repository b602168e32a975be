// The PostgreSQL connection (where it comes from: database-settings.ts): one pool per process, and the two
// ways the store talks to it — a single statement, or a transaction that commits only if its function returns (any throw, or the connection dying, rolls everything back). Every
// statement goes through here, so `roundTrips` counts what a fetch run costs the database.
import pg from 'pg';
import type { Logger } from 'pino';
import { DatabaseError, reasonOf, type DatabaseSettings } from './database-settings';

export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

const POOL_SIZE = 5;
const CONNECT_TIMEOUT_MS = 5_000;
/** A statement the server accepted but never answers (a hung server, a dead link) fails instead of hanging a run. */
const QUERY_TIMEOUT_MS = 15_000;

export class Database {
  /** Statements sent since the pool opened (a transaction's BEGIN and COMMIT count). */
  roundTrips = 0;
  private readonly pool: pg.Pool;

  constructor(
    readonly settings: DatabaseSettings,
    logger?: Logger,
  ) {
    this.pool = new pg.Pool({ max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS, keepAlive: true, ...settings.pool });
    // An idle connection the server drops (restart, outage) must not crash the process: the next
    // statement gets a fresh connection or a clear error.
    this.pool.on('error', (error) => logger?.warn({ database: settings.description, error: reasonOf(error) }, `[Database] An idle connection to ${settings.description} was lost: ${reasonOf(error)}.`));
  }

  get description(): string {
    return this.settings.description;
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    this.roundTrips++;
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw this.failure(error);
    }
  }

  /** Runs `fn` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.failure(error);
    }
    // While checked out, the connection's own error event (the server ending it mid-transaction) would
    // otherwise be an unhandled 'error' and crash the process; the failed statement reports it instead.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    const tx: Queryable = {
      query: async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
        this.roundTrips++;
        try {
          return await client.query<R>(text, values);
        } catch (error) {
          throw this.failure(error);
        }
      },
    };
    let failed: unknown;
    try {
      await tx.query('BEGIN');
      const result = await fn(tx);
      await tx.query('COMMIT');
      return result;
    } catch (error) {
      failed = error;
      await tx.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A connection whose statement failed may be broken (the server went away): not reused.
      client.off('error', ignore);
      client.release(failed instanceof DatabaseError ? failed : undefined);
    }
  }

  /** True when the server answers a trivial statement. */
  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private failure(error: unknown): DatabaseError {
    if (error instanceof DatabaseError) return error;
    return new DatabaseError(`The database ${this.settings.description} failed: ${reasonOf(error)}.`);
  }
}

/** Opens the pool (no connection is made until the first statement). */
export function openDatabase(settings: DatabaseSettings, logger?: Logger): Database {
  return new Database(settings, logger);
}
