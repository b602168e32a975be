// Webhook deliveries from the outbox: after commit, marked done, retried with backoff, never posted by two
// replicas at once.
import { PgFetchStore } from '../../src/store/fetch-store';
import { SCHEMA } from '../../src/store/migrations';
import { OutboxDeliverer } from '../../src/store/outbox';
import { freshDatabase, type TestDatabase } from './database';
import { incident, RecordingSink } from './support';

let target: TestDatabase;
let receiver: RecordingSink;

beforeEach(async () => {
  target = await freshDatabase();
  receiver = new RecordingSink();
});

afterEach(async () => {
  await target.drop();
});

async function queue(ids: string[]): Promise<void> {
  const store = new PgFetchStore(target.db);
  const { version } = await store.readCheckpoint();
  await store.commit({ incidents: ids.map((id) => incident(id)), lastRun: {}, basedOn: version, destination: receiver.description });
}

test('committed deliveries are posted once and marked done', async () => {
  await queue(['s-1', 's-2']);
  const outbox = new OutboxDeliverer(target.db, { sink: receiver });

  expect(await outbox.deliverDue()).toEqual({ delivered: 2, failed: 0 });
  expect(await outbox.deliverDue()).toEqual({ delivered: 0, failed: 0 });

  expect(receiver.accepted.map((i) => i.dbotMirrorId)).toEqual(['s-1', 's-2']);
  expect(await outbox.counts()).toEqual({ pending: 0, delivered: 2 });
});

test('a failed post stays queued with its error and is retried once its backoff has passed', async () => {
  await queue(['s-1']);
  const outbox = new OutboxDeliverer(target.db, { sink: receiver, backoffMs: 60_000 });
  receiver.failNext(1);

  expect(await outbox.deliverDue()).toEqual({ delivered: 0, failed: 1 });
  const { rows } = await target.db.query(`SELECT attempts, last_error, next_attempt_at > now() + interval '50 seconds' AS later FROM ${SCHEMA}.outbox`);
  expect(rows[0]).toEqual({ attempts: 1, last_error: 'The webhook https://receiver.example/incidents answered 503 for alert s-1.', later: true });
  // Not due yet: nothing is posted.
  expect(await outbox.deliverDue()).toEqual({ delivered: 0, failed: 0 });

  await target.db.query(`UPDATE ${SCHEMA}.outbox SET next_attempt_at = now()`);
  expect(await outbox.deliverDue()).toEqual({ delivered: 1, failed: 0 });

  expect(receiver.attempts).toBe(2);
  expect(receiver.accepted.map((i) => i.dbotMirrorId)).toEqual(['s-1']);
  expect(await outbox.counts()).toEqual({ pending: 0, delivered: 1 });
});

test('the backoff doubles with each failed attempt, up to its ceiling', async () => {
  await queue(['s-1']);
  const outbox = new OutboxDeliverer(target.db, { sink: receiver, backoffMs: 10_000, maxBackoffMs: 30_000 });
  const delays: number[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    receiver.failNext(1);
    await target.db.query(`UPDATE ${SCHEMA}.outbox SET next_attempt_at = now()`);
    await outbox.deliverDue();
    const { rows } = await target.db.query<{ seconds: number }>(`SELECT round(extract(epoch FROM next_attempt_at - now()))::int AS seconds FROM ${SCHEMA}.outbox`);
    delays.push(rows[0].seconds);
  }
  expect(delays).toEqual([10, 20, 30, 30]);
});

test('two replicas delivering at once post each incident once', async () => {
  const ids = Array.from({ length: 40 }, (_, i) => `s-${i}`);
  await queue(ids);
  const replicas = [new OutboxDeliverer(target.db, { sink: receiver, batch: 7 }), new OutboxDeliverer(target.db, { sink: receiver, batch: 7 })];

  while ((await replicas[0].counts()).pending > 0) await Promise.all(replicas.map((r) => r.deliverDue()));

  expect(receiver.accepted.map((i) => i.dbotMirrorId).sort()).toEqual([...ids].sort());
  expect(receiver.attempts).toBe(ids.length);
});

test('a delivery claimed by a replica that died is posted by another once the claim runs out', async () => {
  await queue(['s-1']);
  await target.db.query(`UPDATE ${SCHEMA}.outbox SET claimed_until = now() + interval '1 hour', attempts = 1`);
  const outbox = new OutboxDeliverer(target.db, { sink: receiver });

  expect(await outbox.deliverDue()).toEqual({ delivered: 0, failed: 0 });
  await target.db.query(`UPDATE ${SCHEMA}.outbox SET claimed_until = now() - interval '1 second'`);
  expect(await outbox.deliverDue()).toEqual({ delivered: 1, failed: 0 });
  expect(receiver.accepted.map((i) => i.dbotMirrorId)).toEqual(['s-1']);
});

test('a replica delivers only to its own webhook', async () => {
  await queue(['s-1']);
  const other = new RecordingSink();
  Object.defineProperty(other, 'description', { value: 'https://other.example/hook' });

  expect(await new OutboxDeliverer(target.db, { sink: other }).deliverDue()).toEqual({ delivered: 0, failed: 0 });
  expect(other.attempts).toBe(0);
});

test('started, it delivers what a commit queues when kicked', async () => {
  const outbox = new OutboxDeliverer(target.db, { sink: receiver, pollMs: 60_000 });
  outbox.start();
  await queue(['s-1']);
  outbox.kick();
  while ((await outbox.counts()).delivered < 1) await new Promise((resolve) => setImmediate(resolve));
  await outbox.stop();
  expect(receiver.accepted.map((i) => i.dbotMirrorId)).toEqual(['s-1']);
});
