// Every (method, path) the client can send lives in ENDPOINTS. This suite holds that list against the API a
// real tenant serves: the simulator must route each one, none may be an endpoint incydr-api.md marks removed,
// and no module may name a path outside the table.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { join } from 'node:path';
import { ENDPOINTS, type Endpoint, endpointLabel, fillPath, pathParameters } from '../../src/code42/endpoints';
import { startSimulator, type RunningSimulator } from '../../src/simulator';

/** Retired on real tenants (incydr-api.md §1): alerts, watchlists v1, detection lists, risk profiles, v1 alert rules, the console's /api. */
const REMOVED = [/^\/v1\/alerts(\/|$)/, /^\/v1\/watchlists(\/|$)/, /^\/v1\/detection-lists(\/|$)/, /^\/v1\/user-risk-profiles(\/|$)/, /^\/v1\/alert-rules(\/|$)/, /^\/api\//];

const endpoints = Object.entries(ENDPOINTS) as [string, Endpoint][];

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ host: '127.0.0.1', port: 0, logger: false });
  const basic = Buffer.from(`${sim.credentials.clientId}:${sim.credentials.clientSecret}`).toString('base64');
  const answer = await fetch(`${sim.url}/v1/oauth?grant_type=client_credentials`, { method: 'POST', headers: { authorization: `Basic ${basic}` } });
  token = ((await answer.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await sim.close();
});

test.each(endpoints)('%s is not an endpoint Code42 retired', (_name, endpoint) => {
  expect(REMOVED.filter((removed) => removed.test(endpoint.path))).toEqual([]);
});

test.each(endpoints)('%s is routed by the simulator', async (_name, endpoint) => {
  const params = Object.fromEntries(pathParameters(endpoint).map((name) => [name, name === 'caseNumber' ? 1 : `probe-${name}`]));
  const path = fillPath(endpoint, params, 'probe the simulator');
  const withBody = endpoint.method === 'POST' || endpoint.method === 'PATCH' || endpoint.method === 'PUT';
  const response = await fetch(`${sim.url}${path}${endpoint === ENDPOINTS.token ? '?grant_type=client_credentials' : ''}`, {
    method: endpoint.method,
    headers: { authorization: `Bearer ${token}`, ...(withBody ? { 'content-type': 'application/json' } : {}) },
    body: withBody ? '{}' : undefined,
  });
  const text = await response.text();
  // The simulator answers an unrouted request 404 "No route <METHOD> <path>."; a routed one may still refuse the
  // probe's made-up ids or empty body, which is fine here.
  expect({ endpoint: endpointLabel(endpoint), unrouted: response.status === 404 && text.includes('No route') }).toEqual({ endpoint: endpointLabel(endpoint), unrouted: false });
});

test('no module of the client names a Code42 path outside the endpoint table', () => {
  const dir = join(__dirname, '../../src/code42');
  const offenders = readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && file !== 'endpoints.ts')
    .flatMap((file) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter((line) => /['"`]\/(v\d|api)\//.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*'))
        .map((line) => `${file}: ${line.trim()}`),
    );
  expect(offenders).toEqual([]);
});

test('the retired modules are gone from the client', () => {
  const files = readdirSync(join(__dirname, '../../src/code42'));
  expect(files.filter((file) => ['alerts.ts', 'detection-lists.ts', 'risk-profiles.ts'].includes(file))).toEqual([]);
});

test('whatever a path parameter holds, the request goes to the endpoint it names, the value intact in its segment', () => {
  const endpoint = ENDPOINTS.actorByNameWithParent;
  fc.assert(
    fc.property(fc.string({ minLength: 1 }), (name) => {
      if (!name.trim() || name === '.' || name === '..') return true;
      const url = new URL(`https://api.us.code42.com${fillPath(endpoint, { name }, 'look up the actor')}?x=1`);
      const segments = url.pathname.split('/');
      return url.search === '?x=1' && segments.length === 7 && segments[5] !== undefined && decodeURIComponent(segments[5]) === name && segments[6] === 'parent';
    }),
  );
});

test('an empty, blank, "." or ".." path parameter is refused with a sentence naming it', () => {
  expect(() => fillPath(ENDPOINTS.getSession, { sessionId: '' }, 'get the session')).toThrow('Could not get the session: the sessionId is empty.');
  expect(() => fillPath(ENDPOINTS.getSession, { sessionId: '..' }, 'get the session')).toThrow('Could not get the session: the sessionId ".." cannot be sent in a URL path.');
});
