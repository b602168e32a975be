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
  const answered: number[] = [];

  // Each request is answered at once: its slot's window starts at the release.
  await Promise.all(
    Array.from({ length: 13 }, async (_, i) => {
      const release = await budgets[i % 3].acquire(signal());
      granted.push(performance.now());
      answered.push(performance.now());
      release?.();
    }),
  );

  granted.sort((a, b) => a - b);
  answered.sort((a, b) => a - b);
  expect(granted).toHaveLength(13);
  // Grant i + 4 comes a whole window after answer i: never more than 4 in any 400 ms.
  for (let i = limit.requests; i < granted.length; i++) expect(granted[i] - answered[i - limit.requests]).toBeGreaterThanOrEqual(limit.windowMs);
});

test('a request still in flight keeps its slot until its answer begins', async () => {
  const budget = replicaBudget({ requests: 1, windowMs: 100 });
  const inFlight = await budget.acquire(signal());
  const controller = new AbortController();
  const next = budget.acquire(controller.signal);

  // No answer yet: the slot is not free, whatever the window; ask again soon.
  const { rows } = await target.db.query<{ wait_ms: number }>("SELECT wait_ms FROM code42_soar.take_request_budget('https://api.us.code42.com key-1', 1, 100, 30000, 100)");
  expect(rows[0]).toEqual({ wait_ms: 100 });

  inFlight?.();
  await expect(next).resolves.toBeInstanceOf(Function);
});

test('different API clients have separate budgets', async () => {
  const a = replicaBudget({ requests: 1, windowMs: 60_000 });
  const db = new Database({ pool: { connectionString: target.url }, description: 'test' });
  replicas.push(db);
  const b = new PgRequestBudget(db, { apiUrl: 'https://api.us.code42.com', clientId: 'key-2', requests: 1, windowMs: 60_000 });

  await a.acquire(signal());
  await expect(b.acquire(signal())).resolves.toBeInstanceOf(Function);
});

test('a waiting request that is aborted rejects with the abort reason and takes no slot', async () => {
  const budget = replicaBudget({ requests: 1, windowMs: 60_000 });
  await budget.acquire(signal());
  const controller = new AbortController();

  const waiting = budget.acquire(controller.signal);
  controller.abort(new Error('the command was cancelled'));

  await expect(waiting).rejects.toThrow('the command was cancelled');
  const { rows } = await target.db.query<{ n: number }>('SELECT cardinality(slots) AS n FROM code42_soar.request_budget');
  expect(rows[0].n).toBe(1);
});

test('a 429 seen by one replica holds back the others until its Retry-After has passed', async () => {
  const a = replicaBudget({ requests: 100, windowMs: 60_000 });
  const b = replicaBudget({ requests: 100, windowMs: 60_000 });
  (await a.acquire(signal()))?.();

  a.throttled(500);
  // throttled() writes in the background; wait until the pause is in the database.
  let pausedUntil: Date | undefined;
  while (!pausedUntil) {
    const { rows } = await target.db.query<{ paused_until: Date }>('SELECT paused_until FROM code42_soar.request_budget WHERE paused_until > now()');
    pausedUntil = rows[0]?.paused_until;
  }
  const release = await b.acquire(signal());
  release?.();

  // Once b's release is in, its slot holds when its answer began, on the database clock: after the pause.
  let last: Date | undefined;
  while (!last) {
    const { rows } = await target.db.query<{ last: Date | null }>('SELECT max(t) AS last FROM code42_soar.request_budget, unnest(slots) AS t HAVING max(t) <= now()');
    last = rows[0]?.last ?? undefined;
  }
  expect(last.getTime()).toBeGreaterThanOrEqual(pausedUntil.getTime());
});

test('without the database a replica paces itself, so commands keep working', async () => {
  const gone = new Database({ pool: { host: '127.0.0.1', port: 1, user: 'postgres', database: 'nowhere' }, description: 'nowhere' });
  replicas.push(gone);
  const budget = new PgRequestBudget(gone, { apiUrl: 'https://api.us.code42.com', clientId: 'key-1' });

  await expect(budget.acquire(signal())).resolves.toBeInstanceOf(Function);
});
