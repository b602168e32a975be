import nock from 'nock';
import { Code42Error } from '../../src/code42/errors';
import { ENDPOINTS } from '../../src/code42/endpoints';
import type { Transport } from '../../src/code42/transport';
import { anyJson, API, TENANT, TOKEN_1, TOKEN_2, createTransport, rejectionOf, tokenEndpoint, useNock } from './helpers';

useNock();

let transport: Transport;
beforeEach(() => {
  transport = createTransport();
});
afterEach(async () => {
  jest.useRealTimers();
  await transport.close();
});

const getCustomer = (t: Transport = transport): Promise<unknown> => t.json({ endpoint: ENDPOINTS.customer, operation: 'read the customer' }, anyJson);

describe('OAuth token cache', () => {
  test('many calls share one token request and send the token as a Bearer header', async () => {
    const oauth = tokenEndpoint(TOKEN_1);
    const api = nock(API, { reqheaders: { authorization: `Bearer ${TOKEN_1}` } })
      .get('/v1/customer')
      .times(5)
      .reply(200, { name: 'Example', tenantId: TENANT });

    for (let i = 0; i < 5; i++) await expect(getCustomer()).resolves.toEqual({ name: 'Example', tenantId: TENANT });

    expect(oauth.isDone()).toBe(true);
    expect(api.isDone()).toBe(true);
  });

  test('ten concurrent calls wait for one token request', async () => {
    let tokenRequests = 0;
    nock(API)
      .post('/v1/oauth')
      .query(true)
      .times(10)
      .delay(20)
      .reply(200, () => {
        tokenRequests++;
        return { access_token: TOKEN_1, expires_in: 900 };
      });
    nock(API).get('/v1/customer').times(10).reply(200, { name: 'Example' });

    const answers = await Promise.all(Array.from({ length: 10 }, () => getCustomer()));

    expect(answers).toHaveLength(10);
    expect(tokenRequests).toBe(1);
  });

  test('the token is refreshed a minute before it expires, not after', async () => {
    jest.useFakeTimers({ now: new Date('2024-05-01T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    tokenEndpoint(TOKEN_1, 900);
    nock(API, { reqheaders: { authorization: `Bearer ${TOKEN_1}` } }).get('/v1/customer').times(2).reply(200, {});
    await getCustomer();

    jest.setSystemTime(new Date('2024-05-01T10:13:59Z')); // 839 s: still 61 s left, keep the token
    await getCustomer();

    tokenEndpoint(TOKEN_2, 900);
    const refreshed = nock(API, { reqheaders: { authorization: `Bearer ${TOKEN_2}` } }).get('/v1/customer').reply(200, {});
    jest.setSystemTime(new Date('2024-05-01T10:14:01Z')); // 841 s: inside the last minute, refresh first
    await getCustomer();

    expect(refreshed.isDone()).toBe(true);
  });

  test('a 401 drops the token, fetches a new one and retries the call exactly once', async () => {
    tokenEndpoint(TOKEN_1);
    tokenEndpoint(TOKEN_2);
    nock(API, { reqheaders: { authorization: `Bearer ${TOKEN_1}` } }).get('/v1/customer').reply(401, 'token revoked');
    const retried = nock(API, { reqheaders: { authorization: `Bearer ${TOKEN_2}` } }).get('/v1/customer').reply(200, { name: 'Example' });

    await expect(getCustomer()).resolves.toEqual({ name: 'Example' });
    expect(retried.isDone()).toBe(true);
  });

  test('a write refused with 401 is sent again once with the new token, since Code42 did not act on it', async () => {
    tokenEndpoint(TOKEN_1);
    tokenEndpoint(TOKEN_2);
    const bodies: unknown[] = [];
    nock(API)
      .post('/v1/sessions/s1/add-note', (body: unknown) => bodies.push(body) > 0)
      .reply(401)
      .post('/v1/sessions/s1/add-note', (body: unknown) => bodies.push(body) > 0)
      .reply(200, '');

    await transport.send({ endpoint: ENDPOINTS.addSessionNote, params: { sessionId: 's1' }, body: { noteContent: 'n' }, operation: 'add the note to the session' });

    expect(bodies).toEqual([{ noteContent: 'n' }, { noteContent: 'n' }]);
  });

  test('a second 401 with a fresh token fails with an auth error instead of looping', async () => {
    tokenEndpoint(TOKEN_1);
    tokenEndpoint(TOKEN_2);
    const refused = nock(API).get('/v1/customer').times(2).reply(401, { message: 'Not authorized' });

    const error = await rejectionOf(getCustomer());

    expect(refused.isDone()).toBe(true);
    expect(error).toBeInstanceOf(Code42Error);
    expect((error as Code42Error).kind).toBe('auth');
    expect(error.message).toBe('Could not read the customer: Code42 answered 401 Unauthorized (Not authorized) even with a new access token.');
  });

  test('refused client credentials give the bad-credentials sentence and are not retried', async () => {
    const oauth = nock(API).post('/v1/oauth').query(true).reply(401, { error: 'invalid_client' });

    const error = await rejectionOf(getCustomer());

    expect(oauth.isDone()).toBe(true);
    expect(error.message).toBe(
      'Could not get a Code42 access token: Code42 refused the API client ID or secret (401 Unauthorized: invalid_client) - check the API Client ID and Secret in the integration configuration.',
    );
    expect((error as Code42Error).kind).toBe('auth');
  });

  test('a host that answers /v1/oauth with an HTML page is reported as not a Code42 API host', async () => {
    nock(API).post('/v1/oauth').query(true).reply(404, '<!DOCTYPE html><html><body>Not here</body></html>', { 'content-type': 'text/html' });

    const error = await rejectionOf(getCustomer());

    expect((error as Code42Error).kind).toBe('protocol');
    expect(error.message).toBe(
      'Could not get a Code42 access token: https://api.us.code42.com does not look like a Code42 API host (api.us.code42.com/v1/oauth answered 404 Not Found with an HTML page) - check the Code42 API URL, e.g. https://api.us.code42.com.',
    );
  });

  test('an answer without an access token is reported as not a Code42 API host', async () => {
    nock(API).post('/v1/oauth').query(true).reply(200, { token_type: 'bearer' });

    const error = await rejectionOf(getCustomer());

    expect(error.message).toBe(
      'Could not get a Code42 access token: https://api.us.code42.com does not look like a Code42 API host (api.us.code42.com/v1/oauth answered without an access token) - check the Code42 API URL, e.g. https://api.us.code42.com.',
    );
  });

  test('the token request is sent with Basic credentials, grant_type in the query and no body', async () => {
    const oauth = nock(API)
      .post('/v1/oauth', (body: unknown) => body === '' || body === undefined)
      .query({ grant_type: 'client_credentials' })
      .matchHeader('authorization', /^Basic /)
      .reply(200, { access_token: TOKEN_1, token_type: 'bearer', expires_in: 900 });
    nock(API).get('/v1/customer').reply(200, {});

    await getCustomer();

    expect(oauth.isDone()).toBe(true);
  });
});
