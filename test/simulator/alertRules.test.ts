import { DEMO_RULES, DEMO_USERS } from '../../src/simulator';
import { useApi } from './helpers';

interface Rule {
  id: string;
  name: string;
  isEnabled: boolean;
  filters: { username?: { mode: string; usernames: string[] }; watchlist?: { watchlists: { id: string }[] }; riskIndicator?: unknown };
  [field: string]: unknown;
}

const api = useApi();
const ruleId = (name: string) => api.sim.tenant.rules.find((r) => r.name === name)!.id;

describe('GET /v2/alert-rules', () => {
  test('answers a bare JSON array of RuleDetails', async () => {
    const rules = (await api.get('/v2/alert-rules')).json<Rule[]>();
    expect(Array.isArray(rules)).toBe(true);
    expect(rules.map((r) => r.name)).toEqual(Object.values(DEMO_RULES));
    for (const field of ['id', 'name', 'description', 'isEnabled', 'isSystemRule', 'source', 'createdAt', 'createdBy', 'modifiedAt', 'modifiedBy', 'notifications', 'filters', 'systemRemovedRiskIndicators', 'alertOnBlockedBrowserActivity']) {
      expect(rules[0]).toHaveProperty(field);
    }
  });

  test('PageNumber is 0-based', async () => {
    const page = async (n: number) => (await api.get(`/v2/alert-rules?PageNumber=${n}&PageSize=3`)).json<Rule[]>().map((r) => r.name);
    expect([await page(0), await page(2)]).toEqual([Object.values(DEMO_RULES).slice(0, 3), Object.values(DEMO_RULES).slice(6, 8)]);
  });

  test('WatchlistId answers the rules that target that watchlist', async () => {
    const departing = api.sim.tenant.watchlists.find((w) => w.listType === 'DEPARTING_EMPLOYEE')!.watchlistId;
    const rules = (await api.get(`/v2/alert-rules?WatchlistId=${departing}`)).json<Rule[]>();
    expect(rules.map((r) => r.name)).toEqual([DEMO_RULES.departing]);
    expect(rules[0].filters.watchlist?.watchlists).toEqual([{ id: departing }]);
  });

  test('one rule by id; unknown is 404', async () => {
    expect((await api.get(`/v2/alert-rules/${ruleId(DEMO_RULES.sourceCode)}`)).json<Rule>().filters.username?.usernames).toEqual([DEMO_USERS.dave, 'dave.dev@protonmail.com']);
    expect((await api.get('/v2/alert-rules/nope')).status).toBe(404);
  });
});

describe('rule users', () => {
  test('GET answers {id, users, mode "0"}', async () => {
    const id = ruleId(DEMO_RULES.removableMedia);
    expect((await api.get(`/v2/alert-rules/${id}/users`)).json()).toEqual({
      id,
      mode: '0',
      users: [
        { userIdFromAuthority: api.uidOf(DEMO_USERS.erin), aliases: [DEMO_USERS.erin] },
        { userIdFromAuthority: api.uidOf(DEMO_USERS.carol), aliases: [DEMO_USERS.carol] },
      ],
    });
  });

  test('a rule without a username filter is 400 for every users call', async () => {
    const id = ruleId(DEMO_RULES.departing);
    const results = [await api.get(`/v2/alert-rules/${id}/users`), await api.post(`/v2/alert-rules/${id}/users`, [{ userIdFromAuthority: '1', aliases: ['a@example.com'] }]), await api.del(`/v2/alert-rules/${id}/users`)];
    expect(results.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(results[0].json<{ message: string }>().message).toContain('no username filter');
  });

  test('POST users adds, remove-users removes, DELETE clears everyone', async () => {
    const id = ruleId(DEMO_RULES.publicLinks);
    const users = async () => (await api.get(`/v2/alert-rules/${id}/users`)).json<{ users: { userIdFromAuthority: string }[] }>().users.map((u) => u.userIdFromAuthority);
    expect((await api.post(`/v2/alert-rules/${id}/users`, [{ userIdFromAuthority: api.uidOf(DEMO_USERS.heidi), aliases: [DEMO_USERS.heidi] }])).status).toBe(200);
    expect(await users()).toEqual([api.uidOf(DEMO_USERS.grace), api.uidOf(DEMO_USERS.mallory), api.uidOf(DEMO_USERS.heidi)]);
    expect((await api.post(`/v2/alert-rules/${id}/remove-users`, [api.uidOf(DEMO_USERS.grace)])).status).toBe(200);
    expect(await users()).toEqual([api.uidOf(DEMO_USERS.mallory), api.uidOf(DEMO_USERS.heidi)]);
    expect((await api.del(`/v2/alert-rules/${id}/users`)).status).toBe(200);
    expect(await users()).toEqual([]);
  });

  test('a malformed users body is 400', async () => {
    expect((await api.post(`/v2/alert-rules/${ruleId(DEMO_RULES.sourceCode)}/users`, { userIdFromAuthority: 'x' })).status).toBe(400);
  });
});

describe('enable and disable', () => {
  test('one rule and several at once', async () => {
    const id = ruleId(DEMO_RULES.disabled);
    await api.post(`/v2/alert-rules/${id}/enable`);
    expect((await api.get(`/v2/alert-rules/${id}`)).json<Rule>().isEnabled).toBe(true);
    await api.post('/v2/alert-rules/disable', [id, ruleId(DEMO_RULES.mismatch)]);
    expect(api.sim.tenant.rules.filter((r) => !r.isEnabled).map((r) => r.name)).toEqual([DEMO_RULES.mismatch, DEMO_RULES.disabled]);
  });
});
