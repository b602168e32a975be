import { DEMO_USERS } from '../../src/simulator';
import { useApi } from './helpers';

interface Metadata {
  observerRuleId: string;
  name: string;
  isSystem: boolean;
  'type$': string;
}

const api = useApi();

const rules = () => api.sim.tenant.rules;
const ruleCall = (action: string, body: Record<string, unknown>) => api.post(`/v1/alert-rules/${action}`, { tenantId: api.tenantId, ...body });
const metadata = (body: Record<string, unknown>) => api.post('/v1/alerts/rules/query-rule-metadata', { tenantId: api.tenantId, groups: [], groupClause: 'AND', pgNum: 0, pgSize: 100, srtKey: 'CreatedAt', srtDirection: 'DESC', ...body });

describe('alert rule metadata', () => {
  test('answers every rule as RULE_METADATA with 0-based pages and a short last page', async () => {
    const first = (await metadata({ pgNum: 0, pgSize: 5 })).json<{ ruleMetadata: Metadata[]; totalCount: number; problems: unknown[]; 'type$': string }>();
    const second = (await metadata({ pgNum: 1, pgSize: 5 })).json<{ ruleMetadata: Metadata[] }>();
    expect(first['type$']).toBe('RULE_METADATA_SEARCH_RESPONSE');
    expect([first.totalCount, first.ruleMetadata.length, second.ruleMetadata.length]).toEqual([8, 5, 3]);
    expect(first.problems).toEqual([]);
  });

  test('a Name IS filter finds one rule', async () => {
    const name = rules()[3].name;
    const body = (await metadata({ groups: [{ filterClause: 'AND', filters: [{ term: 'Name', operator: 'IS', value: name }] }] })).json<{ ruleMetadata: Metadata[] }>();
    expect(body.ruleMetadata.map((r) => r.observerRuleId)).toEqual([rules()[3].observerRuleId]);
  });

  test('an IsSystem filter separates system rules', async () => {
    const body = (await metadata({ groups: [{ filterClause: 'AND', filters: [{ term: 'IsSystem', operator: 'IS', value: 'true' }] }] })).json<{ ruleMetadata: Metadata[] }>();
    expect(body.ruleMetadata.length).toBe(3);
    expect(body.ruleMetadata.every((r) => r.isSystem)).toBe(true);
  });
});

describe('alert rule user lists', () => {
  const nonSystem = () => rules().find((r) => !r.isSystem && r.usersToAlertOn === 'SPECIFIED_USERS')?.observerRuleId as string;

  test('add-users then query-users lists the user with its aliases; remove-users takes it out', async () => {
    const ruleId = nonSystem();
    const uid = api.sim.tenant.userByUsername(DEMO_USERS.judy)?.userUid as string;
    const added = await ruleCall('add-users', { ruleId, userList: [{ userIdFromAuthority: uid, userAliasList: [DEMO_USERS.judy] }] });
    expect([added.status, added.text]).toEqual([200, '']);
    const listed = (await ruleCall('query-users', { ruleId })).json<{ users: { userIdFromAuthority: string; userAliasList: string[] }[]; usersToAlertOn: string }>();
    expect(listed.users).toContainEqual(expect.objectContaining({ 'type$': 'USER_BAG', userIdFromAuthority: uid, userAliasList: [DEMO_USERS.judy] }));
    expect(listed.usersToAlertOn).toBe('SPECIFIED_USERS');
    await ruleCall('remove-users', { ruleId, userIdList: [uid] });
    const after = (await ruleCall('query-users', { ruleId })).json<{ users: { userIdFromAuthority: string }[] }>();
    expect(after.users.map((u) => u.userIdFromAuthority)).not.toContain(uid);
  });

  test('an unknown rule is 404', async () => {
    expect((await ruleCall('add-users', { ruleId: 'nope', userList: [{ userIdFromAuthority: '1', userAliasList: [] }] })).status).toBe(404);
  });

  test('changing a system rule is 500', async () => {
    const ruleId = rules().find((r) => r.isSystem)?.observerRuleId;
    expect((await ruleCall('add-users', { ruleId, userList: [{ userIdFromAuthority: '1', userAliasList: [] }] })).status).toBe(500);
  });

  test('a system rule lists the users of its detection list', async () => {
    const ruleId = rules().find((r) => r.isSystem && r.ruleSource === 'Departing Employee')?.observerRuleId;
    const body = (await ruleCall('query-users', { ruleId })).json<{ users: { userIdFromAuthority: string }[] }>();
    expect(body.users.map((u) => u.userIdFromAuthority).sort()).toEqual([...api.sim.tenant.departing.keys()].sort());
  });

  test('an entry added without a user id shows the literal Code42 placeholder id', async () => {
    const ruleId = nonSystem();
    await ruleCall('add-users', { ruleId, userList: [{ userAliasList: ['someone@gmail.com'] }] });
    const body = (await ruleCall('query-users', { ruleId })).json<{ users: { userIdFromAuthority: string }[] }>();
    expect(body.users.map((u) => u.userIdFromAuthority)).toContain('Null UserIdFromAuthority.  These usernames must be edited in the web app.');
  });
});
