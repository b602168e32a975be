import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseSimulateArgs, runSimulate } from '../../src/cli/simulate';
import type { CliIO } from '../../src/cli';
import { startSimulator } from '../../src/simulator';
import { basicAuth } from './helpers';

function captureIO(): { io: CliIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdout, stderr, env: {} }, out: () => out, err: () => err };
}

describe('code42-soar simulate', () => {
  test('prints eval-able export lines, serves until stopped, then exits 0', async () => {
    const { io, out } = captureIO();
    let stop: () => void = () => undefined;
    let printed: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (printed = resolve));
    io.stdout.on('data', () => printed());
    const exit = runSimulate(['--port', '0', '--seed', '3', '--sessions', '5'], io, () => new Promise<void>((resolve) => (stop = resolve)));
    await ready;
    const lines = out().trim().split('\n');
    expect(lines.every((l) => l.startsWith('#') || /^export CODE42_[A-Z_]+=\S+$/.test(l))).toBe(true);
    const env = Object.fromEntries(lines.filter((l) => l.startsWith('export ')).map((l) => l.slice(7).split('=')));
    expect(env.CODE42_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.CODE42_CONSOLE_URL).toBe(env.CODE42_API_URL);
    expect([env.CODE42_CLIENT_ID, env.CODE42_CLIENT_SECRET]).toEqual(['key-demo-client', 'demo-secret-not-for-production']);
    for (const listed of ['dave.developer@example.com', 'CUSTOM "High Risk Employees"', '"Project Falcon Investigation"', '"Departing employee exfiltration"']) expect(out()).toContain(listed);
    const token = await fetch(`${env.CODE42_API_URL}/v1/oauth`, { method: 'POST', headers: { authorization: basicAuth(env.CODE42_CLIENT_ID, env.CODE42_CLIENT_SECRET) } });
    expect(token.status).toBe(200);
    stop();
    expect(await exit).toBe(0);
  });

  test('a bad flag is one sentence on stderr and exit 2', async () => {
    const { io, err } = captureIO();
    expect(await runSimulate(['--port', 'abc'], io, () => Promise.resolve())).toBe(2);
    expect(err()).toBe('code42-soar simulate: --port needs an integer between 0 and 65535, not "abc".\n');
  });

  test('an unknown flag names the usage and exits 2', async () => {
    const { io, err } = captureIO();
    expect(await runSimulate(['--verbose'], io, () => Promise.resolve())).toBe(2);
    expect(err()).toMatch(/^code42-soar simulate: Unknown argument "--verbose"; usage: code42-soar simulate/);
  });

  test('a port already in use is one sentence and exit 1', async () => {
    const busy = await startSimulator();
    try {
      const port = new URL(busy.url).port;
      const { io, err } = captureIO();
      expect(await runSimulate(['--port', port], io, () => Promise.resolve())).toBe(1);
      expect(err()).toBe(`code42-soar simulate: Port ${port} on 127.0.0.1 is already in use; choose another with --port.\n`);
    } finally {
      await busy.close();
    }
  });

  test('flags accept both --name value and --name=value', () => {
    expect(parseSimulateArgs(['--port=5000', '--host', '0.0.0.0', '--events=10'])).toEqual({ flags: { port: 5000, host: '0.0.0.0', events: 10 } });
  });

  test('--state names the tenant file', () => {
    expect(parseSimulateArgs(['--state', 'data/t.json'])).toEqual({ flags: { port: 4242, host: '127.0.0.1', statePath: 'data/t.json' } });
  });

  test('a state file that is not a saved tenant is one sentence and exit 1', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sim-cli-')), 't.json');
    writeFileSync(path, '{"hello": 1}');
    const { io, err } = captureIO();
    expect(await runSimulate(['--port', '0', '--state', path], io, () => Promise.resolve())).toBe(1);
    expect(err()).toBe(`code42-soar simulate: The simulator could not start: The simulator state file ${path} is not a saved demo tenant; delete it to start with a fresh demo tenant.\n`);
  });

  test('defaults are port 4242 on 127.0.0.1', () => {
    expect(parseSimulateArgs([])).toEqual({ flags: { port: 4242, host: '127.0.0.1' } });
  });
});
