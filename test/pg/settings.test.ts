// What selects PostgreSQL for `serve`, and how a bad setting is refused before anything starts.
import { run as serve } from '../../src/cli/serve';
import { SERVICE_ENVIRONMENT, SettingsError, serviceSettings } from '../../src/server/settings';
import { captureIO } from '../foundation/helpers';
import { databaseSettings } from '../../src/store/database-settings';
import { requestBudgetLimit } from '../../src/store/budget';

test('without DATABASE_URL, PGHOST or PGDATABASE state stays in files', () => {
  expect(databaseSettings({ PGUSER: 'soar', PGPASSWORD: 'secret', PGPORT: '5433' })).toBeUndefined();
  expect(serviceSettings({}).database).toBeUndefined();
});

test('DATABASE_URL selects PostgreSQL and is described without its password', () => {
  const settings = databaseSettings({ DATABASE_URL: 'postgresql://soar:s3cret@db.internal:6432/incidents?sslmode=require' });
  expect(settings).toEqual({ pool: { connectionString: 'postgresql://soar:s3cret@db.internal:6432/incidents?sslmode=require' }, description: 'soar@db.internal:6432/incidents' });
});

test('the PG* variables select PostgreSQL too, with libpq defaults for what they leave out', () => {
  expect(databaseSettings({ PGHOST: 'db.internal', PGUSER: 'soar', PGPASSWORD: 's3cret' })).toEqual({
    pool: { host: 'db.internal', port: 5432, user: 'soar', password: 's3cret', database: 'soar' },
    description: 'soar@db.internal:5432/soar',
  });
});

test.each([
  [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL must start with postgres:// or postgresql://, not mysql://.'],
  [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a URL like postgres://user:password@host:5432/database.'],
  [{ PGHOST: 'db', PGPORT: '99999' }, 'PGPORT must be a port number (1-65535), not "99999".'],
  [{ DATABASE_URL: 'postgres://db/x', CODE42_SOAR_REQUEST_BUDGET: '120 per minute' }, 'CODE42_SOAR_REQUEST_BUDGET must be "<requests>/<seconds>" such as "120/60", not "120 per minute".'],
  [{ CODE42_SOAR_WEBHOOK_URL: 'ftp://user:pw@host/x' }, 'CODE42_SOAR_WEBHOOK_URL must be an http:// or https:// URL.'],
])('serve refuses %j in one sentence', (env, message) => {
  expect(() => serviceSettings(env)).toThrow(new SettingsError(message));
});

test('the shared budget is Code42\'s 120 per 60 s unless lowered', () => {
  expect(requestBudgetLimit({})).toEqual({ requests: 120, windowMs: 60_000 });
  expect(requestBudgetLimit({ CODE42_SOAR_REQUEST_BUDGET: '90/60' })).toEqual({ requests: 90, windowMs: 60_000 });
  expect(serviceSettings({ DATABASE_URL: 'postgres://db/x', CODE42_SOAR_REQUEST_BUDGET: '20/4' }).requestBudget).toEqual({ requests: 20, windowMs: 4_000 });
});

test('serve --help lists every variable the service settings read, the database, webhook and budget ones included', async () => {
  // Every branch of serviceSettings runs with this environment; the proxy records each name it reads.
  const read = new Set<string>();
  const env = new Proxy<NodeJS.ProcessEnv>(
    { DATABASE_URL: 'postgres://soar:s3cret@db.internal/incidents', CODE42_SOAR_API_KEY: 'a-key-of-sixteen-chars', CODE42_SOAR_WEBHOOK_URL: 'https://hook.example/in' },
    { get: (target, name: string) => (read.add(name), target[name]) },
  );
  serviceSettings(env);
  const io = captureIO({});
  expect(await serve(['--help'], io)).toBe(0);
  const help = io.stdout.text;
  for (const name of ['DATABASE_URL', 'CODE42_SOAR_WEBHOOK_URL', 'CODE42_SOAR_REQUEST_BUDGET', 'LOG_LEVEL', 'LOG_FORMAT', ...read]) expect(help).toContain(name);
  for (const { name, help: line } of SERVICE_ENVIRONMENT) expect(help).toContain(`  ${name}\n      ${line}\n`);
  expect(help).not.toContain('s3cret');
});
