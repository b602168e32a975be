// What the transport sends and how it takes an answer: query and path encoding, JSON bodies and headers, answers
// decoded or ignored or streamed, the in-memory cap, and the sentences for empty, HTML and redirected answers.
import { Readable } from 'node:stream';
import nock from 'nock';
import { ENDPOINTS } from '../../src/code42/endpoints';
import type { Code42Error } from '../../src/code42/errors';
import type { Transport } from '../../src/code42/transport';
import { anyJson, API, TOKEN_1, createTransport, rejectionOf, tokenEndpoint, useNock } from './helpers';

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

const listWatchlists = { endpoint: ENDPOINTS.listWatchlists, operation: 'list watchlists' };

describe('requests and answers', () => {
  test('path parameters and query values are encoded, arrays repeat the parameter and undefined values are left out', async () => {
    const scope = nock(API)
      .patch('/v1/actors/actor/id/u%201%2F2')
      .query((q) => JSON.stringify(q) === JSON.stringify({ paths: ['startDate', 'notes'], active: 'true', page: '1' }))
      .reply(200, { actorId: 'u 1/2' });

    await transport.json({ endpoint: ENDPOINTS.updateActor, params: { actorId: 'u 1/2' }, query: { paths: ['startDate', 'notes'], active: true, page: 1, missing: undefined }, body: { notes: 'x' }, operation: 'update the actor' }, anyJson);

    expect(scope.isDone()).toBe(true);
  });

  test('an empty path parameter is refused before sending', async () => {
    const error = await rejectionOf(transport.json({ endpoint: ENDPOINTS.getSession, params: { sessionId: ' ' }, operation: 'get the session' }, anyJson));

    expect((error as Code42Error).kind).toBe('invalid-request');
    expect(error.message).toBe('Could not get the session: the sessionId is empty.');
  });

  test('a body is sent as JSON with the Bearer token and JSON headers', async () => {
    const scope = nock(API, { reqheaders: { authorization: `Bearer ${TOKEN_1}`, 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'code42-soar' } })
      .post('/v2/file-events', { groupClause: 'AND', groups: [] })
      .reply(200, { fileEvents: [] });

    await expect(transport.json({ endpoint: ENDPOINTS.searchFileEvents, body: { groupClause: 'AND', groups: [] }, operation: 'search file events' }, anyJson)).resolves.toEqual({ fileEvents: [] });
    expect(scope.isDone()).toBe(true);
  });

  test('answers are returned as sent, fields the schema does not name included', async () => {
    nock(API).get('/v1/cases/7').reply(200, { number: 7, data: 'kept' });
    await expect(transport.json({ endpoint: ENDPOINTS.getCase, params: { caseNumber: 7 }, operation: 'get the case' }, anyJson)).resolves.toEqual({ number: 7, data: 'kept' });
  });

  test('a call sent for its effect ignores whatever body the success carries', async () => {
    nock(API).post('/v1/sessions/change-state').reply(200, '');
    nock(API).post('/v1/sessions/change-state').reply(200, { ignored: true });
    nock(API).post('/v1/sessions/change-state').reply(204);

    for (let i = 0; i < 3; i++) await expect(transport.send({ endpoint: ENDPOINTS.changeSessionStates, body: { ids: ['s'], newState: 'OPEN' }, operation: 'change the state' })).resolves.toBeUndefined();
  });

  test("a call sent for its effect answered 200 with a proxy's HTML page is not a success", async () => {
    nock(API).post('/v1/sessions/change-state').reply(200, '<!DOCTYPE html><html><body>Please sign in</body></html>', { 'content-type': 'text/html' });

    const error = await rejectionOf(transport.send({ endpoint: ENDPOINTS.changeSessionStates, body: { ids: ['s'], newState: 'OPEN' }, operation: 'change the state' }));

    expect(error.message).toBe(
      "Could not change the state: Code42's answer to POST /v1/sessions/change-state is not what the API documents: it is an HTML page from api.us.code42.com, not JSON - check that the URL points to the Code42 API and that no proxy answers in its place.",
    );
  });

  test('an empty body where JSON is expected is one sentence naming the endpoint', async () => {
    nock(API).get('/v2/watchlists').reply(200, '');

    const error = await rejectionOf(transport.json(listWatchlists, anyJson));

    expect((error as Code42Error).kind).toBe('protocol');
    expect(error.message).toBe("Could not list watchlists: Code42's answer to GET /v2/watchlists is not what the API documents: it is empty.");
  });

  test("a proxy's HTML page with a 200 is one sentence naming the endpoint and the host", async () => {
    nock(API).get('/v2/watchlists').reply(200, '<html><body>Sign in</body></html>', { 'content-type': 'text/html' });

    const error = await rejectionOf(transport.json(listWatchlists, anyJson));

    expect((error as Code42Error).kind).toBe('protocol');
    expect(error.message).toBe(
      "Could not list watchlists: Code42's answer to GET /v2/watchlists is not what the API documents: it is an HTML page from api.us.code42.com, not JSON - check that the URL points to the Code42 API and that no proxy answers in its place.",
    );
  });

  test('a body that is not JSON is one sentence too', async () => {
    nock(API).get('/v2/watchlists').reply(200, 'OK', { 'content-type': 'text/plain' });

    const error = await rejectionOf(transport.json(listWatchlists, anyJson));

    expect(error.message).toMatch(/^Could not list watchlists: Code42's answer to GET \/v2\/watchlists is not what the API documents: it is not JSON - /);
  });

  test('a stream answer is a Node Readable of the bytes, not limited by the in-memory cap, with the headers', async () => {
    const bytes = Buffer.alloc(10_000, 7);
    nock(API).get('/v1/files/get-file-by-sha256/abc').reply(200, bytes, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="a.bin"' });

    const { body, headers } = await transport.stream({ endpoint: ENDPOINTS.fileBySha256, params: { sha256: 'abc' }, operation: 'download the file' });

    expect(body).toBeInstanceOf(Readable);
    expect(headers.get('content-disposition')).toBe('attachment; filename="a.bin"');
    expect((await collect(body)).equals(bytes)).toBe(true);
  });

  test('an answer larger than the cap is refused with a protocol error, whether its length is declared or not', async () => {
    nock(API).get('/v2/watchlists').reply(200, Buffer.alloc(2048, 32), { 'content-length': '2048' });
    nock(API)
      .get('/v2/watchlists')
      .reply(200, () => Readable.from([Buffer.alloc(600, 32), Buffer.alloc(600, 32)]));

    for (let i = 0; i < 2; i++) {
      const error = await rejectionOf(transport.json(listWatchlists, anyJson));
      expect((error as Code42Error).kind).toBe('protocol');
      expect(error.message).toBe('Could not list watchlists: the answer from api.us.code42.com is larger than the 1 KiB limit.');
    }
  });

  test('a redirect is not followed: Code42 API calls do not redirect, a login page does', async () => {
    nock(API).get('/v2/watchlists').reply(302, '', { location: 'https://login.example.com/sso?token=abc' });

    const error = await rejectionOf(transport.json(listWatchlists, anyJson));

    expect(error.message).toBe('Could not list watchlists: api.us.code42.com answered 302 Found redirecting to https://login.example.com instead of a Code42 answer - check that the URL points to the Code42 API.');
  });
});
