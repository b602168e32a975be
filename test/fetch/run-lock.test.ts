import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Incident } from '../../src/fetch/incident';
import { Scheduler } from '../../src/fetch/scheduler';
import type { DeliveryReport, IncidentSink } from '../../src/fetch/sink';
import { readLastRunFile, writeLastRunFile } from '../../src/fetch/state-file';
import { alertSeries, FakeCode42 } from './fake-code42';

const NOW = new Date('2024-03-01T12:00:00.000Z');
const clock = (): Date => NOW;

/** A sink whose deliveries wait until the test lets them go, so a run can be held open. */
class GatedSink implements IncidentSink {
  readonly description = 'gated sink';
  readonly delivered: string[] = [];
  private release!: () => void;
  readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  open(): void {
    this.release();
  }
  async deliver(incidents: readonly Incident[]): Promise<DeliveryReport> {
    await this.gate;
    this.delivered.push(...incidents.map((incident) => incident.dbotMirrorId));
    return { delivered: incidents.length, skipped: 0 };
  }
  async close(): Promise<void> {}
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('one fetch run per state file', () => {
  let directory: string;
  let stateFile: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'run-lock-'));
    stateFile = join(directory, 'state.json');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const scheduler = (client: FakeCode42, sink: IncidentSink) => new Scheduler({ client, params: { max_fetch: 5 }, stateFile, sink, intervalMinutes: 1, clock });

  it('a second fetcher on the same state file fails its run while the first is delivering, and nothing is delivered twice', async () => {
    const client = new FakeCode42().add(...alertSeries('a', 3, '2024-03-01T10:00:00Z', 1000));
    const first = new GatedSink();
    const second = new GatedSink();
    second.open();
    const running = scheduler(client, first).runOnce();
    await new Promise((resolve) => setTimeout(resolve, 50));

    await expect(scheduler(client, second).runOnce()).rejects.toThrow(/^Another fetch run is using .*state\.json; one fetcher per state file/);
    first.open();
    await running;
    expect(first.delivered).toEqual(['a-0001', 'a-0002', 'a-0003']);
    expect(second.delivered).toEqual([]);

    // Once the first run is over, the second fetcher runs from the saved checkpoint: nothing new.
    expect(await scheduler(client, second).runOnce()).toMatchObject({ fetched: 0 });
  });

  it('a lock left by a process that died is taken over', async () => {
    await writeFile(`${stateFile}.lock`, String(deadPid()));
    const sink = new GatedSink();
    sink.open();
    const client = new FakeCode42().add(...alertSeries('a', 2, '2024-03-01T10:00:00Z', 1000));
    expect(await scheduler(client, sink).runOnce()).toMatchObject({ fetched: 2, delivered: 2 });
    await expect(readFile(`${stateFile}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a lock held by another live process stops the run with its pid named and the checkpoint untouched', async () => {
    await writeFile(`${stateFile}.lock`, String(process.ppid));
    const sink = new GatedSink();
    sink.open();
    const client = new FakeCode42().add(...alertSeries('a', 2, '2024-03-01T10:00:00Z', 1000));
    await expect(scheduler(client, sink).runOnce()).rejects.toThrow(`Another fetch run (process ${process.ppid}) is using ${stateFile}`);
    expect(sink.delivered).toEqual([]);
    expect(await readLastRunFile(stateFile)).toEqual({});
  });

  it('a run that fails releases the lock, so the next run can go ahead', async () => {
    await mkdir(stateFile);
    const sink = new GatedSink();
    sink.open();
    const client = new FakeCode42().add(...alertSeries('a', 1, '2024-03-01T10:00:00Z', 1000));
    await expect(scheduler(client, sink).runOnce()).rejects.toThrow(/^Cannot read the fetch state file .*state\.json: EISDIR\.$/);
    await expect(readFile(`${stateFile}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
    await rm(stateFile, { recursive: true });
    expect(await scheduler(client, sink).runOnce()).toMatchObject({ fetched: 1 });
  });

  it('a checkpoint that cannot be saved is one sentence naming the file', async () => {
    const notADirectory = join(directory, 'plain-file');
    await writeFile(notADirectory, '');
    await expect(writeLastRunFile(join(notADirectory, 'state.json'), { last_fetch: 1 })).rejects.toThrow(
      new RegExp(`^Cannot save the fetch state file ${notADirectory}/state\\.json: E[A-Z]+\\.$`),
    );
  });
});
