import { DEMO_ORG_NAMES, DEMO_USERS } from '../../src/simulator';
import { useApi } from './helpers';

interface User {
  userId: string;
  username: string;
  active: boolean;
  blocked: boolean;
  orgGuid: string;
  [field: string]: unknown;
}

const api = useApi();
const USER_FIELDS = ['legacyUserId', 'userId', 'username', 'firstName', 'lastName', 'legacyOrgId', 'orgId', 'orgGuid', 'orgName', 'notes', 'active', 'blocked', 'creationDate', 'modificationDate'];

describe('GET /v1/users', () => {
  test('answers {users, totalCount} with the SDK User fields', async () => {
    const body = (await api.get('/v1/users')).json<{ users: User[]; totalCount: number }>();
    expect(body.totalCount).toBe(12);
    for (const user of body.users) expect(Object.keys(user).sort()).toEqual([...USER_FIELDS].sort());
  });

  test('username finds one user, case-insensitively; an unknown one finds none', async () => {
    const body = (await api.get(`/v1/users?username=${DEMO_USERS.dave.toUpperCase()}`)).json<{ users: User[]; totalCount: number }>();
    expect(body.users.map((u) => u.userId)).toEqual([api.uidOf(DEMO_USERS.dave)]);
    expect((await api.get('/v1/users?username=nobody@example.com')).json<{ users: User[] }>().users).toEqual([]);
  });

  test('pages are 1-based; blocked and active filter', async () => {
    const two = (await api.get('/v1/users?page=2&pageSize=5')).json<{ users: User[] }>().users.map((u) => u.username);
    expect(two).toEqual(api.sim.tenant.users.slice(5, 10).map((u) => u.username));
    expect((await api.get('/v1/users?blocked=true')).json<{ users: User[] }>().users.map((u) => u.username)).toEqual([DEMO_USERS.mallory]);
    expect((await api.get('/v1/users?active=false')).json<{ users: User[] }>().users.map((u) => u.username)).toEqual([DEMO_USERS.ivan]);
    expect((await api.get('/v1/users?page=0')).status).toBe(400);
  });

  test('by id; unknown is 404', async () => {
    expect((await api.get(`/v1/users/${api.uidOf(DEMO_USERS.alice)}`)).json<User>().username).toBe(DEMO_USERS.alice);
    expect((await api.get('/v1/users/123')).status).toBe(404);
  });
});

describe('activate and deactivate', () => {
  test('deactivate then activate flips active on the user and their actors', async () => {
    const id = api.uidOf(DEMO_USERS.bob);
    expect((await api.post(`/v1/users/${id}/deactivate`)).status).toBe(200);
    expect((await api.get(`/v1/users/${id}`)).json<User>().active).toBe(false);
    expect(api.sim.tenant.actorByName(DEMO_USERS.bob)?.active).toBe(false);
    expect((await api.post(`/v1/users/${id}/activate`)).status).toBe(200);
    expect((await api.get(`/v1/users/${id}`)).json<User>().active).toBe(true);
  });

  test('an unknown user is 404', async () => {
    expect((await api.post('/v1/users/123/deactivate')).status).toBe(404);
  });
});

describe('roles', () => {
  test("a user's roles and the tenant's roles", async () => {
    const roles = (await api.get(`/v1/users/${api.uidOf(DEMO_USERS.alice)}/roles`)).json<{ roleId: string; roleName: string }[]>();
    expect(roles.map((r) => r.roleName)).toEqual(['Insider Risk Admin']);
    expect((await api.get('/v1/users/roles')).json<unknown[]>()).toHaveLength(3);
    expect((await api.get('/v1/users/roles/insider-risk-admin')).json<{ roleName: string }>().roleName).toBe('Insider Risk Admin');
  });
});

describe('no create, block or unblock on the gateway', () => {
  test.each([
    ['POST', '/v1/users'],
    ['POST', `/v1/users/0/block`],
    ['POST', `/v1/users/0/unblock`],
  ])('%s %s is 404', async (method, path) => {
    expect((await api.request(method, path, { body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(404);
  });
});

describe('GET /v1/orgs', () => {
  test('answers {orgs, totalCount} keyed by orgGuid (no orgUid)', async () => {
    const body = (await api.get('/v1/orgs')).json<{ orgs: Record<string, unknown>[]; totalCount: number }>();
    expect(body.orgs.map((o) => o.orgName)).toEqual([...DEMO_ORG_NAMES]);
    expect(body.orgs.every((o) => typeof o.orgGuid === 'string' && !('orgUid' in o))).toBe(true);
    const engineering = body.orgs.find((o) => o.orgName === 'Engineering')!;
    expect(engineering).toMatchObject({ parentOrgGuid: body.orgs[0].orgGuid, userCount: 4 });
    expect((await api.get(`/v1/orgs/${engineering.orgGuid as string}`)).json<{ orgName: string }>().orgName).toBe('Engineering');
    expect((await api.get('/v1/orgs/nope')).status).toBe(404);
  });

  test('users carry the orgGuid of their org', async () => {
    const dave = (await api.get(`/v1/users/${api.uidOf(DEMO_USERS.dave)}`)).json<User>();
    expect(api.sim.tenant.org(dave.orgGuid)?.orgName).toBe('Engineering');
  });
});
