import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCode42Client, type Code42Client } from '../../src/code42/client';
import { defineCommand } from '../../src/command';
import { Registry } from '../../src/registry';
import { fakeContext } from './helpers';

// A Code42 look-alike that hands out tokens but never answers anything else.
function stallingCode42(): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url?.startsWith('/v1/oauth')) {
      const payload = Buffer.from(JSON.stringify({ tenantUid: 't-1' })).toString('base64url');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ access_token: `h.${payload}.s`, token_type: 'bearer', expires_in: 900 }));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const lookUp = defineCommand({
  name: 'code42-test-lookup',
  description: 'Looks a user up.',
  kind: 'read',
  args: { username: { type: 'string', description: 'The username.', required: true } },
  async handler({ code42 }, { username }) {
    const user = await code42.users.findByUsername(username);
    return { title: 'User', outputs: user ? { UserID: user.userId } : null };
  },
});

describe('the deadline of one command', () => {
  let server: Server;
  let client: Code42Client;

  beforeAll(async () => {
    server = await stallingCode42();
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = createCode42Client({ apiUrl: url, consoleUrl: url, clientId: 'key-1', clientSecret: 'secret-1' });
  });

  afterAll(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('a command whose Code42 call never answers ends at its deadline with one sentence', async () => {
    const registry = new Registry([lookUp]);
    const context = { ...fakeContext({ code42: client }), deadlineMs: 300 };
    const [entry] = await registry.execute('code42-test-lookup', { username: 'a@example.com' }, context);
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toMatch(/^Failed to execute command code42-test-lookup command\. Error: .*(deadline|time)/i);
    expect(String(entry.Contents)).not.toMatch(/\n\s+at /);
  });
});
