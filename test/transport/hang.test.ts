// A Code42 that accepts connections and never answers (a hung gateway, a black-holing proxy): the user hears
// within seconds. checkConnection fails with one sentence, and `code42-soar run test-module` exits non-zero,
// both with the production timeouts (nothing shortened for the test), side by side to keep the file short. The
// measured times are printed.
import { spawn } from 'node:child_process';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { unlimitedBudget } from '../../src/code42/budget';
import { createCode42Client } from '../../src/code42/client';
import { Code42Error } from '../../src/code42/errors';
import { CLIENT_ID, CLIENT_SECRET, rejectionOf } from './helpers';

let server: Server;
let url: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((socket) => {
    // Accept, read whatever comes, never answer.
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

test.concurrent('checkConnection rejects with a sentence within 10 s', async () => {
  const client = createCode42Client({ apiUrl: url, consoleUrl: url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, budget: unlimitedBudget });
  const started = performance.now();
  const error = await rejectionOf(client.checkConnection());
  const elapsed = performance.now() - started;
  await client.close();
  console.log(`checkConnection against a Code42 that never answers failed after ${Math.round(elapsed)} ms`);

  expect(error).toBeInstanceOf(Code42Error);
  expect((error as Code42Error).kind).toBe('timeout');
  expect(error.message).toBe(`Could not get a Code42 access token: the access token request's time limit of 8 s ran out before ${new URL(url).host} answered.`);
  expect(elapsed).toBeLessThan(10_000);
}, 20_000);

test.concurrent('`code42-soar run test-module` exits non-zero within 15 s with the sentence on stderr', async () => {
  const bin = join(__dirname, '../../bin/code42-soar.js');
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'run', 'test-module'], {
    env: { PATH: process.env.PATH, CODE42_API_URL: url, CODE42_CLIENT_ID: CLIENT_ID, CODE42_CLIENT_SECRET: CLIENT_SECRET, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const elapsed = performance.now() - started;
  console.log(`run test-module against a Code42 that never answers exited ${code} after ${Math.round(elapsed)} ms`);

  expect(code).not.toBe(0);
  expect(stderr).toContain(`Could not get a Code42 access token: the access token request's time limit of 8 s ran out before ${new URL(url).host} answered.`);
  expect(stderr).not.toContain(CLIENT_SECRET);
  expect(elapsed).toBeLessThan(15_000);
}, 30_000);
