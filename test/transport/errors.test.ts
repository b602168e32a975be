import fc from 'fast-check';
import nock from 'nock';
import { code42TextOf } from '../../src/code42/error-text';
import { Code42Error } from '../../src/code42/errors';
import type { RequestOptions } from '../../src/code42/transport';
import { API, CLIENT_SECRET, CONSOLE, TOKEN_1, basicAuthHeader, captureLog, createTransport, rejectionOf, tokenEndpoint, useNock } from './helpers';

useNock();

const addToList: RequestOptions = { method: 'POST', path: '/v1/detection-lists/highriskemployee/add', body: { userId: 'u1' }, kind: 'write', operation: 'add the user to the high risk employee list' };

async function failureOf(reply: (scope: nock.Scope) => nock.Scope, request: RequestOptions = addToList): Promise<Code42Error> {
  const transport = createTransport();
  tokenEndpoint();
  reply(nock(request.host === 'console' ? CONSOLE : API));
  try {
    return (await rejectionOf(transport.request(request))) as Code42Error;
  } finally {
    await transport.close();
  }
}

describe("Code42's own words in error sentences", () => {
  test('plain text: User already on list', async () => {
    const error = await failureOf((s) => s.post('/v1/detection-lists/highriskemployee/add').reply(400, 'User already on list'));
    expect(error).toBeInstanceOf(Code42Error);
    expect(error.message).toBe('Could not add the user to the high risk employee list: Code42 answered 400 Bad Request (User already on list).');
    expect(error).toMatchObject({ kind: 'http', status: 400, code42Text: 'User already on list', operation: 'add the user to the high risk employee list' });
  });

  test('console error array: USER_DUPLICATE', async () => {
    const createUser: RequestOptions = { host: 'console', method: 'POST', path: '/api/v1/User', body: { username: 'a@example.com' }, kind: 'write', operation: 'create the user' };
    const error = await failureOf((s) => s.post('/api/v1/User').reply(500, [{ name: 'USER_DUPLICATE', description: 'A user with this username already exists' }]), createUser);
    expect(error.message).toBe('Could not create the user: Code42 answered 500 Internal Server Error (USER_DUPLICATE: A user with this username already exists).');
    expect(error.mentions('USER_DUPLICATE')).toBe(true);
  });

  test('cases problem object: NAME_EXISTS', async () => {
    const createCase: RequestOptions = { method: 'POST', path: '/v1/cases', body: { name: 'c' }, kind: 'write', operation: 'create the case' };
    const error = await failureOf((s) => s.post('/v1/cases').reply(400, { problem: 'NAME_EXISTS', description: null }), createCase);
    expect(error.message).toBe('Could not create the case: Code42 answered 400 Bad Request (NAME_EXISTS).');
  });

  test('a problems list is rendered term by term', async () => {
    const search: RequestOptions = { method: 'POST', path: '/v2/file-events', body: {}, kind: 'read', operation: 'search file events' };
    const body = { problems: [{ type: 'SEARCH_FAILED', description: 'Unknown term', badFilter: { term: 'nope', operator: 'IS', value: 'x' } }, { type: 'InvalidPageSize', badFilter: null }] };
    const error = await failureOf((s) => s.post('/v2/file-events').reply(400, body), search);
    expect(error.message).toBe('Could not search file events: Code42 answered 400 Bad Request (SEARCH_FAILED in filter nope IS "x" (Unknown term); InvalidPageSize).');
  });

  test('an HTML error page names the host instead of pretending Code42 said it', async () => {
    const error = await failureOf((s) => s.post('/v1/detection-lists/highriskemployee/add').reply(404, '<html><body><h1>404</h1></body></html>', { 'content-type': 'text/html' }));
    expect(error.message).toBe('Could not add the user to the high risk employee list: api.us.code42.com answered 404 Not Found with an HTML page instead of a Code42 answer.');
  });

  test('error bodies of every shape become readable text, never [object Object]', () => {
    expect(code42TextOf('{"timestamp":"t","status":400,"error":"Bad Request","message":"NO_EDITS_ONCE_CLOSED","path":"/v1/cases"}')).toBe('NO_EDITS_ONCE_CLOSED');
    expect(code42TextOf('"Error converting value \\"X\\" to type \'WatchlistSdk.Model.WatchlistType\'."')).toBe('Error converting value "X" to type \'WatchlistSdk.Model.WatchlistType\'.');
    expect(code42TextOf('{"data":null,"error":[{"name":"SYSTEM","description":"Unable to find org"}]}')).toBe('SYSTEM: Unable to find org');
    expect(code42TextOf('{"error":{"code":42,"detail":{"deep":true}}}')).toBe('{"deep":true}');
    expect(code42TextOf('')).toBeUndefined();
    fc.assert(
      fc.property(fc.json(), (body) => {
        const text = code42TextOf(body);
        return text === undefined || (!text.includes('[object Object]') && text.length <= 500);
      }),
    );
  });
});

describe('secrets stay secret', () => {
  test('neither the client secret nor a token appears in any error message or log line', async () => {
    const { lines, logger } = captureLog();
    const transport = createTransport({ logger, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const echo = `bad request from ${basicAuthHeader} secret=${CLIENT_SECRET} token=${TOKEN_1}`;
    const messages: string[] = [];
    const record = async (request: Promise<unknown>): Promise<void> => {
      messages.push((await rejectionOf(request)).message);
    };

    tokenEndpoint();
    nock(API).get('/v1/echo').reply(400, { message: echo });
    await record(transport.request({ method: 'GET', path: '/v1/echo', kind: 'read', operation: 'read something' }));
    nock(API).get('/v1/drop').times(2).replyWithError({ code: 'ECONNRESET', message: `reset while sending ${TOKEN_1}` });
    await record(transport.request({ method: 'GET', path: '/v1/drop', kind: 'read', operation: 'read something else' }));
    transport.forgetToken();
    nock(API).post('/v1/oauth').query(true).reply(401, { error: echo });
    await record(transport.request({ method: 'GET', path: '/v1/customer', kind: 'read', operation: 'read the customer' }));
    await transport.close();

    const secrets = [CLIENT_SECRET, TOKEN_1, basicAuthHeader.slice('Basic '.length), 'first-token-signature'];
    expect(messages).toHaveLength(3);
    expect(messages[0]).toBe('Could not read something: Code42 answered 400 Bad Request (bad request from Basic [REDACTED] secret=[REDACTED] token=[REDACTED]).');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const text of [...messages, ...lines]) for (const secret of secrets) expect(text).not.toContain(secret);
  });

  test('log lines carry method, path, status, duration and attempt, and no query or body', async () => {
    const { lines, logger } = captureLog();
    const transport = createTransport({ logger });
    tokenEndpoint();
    nock(API).get('/v1/users').query({ username: 'alice@example.com' }).reply(200, { users: [] });

    await transport.request({ method: 'GET', path: '/v1/users', query: { username: 'alice@example.com' }, kind: 'read', operation: 'look up user' });
    await transport.close();

    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.find((e) => e.path === '/v1/users')).toMatchObject({ level: 20, method: 'GET', path: '/v1/users', status: 200, attempt: 1, durationMs: expect.any(Number) });
    expect(lines.join('\n')).not.toContain('alice@example.com');
  });
});
