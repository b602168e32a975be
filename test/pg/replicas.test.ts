// Scheduled fetching on replicas sharing PostgreSQL, in one process: each replica has its own pool, lease
// holder name and scheduler, against one simulator.
import { Scheduler } from '../../src/fetch/scheduler';
import { FetchBusyError } from '../../src/fetch/store';
import { Database } from '../../src/store/database';
import { DatabaseError } from '../../src/store/database-settings';
import { PgFetchStore } from '../../src/store/fetch-store';
import { ReplicaFetchStore } from '../../src/store/replica-store';
import { clientFor, useSimulated } from '../support/simulator';
import { freshDatabase, type TestDatabase } from './database';
import { RecordingSink } from './support';

const simulated = useSimulated({ per: 'test' });
const params = { first_fetch: '30 days', max_fetch: '200', alert_severity: [] };
let target: TestDatabase;
const opened: { db: Database; store: ReplicaFetchStore }[] = [];

beforeEach(async () => {
  target = await freshDatabase({ migrated: false });
});

afterEach(async () => {
  for (const { db, store } of opened.splice(0)) {
    await store.close();
    await db.close();
  }
  await target.drop();
});

function replica(name: string, webhook?: RecordingSink): { store: ReplicaFetchStore; scheduler: Scheduler } {
  const db = new Database({ pool: { connectionString: target.url }, description: name });
  const store = new ReplicaFetchStore({ db, intervalMs: 60_000, holder: name, webhook, outbox: { pollMs: 60_000 } });
  opened.push({ db, store });
  const scheduler = new Scheduler({ client: clientFor(simulated.sim), params, store, intervalMinutes: 1 });
  return { store, scheduler };
}

test('the leaseholder fetches; another replica skips the interval; both answer the same incidents', async () => {
  const a = replica('replica-a');
  const b = replica('replica-b');

  const report = await a.scheduler.runOnce();
  await expect(b.scheduler.runOnce()).rejects.toThrow(FetchBusyError);

  expect(report.delivered).toBeGreaterThan(0);
  const page = { offset: 0, limit: 1000 };
  const [fromA, fromB] = await Promise.all([a.store.read(page), b.store.read(page)]);
  expect(fromB).toEqual(fromA);
  expect(fromA.total).toBe(report.delivered);
  expect(new Set(fromA.incidents.map((i) => i.dbotMirrorId)).size).toBe(fromA.total);
});

test('when the leaseholder leaves, the next replica continues from its checkpoint: new sessions only, none twice', async () => {
  const a = replica('replica-a');
  const b = replica('replica-b');
  const first = await a.scheduler.runOnce();
  await a.store.close();
  const added = simulated.sim.tenant.addSession({ severity: 4, exfiltrationSummary: 'arrived after the failover' });

  const second = await b.scheduler.runOnce();

  expect(second.delivered).toBe(1);
  const all = await b.store.read({ offset: 0, limit: 1000 });
  expect(all.total).toBe(first.delivered + 1);
  expect(all.incidents.at(-1)?.dbotMirrorId).toBe(added.sessionId);
});

test('a database outage fails the run cleanly: nothing advances, and the next run after it delivers everything once', async () => {
  const a = replica('replica-a');
  await a.store.ensureMigrated();
  await target.cutOff();

  await expect(a.scheduler.runOnce()).rejects.toThrow(DatabaseError);
  expect(a.scheduler.lastError).toMatch(/^The database replica-a failed: /);

  await target.restore();
  expect(await new PgFetchStore(target.db).readCheckpoint()).toEqual({ lastRun: {}, version: 0 });
  const report = await a.scheduler.runOnce();
  expect(report.delivered).toBeGreaterThan(0);
  expect((await a.store.read({ offset: 0, limit: 1000 })).total).toBe(report.delivered);
});

test('new incidents reach the webhook through the outbox after the commit, each under its session id', async () => {
  const receiver = new RecordingSink();
  const a = replica('replica-a', receiver);

  const report = await a.scheduler.runOnce();
  while ((await a.store.outbox!.counts()).pending > 0) await a.store.outbox!.deliverDue();

  expect(receiver.accepted).toHaveLength(report.delivered);
  const stored = await a.store.read({ offset: 0, limit: 1000 });
  expect(receiver.accepted.map((i) => i.dbotMirrorId).sort()).toEqual(stored.incidents.map((i) => i.dbotMirrorId).sort());
});
