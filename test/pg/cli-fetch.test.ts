// `code42-soar fetch` with DATABASE_URL: one more replica's run on the replicas' PostgreSQL — their lease,
// their checkpoint and table, their shared request budget and their webhook outbox — against a simulator
// standing in for the Code42 instance.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/fetch';
import { Scheduler } from '../../src/fetch/scheduler';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { Database } from '../../src/store/database';
import { FETCH_CHECKPOINT } from '../../src/store/fetch-store';
import { Lease } from '../../src/store/lease';
import { migrate, SCHEMA } from '../../src/store/migrations';
import { ReplicaFetchStore } from '../../src/store/replica-store';
import { captureIO } from '../foundation/helpers';
import { clientFor } from '../support/simulator';
import { freshDatabase, type TestDatabase } from './database';

const PASSWORD = 'cli-fetch-s3cret-pw';
let sim: RunningSimulator;
let target: TestDatabase;
let dataDir: string;
let description: string;

beforeAll(async () => {
  sim = await startSimulator({ sessions: 6 });
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  target = await freshDatabase({ migrated: false });
  dataDir = await mkdtemp(join(tmpdir(), 'cli-fetch-pg-'));
  const url = new URL(target.url);
  description = `PostgreSQL ${url.username}@${url.hostname}:${url.port}${url.pathname}`;
});

afterEach(async () => {
  await target.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The CLI's environment: the simulator as the Code42 instance, this test's database (with a password, which the test server's trust authentication ignores). */
function envFor(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const url = new URL(target.url);
  url.password = PASSWORD;
  return {
    DATABASE_URL: url.href,
    CODE42_API_URL: sim.url,
    CODE42_CLIENT_ID: sim.credentials.clientId,
    CODE42_CLIENT_SECRET: sim.credentials.clientSecret,
    CODE42_FIRST_FETCH: '30 days',
    CODE42_MAX_FETCH: '200',
    CODE42_SOAR_DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

const storedIds = async (): Promise<string[]> =>
  (await target.db.query<{ session_id: string }>(`SELECT session_id FROM ${SCHEMA}.incidents ORDER BY position`)).rows.map((r) => r.session_id);

const checkpointVersion = async (): Promise<number> =>
  Number((await target.db.query<{ version: string }>(`SELECT version FROM ${SCHEMA}.checkpoints WHERE name = $1`, [FETCH_CHECKPOINT])).rows[0]?.version ?? 0);

test('stores the new incidents in the replicas\' table and checkpoint, and says so', async () => {
  const io = captureIO(envFor());
  expect(await run([], io)).toBe(0);
  const ids = await storedIds();
  expect(ids.length).toBeGreaterThan(0);
  expect(io.stdout.text).toBe(
    `Fetched ${ids.length} incidents: ${ids.length} delivered to the incidents table in ${description}; checkpoint saved to ${description}.\n`,
  );
  expect(await checkpointVersion()).toBe(1);
  // The request budget the replicas share counted this run's Code42 requests.
  const { rows } = await target.db.query<{ client: string; slots: number }>(`SELECT client, cardinality(slots) AS slots FROM ${SCHEMA}.request_budget`);
  expect(rows).toEqual([{ client: expect.stringContaining(sim.credentials.clientId), slots: expect.any(Number) }]);
  expect(rows[0].slots).toBeGreaterThan(0);
  // The lease was given back: a replica can fetch at its next interval.
  expect((await target.db.query(`SELECT 1 FROM ${SCHEMA}.leases WHERE expires_at > now()`)).rows).toEqual([]);
});

test('a replica after the CLI run continues from its checkpoint, and a second CLI run finds nothing new', async () => {
  expect(await run([], captureIO(envFor()))).toBe(0);
  const first = await storedIds();

  const db = new Database({ pool: { connectionString: target.url }, description: 'replica' });
  const replica = new ReplicaFetchStore({ db, intervalMs: 60_000, holder: 'replica-a' });
  try {
    const report = await new Scheduler({ client: clientFor(sim), params: { first_fetch: '30 days', max_fetch: '200' }, store: replica, intervalMinutes: 1 }).runOnce();
    expect(report).toMatchObject({ fetched: 0, delivered: 0 });
  } finally {
    await replica.close();
    await db.close();
  }
  const io = captureIO(envFor());
  expect(await run([], io)).toBe(0);
  expect(io.stdout.text).toBe(`No new alerts; checkpoint saved to ${description}.\n`);
  expect(await storedIds()).toEqual(first);
  expect(await checkpointVersion()).toBe(3);
});

test('while a replica holds the fetch lease, the CLI fetches nothing and says who holds it', async () => {
  await migrate(target.db);
  expect(await new Lease(target.db, FETCH_CHECKPOINT, 'replica-a', 60_000).acquire()).toBeTruthy();
  const io = captureIO(envFor());
  expect(await run([], io)).toBe(1);
  expect(io.stderr.text).toMatch(/^code42-soar fetch: Another process \(replica-a\) holds the fetch lease/m);
  expect(await storedIds()).toEqual([]);
  expect(await checkpointVersion()).toBe(0);
});

test('a CLI run and a replica run at once deliver every session once between them', async () => {
  const db = new Database({ pool: { connectionString: target.url }, description: 'replica' });
  const replica = new ReplicaFetchStore({ db, intervalMs: 60_000, holder: 'replica-a' });
  const scheduler = new Scheduler({ client: clientFor(sim), params: { first_fetch: '30 days', max_fetch: '200' }, store: replica, intervalMinutes: 1 });
  try {
    const io = captureIO(envFor());
    const [code, replicaRun] = await Promise.all([run([], io), scheduler.runOnce().then((r) => r.delivered, () => 0)]);
    // One of the two held the lease (the other was busy, or found the checkpoint already moved); a later
    // run of each finds nothing new.
    const cliDelivered = code === 0 ? Number(/: (\d+) delivered/.exec(io.stdout.text)?.[1] ?? 0) : 0;
    expect((await scheduler.runOnce()).delivered).toBe(0);
    // The replica keeps the lease between its runs; given back, the CLI gets it.
    await replica.close();
    const again = captureIO(envFor());
    expect(await run([], again)).toBe(0);
    expect(again.stdout.text).toMatch(/^No new alerts;/);
    const ids = await storedIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(cliDelivered + replicaRun).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(0);
  } finally {
    await replica.close();
    await db.close();
  }
});

describe('with CODE42_SOAR_WEBHOOK_URL', () => {
  let server: Server;
  let status: number;
  let received: { key: string | undefined; id: string }[];
  let hook: string;

  beforeEach(async () => {
    status = 200;
    received = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (status === 200) received.push({ key: request.headers['idempotency-key'] as string | undefined, id: (JSON.parse(body) as { dbotMirrorId: string }).dbotMirrorId });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('posts each new incident through the outbox, keyed by its session id, before exiting', async () => {
    const io = captureIO(envFor({ CODE42_SOAR_WEBHOOK_URL: hook }));
    expect(await run([], io)).toBe(0);
    const ids = await storedIds();
    expect(io.stdout.text).toContain(`\nPosted ${ids.length} incidents to the webhook ${hook}.\n`);
    expect(received.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(received.every((r) => r.key === r.id)).toBe(true);
    const { rows } = await target.db.query(`SELECT 1 FROM ${SCHEMA}.outbox WHERE delivered_at IS NULL`);
    expect(rows).toEqual([]);
  });

  test('a webhook that refuses leaves the deliveries in the outbox and the run committed', async () => {
    status = 503;
    const io = captureIO(envFor({ CODE42_SOAR_WEBHOOK_URL: hook }));
    expect(await run([], io)).toBe(0);
    const ids = await storedIds();
    expect(ids.length).toBeGreaterThan(0);
    expect(io.stderr.text).toContain(
      `code42-soar fetch: the webhook ${hook} did not take ${ids.length} incidents; they stay in the outbox, retried by the next run or any replica.\n`,
    );
    const { rows } = await target.db.query(`SELECT 1 FROM ${SCHEMA}.outbox WHERE delivered_at IS NULL`);
    expect(rows).toHaveLength(ids.length);
    expect(await checkpointVersion()).toBe(1);
  });
});

test.each([
  [['--state', 'x.json'], '--state does not apply with DATABASE_URL set: the checkpoint is the one the replicas share in'],
  [['--sink', 'x.jsonl'], '--sink does not apply with DATABASE_URL set: incidents go to the incidents table in'],
])('%j with a database is a usage error naming the database, without its password', async (argv, start) => {
  const io = captureIO(envFor());
  expect(await run(argv, io)).toBe(2);
  expect(io.stderr.text).toBe(`code42-soar fetch: ${start} ${description}${argv[0] === '--sink' ? ', and to a webhook through CODE42_SOAR_WEBHOOK_URL' : ''}.\n`);
});

test('a database that is down fails the run in one sentence naming it, never the password', async () => {
  await migrate(target.db);
  await target.cutOff();
  try {
    const io = captureIO(envFor());
    expect(await run([], io)).toBe(1);
    expect(io.stderr.text).toMatch(/code42-soar fetch: The database postgres@127\.0\.0\.1:\d+\/test_\w+ failed: [^\n]+\.\n$/);
    expect(io.stdout.text + io.stderr.text).not.toContain(PASSWORD);
  } finally {
    await target.restore();
  }
  expect(await storedIds()).toEqual([]);
});
