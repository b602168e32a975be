// Set-up shared by the client's nock suites: a client pointed at the transport suites' fake Code42 hosts,
// with their token endpoint answered before every test.
import { createCode42Client, type Code42Client } from '../../src/code42/client';
import { API, CLIENT_ID, CLIENT_SECRET, CONSOLE, NOCK_OPTIONS, tokenEndpoint, useNock } from '../transport/helpers';

export { API, CONSOLE, TENANT, rejectionOf } from '../transport/helpers';

/** nock for the suite, the token endpoint before every test and a fresh client per test (closed after). */
export function useNockClient(): () => Code42Client {
  useNock();
  let client: Code42Client;
  beforeEach(() => {
    tokenEndpoint();
    client = createCode42Client({ apiUrl: API, consoleUrl: CONSOLE, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, retry: { maxRetries: 0 }, ...NOCK_OPTIONS });
  });
  afterEach(async () => {
    await client.close();
  });
  return () => client;
}

/** Every item of an async iterable. */
export async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
