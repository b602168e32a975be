// Processes sharing data/, as a new user runs them: `code42-soar fetch` (a real child process, killed with
// SIGKILL the moment it has appended to the sink, before or after its checkpoint) beside the service's
// scheduled fetching (the same Scheduler + FileFetchStore `serve` builds, in this process). Needs dist/
// (`npm test` builds before jest).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Incident } from '../../src/fetch/incident';
import { JsonlSink } from '../../src/fetch/jsonl-sink';
import { tryLock } from '../../src/fetch/os-lock';
import { Scheduler } from '../../src/fetch/scheduler';
import { FileFetchStore } from '../../src/fetch/store';
import { useSimulated } from '../support/simulator';

const root = resolve(__dirname, '../..');
const MINUTE = 60_000;

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done(child.exitCode) : child.once('exit', (code) => done(code))));
}

describe('processes sharing data/', () => {
  const demo = useSimulated({ per: 'test', sessions: 0 });
  let directory: string;
  let stateFile: string;
  let sinkFile: string;

  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  });

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'shared-state-'));
    stateFile = join(directory, 'fetch-state.json');
    sinkFile = join(directory, 'incidents.jsonl');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const sinkIds = async (): Promise<string[]> =>
    (await readFile(sinkFile, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as Incident).dbotMirrorId);

  /** `code42-soar fetch` on the shared folder, killed (SIGKILL) as soon as the sink file changes. */
  async function cliFetchKilledAfterDelivery(): Promise<void> {
    const env = {
      PATH: process.env.PATH ?? '',
      CODE42_API_URL: demo.sim.url,
      CODE42_CONSOLE_URL: demo.sim.url,
      CODE42_CLIENT_ID: demo.sim.credentials.clientId,
      CODE42_CLIENT_SECRET: demo.sim.credentials.clientSecret,
      CODE42_FIRST_FETCH: '1 day',
      CODE42_MAX_FETCH: '15',
      CODE42_SOAR_DATA_DIR: directory,
      LOG_LEVEL: 'error',
    };
    const watcher = watch(directory);
    const child = spawn(process.execPath, [join(root, 'bin', 'code42-soar.js'), 'fetch', '--state', stateFile, '--sink', sinkFile], { env, stdio: 'ignore' });
    watcher.on('change', (_, name) => {
      if (name === 'incidents.jsonl') child.kill('SIGKILL');
    });
    await exited(child);
    watcher.close();
  }

  it('never duplicates when the CLI is killed between delivery and checkpoint and the service fetches next', async () => {
    // The sink exists, so the first change the watcher sees is the CLI's append, not the file's creation.
    await writeFile(sinkFile, '');
    const service = new FileFetchStore({ stateFile, sink: new JsonlSink(sinkFile) });
    const scheduler = new Scheduler({ client: demo.client, params: { first_fetch: '1 day', max_fetch: 15 }, store: service, intervalMinutes: 1 });
    const now = Date.now();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 12; i++) demo.sim.tenant.addSession({ beginTime: now - 30 * MINUTE + round * MINUTE + i, events: 0 });
      await cliFetchKilledAfterDelivery();
      await scheduler.runOnce();
    }
    for (let run = 0; run < 10 && (await scheduler.runOnce()).fetched > 0; run++);
    // GET /v1/incidents reads the sink: what the killed CLI appended is there too.
    const page = await service.read!({ offset: 0, limit: 1000 });
    const eligible = demo.sim.tenant.sessions
      .filter((s) => s.triggeredAlerts.length > 0 && ['OPEN', 'OPEN_NEW_DATA'].includes(demo.sim.tenant.stateOf(s)) && s.beginTime >= now - 1440 * MINUTE)
      .map((s) => s.sessionId)
      .sort();
    const ids = await sinkIds();
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual(eligible);
    expect(page.incidents.map((i) => i.dbotMirrorId)).toEqual(ids);
    // Whatever temporary checkpoint a kill left, the next run removed.
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await service.close();
  }, 60_000);

  it('frees the lock the moment its holder is killed: no stale lock, no takeover', async () => {
    const holder = spawn(
      process.execPath,
      ['-e', `require(${JSON.stringify(join(root, 'dist', 'src', 'fetch', 'os-lock.js'))}).tryLock(process.argv[1]).then((lock) => { process.stdout.write(lock ? 'held' : 'busy'); setInterval(() => {}, 1000); })`, stateFile],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const said = await new Promise<string>((done) => holder.stdout!.once('data', (chunk: Buffer) => done(chunk.toString())));
    expect(said).toBe('held');
    expect(await tryLock(stateFile)).toBeUndefined();
    holder.kill('SIGKILL');
    await exited(holder);
    const lock = await tryLock(stateFile);
    expect(lock).toBeDefined();
    await lock!.release();
  });
});
