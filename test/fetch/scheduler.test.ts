// Scheduled fetching on the file store, against the simulator: delivery then checkpoint, a crash between the
// two, several fetchers sharing one data folder, leftovers of earlier versions and of killed runs.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Incident } from '../../src/fetch/incident';
import { JsonlSink } from '../../src/fetch/jsonl-sink';
import type { LastRun } from '../../src/fetch/last-run';
import { Scheduler } from '../../src/fetch/scheduler';
import { FetchBusyError, FileFetchStore } from '../../src/fetch/store';
import { readLastRunFile, writeLastRunFile } from '../../src/fetch/state-file';
import { useSimulated } from '../support/simulator';

const T0 = Date.parse('2026-12-01T12:00:00.000Z');
const MINUTE = 60_000;

describe('scheduled fetching on the file store', () => {
  const demo = useSimulated({ per: 'test', sessions: 0, clock: () => T0 });
  let directory: string;
  let stateFile: string;
  let sinkFile: string;
  const stores: FileFetchStore[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'scheduler-'));
    stateFile = join(directory, 'fetch-state.json');
    sinkFile = join(directory, 'incidents.jsonl');
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await rm(directory, { recursive: true, force: true });
  });

  /** A store on the shared folder, as `serve` or a CLI fetch opens it. */
  const storeOn = (options: { saveCheckpoint?: (file: string, lastRun: LastRun) => Promise<void> } = {}): FileFetchStore => {
    const store = new FileFetchStore({ stateFile, sink: new JsonlSink(sinkFile), ...options });
    stores.push(store);
    return store;
  };
  const schedulerOn = (store: FileFetchStore, maxFetch = 200): Scheduler =>
    new Scheduler({ client: demo.client, params: { first_fetch: '1 day', max_fetch: maxFetch }, store, intervalMinutes: 1, clock: () => new Date(T0) });
  const sinkIds = async (): Promise<string[]> =>
    (await readFile(sinkFile, 'utf8')).split('\n').filter(Boolean).map((line) => (JSON.parse(line) as Incident).dbotMirrorId);
  const eligible = (): string[] =>
    demo.sim.tenant.sessions
      .filter((s) => s.triggeredAlerts.length > 0 && ['OPEN', 'OPEN_NEW_DATA'].includes(demo.sim.tenant.stateOf(s)) && s.beginTime >= T0 - 1440 * MINUTE)
      .map((s) => s.sessionId)
      .sort();
  const addSessions = (n: number): void => {
    for (let i = 0; i < n; i++) demo.sim.tenant.addSession({ beginTime: T0 - 60 * MINUTE + i * 1000, events: 0 });
  };

  it('delivers the incidents, then saves the new lastRun', async () => {
    addSessions(3);
    const report = await schedulerOn(storeOn()).runOnce();
    expect(report).toMatchObject({ fetched: eligible().length, delivered: eligible().length, skipped: 0 });
    expect((await sinkIds()).sort()).toEqual(eligible());
    expect(await readLastRunFile(stateFile)).toEqual(report.lastRun);
  });

  it('after a crash between delivery and checkpoint, another process sharing the folder delivers nothing twice', async () => {
    addSessions(5);
    const crashing = storeOn({
      saveCheckpoint: async () => {
        throw new Error('killed before the checkpoint');
      },
    });
    await expect(schedulerOn(crashing).runOnce()).rejects.toThrow('killed before the checkpoint');
    expect((await sinkIds()).sort()).toEqual(eligible());
    const report = await schedulerOn(storeOn()).runOnce();
    expect(report).toMatchObject({ delivered: 0, skipped: eligible().length });
    expect((await sinkIds()).sort()).toEqual(eligible());
  });

  it('reads what another process appended before delivering, and GET /v1/incidents shows it', async () => {
    addSessions(2);
    const service = storeOn();
    expect((await service.read!({ offset: 0, limit: 10 })).total).toBe(0);
    // A CLI fetch with its own (empty) checkpoint delivers into the same sink.
    await schedulerOn(new FileFetchStore({ stateFile: join(directory, 'cli-state.json'), sink: new JsonlSink(sinkFile) })).runOnce();
    const page = await service.read!({ offset: 0, limit: 10 });
    expect(page.incidents.map((i) => i.dbotMirrorId).sort()).toEqual(eligible());
    // The service's own checkpoint knows nothing of them; its sink does.
    expect(await schedulerOn(service).runOnce()).toMatchObject({ delivered: 0, skipped: eligible().length });
    expect((await sinkIds()).sort()).toEqual(eligible());
  });

  /**
   * Starts `n` fetchers on the folder at once. The one that gets the lock holds it (its checkpoint waits) until
   * every other one has been turned away, so the race has one outcome whatever the machine's load.
   */
  async function raceOf(n: number): Promise<PromiseSettledResult<unknown>[]> {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let turnedAway = 0;
    const gated = storeOn.bind(null, {
      saveCheckpoint: async (file: string, lastRun: LastRun) => {
        await gate;
        await writeLastRunFile(file, lastRun);
      },
    });
    const runs = Array.from({ length: n }, () =>
      schedulerOn(gated())
        .runOnce()
        .catch((error: unknown) => {
          if (++turnedAway === n - 1) open();
          throw error;
        }),
    );
    return Promise.allSettled(runs);
  }

  it('lets one of two fetchers sharing the folder run and turns the other away with one sentence', async () => {
    addSessions(4);
    const results = await raceOf(2);
    const busy = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(busy).toHaveLength(1);
    expect(busy[0].reason).toBeInstanceOf(FetchBusyError);
    expect(busy[0].reason.message).toBe(`Another fetch run is using ${stateFile}; one fetcher per state and sink file — this run did nothing and the next one tries again.`);
    expect((await sinkIds()).sort()).toEqual(eligible());
    // The lock went with the run: the next run takes it.
    expect(await schedulerOn(storeOn()).runOnce()).toMatchObject({ fetched: 0 });
  });

  it.each([
    ['a dead pid', '999999'],
    ['nothing', ''],
    ['garbage', '\u0000not a pid'],
  ])('is not blocked by a lock file of an earlier version holding %s, and still lets only one of three in', async (_, content) => {
    addSessions(3);
    await writeFile(`${stateFile}.lock`, content);
    const results = await raceOf(3);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await sinkIds()).sort()).toEqual(eligible());
  });

  it('removes the temporary checkpoint files a killed run left', async () => {
    addSessions(1);
    const orphans = ['.fetch-state.json.4242.0a1b2c3d.tmp', '.fetch-state.json.17.ffff.tmp'];
    for (const orphan of orphans) await writeFile(join(directory, orphan), '{"half":');
    await writeFile(join(directory, '.other.json.1.ab.tmp'), 'not ours');
    await schedulerOn(storeOn()).runOnce();
    expect((await readdir(directory)).sort()).toEqual(['.other.json.1.ab.tmp', 'fetch-state.json', 'incidents.jsonl']);
  });

  it('leaves the sink and the checkpoint alone when the fetch fails, and says why', async () => {
    addSessions(2);
    demo.sim.faults.add({ path: '/v1/sessions', kind: 'status', status: 500, times: 1 });
    const scheduler = schedulerOn(storeOn());
    await expect(scheduler.runOnce()).rejects.toThrow(/500/);
    expect(scheduler.lastError).toMatch(/500/);
    await expect(readFile(sinkFile)).rejects.toThrow(/ENOENT/);
    expect(await readLastRunFile(stateFile)).toEqual({});
  });

  it('drains a backlog over runs of max_fetch, each session once', async () => {
    addSessions(130);
    const scheduler = schedulerOn(storeOn(), 40);
    for (let run = 0; run < 10 && (await scheduler.runOnce()).fetched > 0; run++);
    expect((await sinkIds()).sort()).toEqual(eligible());
  });

  it('refuses bad fetch parameters when it is built', () => {
    expect(() => new Scheduler({ client: demo.client, params: { max_fetch: 'lots' }, store: storeOn(), intervalMinutes: 1 })).toThrow(/max_fetch/);
  });

  it('stop() waits for the run in progress to deliver and checkpoint', async () => {
    addSessions(2);
    const scheduler = schedulerOn(storeOn());
    scheduler.start();
    await scheduler.stop();
    expect(scheduler.started).toBe(false);
    expect((await sinkIds()).sort()).toEqual(eligible());
    expect((await readLastRunFile(stateFile)).sessions).toBe(1);
  });
});
