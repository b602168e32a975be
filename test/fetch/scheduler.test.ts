import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Incident } from '../../src/fetch/incident';
import { JsonlSink } from '../../src/fetch/jsonl-sink';
import { Scheduler } from '../../src/fetch/scheduler';
import type { DeliveryReport, IncidentSink } from '../../src/fetch/sink';
import { readLastRunFile } from '../../src/fetch/state-file';
import { alertSeries, FakeCode42 } from './fake-code42';

const NOW = new Date('2024-03-01T12:00:00.000Z');
const clock = (): Date => NOW;

/** A sink that writes, then dies before the scheduler can checkpoint: a crash between delivery and checkpoint. */
class CrashAfterDelivery implements IncidentSink {
  readonly description = 'crashing sink';
  constructor(private readonly inner: IncidentSink) {}
  async deliver(incidents: readonly Incident[]): Promise<DeliveryReport> {
    await this.inner.deliver(incidents);
    throw new Error('process killed');
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('scheduled fetching', () => {
  let directory: string;
  let stateFile: string;
  let sinkFile: string;
  const toClose: IncidentSink[] = [];

  const openJsonl = async (): Promise<JsonlSink> => {
    const sink = await JsonlSink.open(sinkFile);
    toClose.push(sink);
    return sink;
  };
  const sinkIds = async (): Promise<string[]> =>
    (await readFile(sinkFile, 'utf8')).split('\n').filter(Boolean).map((line) => (JSON.parse(line) as Incident).dbotMirrorId);

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'scheduler-'));
    stateFile = join(directory, 'state.json');
    sinkFile = join(directory, 'incidents.jsonl');
  });

  afterEach(async () => {
    await Promise.all(toClose.splice(0).map((sink) => sink.close()));
    await rm(directory, { recursive: true, force: true });
  });

  it('delivers the incidents, then saves the new lastRun', async () => {
    const client = new FakeCode42().add(...alertSeries('a', 3, '2024-03-01T10:00:00Z', 1000));
    const scheduler = new Scheduler({ client, params: { max_fetch: 2 }, stateFile, sink: await openJsonl(), intervalMinutes: 1, clock });
    const report = await scheduler.runOnce();
    expect(report).toMatchObject({ fetched: 2, delivered: 2, skipped: 0 });
    expect(await sinkIds()).toEqual(['a-0001', 'a-0002']);
    expect(await readLastRunFile(stateFile)).toEqual(report.lastRun);
    expect(report.lastRun.last_fetched_ids).toEqual(['a-0001', 'a-0002']);
  });

  it('after a crash between delivery and checkpoint, a restart leaves each alert in the sink once', async () => {
    const client = new FakeCode42().add(...alertSeries('a', 3, '2024-03-01T10:00:00Z', 1000));
    const params = { max_fetch: 2 };
    const crashing = new Scheduler({ client, params, stateFile, sink: new CrashAfterDelivery(await openJsonl()), intervalMinutes: 1, clock });
    await expect(crashing.runOnce()).rejects.toThrow('process killed');
    expect(await readLastRunFile(stateFile)).toEqual({});

    const restarted = new Scheduler({ client, params, stateFile, sink: await openJsonl(), intervalMinutes: 1, clock });
    expect(await restarted.runOnce()).toMatchObject({ fetched: 2, delivered: 0, skipped: 2 });
    expect(await restarted.runOnce()).toMatchObject({ fetched: 1, delivered: 1, skipped: 0 });
    expect(await sinkIds()).toEqual(['a-0001', 'a-0002', 'a-0003']);
  });

  it('leaves the sink and the checkpoint alone when the fetch fails, and says why', async () => {
    const client = new FakeCode42().add(...alertSeries('a', 1, '2024-03-01T10:00:00Z', 1000));
    client.beforeCall = () => {
      throw new Error('Could not search alerts: Code42 answered 503.');
    };
    const scheduler = new Scheduler({ client, params: {}, stateFile, sink: await openJsonl(), intervalMinutes: 1, clock });
    await expect(scheduler.runOnce()).rejects.toThrow('Code42 answered 503');
    expect(scheduler.lastError).toBe('Could not search alerts: Code42 answered 503.');
    expect(await sinkIds()).toEqual([]);
    expect(await readLastRunFile(stateFile)).toEqual({});
  });

  it('refuses bad fetch parameters when it is built', () => {
    const client = new FakeCode42();
    expect(() => new Scheduler({ client, params: { first_fetch: 'tomorrow-ish' }, stateFile, sink: new CrashAfterDelivery({} as IncidentSink), intervalMinutes: 1 })).toThrow(
      'Invalid first_fetch "tomorrow-ish"',
    );
  });

  it('runs one run at a time: a second runOnce starts from the first one checkpoint', async () => {
    const client = new FakeCode42().add(...alertSeries('a', 4, '2024-03-01T10:00:00Z', 1000));
    const scheduler = new Scheduler({ client, params: { max_fetch: 2 }, stateFile, sink: await openJsonl(), intervalMinutes: 1, clock });
    const [first, second] = await Promise.all([scheduler.runOnce(), scheduler.runOnce()]);
    expect([first.delivered, second.delivered, second.skipped]).toEqual([2, 2, 0]);
    expect(await sinkIds()).toEqual(['a-0001', 'a-0002', 'a-0003', 'a-0004']);
  });

  it('stop() waits for the run in progress to deliver and checkpoint', async () => {
    const client = new FakeCode42().add(...alertSeries('a', 1, '2024-03-01T10:00:00Z', 1000));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let detailsAsked!: () => void;
    const asked = new Promise<void>((resolve) => (detailsAsked = resolve));
    const details = client.alerts.details;
    client.alerts.details = async (ids) => {
      detailsAsked();
      await gate;
      return details(ids);
    };
    const scheduler = new Scheduler({ client, params: {}, stateFile, sink: await openJsonl(), intervalMinutes: 60, clock });
    scheduler.start();
    await asked;
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await sinkIds()).toEqual(['a-0001']);
    expect((await readLastRunFile(stateFile)).last_fetched_ids).toEqual(['a-0001']);
    expect(scheduler.started).toBe(false);
  });

  it('start() fetches at once and again after each interval until stopped', async () => {
    const client = new FakeCode42();
    let queries = 0;
    let thirdQuery!: () => void;
    const third = new Promise<void>((resolve) => (thirdQuery = resolve));
    client.beforeCall = (kind) => {
      if (kind === 'query' && ++queries === 3) thirdQuery();
    };
    const scheduler = new Scheduler({ client, params: {}, stateFile, sink: await openJsonl(), intervalMinutes: 0.0002, clock });
    scheduler.start();
    await third;
    await scheduler.stop();
    const after = queries;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(queries).toBe(after);
    expect(scheduler.lastReport).toMatchObject({ fetched: 0 });
  });
});
