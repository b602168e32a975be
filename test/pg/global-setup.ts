// Jest global setup: one throwaway PostgreSQL server for the whole run, whether or not another server runs
// on this machine (it takes a free port and a fresh data folder). Test files find it through
// TEST_DATABASE_URL (a superuser URL) and each creates its own database (test/pg/database.ts), so files
// running in parallel never see each other's rows. A TEST_DATABASE_URL set beforehand names a server to use
// instead (then nothing is started or stopped here).
import { startLocalPostgres, type LocalPostgres } from '../../bench/replicas/postgres-server';

export const TEST_DATABASE_URL_ENV = 'TEST_DATABASE_URL';

declare global {
  var __code42SoarPostgres: LocalPostgres | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env[TEST_DATABASE_URL_ENV]) return;
  const server = await startLocalPostgres();
  globalThis.__code42SoarPostgres = server;
  // Workers are forked after global setup and inherit this environment.
  process.env[TEST_DATABASE_URL_ENV] = server.url;
}
