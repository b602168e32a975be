// The fetch lease: one holder at a time, renewed by its holder, taken over once it runs out.
import { Lease } from '../../src/store/lease';
import { freshDatabase, type TestDatabase } from './database';

let target: TestDatabase;

beforeEach(async () => {
  target = await freshDatabase();
});

afterEach(async () => {
  await target.drop();
});

const lease = (holder: string, ttlMs = 60_000): Lease => new Lease(target.db, 'fetch-incidents', holder, ttlMs);

test('the first replica to ask gets the lease; the others do not while it holds it', async () => {
  const first = await lease('replica-a').acquire();

  expect(first).toMatchObject({ holder: 'replica-a', token: 1 });
  expect(await lease('replica-b').acquire()).toBeUndefined();
  expect(await lease('replica-c').current()).toMatchObject({ holder: 'replica-a', token: 1 });
});

test('the holder renews its lease under the same token, moving the expiry on', async () => {
  const a = lease('replica-a');
  const first = await a.acquire();
  const renewed = await a.acquire();

  expect(renewed?.token).toBe(first?.token);
  expect(renewed!.expiresAt.getTime()).toBeGreaterThanOrEqual(first!.expiresAt.getTime());
});

test('replicas asking at the same moment: exactly one gets it', async () => {
  const grants = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => lease(name).acquire()));

  expect(grants.filter((g) => g !== undefined)).toHaveLength(1);
});

test('a holder that stops renewing loses the lease when it runs out, and the next replica takes it with a new token', async () => {
  const dead = await lease('replica-a', 300).acquire();
  const b = lease('replica-b', 300);

  let takeover = await b.acquire();
  expect(takeover).toBeUndefined();
  while (takeover === undefined) takeover = await b.acquire();

  expect(takeover.token).toBe(dead!.token + 1);
  const holding = await b.current();
  expect(holding?.acquiredAt.getTime()).toBeGreaterThanOrEqual(dead!.expiresAt.getTime());
  // The old holder, back from the dead, cannot renew what it lost.
  expect(await lease('replica-a', 300).acquire()).toBeUndefined();
});

test('a released lease is free at once', async () => {
  const a = lease('replica-a');
  await a.acquire();

  await a.release();

  expect(await a.current()).toBeUndefined();
  expect(await lease('replica-b').acquire()).toMatchObject({ holder: 'replica-b', token: 2 });
});
