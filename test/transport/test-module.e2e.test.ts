// `code42-soar run test-module` end to end: the CLI, the runtime, the real transport and the simulator
// talking HTTP on 127.0.0.1 (no nock in this file, so fetch goes through the transport's undici pool).
import { Writable } from 'node:stream';
import { main } from '../../src/cli';
import { startSimulator, type RunningSimulator } from '../../src/simulator';

let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ host: '127.0.0.1', port: 0, logger: false });
});
afterAll(async () => {
  await simulator.close();
});

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function runTestModule(secret: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture();
  const stderr = capture();
  const env = { CODE42_API_URL: simulator.url, CODE42_CLIENT_ID: simulator.credentials.clientId, CODE42_CLIENT_SECRET: secret, LOG_LEVEL: 'silent' };
  const code = await main(['run', 'test-module'], { stdout: stdout.stream, stderr: stderr.stream, env });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

test('run test-module against the simulator prints ok and exits 0', async () => {
  const result = await runTestModule(simulator.credentials.clientSecret);
  expect(result).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
});

test('run test-module with a wrong secret prints the bad-credentials sentence, never the secret, and exits 1', async () => {
  const wrongSecret = 'wrong-secret-value-0042';
  const result = await runTestModule(wrongSecret);

  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(
    'Failed to execute command test-module command. Error: Could not get a Code42 access token: Code42 refused the API client ID or secret (401 Unauthorized: Bad client credentials.) - check the API Client ID and Secret in the integration configuration.\n',
  );
  expect(result.stderr).not.toContain(wrongSecret);
});

test('run test-module with no credentials at all checks the embedded demo simulator and prints ok', async () => {
  const stdout = capture();
  const stderr = capture();
  const code = await main(['run', 'test-module'], { stdout: stdout.stream, stderr: stderr.stream, env: { LOG_LEVEL: 'silent' } });
  expect({ code, stdout: stdout.text() }).toEqual({ code: 0, stdout: 'ok\n' });
});
