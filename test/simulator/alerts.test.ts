import { DEMO_USERS } from '../../src/simulator';
import { manualClock, useApi } from './helpers';

interface Summary {
  id: string;
  createdAt: string;
  state: string;
  riskSeverity: string;
  actor: string;
  'type$': string;
}
interface QueryResponse {
  alerts: Summary[];
  totalCount: number;
  problems: { type: string }[];
}
interface Details extends Summary {
  observations: { data: string; type: string }[];
  note: { message: string } | null;
}

const clock = manualClock(Date.parse('2024-05-01T12:00:00.000Z'));
const api = useApi({ clock: clock.now });

const query = (body: Record<string, unknown>) => api.post('/v1/alerts/query-alerts', { tenantId: api.tenantId, groupClause: 'AND', groups: [], pgNum: 0, pgSize: 100, ...body });
const filter = (term: string, operator: string, value: string, filterClause = 'AND') => ({ filterClause, filters: [{ term, operator, value }] });
const details = (alertIds: string[]) => api.post('/v1/alerts/query-details', { tenantId: api.tenantId, alertIds });
const allDemo = () => [...api.sim.tenant.alerts.all()];

describe('query-alerts', () => {
  test('with no filter it answers every alert, newest first by default, as ALERT_SUMMARY items', async () => {
    const body = (await query({})).json<QueryResponse>();
    expect(body.totalCount).toBe(allDemo().length);
    expect(body.problems).toEqual([]);
    expect(body.alerts[0]['type$']).toBe('ALERT_SUMMARY');
    const times = body.alerts.map((a) => a.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  test('pgNum is 0-based, pages do not overlap and the last page is short', async () => {
    const pages = await Promise.all([0, 1, 2, 3, 4].map(async (pgNum) => (await query({ pgNum, pgSize: 9, srtDirection: 'ASC' })).json<QueryResponse>().alerts));
    expect(pages.map((p) => p.length)).toEqual([9, 9, 9, 9, 4]);
    const ids = pages.flat().map((a) => a.id);
    expect(new Set(ids).size).toBe(40);
  });

  test('alerts sharing one createdAt keep a stable order across pages', async () => {
    const shared = new Map<string, number>();
    for (const alert of allDemo()) shared.set(alert.createdAt, (shared.get(alert.createdAt) ?? 0) + 1);
    expect(Math.max(...shared.values())).toBeGreaterThanOrEqual(3);
    const onePage = (await query({ pgSize: 40, srtDirection: 'DESC' })).json<QueryResponse>().alerts.map((a) => a.id);
    const paged = [];
    for (let pgNum = 0; pgNum < 8; pgNum++) paged.push(...(await query({ pgNum, pgSize: 5, srtDirection: 'DESC' })).json<QueryResponse>().alerts.map((a) => a.id));
    expect(paged).toEqual(onePage);
  });

  test('an OR group of states and an ON_OR_AFTER group combine as documented', async () => {
    const since = allDemo()[20].createdAt;
    const body = (
      await query({
        groups: [
          { filterClause: 'OR', filters: [{ term: 'state', operator: 'IS', value: 'OPEN' }, { term: 'state', operator: 'IS', value: 'PENDING' }] },
          filter('createdAt', 'ON_OR_AFTER', since),
        ],
        srtKey: 'CreatedAt',
        srtDirection: 'asc',
      })
    ).json<QueryResponse>();
    const expected = allDemo().filter((a) => (a.state === 'OPEN' || a.state === 'PENDING') && a.createdAt >= since);
    expect(body.totalCount).toBe(expected.length);
    expect(body.alerts.map((a) => a.id)).toEqual(expected.map((a) => a.id));
  });

  test('terms are case-insensitive and display-form operators of the seeds are understood', async () => {
    const a = (await query({ groups: [filter('Actor', 'Is', DEMO_USERS.dave)] })).json<QueryResponse>();
    const b = (await query({ groups: [filter('actor', 'IS', DEMO_USERS.dave.toUpperCase())] })).json<QueryResponse>();
    expect(a.totalCount).toBeGreaterThan(0);
    expect(b.alerts.map((x) => x.id)).toEqual(a.alerts.map((x) => x.id));
    expect(a.alerts.every((x) => x.actor === DEMO_USERS.dave)).toBe(true);
  });

  test('every risk severity and every state occurs in the demo alerts', async () => {
    for (const [term, values] of [
      ['riskSeverity', ['CRITICAL', 'HIGH', 'MODERATE', 'LOW', 'NO_RISK_INDICATED']],
      ['state', ['OPEN', 'RESOLVED', 'PENDING', 'IN_PROGRESS']],
    ] as const) {
      for (const value of values) expect((await query({ groups: [filter(term, 'IS', value)] })).json<QueryResponse>().totalCount).toBeGreaterThan(0);
    }
  });

  test('sorting by RiskSeverity ASC puts the least severe first', async () => {
    const body = (await query({ srtKey: 'RiskSeverity', srtDirection: 'ASC', pgSize: 40 })).json<QueryResponse>();
    expect(body.alerts[0].riskSeverity).toBe('NO_RISK_INDICATED');
    expect(body.alerts[39].riskSeverity).toBe('CRITICAL');
  });

  test('pgNum and pgSize sent as strings (as in the seed examples) are understood', async () => {
    const body = (await query({ pgNum: '1', pgSize: '20' })).json<QueryResponse>();
    expect([body.problems, body.alerts.length]).toEqual([[], 20]);
  });

  test('pgSize 501 answers 200 with an InvalidPageSize problem', async () => {
    const result = await query({ pgSize: 501 });
    expect(result.status).toBe(200);
    expect(result.json<QueryResponse>()).toMatchObject({ alerts: [], problems: [{ type: 'InvalidPageSize' }] });
  });

  test('an unknown operator or bad state value come back as problems', async () => {
    const body = (await query({ groups: [filter('state', 'LIKE', 'OPEN'), filter('state', 'IS', 'CLOSED')] })).json<QueryResponse>();
    expect(body.problems.map((p) => p.type)).toEqual(['IllegalOperator', 'IllegalValue']);
  });

  test('a query without tenantId answers a MissingValue problem', async () => {
    const result = await api.post('/v1/alerts/query-alerts', { groups: [], pgNum: 0, pgSize: 10 });
    expect(result.json<QueryResponse>().problems[0].type).toBe('MissingValue');
  });

  test('a late-indexed alert (createdAt in the past) shows up in a createdAt ON_OR_AFTER query', async () => {
    const past = '2024-04-30T08:00:00.123456Z';
    const late = api.sim.tenant.addAlert({ actor: DEMO_USERS.erin, createdAt: past, riskSeverity: 'CRITICAL' });
    const body = (await query({ groups: [filter('createdAt', 'ON_OR_AFTER', '2024-04-30T08:00:00.123456Z'), filter('createdAt', 'ON_OR_BEFORE', '2024-04-30T08:00:00.123456Z')] })).json<QueryResponse>();
    expect(body.alerts.map((a) => [a.id, a.createdAt])).toEqual([[late.id, past]]);
  });
});

describe('query-details, update-state and add-note', () => {
  test('details carry observations whose data is a JSON string naming real file events', async () => {
    const withEvents = allDemo().find((a) => (a.observations[0].eventIds ?? []).length > 0);
    const body = (await details([withEvents?.id as string])).json<{ alerts: Details[]; 'type$': string }>();
    expect(body['type$']).toBe('ALERT_DETAILS_RESPONSE');
    const observation = body.alerts[0].observations[0];
    expect(typeof observation.data).toBe('string');
    const data = JSON.parse(observation.data) as { files: { eventId: string }[]; fileCount: number };
    expect(data.files.length).toBe(data.fileCount);
    expect(data.files.length).toBeGreaterThan(0);
    for (const file of data.files) expect(api.sim.tenant.fileEvent(file.eventId)).toBeDefined();
  });

  test('details follow the order of the ids and leave unknown ids out', async () => {
    const [a, b] = allDemo();
    const body = (await details([b.id, 'unknown-id', a.id])).json<{ alerts: Details[] }>();
    expect(body.alerts.map((x) => x.id)).toEqual([b.id, a.id]);
  });

  test('more than 100 ids is refused with 400', async () => {
    const result = await details(Array.from({ length: 101 }, (_, i) => `id-${i}`));
    expect(result.status).toBe(400);
  });

  test('update-state sets the state and note; a null note keeps it, an empty note clears it', async () => {
    const id = allDemo()[5].id;
    const update = (state: string, note: string | null) => api.post('/v1/alerts/update-state', { tenantId: api.tenantId, alertIds: [id], state, note });
    const first = await update('RESOLVED', 'false positive');
    expect([first.status, first.text]).toEqual([200, '']);
    let alert = (await details([id])).json<{ alerts: Details[] }>().alerts[0];
    expect([alert.state, alert.note?.message]).toEqual(['RESOLVED', 'false positive']);
    await update('OPEN', null);
    alert = (await details([id])).json<{ alerts: Details[] }>().alerts[0];
    expect([alert.state, alert.note?.message]).toEqual(['OPEN', 'false positive']);
    await update('IN_PROGRESS', '');
    expect((await details([id])).json<{ alerts: Details[] }>().alerts[0].note).toBeNull();
  });

  test('update-state with an unknown state is 400', async () => {
    expect((await api.post('/v1/alerts/update-state', { tenantId: api.tenantId, alertIds: [allDemo()[0].id], state: 'CLOSED_TP' })).status).toBe(400);
  });

  test('add-note replaces the note; a note over 2000 characters is 400', async () => {
    const id = allDemo()[6].id;
    expect((await api.post('/v1/alerts/add-note', { tenantId: api.tenantId, alertId: id, note: 'first look' })).status).toBe(200);
    expect((await details([id])).json<{ alerts: Details[] }>().alerts[0].note?.message).toBe('first look');
    expect((await api.post('/v1/alerts/add-note', { tenantId: api.tenantId, alertId: id, note: 'x'.repeat(2001) })).status).toBe(400);
  });

  test('add-note to an unknown alert is 404', async () => {
    expect((await api.post('/v1/alerts/add-note', { tenantId: api.tenantId, alertId: 'nope', note: 'x' })).status).toBe(404);
  });
});
