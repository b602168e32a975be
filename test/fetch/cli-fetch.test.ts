// `code42-soar fetch` in demo mode (the embedded simulator serves the demo tenant), on files; on PostgreSQL: test/pg/cli-fetch.test.ts.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { run } from '../../src/cli/fetch';
import type { Incident } from '../../src/fetch/incident';
import { captureIO } from '../foundation/helpers';

describe('code42-soar fetch', () => {
  let directory: string;
  let stateFile: string;
  let sinkFile: string;
  let env: NodeJS.ProcessEnv;

  const sinkIds = async (): Promise<string[]> =>
    (await readFile(sinkFile, 'utf8')).split('\n').filter(Boolean).map((line) => (JSON.parse(line) as Incident).dbotMirrorId);

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'cli-fetch-'));
    stateFile = join(directory, 'state.json');
    sinkFile = join(directory, 'incidents.jsonl');
    // The demo tenant persists in the data directory: a fresh one per test.
    env = { CODE42_FIRST_FETCH: '7 days', CODE42_MAX_FETCH: '200', LOG_LEVEL: 'warn', CODE42_SOAR_DATA_DIR: directory };
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('delivers the open alerting demo sessions to the JSONL file and saves the checkpoint', async () => {
    const io = captureIO(env);
    expect(await run(['--state', stateFile, `--sink=${sinkFile}`], io)).toBe(0);
    const ids = await sinkIds();
    expect(ids.length).toBeGreaterThan(0);
    expect(io.stdout.text).toBe(`Fetched ${ids.length} incidents: ${ids.length} delivered to ${sinkFile}; checkpoint saved to ${stateFile}.\n`);
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({ sessions: 1, frontier: expect.any(Number), delivered: expect.any(Object) });
  });

  it('delivers nothing twice when the checkpoint is lost but the sink kept the incidents', async () => {
    expect(await run(['--state', stateFile, '--sink', sinkFile], captureIO(env))).toBe(0);
    const first = await sinkIds();
    await rm(stateFile);
    const io = captureIO(env);
    expect(await run(['--state', stateFile, '--sink', sinkFile], io)).toBe(0);
    expect(io.stdout.text).toBe(`Fetched ${first.length} incidents: 0 delivered to ${sinkFile}, ${first.length} already there; checkpoint saved to ${stateFile}.\n`);
    expect(await sinkIds()).toEqual(first);
  });

  it('prints the usage with --help', async () => {
    const io = captureIO(env);
    expect(await run(['--help'], io)).toBe(0);
    expect(io.stdout.text).toMatch(/^Usage: code42-soar fetch \[--state FILE\] \[--sink FILE\|URL\] \[--config FILE\]/);
  });

  it.each([
    [['--stat', 'x'], 'code42-soar fetch: Unknown option "--stat": fetch accepts --state FILE, --sink FILE|URL, --config FILE and --help.\n'],
    [['--sink'], 'code42-soar fetch: --sink needs a value, e.g. --sink data/incidents.jsonl.\n'],
    [['--state', '--sink', 'x.jsonl'], 'code42-soar fetch: --state needs a value, e.g. --state data/fetch-state.json.\n'],
    [['--sink', 'ftp://example.com/incidents'], 'code42-soar fetch: --sink takes a file path or an http(s) URL, not "ftp://example.com/incidents".\n'],
    [['--sink', 'https://'], 'code42-soar fetch: --sink takes a file path or an http(s) URL, not "https://".\n'],
  ])('answers a usage error for %j with exit 2', async (argv, message) => {
    const io = captureIO(env);
    expect(await run(argv, io)).toBe(2);
    expect(io.stderr.text).toBe(message);
  });

  it('refuses a bad fetch parameter before touching anything, with exit 2', async () => {
    const config = join(directory, 'code42.yaml');
    await writeFile(config, 'max_fetch: 500\n');
    const io = captureIO({ CODE42_SOAR_DATA_DIR: directory });
    expect(await run(['--config', config, '--state', stateFile, '--sink', sinkFile], io)).toBe(2);
    expect(io.stderr.text).toMatch(/^code42-soar fetch: max_fetch .*must be a whole number from 1 to 200/);
    await expect(readFile(stateFile)).rejects.toThrow();
  });

  it.each(['100000000000000000000 days', '10000 years'])('refuses first_fetch "%s" with one sentence naming the parameter and its range', async (value) => {
    const io = captureIO({ ...env, CODE42_FIRST_FETCH: value });
    expect(await run(['--state', stateFile, '--sink', sinkFile], io)).toBe(2);
    expect(io.stderr.text).toMatch(/^code42-soar fetch: [^\n]*first_fetch[^\n]*at most 100 years \(36525 days, 1200 months\)[^\n]*1970-01-01[^\n]*\.\n$/);
    await expect(readFile(stateFile)).rejects.toThrow();
  });

  it('fails with exit 1 and saves no checkpoint when the webhook does not take the incidents', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
    await new Promise((resolve) => closed.close(resolve));
    const io = captureIO(env);
    expect(await run(['--state', stateFile, '--sink', hook], io)).toBe(1);
    expect(io.stderr.text).toMatch(new RegExp(`^code42-soar fetch: Could not deliver session \\S+ to the webhook ${hook}: ECONNREFUSED\\.\\n$`));
    await expect(readFile(stateFile)).rejects.toThrow();
  });

  it('says in one sentence when the sink file cannot be opened', async () => {
    const io = captureIO(env);
    expect(await run(['--state', stateFile, '--sink', directory], io)).toBe(1);
    expect(io.stderr.text).toBe(`code42-soar fetch: Cannot open the incidents file ${directory}: EISDIR.\n`);
    await expect(readFile(stateFile)).rejects.toThrow();
  });

  it('fails with exit 1 and keeps the checkpoint when the sink cannot take the incidents', async () => {
    await writeFile(sinkFile, 'not an incident\n{}\n');
    const io = captureIO(env);
    expect(await run(['--state', stateFile, '--sink', sinkFile], io)).toBe(1);
    expect(io.stderr.text).toContain(`code42-soar fetch: Line 1 of ${sinkFile} is not an incident with a dbotMirrorId`);
    await expect(readFile(stateFile)).rejects.toThrow();
  });

  it('on files, without DATABASE_URL, never loads the PostgreSQL driver (it would cost every run ~90 ms)', async () => {
    // The compiled CLI (npm test builds it first), with a preload that lists what was loaded at exit.
    const root = join(__dirname, '..', '..');
    const preload = join(directory, 'preload.js');
    const loaded = join(directory, 'modules.json');
    await writeFile(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(Object.keys(require.cache))));`);
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', preload, join(root, 'bin', 'code42-soar.js'), 'fetch', '--state', stateFile, '--sink', sinkFile], {
      cwd: root,
      env: { PATH: process.env.PATH, ...env, PGUSER: 'soar', PGPASSWORD: 'not-a-selector' },
    });
    expect(stdout).toMatch(/^Fetched \d+ incidents: \d+ delivered to /);
    const modules = JSON.parse(await readFile(loaded, 'utf8')) as string[];
    expect(modules.some((file) => /[\\/]src[\\/]fetch[\\/]/.test(file))).toBe(true);
    expect(modules.filter((file) => /[\\/]node_modules[\\/]pg[\\/]|[\\/]src[\\/]store[\\/]database\.js$/.test(file))).toEqual([]);
  });
});
