// One undici major: production requests go through undici's own fetch (the package that also builds the pool),
// which nock does not intercept; nock tests inject the global fetch, which it does. Both run the same transport.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { unlimitedBudget } from '../../src/code42/budget';
import { ENDPOINTS } from '../../src/code42/endpoints';
import { Transport, type TransportOptions } from '../../src/code42/transport';
import { anyJson, CLIENT_ID, CLIENT_SECRET, TOKEN_1, nockableFetch } from './helpers';

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(req.url?.startsWith('/v1/oauth') ? JSON.stringify({ access_token: TOKEN_1, expires_in: 900 }) : '{"answeredBy":"the real server"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (!nock.isActive()) nock.activate();
});
beforeEach(() => {
  nock(url).post('/v1/oauth').query(true).reply(200, { access_token: TOKEN_1, expires_in: 900 }).get('/v1/customer').reply(200, { answeredBy: 'nock' });
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.restore();
  await new Promise((resolve) => server.close(resolve));
});

async function askWith(options: Partial<TransportOptions>): Promise<unknown> {
  const transport = new Transport({ apiUrl: url, consoleUrl: url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, budget: unlimitedBudget, retry: { maxRetries: 0 }, ...options });
  try {
    return await transport.json({ endpoint: ENDPOINTS.customer, operation: 'read the customer' }, anyJson);
  } finally {
    await transport.close();
  }
}

test("by default the transport uses undici's own fetch, which nock does not intercept", async () => {
  await expect(askWith({})).resolves.toEqual({ answeredBy: 'the real server' });
});

test('an injected fetch is used instead: the global one, which nock intercepts', async () => {
  await expect(askWith({ fetch: nockableFetch })).resolves.toEqual({ answeredBy: 'nock' });
});

test('the fetch and the pool come from the npm undici, major 7', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('undici/package.json') as { version: string };
  expect(version.split('.')[0]).toBe('7');
});
