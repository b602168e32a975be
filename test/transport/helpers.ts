// Shared set-up of the transport suites: a transport pointed at a fake Code42, JWT-shaped tokens, and a
// pino logger whose every line is captured so tests can prove no secret or token is logged.
import { Writable } from 'node:stream';
import nock from 'nock';
import pino from 'pino';
import { REDACTED_PATHS } from '../../src/log';
import { unlimitedBudget } from '../../src/code42/budget';
import { decoder } from '../../src/code42/decode';
import { type FetchFunction, Transport, type TransportOptions } from '../../src/code42/transport';

export const API = 'https://api.us.code42.com';
export const CONSOLE = 'https://console.us.code42.com';
export const CLIENT_ID = 'key-test-client';
export const CLIENT_SECRET = 'super-secret-value-42';
export const TENANT = 'c4b5e830-tenant-uid';

/** A JWT-shaped token (header.payload.signature) carrying `tenantUid`, as Code42 issues them. */
export function jwt(claims: Record<string, unknown> = { tenantUid: TENANT }, signature = 'sig'): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${signature}`;
}

export const TOKEN_1 = jwt({ tenantUid: TENANT, n: 1 }, 'first-token-signature');
export const TOKEN_2 = jwt({ tenantUid: TENANT, n: 2 }, 'second-token-signature');

export const basicAuthHeader = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

/** Expects one token request with the client's Basic credentials and answers it with `token`. */
export function tokenEndpoint(token = TOKEN_1, expiresIn = 900): nock.Scope {
  return nock(API, { reqheaders: { authorization: basicAuthHeader } })
    .post('/v1/oauth')
    .query({ grant_type: 'client_credentials' })
    .reply(200, { access_token: token, token_type: 'bearer', expires_in: expiresIn });
}

export interface CapturedLog {
  lines: string[];
  logger: pino.Logger;
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const logger = pino({ level: 'debug', redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } }, destination);
  return { lines, logger };
}

/**
 * The global fetch, which nock 14 intercepts (undici's own fetch, the production default, it does not): injected
 * so that nock tests run the real transport. The transport's pool is left out: it is undici 7's, while Node 20's
 * global fetch is undici 6, and an intercepted request never reaches a pool anyway.
 */
export const nockableFetch: FetchFunction = (url, { dispatcher: _pool, ...init }) => globalThis.fetch(url, init);

/** Options every nock test shares: the interceptable fetch and no pacing (the budget has its own tests). */
export const NOCK_OPTIONS = { fetch: nockableFetch, budget: unlimitedBudget } as const;

/** A transport with fast, deterministic retries unless the test says otherwise. */
export function createTransport(overrides: Partial<TransportOptions> = {}): Transport {
  return new Transport({
    apiUrl: API,
    consoleUrl: CONSOLE,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    retry: { maxRetries: 4, baseDelayMs: 1, maxDelayMs: 2 },
    random: () => 0.5,
    ...NOCK_OPTIONS,
    ...overrides,
  });
}

/** nock for one suite: no real network except loopback, and nothing left over between tests. */
export function useNock(): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}

/** The rejection of `promise`, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail, but it succeeded');
}

/** Accepts any JSON: for transport tests about everything but the shape of the answer. */
export const anyJson = decoder<unknown>({});
