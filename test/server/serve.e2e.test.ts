// `npm start` for real: the built entry point in demo mode, used the way its banner says, then SIGTERM.
// Needs dist/ (`npm test` builds before jest).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const entryPoint = join(root, 'bin', 'code42-soar.js');

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function start(args: string[], env: Record<string, string>): Started {
  // Only what the service needs: no CODE42_* from the developer's shell, so it runs in demo mode.
  const child = spawn(process.execPath, [entryPoint, 'serve', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'src', 'cli', 'serve.js'))) throw new Error('dist/ is missing: run `npm run build` first.');
});

describe('code42-soar serve (npm start) in demo mode', () => {
  let dataDir: string;
  let service: Started;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'code42-soar-serve-'));
    service = start(['--fetch-interval-seconds', '1'], { HOST: '127.0.0.1', PORT: '0', CODE42_SOAR_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  test('comes up, serves what its banner says, delivers fetched incidents and stops cleanly on SIGTERM', async () => {
    const banner = await waitFor('the banner', () => (/curl .*\n/.test(service.stdout()) ? service.stdout() : undefined));
    expect(banner).toMatch(/Demo mode/);
    const url = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1];
    const apiKey = /API key \(generated[^)]*\): (\S+)/.exec(banner)![1];
    const [, body, command] = /-d '([^']*)' \S+\/v1\/commands\/(\S+)/.exec(banner)!;

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);

    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const response = await fetch(`${url}/v1/commands/${command}`, { method: 'POST', headers, body });
    expect(response.status).toBe(200);
    const entries = (await response.json()) as { Type: number }[];
    expect(entries.map((entry) => entry.Type)).toEqual([1]);

    const page = await waitFor('incidents from scheduled fetching', async () => {
      const incidents = (await (await fetch(`${url}/v1/incidents`, { headers })).json()) as { total: number; incidents: { dbotMirrorId: string }[] };
      return incidents.total > 0 ? incidents : undefined;
    });
    expect(page.incidents[0].dbotMirrorId).toEqual(expect.any(String));

    service.child.kill('SIGTERM');
    expect(await service.exit).toBe(0);
    expect(service.stderr()).toMatch(/SIGTERM received/);
    // A checkpoint was written whole (its shape is the fetch store's, tested in test/fetch).
    expect(Object.keys(JSON.parse(await readFile(join(dataDir, 'fetch-state.json'), 'utf8')) as object).length).toBeGreaterThan(0);
    const lines = (await readFile(join(dataDir, 'incidents.jsonl'), 'utf8')).split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(page.total);
  });
});

describe('code42-soar serve refuses unsafe or unusable settings', () => {
  test('listening beyond loopback without an API key exits 2 with a clear message', async () => {
    const refused = start([], { HOST: '0.0.0.0', PORT: '0' });
    expect(await refused.exit).toBe(2);
    expect(refused.stderr()).toMatch(/Refusing to listen on 0\.0\.0\.0 without an API key: set CODE42_SOAR_API_KEY/);
    expect(refused.stdout()).toBe('');
  });

  test('an API key shorter than 16 characters exits 2', async () => {
    const refused = start([], { PORT: '0', CODE42_SOAR_API_KEY: 'short' });
    expect(await refused.exit).toBe(2);
    expect(refused.stderr()).toMatch(/at least 16 characters/);
  });

  test('an unknown option exits 2 naming the accepted ones', async () => {
    const refused = start(['--fetch-every', '3'], { PORT: '0' });
    expect(await refused.exit).toBe(2);
    expect(refused.stderr()).toMatch(/Unknown option "--fetch-every"/);
  });
});
