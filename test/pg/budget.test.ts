// The Code42 request budget shared by replicas through PostgreSQL.
import { performance } from 'node:perf_hooks';
import { Database } from '../../src/store/database';
import { PgRequestBudget } from '../../src/store/budget';
import { freshDatabase, type TestDatabase } from './database';

let target: TestDatabase;
const replicas: Database[] = [];

beforeEach(async () => {
  target = await freshDatabase();
});

afterEach(async () => {
  await Promise.all(replicas.splice(0).map((db) => db.close()));
  await target.drop();
});

/** A budget on its own connection pool, as a separate replica has. */
function replicaBudget(options: { requests: number; windowMs: number }): PgRequestBudget {
  const db = new Database({ pool: { connectionString: target.url }, description: 'test' });
  replicas.push(db);
  return new PgRequestBudget(db, { apiUrl: 'https://api.us.code42.com', clientId: 'key-1', marginMs: 20, ...options });
}

/** A fresh signal per request, as the transport gives each request its own. */
const signal = (): AbortSignal => new AbortController().signal;

test('replicas together never get more than the limit in any window, and one without budget waits', async () => {
  const limit = { requests: 4, windowMs: 400 };
  const budgets = [replicaBudget(limit), replicaBudget(limit), replicaBudget(limit)];
  const granted: number[] = [];

  await Promise.all(
    Array.from({ length: 13 }, (_, i) => budgets[i % 3].acquire(signal()).then(() => granted.push(performance.now()))),
  );

  granted.sort((a, b) => a - b);
  expect(granted).toHaveLength(13);
  // Any `requests + 1` consecutive grants span more than one window: never more than 4 in 400 ms.
  for (let i = limit.requests; i < granted.length; i++) expect(granted[i] - granted[i - limit.requests]).toBeGreaterThanOrEqual(limit.windowMs);
});

test('different API clients have separate budgets', async () => {
  const a = replicaBudget({ requests: 1, windowMs: 60_000 });
  const db = new Database({ pool: { connectionString: target.url }, description: 'test' });
  replicas.push(db);
  const b = new PgRequestBudget(db, { apiUrl: 'https://api.us.code42.com', clientId: 'key-2', requests: 1, windowMs: 60_000 });

  await a.acquire(signal());
  await expect(b.acquire(signal())).resolves.toBeUndefined();
});

test('a waiting request that is aborted rejects with the abort reason and takes no slot', async () => {
  const budget = replicaBudget({ requests: 1, windowMs: 60_000 });
  await budget.acquire(signal());
  const controller = new AbortController();

  const waiting = budget.acquire(controller.signal);
  controller.abort(new Error('the command was cancelled'));

  await expect(waiting).rejects.toThrow('the command was cancelled');
  const { rows } = await target.db.query<{ n: number }>('SELECT cardinality(sent) AS n FROM code42_soar.request_budget');
  expect(rows[0].n).toBe(1);
});

test('a 429 seen by one replica holds back the others until its Retry-After has passed', async () => {
  const a = replicaBudget({ requests: 100, windowMs: 60_000 });
  const b = replicaBudget({ requests: 100, windowMs: 60_000 });
  await a.acquire(signal());

  a.throttled(500);
  // throttled() writes in the background; wait until the pause is in the database.
  let pausedUntil: Date | undefined;
  while (!pausedUntil) {
    const { rows } = await target.db.query<{ paused_until: Date }>('SELECT paused_until FROM code42_soar.request_budget WHERE paused_until > now()');
    pausedUntil = rows[0]?.paused_until;
  }
  await b.acquire(signal());

  // Grants are stamped on the database clock: b's came after the pause, not before.
  const { rows } = await target.db.query<{ last: Date }>('SELECT sent[cardinality(sent)] AS last FROM code42_soar.request_budget');
  expect(rows[0].last.getTime()).toBeGreaterThanOrEqual(pausedUntil.getTime());
});

test('without the database a replica paces itself, so commands keep working', async () => {
  const gone = new Database({ pool: { host: '127.0.0.1', port: 1, user: 'postgres', database: 'nowhere' }, description: 'nowhere' });
  replicas.push(gone);
  const budget = new PgRequestBudget(gone, { apiUrl: 'https://api.us.code42.com', clientId: 'key-1' });

  await expect(budget.acquire(signal())).resolves.toBeUndefined();
});
