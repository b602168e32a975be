// How the transport uses its request budget: every request takes a turn (the token request too), the turn is
// released once the answer begins, a wait that outlasts the deadline is one sentence, a failing budget another.
import nock from 'nock';
import type { RequestBudget } from '../../src/code42/budget';
import { withDeadline } from '../../src/code42/deadline';
import { ENDPOINTS } from '../../src/code42/endpoints';
import type { Code42Error } from '../../src/code42/errors';
import { anyJson, API, createTransport, rejectionOf, tokenEndpoint, useNock } from './helpers';

useNock();

const customer = { endpoint: ENDPOINTS.customer, operation: 'read the customer' };

test('the token request and the call each take a turn, and each turn is released once its answer begins', async () => {
  const events: string[] = [];
  const budget: RequestBudget = {
    acquire: async () => {
      events.push('acquire');
      return () => events.push('release');
    },
  };
  const transport = createTransport({ budget });
  tokenEndpoint();
  nock(API).get('/v1/customer').reply(200, {});

  await transport.json(customer, anyJson);
  await transport.close();

  expect(events).toEqual(['acquire', 'release', 'acquire', 'release']);
});

test('a budget that counts at acquire time (no release) is asked once per request, the token request included', async () => {
  let turns = 0;
  const budget: RequestBudget = {
    acquire: async () => {
      turns++;
    },
  };
  const transport = createTransport({ budget });
  tokenEndpoint();
  nock(API).get('/v1/customer').times(2).reply(200, {});

  await transport.json(customer, anyJson);
  await transport.json(customer, anyJson);
  await transport.close();

  expect(turns).toBe(3);
});

test('a wait for a turn that outlasts the deadline is one sentence, and nothing is sent', async () => {
  const budget: RequestBudget = { acquire: (signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))) };
  const transport = createTransport({ budget });

  const error = (await rejectionOf(withDeadline(50, () => transport.json(customer, anyJson)))) as Code42Error;
  await transport.close();

  expect(error.kind).toBe('timeout');
  expect(error.message).toBe("Could not get a Code42 access token: the command's time limit of 50 ms ran out while the request waited for its turn under Code42's rate limit.");
});

test('a budget that fails (a shared database down) is one sentence, and nothing is sent', async () => {
  const budget: RequestBudget = { acquire: () => Promise.reject(new Error('connection to the database was refused.')) };
  const transport = createTransport({ budget });

  const error = (await rejectionOf(transport.json(customer, anyJson))) as Code42Error;
  await transport.close();

  expect(error.message).toBe(
    "Could not get a Code42 access token: the request budget that keeps this API client under Code42's rate limit failed (connection to the database was refused).",
  );
});

test("a 429 with Retry-After tells the budget to hold everyone for that long", async () => {
  const throttled: number[] = [];
  const budget: RequestBudget = { acquire: async () => undefined, throttled: (ms) => throttled.push(ms) };
  const transport = createTransport({ budget });
  tokenEndpoint();
  nock(API).get('/v1/customer').reply(429, '', { 'Retry-After': '0' }).get('/v1/customer').reply(200, {});

  await transport.json(customer, anyJson);
  await transport.close();

  expect(throttled).toEqual([0]);
});
