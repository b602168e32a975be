// fetch-incidents through the service is the function itself, and /v1/incidents pages the sink.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchIncidents, type FetchResult } from '../../src/fetch/fetch-incidents';
import { JsonlSink } from '../../src/fetch/jsonl-sink';
import type { LastRun } from '../../src/fetch/last-run';
import type { FetchParamsInput } from '../../src/fetch/params';
import { fetchParamsOf, withOverrides } from '../../src/server/routes/fetch';
import { expectOneSentence, startTestService, type TestService } from './helpers';

const now = new Date();

describe('POST /v1/fetch-incidents', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ now: () => now });
  });
  afterAll(() => service.close());
  afterEach(() => service.simulator.faults.clear());

  async function viaService(body: unknown): Promise<FetchResult> {
    const response = await service.call('/v1/fetch-incidents', { body });
    expect(response.status).toBe(200);
    return (await response.json()) as FetchResult;
  }

  /** fetchIncidents called directly, as JSON would carry it (the route answers JSON). */
  const direct = async (lastRun: LastRun, overrides: FetchParamsInput = {}): Promise<FetchResult> =>
    JSON.parse(JSON.stringify(await fetchIncidents(service.runtime.context.code42, withOverrides(fetchParamsOf(service.runtime.config), overrides), lastRun, now))) as FetchResult;

  test('a first run equals fetchIncidents called directly with the instance parameters', async () => {
    const expected = await direct({});
    expect(expected.incidents.length).toBeGreaterThan(0);
    expect(await viaService({})).toEqual(expected);
  });

  test('runs chained through the returned lastRun equal the direct runs, without repeating an incident', async () => {
    const seen = new Set<string>();
    let lastRun: LastRun = {};
    for (let run = 0; run < 3; run++) {
      const expected = await direct(lastRun, { max_fetch: 3, first_fetch: '30 days' });
      const actual = await viaService({ lastRun, params: { max_fetch: '3', first_fetch: '30 days' } });
      expect(actual).toEqual(expected);
      for (const incident of actual.incidents) {
        expect(seen.has(incident.dbotMirrorId)).toBe(false);
        seen.add(incident.dbotMirrorId);
      }
      lastRun = actual.lastRun;
    }
    expect(seen.size).toBe(9);
  });

  test('parameter overrides under XSOAR names and aliases apply, as the function applies them', async () => {
    const overrides = { alert_severity: 'High,Critical', fetch_limit: 2, include_files: 'true', first_fetch: '7 days' };
    const expected = await direct({}, overrides);
    expect(await viaService({ lastRun: null, params: overrides })).toEqual(expected);
  });

  test('parameters sent as null, as the XSOAR bridge sends unset ones, keep the instance values', async () => {
    const expected = await direct({}, { max_fetch: 3 });
    const body = { lastRun: {}, params: { first_fetch: null, max_fetch: '3', incidentType: null, alert_severity: [], fetch_lookback: null } };
    expect(await viaService(body)).toEqual(expected);
  });

  test('an invalid parameter is a 400 naming it, and nothing is asked of Code42', async () => {
    const before = service.simulator.stats.total();
    const response = await service.call('/v1/fetch-incidents', { body: { params: { first_fetch: 'yesterday-ish' } } });
    expect(response.status).toBe(400);
    const { message } = (await response.json()) as { message: string };
    expect(message).toContain('first_fetch');
    expectOneSentence(message);
    expect(service.simulator.stats.total()).toBe(before);
  });

  test.each([
    [{ max_fetch: {} }, 'The body field params.max_fetch must be text, a whole number or null.'],
    [{ include_files: [1, 2] }, 'The body field params.include_files must be text, a boolean or null.'],
    [{ first_fetch: {} }, 'The body field params.first_fetch must be text, a whole number or null.'],
  ])('a parameter of the wrong type, %j, is a 400 naming every type it may have', async (params, message) => {
    const response = await service.call('/v1/fetch-incidents', { body: { params } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe(message);
  });

  test('an unknown parameter is a 400 naming it', async () => {
    const response = await service.call('/v1/fetch-incidents', { body: { params: { max_fetchs: 5 } } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe('The body field params.max_fetchs is not accepted: see /docs for the accepted fields.');
  });

  test('an unreadable lastRun is a 400', async () => {
    const response = await service.call('/v1/fetch-incidents', { body: { lastRun: { last_fetch: -5 } } });
    expect(response.status).toBe(400);
    expectOneSentence(((await response.json()) as { message: string }).message);
  });

  test('a lastRun whose last_fetch is beyond any date is a 400 naming it, not a 500', async () => {
    const response = await service.call('/v1/fetch-incidents', { body: { lastRun: { last_fetch: 1e20 } } });
    expect(response.status).toBe(400);
    const { message } = (await response.json()) as { message: string };
    expect(message).toContain('last_fetch');
    expectOneSentence(message);
  });

  test('a Code42 failure is a 502 with its sentence', async () => {
    service.simulator.faults.add({ method: 'GET', path: '/v1/sessions', kind: 'status', status: 400 });
    const response = await service.call('/v1/fetch-incidents', { body: {} });
    expect(response.status).toBe(502);
    expectOneSentence(((await response.json()) as { message: string }).message);
  });
});

describe('POST /v1/fetch-incidents on an instance with its own fetch parameters', () => {
  const DAY = 24 * 60 * 60_000;
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ now: () => now }, { CODE42_MAX_FETCH: '4', CODE42_FIRST_FETCH: '30 days' });
  });
  afterAll(() => service.close());

  const viaService = async (params: Record<string, unknown>): Promise<FetchResult> => {
    const response = await service.call('/v1/fetch-incidents', { body: { params } });
    expect(response.status).toBe(200);
    return (await response.json()) as FetchResult;
  };
  const oldest = (result: FetchResult): number => Math.min(...result.incidents.map((incident) => Date.parse(incident.occurred)));

  test('an override under the alias fetch_limit replaces the instance max_fetch', async () => {
    expect((await viaService({})).incidents).toHaveLength(4);
    expect((await viaService({ fetch_limit: 2 })).incidents).toHaveLength(2);
  });

  test('an override under the alias fetch_time replaces the instance first_fetch', async () => {
    expect(oldest(await viaService({}))).toBeLessThan(now.getTime() - 2 * DAY);
    const result = await viaService({ fetch_time: '2 days' });
    expect(result.incidents.length).toBeGreaterThan(0);
    expect(oldest(result)).toBeGreaterThanOrEqual(now.getTime() - 2 * DAY);
  });

  test.each([null, '', '  '])('a parameter sent as %j keeps the instance value', async (unset) => {
    expect((await viaService({ max_fetch: unset, fetch_lookback: unset })).incidents).toHaveLength(4);
  });
});

describe('GET /v1/incidents', () => {
  let directory: string;
  let sink: JsonlSink;
  let service: TestService;
  let delivered: string[];

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'code42-soar-server-'));
    sink = new JsonlSink(join(directory, 'incidents.jsonl'));
    service = await startTestService({ incidents: sink });
    const { incidents } = await fetchIncidents(service.runtime.context.code42, { max_fetch: 7, first_fetch: '30 days' }, {});
    await sink.deliver(incidents);
    delivered = incidents.map((incident) => incident.dbotMirrorId);
  });
  afterAll(async () => {
    await service.close();
    await sink.close();
    await rm(directory, { recursive: true, force: true });
  });

  test('pages through what was delivered, in delivery order', async () => {
    expect(delivered.length).toBe(7);
    const ids: string[] = [];
    for (let offset = 0; offset < 7; offset += 3) {
      const response = await service.call(`/v1/incidents?offset=${offset}&limit=3`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { total: number; offset: number; incidents: { dbotMirrorId: string }[] };
      expect(page.total).toBe(7);
      expect(page.offset).toBe(offset);
      ids.push(...page.incidents.map((incident) => incident.dbotMirrorId));
    }
    expect(ids).toEqual(delivered);
  });

  test('a limit above 1000 is a 400', async () => {
    const response = await service.call('/v1/incidents?limit=5000');
    expect(response.status).toBe(400);
    expectOneSentence(((await response.json()) as { message: string }).message);
  });

  test('without a sink the route says that this service keeps no incidents', async () => {
    const bare = await startTestService();
    try {
      const response = await bare.call('/v1/incidents');
      expect(response.status).toBe(404);
      expect(((await response.json()) as { message: string }).message).toMatch(/keeps no incidents/);
    } finally {
      await bare.close();
    }
  });
});
