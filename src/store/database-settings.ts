// Where the PostgreSQL connection comes from (DATABASE_URL, or the libpq PG* variables) and how its problems
// are worded, without loading the driver: a one-shot CLI run on files (no database configured) asks
// databaseSettings() and must not pay for loading pg (~90 ms).
import type { PoolConfig } from 'pg';

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
  pool: PoolConfig;
  /** user@host:port/database, for messages and logs. */
  description: string;
}

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
