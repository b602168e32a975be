import nock from 'nock';
import { withDeadline } from '../../src/code42/deadline';
import type { Code42Error } from '../../src/code42/errors';
import { backoffDelay, DEFAULT_RETRY, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../src/code42/retry';
import type { RequestOptions, Transport } from '../../src/code42/transport';
import { API, captureLog, createTransport, rejectionOf, tokenEndpoint, useNock, type CapturedLog } from './helpers';

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

const searchEvents: RequestOptions = { method: 'POST', path: '/v2/file-events', body: { pgSize: 10 }, kind: 'read', operation: 'search file events' };
const addToList: RequestOptions = { method: 'POST', path: '/v1/detection-lists/highriskemployee/add', body: { userId: 'u1' }, kind: 'write', operation: 'add the user to the high risk employee list', responseType: 'empty' };

/** Answers the requests to `path` with `replies` in turn; `count()` says how many were used. */
function counted(path: string, ...replies: ((interceptor: nock.Interceptor) => nock.Scope)[]): { count: () => number } {
  const scopes = replies.map((reply) => reply(nock(API).post(path)));
  return { count: () => scopes.filter((scope) => scope.isDone()).length };
}

const retryWaits = (): number[] => log.lines.map((l) => JSON.parse(l) as { msg: string; waitMs?: number }).filter((l) => l.msg === 'Code42 request will be retried').map((l) => l.waitMs as number);

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

    const answer = transport.request(searchEvents);
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

    const error = await rejectionOf(withDeadline(10_000, () => transport.request(searchEvents)));

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

    await expect(transport.request(searchEvents)).resolves.toEqual({ fileEvents: [{ id: 'e1' }] });
    expect(requests.count()).toBe(4);
  });

  test('a read is retried when the connection drops', async () => {
    nock(API).post('/v2/file-events').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    nock(API).post('/v2/file-events').reply(200, { fileEvents: [] });

    await expect(transport.request(searchEvents)).resolves.toEqual({ fileEvents: [] });
  });

  test('a read gives up after the configured retries with the last failure and the number of attempts', async () => {
    const requests = counted('/v2/file-events', ...Array.from({ length: 5 }, () => (i: nock.Interceptor) => i.reply(503, 'maintenance')));

    const error = await rejectionOf(transport.request(searchEvents));

    expect(requests.count()).toBe(5);
    expect(error.message).toBe('Could not search file events: Code42 answered 503 Service Unavailable (maintenance) after 5 attempts.');
  });

  test('back-off waits grow exponentially between retries', async () => {
    const slowTransport = createTransport({ logger: log.logger, retry: { maxRetries: 3, baseDelayMs: 4, maxDelayMs: 1000 }, random: () => 1 });
    tokenEndpoint();
    counted('/v2/file-events', ...Array.from({ length: 4 }, () => (i: nock.Interceptor) => i.reply(502)));

    await rejectionOf(slowTransport.request(searchEvents));
    await slowTransport.close();

    expect(retryWaits()).toEqual([4, 8, 16]);
  });

  test('a write that may have reached Code42 is never sent again: not after a 503', async () => {
    const requests = counted('/v1/detection-lists/highriskemployee/add', (i) => i.reply(503, 'busy'), (i) => i.reply(200));

    const error = await rejectionOf(transport.request(addToList));

    expect(requests.count()).toBe(1);
    expect(error.message).toBe('Could not add the user to the high risk employee list: Code42 answered 503 Service Unavailable (busy).');
  });

  test('a write that may have reached Code42 is never sent again: not after a dropped connection', async () => {
    const requests = counted(
      '/v1/detection-lists/highriskemployee/add',
      (i) => i.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' }),
      (i) => i.reply(200),
    );

    const error = await rejectionOf(transport.request(addToList));

    expect(requests.count()).toBe(1);
    expect((error as Code42Error).kind).toBe('network');
    expect(error.message).toBe('Could not add the user to the high risk employee list: the connection to api.us.code42.com failed before Code42 answered (ECONNRESET: socket hang up).');
  });

  test('a write is sent again when the connection was refused, because it never left this host', async () => {
    const requests = counted(
      '/v1/detection-lists/highriskemployee/add',
      (i) => i.replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.1:443' }),
      (i) => i.reply(200),
    );

    await expect(transport.request(addToList)).resolves.toBeUndefined();
    expect(requests.count()).toBe(2);
  });

  test('a 400 is final: not retried even for a read', async () => {
    const requests = counted('/v2/file-events', (i) => i.reply(400, { problems: [{ type: 'INVALID_PAGE_TOKEN' }] }), (i) => i.reply(200, {}));

    const error = await rejectionOf(transport.request(searchEvents));

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
