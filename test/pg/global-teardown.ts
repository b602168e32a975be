// Jest global teardown: stops the server global-setup.ts started (none when TEST_DATABASE_URL was given).
import './global-setup';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__code42SoarPostgres?.stop();
  globalThis.__code42SoarPostgres = undefined;
}
