// The API key, rate limit, body limit and error answers: nothing reaches a command without the key,
// and no failure answer carries more than one sentence.
import { API_KEY, expectOneSentence, startTestService, type TestService } from './helpers';

describe('API key', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  const unauthorized: [string, Record<string, string>][] = [
    ['no Authorization header', {}],
    ['a wrong key', { authorization: 'Bearer not-the-key-0123456789' }],
    ['the key with one character changed', { authorization: `Bearer ${API_KEY.slice(0, -1)}X` }],
    ['the key as Basic credentials', { authorization: `Basic ${Buffer.from(`x:${API_KEY}`).toString('base64')}` }],
    ['the bare key without the Bearer scheme', { authorization: API_KEY }],
  ];

  test.each(unauthorized)('a command with %s is 401 and never runs', async (_case, headers) => {
    const before = service.simulator.stats.total();
    const response = await fetch(`${service.url}/v1/commands/test-module`, { method: 'POST', headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectOneSentence(((await response.json()) as { message: string }).message);
    expect(service.simulator.stats.total()).toBe(before);
  });

  test.each(['/v1/commands', '/v1/incidents', '/readyz'])('GET %s needs the key', async (path) => {
    expect((await fetch(`${service.url}${path}`)).status).toBe(401);
  });

  test('fetch-incidents needs the key', async () => {
    const response = await fetch(`${service.url}/v1/fetch-incidents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
  });

  test('the Bearer scheme is accepted in any case, as RFC 7235 says', async () => {
    const response = await fetch(`${service.url}/v1/commands`, { headers: { authorization: `bearer ${API_KEY}` } });
    expect(response.status).toBe(200);
  });

  test('/healthz answers without a key', async () => {
    const response = await fetch(`${service.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', mode: 'demo' });
  });

  test('the docs page and the OpenAPI document answer without a key', async () => {
    expect((await fetch(`${service.url}/docs`)).status).toBe(200);
    expect((await fetch(`${service.url}/openapi.json`)).status).toBe(200);
  });

  test('the API key never appears in the request log', async () => {
    await service.call('/v1/commands/test-module', { method: 'POST' });
    await fetch(`${service.url}/v1/commands`, { headers: { authorization: 'Bearer wrong-key-that-is-secret-too' } });
    const logged = service.logs.join('\n');
    expect(logged).toContain('/v1/commands/test-module');
    expect(logged).not.toContain(API_KEY);
    expect(logged).not.toContain('wrong-key-that-is-secret-too');
  });

  test('each request is logged with a message that says what was served', async () => {
    await fetch(`${service.url}/healthz`);
    const messages = service.logs.map((line) => (JSON.parse(line) as { msg?: string }).msg);
    expect(messages).toContainEqual(expect.stringMatching(/^GET \/healthz 200 \d+ ms$/));
  });
});

describe('readiness', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());
  afterEach(() => service.simulator.faults.clear());

  test('/readyz is 200 when Code42 grants a token', async () => {
    const response = await service.call('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', mode: 'demo' });
  });

  test('probes right after a check reuse its answer: no Code42 request, the budget is for commands and fetching', async () => {
    expect((await service.call('/readyz')).status).toBe(200);
    const before = service.simulator.stats.total();
    for (let i = 0; i < 5; i++) expect((await service.call('/readyz')).status).toBe(200);
    expect(service.simulator.stats.total()).toBe(before);
  });

  test('/readyz is 503 with the sentence saying what is wrong when Code42 refuses the credentials', async () => {
    const refused = await startTestService();
    try {
      refused.simulator.revokeTokens();
      refused.simulator.faults.add({ method: 'POST', path: '/v1/oauth', kind: 'status', status: 401 });
      const response = await refused.call('/readyz');
      expect(response.status).toBe(503);
      const { message } = (await response.json()) as { message: string };
      expectOneSentence(message);
      expect(message).toMatch(/credential|client|secret|401/i);
    } finally {
      await refused.close();
    }
  });
});

describe('limits and failures', () => {
  test('more requests than the rate limit allows are answered 429 with Retry-After', async () => {
    const service = await startTestService({ limits: { rateLimitPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await service.call('/v1/commands')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await service.call('/v1/commands');
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expectOneSentence(((await limited.json()) as { message: string }).message);
    } finally {
      await service.close();
    }
  });

  test('requests without the key count against the rate limit too', async () => {
    const service = await startTestService({ limits: { rateLimitPerMinute: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${service.url}/v1/commands`)).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await service.close();
    }
  });

  test('a malformed URL is a 400 in the service error format, one sentence, no internal code', async () => {
    const service = await startTestService();
    try {
      const response = await service.call('/v1/commands/%zz', { method: 'POST' });
      expect(response.status).toBe(400);
      const body = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['error', 'message', 'statusCode']);
      expectOneSentence(body.message);
    } finally {
      await service.close();
    }
  });

  test('a body over the size limit is 413', async () => {
    const service = await startTestService({ limits: { bodyLimitBytes: 1024 } });
    try {
      const response = await service.call('/v1/commands/code42-alert-get', { body: { id: 'x'.repeat(2048) } });
      expect(response.status).toBe(413);
      expect(((await response.json()) as { message: string }).message).toBe('The request body is too large.');
    } finally {
      await service.close();
    }
  });

  test('an unexpected failure is a 500 with one generic sentence: no stack trace, no internal message', async () => {
    const failure = new Error('ENOENT: secret internal path /var/lib/x\n    at read (/work/x.js:1:1)');
    const service = await startTestService({ incidents: { read: () => Promise.reject(failure) } });
    try {
      const response = await service.call('/v1/incidents');
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toMatch(/ENOENT|\/var\/lib|at read|\.js:\d/);
      expectOneSentence((JSON.parse(text) as { message: string }).message);
      expect(service.logs.some((line) => line.includes('secret internal path'))).toBe(true);
    } finally {
      await service.close();
    }
  });

  test('a command still running at its deadline is answered 504 saying its outcome is unknown', async () => {
    const service = await startTestService({ limits: { commandTimeoutMs: 200 } });
    try {
      service.simulator.faults.add({ path: '*', kind: 'latency', latencyMs: 1000 });
      const response = await service.call('/v1/commands/code42-watchlists-list', { method: 'POST' });
      expect(response.status).toBe(504);
      const { message } = (await response.json()) as { message: string };
      expect(message).toMatch(/did not finish.*outcome is unknown/);
    } finally {
      service.simulator.faults.clear();
      await service.close();
    }
  });

  test('a Code42 failure inside a command stays a Type 4 entry with HTTP 200, not a 5xx', async () => {
    const service = await startTestService();
    try {
      service.simulator.faults.add({ path: '/v2/watchlists*', kind: 'status', status: 400 });
      const response = await service.call('/v1/commands/code42-watchlists-list', { method: 'POST' });
      expect(response.status).toBe(200);
      const [entry] = (await response.json()) as { Type: number; Contents: string }[];
      expect(entry.Type).toBe(4);
      expect(entry.Contents).toMatch(/^Failed to execute command code42-watchlists-list command\./);
    } finally {
      service.simulator.faults.clear();
      await service.close();
    }
  });
});
