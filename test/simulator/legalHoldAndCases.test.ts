import { DEMO_CASE_NAME, DEMO_MATTERS, DEMO_USERS } from '../../src/simulator';
import { useApi } from './helpers';

interface Matter {
  matterId: string;
  name: string;
}
interface Custodian {
  userId: string;
  email: string;
  membershipActive: boolean;
}

const api = useApi();

const matterId = (name: string) => api.sim.tenant.matters.find((m) => m.name === name)?.matterId as string;
const custodians = async (id: string) => (await api.get(`/v1/legal-hold/matters/${id}/custodians?page=1&pageSize=100`)).json<{ custodians: Custodian[] }>().custodians;

describe('legal hold', () => {
  test('matters are found by name and paged 1-based', async () => {
    const byName = (await api.get(`/v1/legal-hold/matters?name=${encodeURIComponent(DEMO_MATTERS.falcon)}`)).json<{ matters: Matter[] }>();
    expect(byName.matters.map((m) => m.name)).toEqual([DEMO_MATTERS.falcon]);
    const page2 = (await api.get('/v1/legal-hold/matters?page=2&pageSize=1')).json<{ matters: Matter[] }>();
    expect(page2.matters).toHaveLength(1);
    expect((await api.get('/v1/legal-hold/matters?page=3&pageSize=1')).json<{ matters: Matter[] }>().matters).toEqual([]);
  });

  test('adding a custodian answers the membership; adding again is 400 USER_ALREADY_IN_HOLD', async () => {
    const id = matterId(DEMO_MATTERS.falcon);
    const added = await api.post(`/v1/legal-hold/matters/${id}/custodians`, { userId: api.uidOf(DEMO_USERS.erin) });
    expect(added.json()).toMatchObject({ membershipActive: true, matter: { matterId: id }, custodian: { userId: api.uidOf(DEMO_USERS.erin), username: DEMO_USERS.erin } });
    const again = await api.post(`/v1/legal-hold/matters/${id}/custodians`, { userId: api.uidOf(DEMO_USERS.erin) });
    expect(again.status).toBe(400);
    expect(again.text).toContain('USER_ALREADY_IN_HOLD');
  });

  test('removing a custodian takes them off the custodian list', async () => {
    const id = matterId(DEMO_MATTERS.acme);
    expect((await custodians(id)).map((c) => c.email)).toContain(DEMO_USERS.judy);
    expect((await api.post(`/v1/legal-hold/matters/${id}/custodians/remove`, { userId: api.uidOf(DEMO_USERS.judy) })).status).toBe(200);
    expect((await custodians(id)).map((c) => c.email)).not.toContain(DEMO_USERS.judy);
  });

  test('removing someone who is not a custodian is 400', async () => {
    expect((await api.post(`/v1/legal-hold/matters/${matterId(DEMO_MATTERS.acme)}/custodians/remove`, { userId: api.uidOf(DEMO_USERS.grace) })).status).toBe(400);
  });

  test('an unknown matter is 403', async () => {
    expect((await api.get('/v1/legal-hold/matters/424242/custodians')).status).toBe(403);
    expect((await api.post('/v1/legal-hold/matters/424242/custodians', { userId: api.uidOf(DEMO_USERS.grace) })).status).toBe(403);
  });
});

describe('cases', () => {
  test('the demo case 1 exists with its subject and assignee usernames', async () => {
    const kase = (await api.get('/v1/cases/1')).json();
    expect(kase).toMatchObject({ number: 1, name: DEMO_CASE_NAME, status: 'OPEN', subjectUsername: DEMO_USERS.dave, assigneeUsername: DEMO_USERS.alice });
  });

  test('create answers the case with the next number; the same name again is 400 NAME_EXISTS', async () => {
    const created = await api.post('/v1/cases', { name: 'Erin USB copy', subject: api.uidOf(DEMO_USERS.erin), assignee: null, description: 'USB', findings: null });
    expect(created.json()).toMatchObject({ number: 2, name: 'Erin USB copy', subjectUsername: DEMO_USERS.erin, status: 'OPEN' });
    const again = await api.post('/v1/cases', { name: 'Erin USB copy' });
    expect(again.status).toBe(400);
    expect(again.json()).toEqual({ problem: 'NAME_EXISTS', description: null });
  });

  test('a name over 50 characters or an unknown subject is refused with a problem', async () => {
    expect((await api.post('/v1/cases', { name: 'n'.repeat(51) })).json()).toMatchObject({ problem: 'NAME_TOO_LONG' });
    expect((await api.post('/v1/cases', { name: 'ok', subject: '999' })).json()).toMatchObject({ problem: 'INVALID_USER' });
  });

  test('an unknown case number is 404', async () => {
    expect((await api.get('/v1/cases/999')).status).toBe(404);
  });

  test('file events are added once; adding one again is 400 CASE_ALREADY_HAS_EVENT', async () => {
    const number = (await api.post('/v1/cases', { name: 'Events case' })).json<{ number: number }>().number;
    const [a, b] = api.sim.tenant.fileEvents();
    const added = await api.post(`/v1/cases/${number}/fileevent`, { events: [a.id, b.id] });
    expect([added.status, added.text]).toEqual([200, '']);
    expect(api.sim.tenant.case(number)?.eventIds).toEqual([a.id, b.id]);
    expect((await api.post(`/v1/cases/${number}/fileevent`, { events: [a.id] })).json()).toMatchObject({ problem: 'CASE_ALREADY_HAS_EVENT' });
  });

  test('adding events to a closed case is 400 CASE_IS_CLOSED', async () => {
    const number = (await api.post('/v1/cases', { name: 'Closed case' })).json<{ number: number }>().number;
    api.sim.tenant.closeCase(number);
    const result = await api.post(`/v1/cases/${number}/fileevent`, { events: [api.sim.tenant.fileEvents()[3].id] });
    expect([result.status, result.json()]).toEqual([400, { problem: 'CASE_IS_CLOSED', description: null }]);
  });
});
