// The walk-through: `code42-soar simulate` prints the CODE42_* variables, and `code42-soar run` with
// them adds a user to the high-risk list (the table), then says the user is already on it (exit 1).
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli';
import { runSimulate } from '../../src/cli/simulate';
import { DEMO_USERS } from '../../src/simulator';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

let stopSimulator: () => void;
let simulating: Promise<number>;
let env: Record<string, string>;

beforeAll(async () => {
  const out = capture();
  const stopped = new Promise<void>((resolve) => (stopSimulator = resolve));
  simulating = runSimulate(['--port', '0'], { stdout: out.stream, stderr: capture().stream, env: {} }, () => stopped);
  // simulate prints shell `export NAME=value` lines once it listens.
  await new Promise<void>((resolve) => out.stream.on('data', () => out.text().includes('CODE42_CLIENT_SECRET=') && resolve()));
  env = Object.fromEntries([...out.text().matchAll(/^export (CODE42_\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
});

afterAll(async () => {
  stopSimulator();
  await simulating;
});

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await main(argv, { stdout: stdout.stream, stderr: stderr.stream, env: { ...env, LOG_LEVEL: 'silent' } });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

test('simulate prints the four variables that point run at it', () => {
  expect(Object.keys(env).sort()).toEqual(['CODE42_API_URL', 'CODE42_CLIENT_ID', 'CODE42_CLIENT_SECRET', 'CODE42_CONSOLE_URL']);
  expect(env.CODE42_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test('run code42-highriskemployee-add prints the added-user table, and a second run says the user is already on the list', async () => {
  // heidi.hr is on no detection list in the demo tenant.
  const argv = ['run', 'code42-highriskemployee-add', `username=${DEMO_USERS.heidi}`, 'note=flight risk'];

  const first = await cli(argv);
  expect(first).toMatchObject({ code: 0, stderr: '' });
  expect(first.stdout).toMatch(
    new RegExp(`^### Code42 High Risk Employee List User Added\\n\\|Note\\|UserID\\|Username\\|\\n\\|---\\|---\\|---\\|\\n\\| flight risk \\| \\d{18} \\| ${DEMO_USERS.heidi.replace(/\./g, '\\.')} \\|\\n$`),
  );

  const second = await cli(argv);
  expect(second).toEqual({
    code: 1,
    stdout: '',
    stderr: `Failed to execute command code42-highriskemployee-add command. Error: User ${DEMO_USERS.heidi} is already on the High Risk Employee List.\n`,
  });
});
