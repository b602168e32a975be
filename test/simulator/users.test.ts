import { DEMO_USERS, DEMO_USERNAMES } from '../../src/simulator';
import { useApi } from './helpers';

interface GatewayUser {
  userId: string;
  legacyUserId: string;
  username: string;
  active: boolean;
  blocked: boolean;
}

const api = useApi();

describe('gateway users', () => {
  test('GET /v1/users?username= finds exactly that user, gateway userId being the console userUid', async () => {
    const result = await api.get(`/v1/users?username=${encodeURIComponent(DEMO_USERS.alice)}`);
    const body = result.json<{ users: GatewayUser[]; totalCount: number }>();
    expect(body.totalCount).toBe(1);
    expect(body.users[0]).toMatchObject({ username: DEMO_USERS.alice, userId: api.uidOf(DEMO_USERS.alice), active: true, blocked: false });
    expect(body.users[0].legacyUserId).toMatch(/^\d+$/);
  });

  test('an unknown username gives an empty list, not an error', async () => {
    const result = await api.get('/v1/users?username=nobody@example.com');
    expect(result.status).toBe(200);
    expect(result.json()).toEqual({ users: [], totalCount: 0 });
  });

  test('pages are 1-based and the last page is short', async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => api.get(`/v1/users?page=${page}&pageSize=5`)));
    const users = pages.map((p) => p.json<{ users: GatewayUser[] }>().users);
    expect(users.map((u) => u.length)).toEqual([5, 5, 2]);
    expect(users.flat().map((u) => u.username).sort()).toEqual([...DEMO_USERNAMES].sort());
  });

  test('page 0 is refused with 400', async () => {
    expect((await api.get('/v1/users?page=0')).status).toBe(400);
  });

  test('active=false lists only the deactivated demo user', async () => {
    const body = (await api.get('/v1/users?active=false')).json<{ users: GatewayUser[] }>();
    expect(body.users.map((u) => u.username)).toEqual([DEMO_USERS.ivan]);
  });

  test('GET /v1/users/{userId} of an unknown id is 404', async () => {
    expect((await api.get('/v1/users/123')).status).toBe(404);
  });

  test('deactivating a custodian of an active legal hold is refused with 400 ACTIVE_LEGAL_HOLD', async () => {
    const result = await api.post(`/v1/users/${api.uidOf(DEMO_USERS.frank)}/deactivate`);
    expect(result.status).toBe(400);
    expect(result.text).toContain('ACTIVE_LEGAL_HOLD');
  });

  test('deactivate then activate flips the active flag and answers 200 with an empty body', async () => {
    const uid = api.uidOf(DEMO_USERS.grace);
    const off = await api.post(`/v1/users/${uid}/deactivate`);
    expect([off.status, off.text]).toEqual([200, '']);
    expect((await api.get(`/v1/users/${uid}`)).json<GatewayUser>().active).toBe(false);
    await api.post(`/v1/users/${uid}/activate`);
    expect((await api.get(`/v1/users/${uid}`)).json<GatewayUser>().active).toBe(true);
  });
});

describe('console users and orgs', () => {
  test('GET /api/v1/Org wraps the page in data, pages 1-based with a short last page', async () => {
    const first = (await api.get('/api/v1/Org?pgNum=1&pgSize=4')).json<{ data: { totalCount: number; orgs: { orgName: string }[] }; error: null }>();
    const second = (await api.get('/api/v1/Org?pgNum=2&pgSize=4')).json<{ data: { orgs: { orgName: string }[] } }>();
    expect(first.error).toBeNull();
    expect(first.data.totalCount).toBe(6);
    expect([first.data.orgs.length, second.data.orgs.length]).toEqual([4, 2]);
    expect(first.data.orgs[0]).toEqual(expect.objectContaining({ orgName: 'Example Corp', orgId: expect.any(Number), orgUid: expect.any(String) }));
  });

  test('GET /api/v1/User?username= answers the console view: numeric userId and the userUid', async () => {
    const body = (await api.get(`/api/v1/User?username=${encodeURIComponent(DEMO_USERS.bob)}`)).json<{ data: { users: { userId: number; userUid: string }[] } }>();
    expect(body.data.users).toHaveLength(1);
    expect(typeof body.data.users[0].userId).toBe('number');
    expect(body.data.users[0].userUid).toBe(api.uidOf(DEMO_USERS.bob));
  });

  test('POST /api/v1/User creates a user the gateway then finds', async () => {
    const org = api.sim.tenant.orgs[1];
    const result = await api.post('/api/v1/User', { orgUid: org.orgUid, username: 'new.hire@example.com', email: 'new.hire@example.com', password: null, firstName: 'New', lastName: 'Hire', notes: null });
    expect(result.status).toBe(200);
    const created = result.json<{ data: { username: string; userUid: string; orgUid: string } }>().data;
    expect(created).toMatchObject({ username: 'new.hire@example.com', orgUid: org.orgUid });
    const found = (await api.get('/v1/users?username=new.hire@example.com')).json<{ users: GatewayUser[] }>();
    expect(found.users[0].userId).toBe(created.userUid);
  });

  test('creating an existing username is 500 USER_DUPLICATE as a console error array', async () => {
    const result = await api.post('/api/v1/User', { orgUid: api.sim.tenant.orgs[0].orgUid, username: DEMO_USERS.alice, email: DEMO_USERS.alice });
    expect(result.status).toBe(500);
    expect(result.json()).toEqual([expect.objectContaining({ name: 'USER_DUPLICATE' })]);
  });

  test('creating a user in an unknown org is 400 Organization was not found', async () => {
    const result = await api.post('/api/v1/User', { orgUid: '999', username: 'x@example.com' });
    expect(result.status).toBe(400);
    expect(result.text).toContain('Organization was not found');
  });

  test('block and unblock by userUid change the blocked flag', async () => {
    const uid = api.uidOf(DEMO_USERS.heidi);
    expect((await api.post(`/api/v3/users/${uid}/block`)).status).toBe(200);
    expect(api.sim.tenant.user(uid)?.blocked).toBe(true);
    expect((await api.post(`/api/v3/users/${uid}/unblock`)).status).toBe(200);
    expect(api.sim.tenant.user(uid)?.blocked).toBe(false);
  });

  test('blocking an unknown userUid is 404', async () => {
    expect((await api.post('/api/v3/users/000/block')).status).toBe(404);
  });
});
