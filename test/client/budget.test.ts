// The request budget in isolation (a fake clock and jest's fake timers): at most N sends in any window, first
// come first served, aborts leave the queue, a 429's Retry-After holds everyone, one budget per API client.
import { CODE42_RATE_LIMIT, SlidingWindowBudget, sharedBudget, unlimitedBudget } from '../../src/code42/budget';

let now = 0;
beforeEach(() => {
  now = 0;
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
});
afterEach(() => {
  jest.useRealTimers();
});

/** Moves the fake clock and the timers together. */
async function advance(ms: number): Promise<void> {
  now += ms;
  await jest.advanceTimersByTimeAsync(ms);
}

const budget = (requests: number, windowMs: number, marginMs = 0): SlidingWindowBudget => new SlidingWindowBudget({ requests, windowMs, marginMs, now: () => now });

/** Starts `count` acquisitions, each answered at once, and records the order and clock time of each grant. */
function acquireAll(b: SlidingWindowBudget, count: number, signal = new AbortController().signal): { granted: [number, number][]; done: Promise<unknown> } {
  const granted: [number, number][] = [];
  const done = Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      b.acquire(signal).then((release) => {
        granted.push([i, now]);
        release();
      }),
    ),
  );
  return { granted, done };
}

test('grants N at once, then one more each time the oldest send leaves the window', async () => {
  const b = budget(3, 1000);
  const { granted } = acquireAll(b, 5);
  await advance(0);
  expect(granted).toEqual([
    [0, 0],
    [1, 0],
    [2, 0],
  ]);
  expect(b.waiting).toBe(2);

  await advance(999);
  expect(granted).toHaveLength(3);
  await advance(1);
  expect(granted).toEqual([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 1000],
    [4, 1000],
  ]);
});

test('the margin is waited beyond the window, so jittered arrivals never exceed the limit', async () => {
  const b = budget(1, 1000, 50);
  const { granted } = acquireAll(b, 2);
  await advance(0);
  await advance(1000);
  expect(granted).toHaveLength(1);
  await advance(50);
  expect(granted).toEqual([
    [0, 0],
    [1, 1050],
  ]);
});

test('the default margin is 1 % of the window and at least 50 ms', async () => {
  const minute = new SlidingWindowBudget({ requests: 1, windowMs: 60_000, now: () => now });
  const { granted } = acquireAll(minute, 2);
  await advance(0);
  await advance(60_599);
  expect(granted).toHaveLength(1);
  await advance(1);
  expect(granted).toHaveLength(2);
});

test('an aborted wait leaves the queue with the abort reason and the next waiter moves up', async () => {
  const b = budget(1, 1000);
  (await b.acquire(new AbortController().signal))();
  const controller = new AbortController();
  const aborted = b.acquire(controller.signal);
  const { granted } = acquireAll(b, 1);

  controller.abort(new Error('deadline'));
  await expect(aborted).rejects.toThrow('deadline');
  await advance(1000);

  expect(granted).toEqual([[0, 1000]]);
  expect(b.waiting).toBe(0);
});

test('a request still waiting for its answer holds its slot, and its window starts when the answer begins', async () => {
  const b = budget(1, 1000);
  const release = await b.acquire(new AbortController().signal);
  const { granted } = acquireAll(b, 1);

  await advance(5000);
  expect(granted).toEqual([]);
  release();
  await advance(999);
  expect(granted).toEqual([]);
  await advance(1);
  expect(granted).toEqual([[0, 6000]]);
});

test('an already aborted signal is refused at once', async () => {
  const controller = new AbortController();
  controller.abort(new Error('gone'));
  await expect(budget(5, 1000).acquire(controller.signal)).rejects.toThrow('gone');
  await expect(unlimitedBudget.acquire(controller.signal)).rejects.toThrow('gone');
});

test("a 429's Retry-After holds every request until it has passed", async () => {
  const b = budget(100, 1000);
  b.throttled(5000);
  const { granted } = acquireAll(b, 2);
  await advance(4999);
  expect(granted).toEqual([]);
  await advance(1);
  expect(granted).toEqual([
    [0, 5000],
    [1, 5000],
  ]);
});

test('a budget needs a positive whole number of requests and a positive window', () => {
  expect(() => new SlidingWindowBudget({ requests: 0, windowMs: 1000 })).toThrow('A request budget needs a positive whole number of requests, got 0.');
  expect(() => new SlidingWindowBudget({ requests: 1, windowMs: 0 })).toThrow('A request budget needs a positive window, got 0 ms.');
});

test("one process shares one budget per API client and host, at Code42's 120 a minute", () => {
  const a = sharedBudget('https://api.us.code42.com', 'key-1');
  expect(sharedBudget('https://api.us.code42.com', 'key-1')).toBe(a);
  expect(sharedBudget('https://api.us.code42.com', 'key-2')).not.toBe(a);
  expect(sharedBudget('https://api.us2.code42.com', 'key-1')).not.toBe(a);
  expect(CODE42_RATE_LIMIT).toEqual({ requests: 120, windowMs: 60_000 });
});
