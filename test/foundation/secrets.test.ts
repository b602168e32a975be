// A client secret placed in the configuration never shows up in a log line or an entry: not when something
// logs the configuration (handlers no longer receive it; a component holding it might), not when Code42 fails,
// not when a command crashes. Every log line is captured, in
// both log formats (JSON lines for the service, text lines for the one-shot commands).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { main } from '../../src/cli';
import type { SessionsApi } from '../../src/code42/api';
import { Code42Error } from '../../src/code42/errors';
import { defineCommand } from '../../src/command';
import { loadConfig } from '../../src/config';
import type { LogFormat } from '../../src/log';
import { Registry } from '../../src/registry';
import { captureIO, capturedLogger, connectionCheck, fakeContext } from './helpers';

const SECRET = 'Zq7-client-secret-4d1c9b';
const BASIC = Buffer.from(`key-42:${SECRET}`).toString('base64');
const config = loadConfig({ env: { CODE42_CLIENT_ID: 'key-42', CODE42_CLIENT_SECRET: SECRET, CODE42_CONSOLE_URL: 'https://console.us.code42.com' } });

const sessions: Partial<SessionsApi> = {
  async get() {
    throw new Code42Error('Code42 refused the API client (401): check the client id and secret.', {
      kind: 'auth',
      operation: 'get session',
      status: 401,
      cause: { request: { headers: { authorization: `Basic ${BASIC}` } }, credentials: config.credentials },
    });
  },
};

const alertGet = defineCommand({
  name: 'code42-alert-get',
  description: 'Retrieve alert details by alert ID.',
  kind: 'read',
  args: { id: { type: 'string', description: 'The alert ID.', required: true } },
  async handler(context, { id }) {
    const { code42, log } = context;
    // The ways careless code might log what it holds: the handler's whole context, and the configuration.
    log.info({ context }, 'running with this context');
    log.info({ config }, 'running with this configuration');
    log.debug({ credentials: config.credentials }, 'credentials in use');
    log.debug({ headers: { authorization: `Basic ${BASIC}` } }, 'token request');
    log.debug({ clientSecret: config.credentials.password, client_secret: config.credentials.password }, 'client');
    log.info(`configuration: ${JSON.stringify(config)}`);
    const session = await code42.sessions.get(id);
    return { outputs: { ID: id, Found: session !== undefined } };
  },
});

const crashes = defineCommand({
  name: 'crashes',
  description: 'Crashes with the configuration attached to the error.',
  kind: 'read',
  args: {},
  async handler() {
    throw Object.assign(new TypeError('unexpected shape'), { config, credentials: config.credentials });
  },
});

const echoes = defineCommand({
  name: 'echoes',
  description: 'Puts the configuration in its outputs.',
  kind: 'read',
  args: {},
  async handler() {
    return { prefix: 'Debug', outputs: { Config: config, Credentials: config.credentials } };
  },
});

const registry = new Registry([alertGet, crashes, echoes]);

const FORMATS: LogFormat[] = ['json', 'text'];

async function runCaptured(name: string, args: Record<string, string> = {}, format: LogFormat = 'json') {
  const { log, output } = capturedLogger(format);
  const entries = await registry.execute(name, args, fakeContext({ code42: { sessions: sessions as SessionsApi }, log }));
  return { entries, lines: output.lines, printed: JSON.stringify(entries) };
}

function expectNoSecret(text: string): void {
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(BASIC);
}

describe.each(FORMATS)('logging %s lines', (format) => {
  test('a command failing with a Code42 error leaks the secret into no log line and no entry', async () => {
    const { entries, lines, printed } = await runCaptured('code42-alert-get', { id: 'a-1' }, format);
    expect(entries).toEqual([
      expect.objectContaining({
        Type: 4,
        Contents: 'Failed to execute command code42-alert-get command. Error: Code42 refused the API client (401): check the client id and secret.',
      }),
    ]);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expectNoSecret(line);
    expectNoSecret(printed);
    // The configuration itself was logged, just without the secret.
    expect(lines.some((line) => line.includes('"password":"[REDACTED]"'))).toBe(true);
  });

  test('a crash carrying the configuration on the error is logged without the secret', async () => {
    const { entries, lines, printed } = await runCaptured('crashes', {}, format);
    expect(entries[0].Contents).toBe('Failed to execute command crashes command. Error: Internal error: unexpected shape');
    expect(lines.some((line) => line.includes('command failed unexpectedly'))).toBe(true);
    for (const line of lines) expectNoSecret(line);
    expectNoSecret(printed);
  });
});

test('a configuration put into outputs shows redacted in the table, the context and the raw contents', async () => {
  const { entries, printed } = await runCaptured('echoes');
  expect(entries[0].Type).toBe(1);
  expect(entries[0].HumanReadable).toContain('[REDACTED]');
  expectNoSecret(entries[0].HumanReadable ?? '');
  expectNoSecret(printed);
});

describe('through the CLI and the real Code42 client', () => {
  // A Code42 stand-in on 127.0.0.1 whose token endpoint refuses the client and echoes the secret back.
  let server: Server;
  let apiUrl: string;
  let tokenRequests = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      if (request.url?.startsWith('/v1/oauth')) tokenRequests++;
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'invalid_client', error_description: `client secret ${SECRET} is not valid (Basic ${BASIC})` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test.each(FORMATS)('a refused token whose answer echoes the secret leaks it into no output and no trace log line (LOG_FORMAT=%s)', async (format) => {
    const before = tokenRequests;
    const io = captureIO(
      { CODE42_CLIENT_ID: 'key-42', CODE42_CLIENT_SECRET: SECRET, CODE42_API_URL: apiUrl, LOG_LEVEL: 'trace', LOG_FORMAT: format },
      new Registry([connectionCheck]),
    );
    const code = await main(['run', 'code42-test-connection', '--json'], io);
    expect(tokenRequests).toBeGreaterThan(before);
    expect(code).toBe(1);
    const [entry] = JSON.parse(io.stdout.text) as { Type: number; Contents: string }[];
    expect(entry.Type).toBe(4);
    expect(entry.Contents).toMatch(/^Failed to execute command code42-test-connection command\. Error: Could not .*refused the API client ID or secret/);
    expect(io.stderr.lines.length).toBeGreaterThan(0);
    expectNoSecret(io.stdout.text);
    expectNoSecret(io.stderr.text);
  });
});
