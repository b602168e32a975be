import { Readable } from 'node:stream';
import nock from 'nock';
import type { Code42Error } from '../../src/code42/errors';
import type { Transport } from '../../src/code42/transport';
import { API, CONSOLE, TOKEN_1, createTransport, rejectionOf, tokenEndpoint, useNock } from './helpers';

useNock();

let transport: Transport;
beforeEach(() => {
  transport = createTransport({ maxResponseBytes: 1024 });
  tokenEndpoint();
});
afterEach(async () => {
  await transport.close();
});

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe('requests and answers', () => {
  test('query values are encoded, arrays repeat the parameter and undefined values are left out', async () => {
    const scope = nock(API)
      .patch('/v1/user-risk-profiles/u%201')
      .query((q) => JSON.stringify(q) === JSON.stringify({ paths: ['startDate', 'notes'], active: 'true', page: '1' }))
      .reply(200, { userId: 'u 1' });

    await transport.request({ method: 'PATCH', path: '/v1/user-risk-profiles/u%201', query: { paths: ['startDate', 'notes'], active: true, page: 1, missing: undefined }, body: { notes: 'x' }, kind: 'write', operation: 'update the risk profile' });

    expect(scope.isDone()).toBe(true);
  });

  test('a body is sent as JSON with the Bearer token and JSON headers', async () => {
    const scope = nock(API, { reqheaders: { authorization: `Bearer ${TOKEN_1}`, 'content-type': 'application/json', accept: 'application/json' } })
      .post('/v1/alerts/query-details', { alertIds: ['a1', 'a2'] })
      .reply(200, { alerts: [] });

    await expect(transport.request({ method: 'POST', path: '/v1/alerts/query-details', body: { alertIds: ['a1', 'a2'] }, kind: 'read', operation: 'get alert details' })).resolves.toEqual({ alerts: [] });
    expect(scope.isDone()).toBe(true);
  });

  test('console-host answers go to the console URL and come back without their data envelope', async () => {
    nock(CONSOLE)
      .get('/api/v1/Org')
      .query({ pgNum: 1, pgSize: 500 })
      .reply(200, { data: { totalCount: 1, orgs: [{ orgId: 1, orgUid: 'o1', orgName: 'Sales' }] }, error: null, warnings: null });

    const answer = await transport.request({ host: 'console', method: 'GET', path: '/api/v1/Org', query: { pgNum: 1, pgSize: 500 }, kind: 'read', operation: 'look up the organization' });

    expect(answer).toEqual({ totalCount: 1, orgs: [{ orgId: 1, orgUid: 'o1', orgName: 'Sales' }] });
  });

  test('gateway answers are returned as sent, even when they have a data field', async () => {
    nock(API).get('/v1/cases/7').reply(200, { number: 7, data: 'kept' });
    await expect(transport.request({ method: 'GET', path: '/v1/cases/7', kind: 'read', operation: 'get the case' })).resolves.toEqual({ number: 7, data: 'kept' });
  });

  test('an empty 200 body is undefined for json, and ignored for empty', async () => {
    nock(API).post('/v1/watchlists/w1/included-users/add').reply(200, '');
    nock(API).post('/v1/alerts/update-state').reply(200, { ignored: true });

    await expect(transport.request({ method: 'POST', path: '/v1/watchlists/w1/included-users/add', body: { userIds: ['u1'] }, kind: 'write', operation: 'add the user to the watchlist' })).resolves.toBeUndefined();
    await expect(transport.request({ method: 'POST', path: '/v1/alerts/update-state', body: {}, kind: 'write', operation: 'update the alert state', responseType: 'empty' })).resolves.toBeUndefined();
  });

  test('text answers are returned as text', async () => {
    nock(API).get('/v1/some/text').reply(200, 'plain words', { 'content-type': 'text/plain' });
    await expect(transport.request({ method: 'GET', path: '/v1/some/text', kind: 'read', operation: 'read text', responseType: 'text' })).resolves.toBe('plain words');
  });

  test('a stream answer is a Node Readable of the bytes, not limited by the in-memory cap', async () => {
    const bytes = Buffer.alloc(10_000, 7);
    nock(API).get('/v1/files/get-file-by-sha256/abc').reply(200, bytes, { 'content-type': 'application/octet-stream' });

    const stream = await transport.request<Readable>({ method: 'GET', path: '/v1/files/get-file-by-sha256/abc', kind: 'read', operation: 'download the file', responseType: 'stream' });

    expect(stream).toBeInstanceOf(Readable);
    expect((await collect(stream)).equals(bytes)).toBe(true);
  });

  test('an answer larger than the cap is refused with a protocol error, whether its length is declared or not', async () => {
    nock(API).get('/v1/big').reply(200, Buffer.alloc(2048, 32), { 'content-length': '2048' });
    nock(API)
      .get('/v1/big-chunked')
      .reply(200, () => Readable.from([Buffer.alloc(600, 32), Buffer.alloc(600, 32)]));

    for (const path of ['/v1/big', '/v1/big-chunked']) {
      const error = await rejectionOf(transport.request({ method: 'GET', path, kind: 'read', operation: 'list watchlists' }));
      expect((error as Code42Error).kind).toBe('protocol');
      expect(error.message).toBe('Could not list watchlists: the answer from api.us.code42.com is larger than the 1 KiB limit.');
    }
  });

  test('a 200 that is not JSON says the URL may not point to the Code42 API', async () => {
    nock(API).get('/v1/watchlists').reply(200, '<html><body>Sign in</body></html>', { 'content-type': 'text/html' });

    const error = await rejectionOf(transport.request({ method: 'GET', path: '/v1/watchlists', kind: 'read', operation: 'list watchlists' }));

    expect((error as Code42Error).kind).toBe('protocol');
    expect(error.message).toBe('Could not list watchlists: api.us.code42.com answered 200 OK with an HTML page - check that the URL points to the Code42 API.');
  });

  test('a redirect is not followed: Code42 API calls do not redirect, a login page does', async () => {
    nock(API).get('/v1/watchlists').reply(302, '', { location: 'https://login.example.com/sso?token=abc' });

    const error = await rejectionOf(transport.request({ method: 'GET', path: '/v1/watchlists', kind: 'read', operation: 'list watchlists' }));

    expect(error.message).toBe('Could not list watchlists: api.us.code42.com answered 302 Found redirecting to https://login.example.com instead of a Code42 answer - check that the URL points to the Code42 API.');
  });
});
