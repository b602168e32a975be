// CLI start time (issue 15): the transport loads undici's fetch and Agent from their own files instead of undici's
// index (src/code42/undici.ts); they must be the very function and class the index exports, so that nothing but
// the start time differs. (Which modules a run of the bin loads is checked in cli.test.ts.)
import * as undici from 'undici';
import { Agent, envHttpProxyAgent, fetch } from '../../src/code42/undici';

test('the Agent the transport pools with is the class undici exports', () => {
  expect(Agent).toBe(undici.Agent);
});

test('the fetch the transport sends with is the one undici\'s index wraps, read from its own file', () => {
  // The index exports a wrapper (it adds its own file to error stacks) around lib/web/fetch's fetch.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { fetch: wrapped } = require('undici/lib/web/fetch/index.js') as { fetch: typeof undici.fetch };
  expect(fetch).toBe(wrapped);
  expect(undici.fetch.toString()).toContain('fetchImpl(');
});

test('the proxy agent is the class undici exports (it comes with the whole index, whose helpers its tunnel needs)', () => {
  expect(envHttpProxyAgent()).toBe(undici.EnvHttpProxyAgent);
});
