// The rough edges a newcomer and an attacker hit (issue 15), each answered with a sentence or a status:
// unknown routes, prototype keys, huge values, schema wording, the docs placeholder, refused-request floods,
// health probes' rate limit and mode, and readiness against a Code42 that accepts connections and never answers.
import { createServer, type Server, type Socket } from 'node:net';
import { API_KEY, expectOneSentence, startTestService, type TestService } from './helpers';

interface ErrorBody {
  statusCode: number;
  message: string;
}

describe('a running demo service', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  test('an unknown route answers 401 without a key, as real routes do, so the routes cannot be mapped', async () => {
    for (const path of ['/v1/nothing-here', '/admin', '/v1/commands/test-module/extra']) {
      const response = await fetch(`${service.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  test('an unknown route answers 404 with the key', async () => {
    const response = await service.call('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorBody).message).toBe('No route GET /v1/nothing-here: see /docs for the API.');
  });

  test.each([
    ['{"id": "x", "__proto__": {"admin": true}}', '__proto__'],
    ['{"id": "x", "nested": {"constructor": {"prototype": {"admin": true}}}}', 'nested.constructor.prototype'],
  ])('valid JSON with a prototype key is refused saying what and why: %s', async (rawBody, key) => {
    const response = await service.call('/v1/commands/code42-alert-get', { rawBody, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).message).toBe(
      `The request body holds the key "${key}", which is refused: keys named __proto__ (or constructor.prototype) can change the prototype of objects on the server (prototype pollution); rename or remove it.`,
    );
  });

  test('JSON that does not parse still says so', async () => {
    const response = await service.call('/v1/commands/code42-alert-get', { rawBody: '{"id": ', headers: { 'content-type': 'application/json' } });
    expect(((await response.json()) as ErrorBody).message).toBe('The request body is not valid JSON.');
  });

  test('a 400 for a bad argument quotes at most 200 characters of a 1 MB value', async () => {
    const huge = 'x'.repeat(1024 * 1024 - 100);
    const service = await startTestService({ limits: { bodyLimitBytes: 2 * 1024 * 1024 } });
    try {
      const response = await service.call('/v1/commands/code42-alert-search', { body: { results: huge } });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text.length).toBeLessThan(2000);
      const { message } = JSON.parse(text) as ErrorBody;
      expectOneSentence(message);
      expect(message).toContain(`"${'x'.repeat(197)}..."`);
      expect(message).not.toContain('x'.repeat(201));
    } finally {
      await service.close();
    }
  });

  test('a schema failure in the query string is a sentence, not "querystring.offset must be >= 0"', async () => {
    const response = await service.call('/v1/incidents?offset=-1');
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).message).toBe('The query parameter offset must be at least 0.');
  });

  test('a schema failure in the body is a sentence naming the field and every accepted type', async () => {
    const response = await service.call('/v1/fetch-incidents', { body: { lastRun: {}, params: { max_fetch: { many: true } } } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).message).toBe('The body field params.max_fetch must be text, a whole number or null.');
  });

  test('an unknown field in the body names it', async () => {
    const response = await service.call('/v1/fetch-incidents', { body: { lastRun: {}, param: {} } });
    expect(((await response.json()) as ErrorBody).message).toBe('The body field param is not accepted: see /docs for the accepted fields.');
  });

  test('the /docs page shows the "<API key>" placeholder, HTML-escaped, not dropped as a tag', async () => {
    const html = await (await fetch(`${service.url}/docs`)).text();
    expect(html).toContain('Send &quot;Authorization: Bearer &lt;API key&gt;&quot; on every route but /healthz.');
    expect(html).not.toContain('<API key>');
  });

  test('/healthz says which mode runs', async () => {
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: 'ok', mode: 'demo' });
  });
});

describe('refused requests', () => {
  test('a flood without the key is logged as its first line and one summary, not one line each', async () => {
    const service = await startTestService();
    const flood = 60;
    for (let i = 0; i < flood; i++) await fetch(`${service.url}/v1/commands`, { headers: { authorization: 'Bearer wrong-key-0123456789' } });
    await service.close();
    const refusedLines = service.logs.filter((line) => line.includes(' 401 ') || line.includes('Refused'));
    expect(refusedLines).toHaveLength(2);
    expect(JSON.parse(refusedLines[0]).msg).toMatch(/^GET \/v1\/commands 401 \d+ ms; further refused requests are counted and summarised every 10 seconds$/);
    expect(JSON.parse(refusedLines[1]).msg).toMatch(/^Refused 59 more requests \(59 x 401\) from 1 address in the last \d+ seconds?; only the first of each window is logged in full\.$/);
  });

  test('unknown paths are rate limited too: a scan gets 429s, not endless 401s', async () => {
    const service = await startTestService({ limits: { rateLimitPerMinute: 2 } });
    try {
      const statuses: number[] = [];
      for (const path of ['/a', '/b', '/c']) statuses.push((await fetch(`${service.url}${path}`)).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await service.close();
    }
  });

  test('/healthz is rate limited like every route', async () => {
    const service = await startTestService({ limits: { rateLimitPerMinute: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${service.url}/healthz`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await service.close();
    }
  });
});

describe('readiness against a Code42 that accepts connections and never answers', () => {
  let hanging: Server;
  const sockets = new Set<Socket>();
  let port: number;

  beforeAll(async () => {
    // Accepts every connection, reads what is sent, never writes a byte.
    hanging = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.resume();
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    port = (hanging.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => hanging.close(() => resolve()));
  });

  test('/readyz answers 503 by its deadline, saying Code42 did not answer, in code42 mode', async () => {
    const env = { CODE42_API_URL: `http://127.0.0.1:${port}`, CODE42_CLIENT_ID: 'key-hang', CODE42_CLIENT_SECRET: 'secret-hang' };
    const service = await startTestService({ limits: { readinessTimeoutMs: 300 } }, env);
    try {
      const response = await fetch(`${service.url}/readyz`, { headers: { authorization: `Bearer ${API_KEY}` } });
      expect(response.status).toBe(503);
      const { message } = (await response.json()) as ErrorBody;
      expect(message).toBe('Code42 did not answer the readiness check within 0.3 seconds: it accepts connections but does not respond.');
      expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: 'ok', mode: 'code42' });
    } finally {
      // The abandoned check is still waiting on its socket; dropping it lets the client close at once.
      for (const socket of sockets) socket.destroy();
      await service.close();
    }
  });
});
