// `code42-soar db migrate|status` against a real database, through the CLI entry point.
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli';
import { MIGRATIONS } from '../../src/store/migrations';
import { freshDatabase, type TestDatabase } from './database';

let target: TestDatabase;

beforeEach(async () => {
  target = await freshDatabase({ migrated: false });
});

afterEach(async () => {
  await target.drop();
});

async function cli(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await main(['db', ...argv], { stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}

test('status on a new database lists every migration pending; migrate applies them; status then lists them applied', async () => {
  const env = { DATABASE_URL: target.url };
  const before = await cli(['status'], env);
  expect(before.code).toBe(0);
  expect(before.stdout).toContain(`schema version 0, ${MIGRATIONS.length} pending.`);
  expect(before.stdout).toContain('  pending  1  incidents, checkpoints, leases and the webhook outbox');

  const migrated = await cli(['migrate'], env);
  expect(migrated).toMatchObject({ code: 0, stderr: '' });
  expect(migrated.stdout).toContain('applied 2: the Code42 request budget shared by replicas');

  const after = await cli(['status'], env);
  expect(after.stdout).toContain(`schema version ${MIGRATIONS.length}, 0 pending.`);
  expect(after.stdout).toMatch(/ {2}applied {2}1 {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}incidents/);
  expect((await cli(['migrate'], env)).stdout).toContain('is up to date');
});

test('the PG* variables select the database too', async () => {
  const url = new URL(target.url);
  const env = { PGHOST: url.hostname, PGPORT: url.port, PGUSER: 'postgres', PGDATABASE: url.pathname.slice(1) };
  const result = await cli(['migrate'], env);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`postgres@${url.hostname}:${url.port}/${url.pathname.slice(1)} is at schema version`);
});

test('without a database configured, db says what to set', async () => {
  const result = await cli(['status'], {});
  expect(result).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining('no database is configured; set DATABASE_URL') });
});

test('an unreachable database is one sentence naming it, without the password', async () => {
  const result = await cli(['migrate'], { DATABASE_URL: 'postgres://soar:s3cret@127.0.0.1:1/incidents' });
  expect(result).toEqual({ code: 1, stdout: '', stderr: 'code42-soar db: The database soar@127.0.0.1:1/incidents failed: connection refused.\n' });
});

test.each<[string[], string, NodeJS.ProcessEnv?]>([
  [[], 'say what to do: db migrate or db status.'],
  [['drop'], 'unknown action "drop": db migrate or db status.'],
  [['status', '--all'], 'db status takes no arguments, not "--all".'],
  [['status'], 'DATABASE_URL must start with postgres:// or postgresql://, not mysql://.', { DATABASE_URL: 'mysql://h/db' }],
])('db %j is a usage error', async (argv, message, env = {}) => {
  expect(await cli(argv, env)).toEqual({ code: 2, stdout: '', stderr: `code42-soar db: ${message}\n` });
});
