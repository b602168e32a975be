// One database per test file on the suite's PostgreSQL server (test/pg/global-setup.ts), so files that run
// in parallel never share rows; dropped again when the file ends.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Database } from '../../src/store/database';
import { migrate } from '../../src/store/migrations';

export interface TestDatabase {
  /** postgres://... of this file's own database. */
  url: string;
  /** A store connection to it (closed by drop()). */
  db: Database;
  /** A database outage: every connection to it is ended and new ones are refused, until restore(). */
  cutOff(): Promise<void>;
  restore(): Promise<void>;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest, whose global setup starts PostgreSQL.');
  return url;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty database; migrated to the latest schema unless `migrated` is false. */
export async function freshDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const db = new Database({ pool: { connectionString: url.href }, description: name });
  if (options.migrated !== false) await migrate(db);
  return {
    url: url.href,
    db,
    async cutOff() {
      await admin(async (client) => {
        await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      });
    },
    async restore() {
      await admin((client) => client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
    },
    async drop() {
      await db.close();
      await admin((client) => client.query(`DROP DATABASE ${name} WITH (FORCE)`));
    },
  };
}
