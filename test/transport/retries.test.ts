import nock from 'nock';
import { withDeadline } from '../../src/code42/deadline';
import type { Code42Error } from '../../src/code42/errors';
import { backoffDelay, DEFAULT_RETRY, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../src/code42/retry';
import { ENDPOINTS } from '../../src/code42/endpoints';
import type { Call, Transport } from '../../src/code42/transport';
import { anyJson, API, captureLog, createTransport, rejectionOf, tokenEndpoint, useNock, type CapturedLog } from './helpers';

useNock();

let transport: Transport;
let log: CapturedLog;
beforeEach(() => {
  log = captureLog();
  transport = createTransport({ logger: log.logger });
  tokenEndpoint();
});
afterEach(async () => {
  jest.useRealTimers();
  await transport.close();
});

const searchEvents: Call = { endpoint: ENDPOINTS.searchFileEvents, body: { pgSize: 10 }, operation: 'search file events' };
const addToWatchlist: Call = { endpoint: ENDPOINTS.addWatchlistActors, params: { watchlistId: 'w1' }, body: { actorIds: ['a1'], watchlistId: 'w1' }, operation: 'add the actors to the watchlist' };
const ADD_PATH = '/v2/watchlists/w1/included-actors/add';

/** Answers the requests to `path` with `replies` in turn; `count()` says how many were used. */
function counted(path: string, ...replies: ((interceptor: nock.Interceptor) => nock.Scope)[]): { count: () => number } {
  const scopes = replies.map((reply) => reply(nock(API).post(path)));
  return { count: () => scopes.filter((scope) => scope.isDone()).length };
}

const retryLines = (): { msg: string; level: number; retryInMs: number }[] => log.lines.map((l) => JSON.parse(l) as { msg: string; level: number; retryInMs?: number }).filter((l): l is { msg: string; level: number; retryInMs: number } => l.retryInMs !== undefined);
const retryWaits = (): number[] => retryLines().map((l) => l.retryInMs);

/** Lets real I/O and promise callbacks run while timers are faked, until `done()` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!done()) throw new Error('condition never became true');
}

describe('retries', () => {
  test('a 429 is retried after the Retry-After seconds Code42 asked for, not earlier', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    nock(API).post('/v2/file-events').reply(429, { message: 'Too many requests' }, { 'Retry-After': '7' });
    const second = nock(API).post('/v2/file-events').reply(200, { fileEvents: [], totalCount: 0 });

    const answer = transport.json(searchEvents, anyJson);
    await until(() => retryWaits().length === 1);
    expect(retryWaits()).toEqual([7000]);

    await jest.advanceTimersByTimeAsync(6_999);
    expect(second.isDone()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);

    await expect(answer).resolves.toEqual({ fileEvents: [], totalCount: 0 });
    expect(second.isDone()).toBe(true);
  });

  test('a Retry-After longer than the time left for the command ends the request at once with the 429', async () => {
    const requests = counted('/v2/file-events', (i) => i.reply(429, 'slow down', { 'Retry-After': '30' }));

    const error = await rejectionOf(withDeadline(10_000, () => transport.json(searchEvents, anyJson)));

    expect(requests.count()).toBe(1);
    expect(error.message).toBe('Could not search file events: Code42 answered 429 Too Many Requests (slow down).');
  });

  test('a read is retried on 502, 503 and 504 and succeeds when Code42 recovers', async () => {
    const requests = counted(
      '/v2/file-events',
      (i) => i.reply(502),
      (i) => i.reply(503),
      (i) => i.reply(504),
      (i) => i.reply(200, { fileEvents: [{ id: 'e1' }] }),
    );

    await expect(transport.json(searchEvents, anyJson)).resolves.toEqual({ fileEvents: [{ id: 'e1' }] });
    expect(requests.count()).toBe(4);
  });

  test('a read is retried when the connection drops', async () => {
    nock(API).post('/v2/file-events').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    nock(API).post('/v2/file-events').reply(200, { fileEvents: [] });

    await expect(transport.json(searchEvents, anyJson)).resolves.toEqual({ fileEvents: [] });
  });

  test('a read gives up after the configured retries with the last failure and the number of attempts', async () => {
    const requests = counted('/v2/file-events', ...Array.from({ length: 5 }, () => (i: nock.Interceptor) => i.reply(503, 'maintenance')));

    const error = await rejectionOf(transport.json(searchEvents, anyJson));

    expect(requests.count()).toBe(5);
    expect(error.message).toBe('Could not search file events: Code42 answered 503 Service Unavailable (maintenance) after 5 attempts.');
  });

  test('back-off waits grow exponentially between retries', async () => {
    const slowTransport = createTransport({ logger: log.logger, retry: { maxRetries: 3, baseDelayMs: 4, maxDelayMs: 1000 }, random: () => 1 });
    tokenEndpoint();
    counted('/v2/file-events', ...Array.from({ length: 4 }, () => (i: nock.Interceptor) => i.reply(502)));

    await rejectionOf(slowTransport.json(searchEvents, anyJson));
    await slowTransport.close();

    expect(retryWaits()).toEqual([4, 8, 16]);
  });

  test('a write that may have reached Code42 is never sent again: not after a 503', async () => {
    const requests = counted(ADD_PATH, (i) => i.reply(503, 'busy'), (i) => i.reply(200));

    const error = await rejectionOf(transport.send(addToWatchlist));

    expect(requests.count()).toBe(1);
    expect(error.message).toBe('Could not add the actors to the watchlist: Code42 answered 503 Service Unavailable (busy).');
  });

  test('a write that may have reached Code42 is never sent again: not after a dropped connection', async () => {
    const requests = counted(
      ADD_PATH,
      (i) => i.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' }),
      (i) => i.reply(200),
    );

    const error = await rejectionOf(transport.send(addToWatchlist));

    expect(requests.count()).toBe(1);
    expect((error as Code42Error).kind).toBe('network');
    expect(error.message).toBe('Could not add the actors to the watchlist: the connection to api.us.code42.com failed before Code42 answered (ECONNRESET: socket hang up).');
  });

  test('a write is sent again when the connection was refused, because it never left this host', async () => {
    const requests = counted(
      ADD_PATH,
      (i) => i.replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.1:443' }),
      (i) => i.reply(200),
    );

    await expect(transport.send(addToWatchlist)).resolves.toBeUndefined();
    expect(requests.count()).toBe(2);
  });

  test('a write refused with 429 is sent again after Retry-After, since Code42 refused it before acting', async () => {
    const requests = counted(ADD_PATH, (i) => i.reply(429, 'slow down', { 'Retry-After': '0' }), (i) => i.reply(200));

    await expect(transport.send(addToWatchlist)).resolves.toBeUndefined();
    expect(requests.count()).toBe(2);
  });

  test('a waiting retry logs at warn level what failed, when it goes again and which attempt, with no secret', async () => {
    counted('/v2/file-events', (i) => i.reply(503, 'maintenance'), (i) => i.reply(200, {}));

    await transport.json(searchEvents, anyJson);

    const [line] = retryLines();
    expect(line.level).toBe(40);
    expect(line.msg).toBe(
      'Code42 request POST /v2/file-events failed (Could not search file events: Code42 answered 503 Service Unavailable (maintenance)); sending it again in 1 ms, attempt 2 of 5.',
    );
  });

  test('a 429 logs at warn level with the wait Code42 asked for', async () => {
    counted('/v2/file-events', (i) => i.reply(429, '', { 'Retry-After': '0' }), (i) => i.reply(200, {}));

    await transport.json(searchEvents, anyJson);

    const messages = log.lines.map((l) => JSON.parse(l) as { msg: string; level: number }).filter((l) => l.level === 40).map((l) => l.msg);
    expect(messages[0]).toBe("Code42 answered 429 Too Many Requests to POST /v2/file-events and asked to wait 0 ms: another client or process shares this API client's limit of requests per minute.");
    expect(messages[1]).toMatch(/^Code42 request POST \/v2\/file-events failed \(.*429 Too Many Requests\); sending it again as Code42 asked \(Retry-After\) in 0 ms, attempt 2 of 5\.$/);
  });

  test('a 400 is final: not retried even for a read', async () => {
    const requests = counted('/v2/file-events', (i) => i.reply(400, { problems: [{ type: 'INVALID_PAGE_TOKEN' }] }), (i) => i.reply(200, {}));

    const error = await rejectionOf(transport.json(searchEvents, anyJson));

    expect(requests.count()).toBe(1);
    expect(error.message).toBe('Could not search file events: Code42 answered 400 Bad Request (INVALID_PAGE_TOKEN).');
  });
});

describe('retry timing rules', () => {
  test('Retry-After is read as seconds or as an HTTP date, and capped at 60 s', () => {
    const now = Date.parse('2024-05-01T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:12 GMT', now)).toBe(12_000);
    expect(parseRetryAfter('3600', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  test('back-off keeps half of each step fixed and jitters the other half, up to the cap', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  });
});
