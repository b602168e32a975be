// checkConnection, the heart of test-module: a fresh token and `GET /v1/actors/actor/search?page=1&pageSize=1`
// (as XSOAR's test-module), and one sentence for each thing that can be wrong.
import nock from 'nock';
import { createCode42Client, type Code42Client } from '../../src/code42/client';
import { Code42Error } from '../../src/code42/errors';
import { API, CLIENT_ID, CLIENT_SECRET, CONSOLE, NOCK_OPTIONS, TOKEN_1, TOKEN_2, rejectionOf, tokenEndpoint, useNock } from './helpers';

useNock();

let client: Code42Client;
beforeEach(() => {
  client = createCode42Client({ apiUrl: API, consoleUrl: CONSOLE, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 }, ...NOCK_OPTIONS });
});
afterEach(async () => {
  await client.close();
});

const actorSearch = (token = TOKEN_1): nock.Scope =>
  nock(API, { reqheaders: { authorization: `Bearer ${token}` } })
    .get('/v1/actors/actor/search')
    .query({ page: '1', pageSize: '1' })
    .reply(200, { actors: [{ actorId: 'a1', name: 'alice@example.com' }] });

describe('checkConnection', () => {
  test('succeeds when a token is issued and one actor can be read', async () => {
    tokenEndpoint();
    const search = actorSearch();

    await expect(client.checkConnection()).resolves.toBeUndefined();
    expect(search.isDone()).toBe(true);
  });

  test('tests the credentials now, with a new token, even when one is cached', async () => {
    tokenEndpoint(TOKEN_1);
    actorSearch(TOKEN_1);
    await client.checkConnection();
    tokenEndpoint(TOKEN_2);
    const fresh = actorSearch(TOKEN_2);

    await client.checkConnection();

    expect(fresh.isDone()).toBe(true);
  });

  test('wrong client id or secret: the bad-credentials sentence', async () => {
    nock(API).post('/v1/oauth').query(true).reply(401);

    const error = await rejectionOf(client.checkConnection());

    expect(error.message).toBe('Could not get a Code42 access token: Code42 refused the API client ID or secret (401 Unauthorized) - check the API Client ID and Secret in the integration configuration.');
  });

  test('a host that is not Code42: the check-the-URL sentence', async () => {
    nock(API).post('/v1/oauth').query(true).reply(404, { status: 404, error: 'Not Found' });

    const error = await rejectionOf(client.checkConnection());

    expect(error.message).toBe(
      'Could not get a Code42 access token: https://api.us.code42.com does not look like a Code42 API host (api.us.code42.com/v1/oauth answered 404 Not Found) - check the Code42 API URL, e.g. https://api.us.code42.com.',
    );
  });

  test('a host that does not resolve: the unreachable sentence', async () => {
    nock(API).post('/v1/oauth').query(true).replyWithError({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND api.us.code42.com' });

    const error = await rejectionOf(client.checkConnection());

    expect(error.message).toBe(
      'Could not get a Code42 access token: api.us.code42.com could not be reached (ENOTFOUND: the host name does not resolve) - verify that the server URL parameter is correct and that you have access to the server from your host.',
    );
  });

  test('a valid API client without permission to read actors: the missing-permission sentence', async () => {
    tokenEndpoint();
    nock(API).get('/v1/actors/actor/search').query(true).reply(403, { message: 'Access denied' });

    const error = await rejectionOf(client.checkConnection());

    expect(error).toBeInstanceOf(Code42Error);
    expect(error.message).toBe(
      'Could not search actors: Code42 answered 403 Forbidden (Access denied) - the API client ID and secret are valid but the API client lacks permission to read actors; check its roles in the Code42 console.',
    );
  });

  test('an actor search answered by something that is not Code42 fails with the decode sentence', async () => {
    tokenEndpoint();
    nock(API).get('/v1/actors/actor/search').query(true).reply(200, { results: [] });

    const error = await rejectionOf(client.checkConnection());

    expect(error.message).toBe("Could not search actors: Code42's answer to GET /v1/actors/actor/search is not what the API documents: actors is missing.");
  });
});
