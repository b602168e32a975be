// Real-HTTP helpers for the simulator suites: a started simulator plus a tiny client using the global fetch.
import { type RunningSimulator, type SimulatorOptions, startSimulator } from '../../src/simulator';

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface TestApi {
  sim: RunningSimulator;
  token: string;
  tenantId: string;
  get(path: string, headers?: Record<string, string>): Promise<HttpResult>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  patch(path: string, body?: unknown): Promise<HttpResult>;
  request(method: string, path: string, init?: { body?: string; headers?: Record<string, string> }): Promise<HttpResult>;
  /** The demo tenant's user id for a username (the tests name users by their demo usernames). */
  uidOf(username: string): string;
  /** The actor id of a user (not always the user id). */
  actorIdOf(username: string): string;
  del(path: string): Promise<HttpResult>;
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export async function send(url: string, init: RequestInit): Promise<HttpResult> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
}

export async function fetchToken(sim: RunningSimulator): Promise<string> {
  const result = await send(`${sim.url}/v1/oauth`, { method: 'POST', headers: { authorization: basicAuth(sim.credentials.clientId, sim.credentials.clientSecret) } });
  if (result.status !== 200) throw new Error(`token request failed: ${result.status} ${result.text}`);
  return result.json<{ access_token: string }>().access_token;
}

/** Starts a simulator and fetches a token; call `api.sim.close()` in afterAll. */
export async function openApi(options: SimulatorOptions = {}): Promise<TestApi> {
  const sim = await startSimulator(options);
  const token = await fetchToken(sim);
  const request = (method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) =>
    send(`${sim.url}${path}`, { method, body: init.body, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  const withJson = (body: unknown) => (body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return {
    sim,
    token,
    tenantId: sim.tenant.tenantId,
    request,
    get: (path, headers) => request('GET', path, { headers }),
    post: (path, body, headers) => {
      const init = withJson(body);
      return request('POST', path, { ...init, headers: { ...init.headers, ...headers } });
    },
    patch: (path, body) => request('PATCH', path, withJson(body)),
    uidOf: (username) => sim.tenant.userByUsername(username)?.userId as string,
    actorIdOf: (username) => sim.tenant.actorByName(username)?.actorId as string,
    del: (path) => request('DELETE', path),
  };
}

/**
 * Opens the API before the suite and closes it after. Use the answer inside tests and hooks: it stands for the
 * API opened then, and reading it before that throws.
 */
export function useApi(options: SimulatorOptions = {}): TestApi {
  let opened: TestApi | undefined;
  beforeAll(async () => {
    opened = await openApi(options);
  });
  afterAll(() => opened?.sim.close());
  return new Proxy({} as TestApi, {
    get(_target, key) {
      if (!opened) throw new Error('The simulator API is not open yet: use it inside a test.');
      return Reflect.get(opened, key);
    },
  });
}

/** A settable clock for token-expiry and time-window tests. */
export function manualClock(start = Date.parse('2024-05-01T12:00:00.000Z')): { now: () => number; advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}
