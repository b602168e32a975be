import { type RunningSimulator, startSimulator } from '../../src/simulator';
import { basicAuth, send } from './helpers';

describe('large generated tenant', () => {
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ alerts: 100_000, events: 1_000 });
    token = (await send(`${sim.url}/v1/oauth`, { method: 'POST', headers: { authorization: basicAuth(sim.credentials.clientId, sim.credentials.clientSecret) } })).json<{ access_token: string }>().access_token;
  });
  afterAll(() => sim.close());

  const post = (path: string, body: unknown) =>
    send(`${sim.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('holds 100,000 alerts', () => {
    expect(sim.tenant.alerts.size).toBe(100_000);
  });

  test('a createdAt ON_OR_AFTER query sorted ascending answers the same page a full scan gives', async () => {
    const all = sim.tenant.alerts.all();
    const since = all[60_000].createdAt;
    const body = (
      await post('/v1/alerts/query-alerts', {
        tenantId: sim.tenant.tenantId,
        groupClause: 'AND',
        groups: [{ filterClause: 'AND', filters: [{ term: 'createdAt', operator: 'ON_OR_AFTER', value: since }] }, { filterClause: 'OR', filters: [{ term: 'state', operator: 'IS', value: 'OPEN' }] }],
        pgNum: 2,
        pgSize: 500,
        srtKey: 'CreatedAt',
        srtDirection: 'ASC',
      })
    ).json<{ alerts: { id: string }[]; totalCount: number }>();
    const expected = all.filter((a) => a.createdAt >= since && a.state === 'OPEN');
    expect(body.totalCount).toBe(expected.length);
    expect(body.alerts.map((a) => a.id)).toEqual(expected.slice(1000, 1500).map((a) => a.id));
  });

  test('query-details finds 100 alerts by id', async () => {
    const ids = sim.tenant.alerts.all().slice(99_900).map((a) => a.id);
    const body = (await post('/v1/alerts/query-details', { tenantId: sim.tenant.tenantId, alertIds: ids })).json<{ alerts: { id: string }[] }>();
    expect(body.alerts.map((a) => a.id)).toEqual(ids);
  });
});
