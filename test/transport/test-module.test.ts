import nock from 'nock';
import pino from 'pino';
import { testModule } from '../../commands/test-module';
import type { CommandContext } from '../../src/command';
import { createCode42Client, type Code42Client } from '../../src/code42/client';
import type { InstanceConfig } from '../../src/config';
import { failureMessage, Registry } from '../../src/registry';
import type { Entry } from '../../src/xsoar/entry';
import { API, CLIENT_ID, CLIENT_SECRET, CONSOLE, TENANT, TOKEN_1, TOKEN_2, jwt, tokenEndpoint, useNock } from './helpers';

useNock();

let client: Code42Client;
beforeEach(() => {
  client = createCode42Client({ apiUrl: API, consoleUrl: CONSOLE, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 } });
});
afterEach(async () => {
  await client.close();
});

async function runTestModule(): Promise<Entry> {
  const registry = new Registry([testModule]);
  const context = { code42: client, config: {} as InstanceConfig, log: pino({ level: 'silent' }), files: { save: jest.fn(), remove: jest.fn() } } as CommandContext;
  const entries = await registry.execute('test-module', {}, context);
  expect(entries).toHaveLength(1);
  return entries[0];
}

const customerEndpoint = (token = TOKEN_1): nock.Scope => nock(API, { reqheaders: { authorization: `Bearer ${token}` } }).get('/v1/customer').reply(200, { name: 'Example', registrationKey: 'k', tenantId: TENANT });

describe('test-module', () => {
  test('answers exactly ok when a token is issued and the customer can be read', async () => {
    tokenEndpoint();
    const customer = customerEndpoint();

    const entry = await runTestModule();

    expect(customer.isDone()).toBe(true);
    expect(entry).toMatchObject({ Type: 1, ContentsFormat: 'text', Contents: 'ok', HumanReadable: 'ok', EntryContext: {} });
  });

  test('tests the credentials now, with a new token, even when one is cached', async () => {
    tokenEndpoint(TOKEN_1);
    customerEndpoint(TOKEN_1);
    await client.checkConnection();
    tokenEndpoint(TOKEN_2);
    const fresh = customerEndpoint(TOKEN_2);

    await client.checkConnection();

    expect(fresh.isDone()).toBe(true);
  });

  test('wrong client id or secret: the bad-credentials sentence', async () => {
    nock(API).post('/v1/oauth').query(true).reply(401);

    const entry = await runTestModule();

    expect(entry.Type).toBe(4);
    expect(entry.Contents).toBe(
      failureMessage('test-module', 'Could not get a Code42 access token: Code42 refused the API client ID or secret (401 Unauthorized) - check the API Client ID and Secret in the integration configuration.'),
    );
  });

  test('a host that is not Code42: the check-the-URL sentence', async () => {
    nock(API).post('/v1/oauth').query(true).reply(404, { status: 404, error: 'Not Found' });

    const entry = await runTestModule();

    expect(entry.Contents).toBe(
      failureMessage('test-module', 'Could not get a Code42 access token: https://api.us.code42.com does not look like a Code42 API host (api.us.code42.com/v1/oauth answered 404 Not Found) - check the Code42 API URL, e.g. https://api.us.code42.com.'),
    );
  });

  test('a host that does not resolve: the unreachable sentence', async () => {
    nock(API).post('/v1/oauth').query(true).replyWithError({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND api.us.code42.com' });

    const entry = await runTestModule();

    expect(entry.Contents).toBe(
      failureMessage(
        'test-module',
        'Could not get a Code42 access token: api.us.code42.com could not be reached (ENOTFOUND: the host name does not resolve) - verify that the server URL parameter is correct and that you have access to the server from your host.',
      ),
    );
  });

  test('a valid API client without permission: the missing-permission sentence', async () => {
    tokenEndpoint();
    nock(API).get('/v1/customer').reply(403, { message: 'Access denied' });

    const entry = await runTestModule();

    expect(entry.Contents).toBe(
      failureMessage(
        'test-module',
        'Could not read the Code42 customer with the API client: Code42 answered 403 Forbidden (Access denied) - the API client ID and secret are valid but the API client lacks permission; check its roles in the Code42 console.',
      ),
    );
  });

  test('a token without the tenant claim fails the check, since list and rule calls need the tenant', async () => {
    tokenEndpoint(jwt({ sub: 'x' }));
    nock(API).get('/v1/customer').reply(200, { name: 'Example' });

    const entry = await runTestModule();

    expect(entry.Contents).toBe(failureMessage('test-module', 'Could not read the Code42 tenant id: the access token Code42 issued carries no tenantUid claim.'));
  });
});
