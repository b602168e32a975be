// The commit boundary of a fetch run in PostgreSQL: incidents, checkpoint and outbox in one transaction.
import { Client } from 'pg';
import { DatabaseError } from '../../src/store/database-settings';
import { CheckpointMovedError, PgFetchStore } from '../../src/store/fetch-store';
import { SCHEMA } from '../../src/store/migrations';
import { OutboxDeliverer } from '../../src/store/outbox';
import { freshDatabase, type TestDatabase } from './database';
import { incident, RecordingSink } from './support';

let target: TestDatabase;
let store: PgFetchStore;

beforeEach(async () => {
  target = await freshDatabase();
  store = new PgFetchStore(target.db);
});

afterEach(async () => {
  await target.drop();
});

async function count(table: string): Promise<number> {
  const { rows } = await target.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.${table}`);
  return Number(rows[0].n);
}

test('before the first run the checkpoint is empty at version 0', async () => {
  expect(await store.readCheckpoint()).toEqual({ lastRun: {}, version: 0 });
});

test('a commit stores the incidents byte for byte, queues their deliveries and advances the checkpoint', async () => {
  const run = [incident('s-1'), incident('s-2')];
  const lastRun = { last_fetch: 1765000000000, last_fetched_ids: ['s-1', 's-2'], last_fetched_times: [1, 2] };

  const report = await store.commit({ incidents: run, lastRun, basedOn: 0, destination: 'https://receiver.example/incidents' });

  expect(report).toEqual({ delivered: 2, skipped: 0, version: 1 });
  expect(await store.readCheckpoint()).toEqual({ lastRun, version: 1 });
  const page = await store.read();
  expect(page.total).toBe(2);
  expect(page.incidents.map((i) => JSON.stringify(i))).toEqual(run.map((i) => JSON.stringify(i)));
  expect(await count('outbox')).toBe(2);
});

test('incidents the table already holds are skipped, not stored or queued again', async () => {
  await store.commit({ incidents: [incident('s-1')], lastRun: { last_fetch: 1 }, basedOn: 0, destination: 'w' });

  const report = await store.commit({ incidents: [incident('s-1'), incident('s-2')], lastRun: { last_fetch: 2 }, basedOn: 1, destination: 'w' });

  expect(report).toEqual({ delivered: 1, skipped: 1, version: 2 });
  expect(await count('incidents')).toBe(2);
  expect(await count('outbox')).toBe(2);
});

test('two runs that read the same checkpoint: one commits, the other stores nothing', async () => {
  const results = await Promise.allSettled([
    store.commit({ incidents: [incident('a-1'), incident('a-2')], lastRun: { last_fetch: 10 }, basedOn: 0, destination: 'w' }),
    store.commit({ incidents: [incident('b-1')], lastRun: { last_fetch: 20 }, basedOn: 0, destination: 'w' }),
  ]);

  const winners = results.filter((r) => r.status === 'fulfilled');
  const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(1);
  expect(losers[0].reason).toBeInstanceOf(CheckpointMovedError);
  const won = results[0].status === 'fulfilled' ? ['a-1', 'a-2'] : ['b-1'];
  expect((await store.read()).incidents.map((i) => i.dbotMirrorId)).toEqual(won);
  expect((await store.readCheckpoint()).version).toBe(1);
  expect(await count('outbox')).toBe(won.length);
});

test('a run that dies before COMMIT stores, queues, delivers and advances nothing', async () => {
  // Another transaction holds s-2 uncommitted, so the run's insert waits inside its transaction, after it
  // moved the checkpoint and before COMMIT; its connection is then killed, as a crash would.
  const blocker = new Client({ connectionString: target.url });
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query(`INSERT INTO ${SCHEMA}.incidents (session_id, incident) VALUES ('s-2', '{}')`);

  const run = store.commit({ incidents: [incident('s-1'), incident('s-2')], lastRun: { last_fetch: 99 }, basedOn: 0, destination: 'https://receiver.example/incidents' });
  const outcome = run.then(
    () => 'committed',
    (error: unknown) => error,
  );
  let waiting: number | undefined;
  while (waiting === undefined) {
    const { rows } = await blocker.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
    );
    waiting = rows[0]?.pid;
  }
  await blocker.query('SELECT pg_terminate_backend($1)', [waiting]);
  await blocker.query('ROLLBACK');
  await blocker.end();

  expect(await outcome).toBeInstanceOf(DatabaseError);
  expect(await store.readCheckpoint()).toEqual({ lastRun: {}, version: 0 });
  expect(await count('incidents')).toBe(0);
  expect(await count('outbox')).toBe(0);
  const receiver = new RecordingSink();
  expect(await new OutboxDeliverer(target.db, { sink: receiver }).deliverDue()).toEqual({ delivered: 0, failed: 0 });
  expect(receiver.attempts).toBe(0);
});

test('a database that cannot be reached fails the commit with one sentence naming it', async () => {
  const { Database } = await import('../../src/store/database');
  const gone = new Database({ pool: { host: '127.0.0.1', port: 1, user: 'postgres', database: 'nowhere' }, description: 'postgres@127.0.0.1:1/nowhere' });
  const unreachable = new PgFetchStore(gone);

  await expect(unreachable.commit({ incidents: [incident('s-1')], lastRun: {}, basedOn: 0 })).rejects.toThrow(
    'The database postgres@127.0.0.1:1/nowhere failed: connection refused.',
  );
  await gone.close();
});

test('pages of incidents follow store order', async () => {
  const ids = Array.from({ length: 7 }, (_, i) => `s-${i}`);
  await store.commit({ incidents: ids.map((id) => incident(id)), lastRun: {}, basedOn: 0 });

  const page = await store.read({ offset: 2, limit: 3 });

  expect(page).toMatchObject({ total: 7, offset: 2 });
  expect(page.incidents.map((i) => i.dbotMirrorId)).toEqual(['s-2', 's-3', 's-4']);
  expect((await store.read({ offset: 50 })).incidents).toEqual([]);
});
