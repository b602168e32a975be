// The README's "Replicas on PostgreSQL" commands, run as written (bash, from a folder that has the repository's
// bin/), against this suite's PostgreSQL and a simulator standing in for the Code42 instance. Only the ports
// change, to free ones, so that the test never collides with a service already running on 8042/8043.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { SCHEMA } from '../../src/store/migrations';
import { freshDatabase, type TestDatabase } from './database';

const README = join(__dirname, '..', '..', 'README.md');
const API_KEY = 'readme-replicas-api-key';

function commands(): string {
  const text = readFileSync(README, 'utf8');
  const match = /<!-- replicas-commands:start -->\n```sh\n([\s\S]*?)```\n<!-- replicas-commands:end -->/.exec(text);
  if (!match) throw new Error('README.md has no replicas-commands block.');
  return match[1];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let target: TestDatabase;
let sim: RunningSimulator;
let folder: string;

beforeAll(async () => {
  target = await freshDatabase({ migrated: false });
  sim = await startSimulator({ sessions: 5 });
  folder = mkdtempSync(join(tmpdir(), 'code42-soar-readme-'));
  symlinkSync(join(__dirname, '..', '..', 'bin'), join(folder, 'bin'));
});

afterAll(async () => {
  await sim?.close();
  await target?.drop();
  rmSync(folder, { recursive: true, force: true });
});

test('the README commands migrate, start two replicas on one database, and both serve the same incidents', async () => {
  const script = commands();
  const ports = [await freePort(), await freePort()];
  const runnable = script.replace('PORT=8042', `PORT=${ports[0]}`).replace('PORT=8043', `PORT=${ports[1]}`);
  expect(runnable).not.toBe(script);
  const shell = spawn('bash', ['-c', `${runnable}\nwait`], {
    cwd: folder,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: target.url,
      CODE42_API_URL: sim.url,
      CODE42_CLIENT_ID: sim.credentials.clientId,
      CODE42_CLIENT_SECRET: sim.credentials.clientSecret,
      CODE42_SOAR_API_KEY: API_KEY,
      LOG_LEVEL: 'warn',
    },
  });
  let stdout = '';
  let stderr = '';
  shell.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  shell.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    // Both banners and the status line printed: the replicas are serving and the schema is complete.
    while (!(stdout.match(/serving on /g)?.length === 2 && /schema version \d+, 0 pending/.test(stdout))) {
      if (shell.exitCode !== null) throw new Error(`the commands ended early:\n${stdout}${stderr}`);
      await new Promise((resolve) => shell.stdout!.once('data', resolve));
    }
    expect(stdout).toContain('applied 1: incidents, checkpoints, leases and the webhook outbox');
    // The first run of the leaseholder commits; the other replica skips the interval.
    let version = 0;
    while (version === 0) {
      const { rows } = await target.db.query<{ version: string }>(`SELECT version FROM ${SCHEMA}.checkpoints`).catch(() => ({ rows: [] as { version: string }[] }));
      version = Number(rows[0]?.version ?? 0);
    }
    const pages = await Promise.all(
      ports.map(async (port) => {
        const response = await fetch(`http://127.0.0.1:${port}/v1/incidents?limit=1000`, { headers: { authorization: `Bearer ${API_KEY}` } });
        expect(response.status).toBe(200);
        return (await response.json()) as { total: number };
      }),
    );
    expect(pages[0].total).toBeGreaterThan(0);
    expect(pages[1]).toEqual(pages[0]);
    const { rows } = await target.db.query(`SELECT holder FROM ${SCHEMA}.leases WHERE expires_at > now()`);
    expect(rows).toHaveLength(1);
  } finally {
    process.kill(-shell.pid!, 'SIGTERM');
    await new Promise((resolve) => (shell.exitCode !== null ? resolve(undefined) : shell.once('exit', resolve)));
  }
}, 60_000);
