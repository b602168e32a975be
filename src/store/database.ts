// The PostgreSQL connection: where it comes from (DATABASE_URL, or the libpq PG* variables), one pool per
// process, and the two ways the store talks to it — a single statement, or a transaction that commits
// only if its function returns (any throw, or the connection dying, rolls everything back). Every
// statement goes through here, so `roundTrips` counts what a fetch run costs the database.
import pg from 'pg';
import type { Logger } from 'pino';

export const DATABASE_URL_ENV = 'DATABASE_URL';
/**
 * The libpq variables that, without DATABASE_URL, also select PostgreSQL. PGUSER / PGPASSWORD / PGPORT alone
 * do not: they are often set for psql on a machine that is not meant to switch this service's state.
 */
const SELECTING_PG_VARS = ['PGHOST', 'PGDATABASE'] as const;

/** A database problem, in one sentence that never holds the password. */
export class DatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseError';
  }
}

export interface DatabaseSettings {
  pool: pg.PoolConfig;
  /** user@host:port/database, for messages and logs. */
  description: string;
}

export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

const POOL_SIZE = 5;
const CONNECT_TIMEOUT_MS = 5_000;
/** A statement the server accepted but never answers (a hung server, a dead link) fails instead of hanging a run. */
const QUERY_TIMEOUT_MS = 15_000;

/** PostgreSQL settings from the environment, or undefined when state stays in files. */
export function databaseSettings(env: NodeJS.ProcessEnv): DatabaseSettings | undefined {
  const url = env[DATABASE_URL_ENV]?.trim();
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseError(`${DATABASE_URL_ENV} must be a URL like postgres://user:password@host:5432/database.`);
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      throw new DatabaseError(`${DATABASE_URL_ENV} must start with postgres:// or postgresql://, not ${parsed.protocol}//.`);
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres';
    const who = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return { pool: { connectionString: url }, description: `${who}${parsed.hostname || 'localhost'}:${parsed.port || 5432}/${database}` };
  }
  if (!SELECTING_PG_VARS.some((name) => env[name]?.trim())) return undefined;
  const port = env.PGPORT ? Number(env.PGPORT) : 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new DatabaseError(`PGPORT must be a port number (1-65535), not "${env.PGPORT}".`);
  const host = env.PGHOST?.trim() || 'localhost';
  const user = env.PGUSER?.trim() || undefined;
  const database = env.PGDATABASE?.trim() || user || 'postgres';
  return {
    pool: { host, port, user, password: env.PGPASSWORD, database },
    description: `${user ? `${user}@` : ''}${host}:${port}/${database}`,
  };
}

/** The reason a driver error gives, without anything a URL or the server could have put a password in. */
export function reasonOf(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED') return 'connection refused';
  if (e.code === 'ENOTFOUND') return 'host not found';
  if (e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) return 'no answer in time';
  if (e.code === '28P01' || e.code === '28000') return 'authentication failed';
  if (e.code === '3D000') return 'the database does not exist';
  return (e.message ?? String(error)).split('\n')[0].replace(/\.$/, '');
}

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
