import { fetchIncidents } from '../../src/fetch/fetch-incidents';
import type { Incident } from '../../src/fetch/incident';
import type { LastRun } from '../../src/fetch/last-run';
import type { FetchParamsInput } from '../../src/fetch/params';
import { alertSeries, FakeCode42 } from './fake-code42';

const NOW = new Date('2024-03-01T12:00:00.000Z');
const MINUTE = 60_000;
const at = (iso: string): number => Date.parse(iso);
const ids = (incidents: Incident[]): string[] => incidents.map((incident) => incident.dbotMirrorId);

/** Runs fetch until nothing new comes, returning every run's incidents and the final lastRun. */
async function drain(client: FakeCode42, params: FetchParamsInput, lastRun: LastRun = {}, maxRuns = 50): Promise<{ runs: string[][]; lastRun: LastRun }> {
  const runs: string[][] = [];
  let current = lastRun;
  for (let i = 0; i < maxRuns; i++) {
    const result = await fetchIncidents(client, params, current, NOW);
    if (result.incidents.length === 0) return { runs, lastRun: current };
    runs.push(ids(result.incidents));
    current = result.lastRun;
  }
  throw new Error('fetch did not drain');
}

describe('step 1: where the query starts', () => {
  it('starts first_fetch before now on the first run', async () => {
    const client = new FakeCode42();
    await fetchIncidents(client, { first_fetch: '3 hours' }, {}, NOW);
    expect(client.queries()[0].criteria.createdOnOrAfter).toBe('2024-03-01T09:00:00.000Z');
  });

  it('starts the look-back before the watermark on later runs, whatever the time now', async () => {
    const client = new FakeCode42();
    const lastRun = { last_fetch: at('2024-02-01T00:00:00Z'), last_fetched_ids: ['x'], last_fetched_times: [at('2024-02-01T00:00:00Z')] };
    await fetchIncidents(client, { fetch_lookback: '10' }, lastRun, NOW);
    expect(client.queries()[0].criteria.createdOnOrAfter).toBe('2024-01-31T23:50:00.000Z');
  });

  it('continues from the official integration lastRun (epoch seconds) without repeating what it delivered', async () => {
    const client = new FakeCode42()
      .add({ id: 'delivered-by-the-official-integration', createdAt: '2024-03-01T10:58:00Z' })
      .add({ id: 'new', createdAt: '2024-03-01T11:01:00Z' });
    const { incidents } = await fetchIncidents(client, {}, { last_fetch: at('2024-03-01T11:00:00Z') / 1000 + 0.25 }, NOW);
    expect(client.queries()[0].criteria.createdOnOrAfter).toBe('2024-03-01T11:00:00.250Z');
    expect(incidents.map((incident) => incident.dbotMirrorId)).toEqual(['new']);
  });

  it('refuses a bad first_fetch before asking Code42 anything, leaving lastRun as it was', async () => {
    const client = new FakeCode42().add({ id: 'a', createdAt: '2024-03-01T11:00:00Z' });
    const lastRun = {};
    await expect(fetchIncidents(client, { first_fetch: '3 dayz' }, lastRun, NOW)).rejects.toThrow('Invalid first_fetch "3 dayz"');
    expect(client.calls).toHaveLength(0);
    expect(lastRun).toEqual({});
  });
});

describe('step 2: the alert query', () => {
  it('asks for open alerts of the chosen severities, oldest first, 500 per page', async () => {
    const client = new FakeCode42();
    await fetchIncidents(client, { alert_severity: ['High', 'Critical'] }, {}, NOW);
    expect(client.queries()[0]).toMatchObject({
      criteria: { state: ['OPEN'], riskSeverity: ['HIGH', 'CRITICAL'], createdOnOrAfter: '2024-02-29T12:00:00.000Z' },
      page: { pgNum: 0, pgSize: 500, srtKey: 'CreatedAt', srtDirection: 'ASC' },
    });
  });

  it('fetches only open alerts of the chosen severities', async () => {
    const client = new FakeCode42().add(
      { id: 'open-high', createdAt: '2024-03-01T10:00:00Z', riskSeverity: 'HIGH' },
      { id: 'open-low', createdAt: '2024-03-01T10:01:00Z', riskSeverity: 'LOW' },
      { id: 'resolved-high', createdAt: '2024-03-01T10:02:00Z', riskSeverity: 'HIGH', state: 'RESOLVED' },
    );
    const { incidents } = await fetchIncidents(client, { alert_severity: 'High' }, {}, NOW);
    expect(ids(incidents)).toEqual(['open-high']);
  });

  it('stops reading pages as soon as max_fetch new alerts are found', async () => {
    const client = new FakeCode42().add(...alertSeries('a', 1200, '2024-03-01T08:00:00Z', 1000));
    const { incidents } = await fetchIncidents(client, { max_fetch: 200 }, {}, NOW);
    expect(incidents).toHaveLength(200);
    expect(client.queries()).toHaveLength(1);
  });

  it('emits at most max_fetch alerts, oldest first, and the rest on the next runs', async () => {
    const client = new FakeCode42().add(...alertSeries('a', 7, '2024-03-01T08:00:00Z', MINUTE));
    const { runs } = await drain(client, { max_fetch: 3 });
    expect(runs).toEqual([['a-0001', 'a-0002', 'a-0003'], ['a-0004', 'a-0005', 'a-0006'], ['a-0007']]);
  });
});

describe('step 3: ties and overlaps', () => {
  it('splits alerts sharing one createdAt across runs without losing or repeating one', async () => {
    const client = new FakeCode42().add(...alertSeries('same', 5, '2024-03-01T10:00:00Z', 0));
    const { runs } = await drain(client, { max_fetch: 2 });
    expect(runs).toEqual([['same-0001', 'same-0002'], ['same-0003', 'same-0004'], ['same-0005']]);
  });

  it('reads past a page boundary inside one crowded timestamp without losing or repeating one', async () => {
    const client = new FakeCode42().add(...alertSeries('tie', 1300, '2024-03-01T10:00:00Z', 0));
    const { runs } = await drain(client, { max_fetch: 200 });
    const all = runs.flat();
    expect(all).toHaveLength(1300);
    expect(new Set(all).size).toBe(1300);
    expect(runs.every((run) => run.length <= 200)).toBe(true);
  });

  it('continues on the next page from the last timestamp read when a page ends', async () => {
    const client = new FakeCode42().add(...alertSeries('a', 700, '2024-03-01T10:00:00Z', 1000));
    const lastRun = { last_fetch: at('2024-03-01T10:00:00Z') + 499_000, last_fetched_ids: alertSeries('a', 500, '2024-03-01T10:00:00Z', 1000).map((a) => a.id) };
    const { incidents } = await fetchIncidents(client, { max_fetch: 10, fetch_lookback: 60 }, lastRun, NOW);
    expect(ids(incidents)[0]).toBe('a-0501');
    expect(client.queries().map((q) => [q.criteria.createdOnOrAfter, q.page.pgNum])).toEqual([
      ['2024-03-01T09:08:19.000Z', 0],
      ['2024-03-01T10:08:19.000Z', 0],
    ]);
  });

  it('picks up an alert indexed late with a createdAt inside the look-back', async () => {
    const client = new FakeCode42().add({ id: 'first', createdAt: '2024-03-01T11:00:00Z' });
    const { lastRun } = await fetchIncidents(client, {}, {}, NOW);
    client.add({ id: 'late', createdAt: '2024-03-01T10:57:00Z' });
    const { incidents } = await fetchIncidents(client, { fetch_lookback: 5 }, lastRun, NOW);
    expect(ids(incidents)).toEqual(['late']);
  });

  it('does not emit an alert twice when a late alert arrives after the watermark moved on', async () => {
    const client = new FakeCode42().add({ id: 'early', createdAt: '2024-03-01T10:53:00Z' }, { id: 'newest', createdAt: '2024-03-01T11:00:00Z' });
    let { lastRun } = await fetchIncidents(client, {}, {}, NOW);
    client.add({ id: 'late', createdAt: '2024-03-01T10:56:00Z' });
    const second = await fetchIncidents(client, {}, lastRun, NOW);
    lastRun = second.lastRun;
    const third = await fetchIncidents(client, {}, lastRun, NOW);
    expect(ids(second.incidents)).toEqual(['late']);
    expect(third.incidents).toEqual([]);
    expect(lastRun.last_fetch).toBe(at('2024-03-01T11:00:00Z'));
  });

  it('gets an alert created while a run is in progress on the next run', async () => {
    const client = new FakeCode42().add({ id: 'a', createdAt: '2024-03-01T11:00:00Z' });
    client.beforeCall = (kind) => {
      if (kind === 'details' && !client.store.has('during')) client.add({ id: 'during', createdAt: '2024-03-01T11:00:00Z' });
    };
    const first = await fetchIncidents(client, {}, {}, NOW);
    const second = await fetchIncidents(client, {}, first.lastRun, NOW);
    expect(ids(first.incidents)).toEqual(['a']);
    expect(ids(second.incidents)).toEqual(['during']);
  });

  it('forgets ids once they fall behind the look-back', async () => {
    const client = new FakeCode42().add({ id: 'old', createdAt: '2024-03-01T10:00:00Z' });
    const first = await fetchIncidents(client, {}, {}, NOW);
    client.add({ id: 'new', createdAt: '2024-03-01T11:00:00Z' });
    const second = await fetchIncidents(client, {}, first.lastRun, NOW);
    expect(second.lastRun).toEqual({ last_fetch: at('2024-03-01T11:00:00Z'), last_fetched_ids: ['new'], last_fetched_times: [at('2024-03-01T11:00:00Z')] });
  });
});

describe('step 4: details and file events', () => {
  it('gets details in batches of at most 100 ids', async () => {
    const client = new FakeCode42().add(...alertSeries('a', 200, '2024-03-01T10:00:00Z', 1000));
    await fetchIncidents(client, { max_fetch: 200 }, {}, NOW);
    expect(client.callsOf('details').map((batch) => batch.length)).toEqual([100, 100]);
  });

  it('with include_files, looks up every observed file event in batches and attaches each alert its own', async () => {
    const alerts = alertSeries('a', 150, '2024-03-01T10:00:00Z', 1000).map((alert, i) => ({ ...alert, eventIds: Array.from({ length: 10 }, (_, j) => `ev-${i}-${j}`) }));
    const client = new FakeCode42().add(...alerts);
    const { incidents } = await fetchIncidents(client, { max_fetch: 150, include_files: true }, {}, NOW);
    expect(client.callsOf('fileEvents').map((batch) => batch.length)).toEqual([1000, 500]);
    const raw = JSON.parse(incidents[7].rawJSON) as { fileevents: { event: { id: string } }[]; fileevents_version: number };
    expect(raw.fileevents.map((event) => event.event.id)).toEqual(Array.from({ length: 10 }, (_, j) => `ev-7-${j}`));
    expect(raw.fileevents_version).toBe(2);
  });

  it('does not look up file events without include_files', async () => {
    const client = new FakeCode42().add({ id: 'a', createdAt: '2024-03-01T10:00:00Z', eventIds: ['e1'] });
    await fetchIncidents(client, {}, {}, NOW);
    expect(client.callsOf('fileEvents')).toEqual([]);
  });

  it('leaves out an alert deleted between the query and the details, and does not remember it', async () => {
    const client = new FakeCode42().add({ id: 'kept', createdAt: '2024-03-01T10:00:00Z' }, { id: 'gone', createdAt: '2024-03-01T10:01:00Z' });
    client.beforeCall = (kind) => {
      if (kind === 'details') client.store.delete('gone');
    };
    const { incidents, lastRun } = await fetchIncidents(client, {}, {}, NOW);
    expect(ids(incidents)).toEqual(['kept']);
    expect(lastRun.last_fetched_ids).toEqual(['kept']);
    expect(lastRun.last_fetch).toBe(at('2024-03-01T10:00:00Z'));
  });
});

describe('step 5: incidents', () => {
  it('maps each alert to an XSOAR incident with its console link', async () => {
    const client = new FakeCode42().add({ id: 'a1', createdAt: '2024-03-01T10:00:00.123456Z', riskSeverity: 'CRITICAL', name: 'USB copy', description: 'Files to USB' });
    const { incidents } = await fetchIncidents(client, { incidentType: 'Code42 Security Alert' }, {}, NOW);
    expect(incidents[0]).toMatchObject({
      name: 'Code42 - USB copy',
      occurred: '2024-03-01T10:00:00.123Z',
      severity: 4,
      dbotMirrorId: 'a1',
      type: 'Code42 Security Alert',
      details: 'Files to USB',
    });
    expect(JSON.parse(incidents[0].rawJSON)).toMatchObject({ id: 'a1', alertId: 'a1', alertUrl: client.alertUrl('a1') });
  });
});

describe('step 6: the new lastRun', () => {
  it('holds the createdAt of the last emitted alert in ms and the ids emitted inside the look-back', async () => {
    const client = new FakeCode42().add({ id: 'a', createdAt: '2024-03-01T10:00:00Z' }, { id: 'b', createdAt: '2024-03-01T10:03:00.500Z' });
    const { lastRun } = await fetchIncidents(client, {}, {}, NOW);
    expect(lastRun).toEqual({
      last_fetch: at('2024-03-01T10:03:00.500Z'),
      last_fetched_ids: ['a', 'b'],
      last_fetched_times: [at('2024-03-01T10:00:00Z'), at('2024-03-01T10:03:00.500Z')],
    });
  });

  it('returns lastRun unchanged when nothing is new', async () => {
    const client = new FakeCode42();
    const lastRun = { last_fetch: at('2024-03-01T10:00:00Z') / 1000 };
    const result = await fetchIncidents(client, {}, lastRun, NOW);
    expect(result).toEqual({ incidents: [], lastRun });
    expect(result.lastRun).toBe(lastRun);
  });
});

describe('step 7: failures', () => {
  it.each(['query', 'details', 'fileEvents'] as const)('surfaces a failure of %s and leaves the given lastRun untouched', async (failing) => {
    const client = new FakeCode42().add({ id: 'a', createdAt: '2024-03-01T11:00:00Z', eventIds: ['e1'] });
    client.beforeCall = (kind) => {
      if (kind === failing) throw new Error('Could not search alerts: Code42 answered 503 Service Unavailable.');
    };
    const lastRun = { last_fetch: at('2024-03-01T10:00:00Z'), last_fetched_ids: ['x'], last_fetched_times: [at('2024-03-01T10:00:00Z')] };
    const before = JSON.stringify(lastRun);
    await expect(fetchIncidents(client, { include_files: true }, lastRun, NOW)).rejects.toThrow('Code42 answered 503');
    expect(JSON.stringify(lastRun)).toBe(before);
  });

  it('refuses an unreadable lastRun instead of starting over', async () => {
    const client = new FakeCode42();
    await expect(fetchIncidents(client, {}, { last_fetch: 'soon' } as unknown as LastRun, NOW)).rejects.toThrow('The saved lastRun is unreadable');
    expect(client.calls).toHaveLength(0);
  });
});
