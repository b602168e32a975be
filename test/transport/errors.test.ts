import fc from 'fast-check';
import nock from 'nock';
import { code42TextOf } from '../../src/code42/error-text';
import { Code42Error } from '../../src/code42/errors';
import { ENDPOINTS } from '../../src/code42/endpoints';
import type { Call } from '../../src/code42/transport';
import { anyJson, API, CLIENT_SECRET, TOKEN_1, basicAuthHeader, captureLog, createTransport, rejectionOf, tokenEndpoint, useNock } from './helpers';

useNock();

const addToWatchlist: Call = { endpoint: ENDPOINTS.addWatchlistActors, params: { watchlistId: 'w1' }, body: { actorIds: ['a1'], watchlistId: 'w1' }, operation: 'add the actors to the watchlist' };
const ADD_PATH = '/v2/watchlists/w1/included-actors/add';

async function failureOf(reply: (scope: nock.Scope) => nock.Scope, request: Call = addToWatchlist): Promise<Code42Error> {
  const transport = createTransport();
  tokenEndpoint();
  reply(nock(API));
  try {
    return (await rejectionOf(transport.json(request, anyJson))) as Code42Error;
  } finally {
    await transport.close();
  }
}

describe("Code42's own words in error sentences", () => {
  test('plain text: User already on list', async () => {
    const error = await failureOf((s) => s.post(ADD_PATH).reply(400, 'User already on list'));
    expect(error).toBeInstanceOf(Code42Error);
    expect(error.message).toBe('Could not add the actors to the watchlist: Code42 answered 400 Bad Request (User already on list).');
    expect(error).toMatchObject({ kind: 'http', status: 400, code42Text: 'User already on list', operation: 'add the actors to the watchlist' });
  });

  test('cases problem object: NAME_EXISTS', async () => {
    const createCase: Call = { endpoint: ENDPOINTS.createCase, body: { name: 'c' }, operation: 'create the case' };
    const error = await failureOf((s) => s.post('/v1/cases').reply(400, { problem: 'NAME_EXISTS', description: null }), createCase);
    expect(error.message).toBe('Could not create the case: Code42 answered 400 Bad Request (NAME_EXISTS).');
  });

  test('a problems list is rendered term by term', async () => {
    const search: Call = { endpoint: ENDPOINTS.searchFileEvents, body: {}, operation: 'search file events' };
    const body = { problems: [{ type: 'SEARCH_FAILED', description: 'Unknown term', badFilter: { term: 'nope', operator: 'IS', value: 'x' } }, { type: 'InvalidPageSize', badFilter: null }] };
    const error = await failureOf((s) => s.post('/v2/file-events').reply(400, body), search);
    expect(error.message).toBe('Could not search file events: Code42 answered 400 Bad Request (SEARCH_FAILED in filter nope IS "x" (Unknown term); InvalidPageSize).');
  });

  test('an HTML error page names the host instead of pretending Code42 said it', async () => {
    const error = await failureOf((s) => s.post(ADD_PATH).reply(404, '<html><body><h1>404</h1></body></html>', { 'content-type': 'text/html' }));
    expect(error.message).toBe('Could not add the actors to the watchlist: api.us.code42.com answered 404 Not Found with an HTML page instead of a Code42 answer.');
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
    nock(API).get('/v2/watchlists').reply(400, { message: echo });
    await record(transport.json({ endpoint: ENDPOINTS.listWatchlists, operation: 'read something' }, anyJson));
    nock(API).get('/v1/orgs').times(2).replyWithError({ code: 'ECONNRESET', message: `reset while sending ${TOKEN_1}` });
    await record(transport.json({ endpoint: ENDPOINTS.listOrgs, operation: 'read something else' }, anyJson));
    nock(API).post('/v1/oauth').query(true).reply(401, { error: echo });
    await record(transport.freshToken());
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

    await transport.json({ endpoint: ENDPOINTS.listUsers, query: { username: 'alice@example.com' }, operation: 'look up user' }, anyJson);
    await transport.close();

    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.find((e) => e.path === '/v1/users')).toMatchObject({ level: 20, method: 'GET', path: '/v1/users', status: 200, attempt: 1, durationMs: expect.any(Number) });
    expect(lines.join('\n')).not.toContain('alice@example.com');
  });
});
