import { DEMO_CASE_NAME, DEMO_MATTERS, DEMO_USERS } from '../../src/simulator';
import { useApi } from './helpers';

interface Matter {
  matterId: string;
  name: string;
  [field: string]: unknown;
}
interface Custodian {
  userId: string;
  username: string;
  membershipActive: boolean;
}

const api = useApi();

const matterId = (name: string) => api.sim.tenant.matters.find((m) => m.name === name)?.matterId as string;
const custodians = async (id: string) => (await api.get(`/v1/legal-hold/matters/${id}/custodians?page=1&pageSize=100`)).json<{ custodians: Custodian[] }>().custodians;

describe('legal hold', () => {
  test('matters carry the SDK Matter fields; name matches partially; pages are 1-based', async () => {
    const byName = (await api.get('/v1/legal-hold/matters?name=falcon')).json<{ matters: Matter[] }>();
    expect(byName.matters.map((m) => m.name)).toEqual([DEMO_MATTERS.falcon]);
    expect(Object.keys(byName.matters[0]).sort()).toEqual(['active', 'creationDate', 'creator', 'creatorPrincipal', 'description', 'matterId', 'name', 'notes', 'policyId'].sort());
    expect(byName.matters[0].creator).toEqual({ userId: api.uidOf(DEMO_USERS.judy), username: DEMO_USERS.judy });
    expect((await api.get('/v1/legal-hold/matters?page=2&pageSize=1')).json<{ matters: Matter[] }>().matters).toHaveLength(1);
    expect((await api.get('/v1/legal-hold/matters?page=3&pageSize=1')).json<{ matters: Matter[] }>().matters).toEqual([]);
  });

  test('one matter by id; unknown is 404', async () => {
    expect((await api.get(`/v1/legal-hold/matters/${matterId(DEMO_MATTERS.acme)}`)).json<Matter>().name).toBe(DEMO_MATTERS.acme);
    expect((await api.get('/v1/legal-hold/matters/123')).status).toBe(404);
  });

  test('adding a custodian answers the membership; adding again is 400 USER_ALREADY_IN_HOLD', async () => {
    const id = matterId(DEMO_MATTERS.falcon);
    const added = await api.post(`/v1/legal-hold/matters/${id}/custodians`, { userId: api.uidOf(DEMO_USERS.erin) });
    expect(added.json()).toMatchObject({ membershipActive: true, matter: { matterId: id, name: DEMO_MATTERS.falcon }, custodian: { userId: api.uidOf(DEMO_USERS.erin), username: DEMO_USERS.erin } });
    expect((await custodians(id)).map((c) => c.username)).toEqual([DEMO_USERS.dave, DEMO_USERS.erin]);
    const again = await api.post(`/v1/legal-hold/matters/${id}/custodians`, { userId: api.uidOf(DEMO_USERS.erin) });
    expect(again.status).toBe(400);
    expect(again.text).toContain('USER_ALREADY_IN_HOLD');
  });

  test('removing a custodian; removing someone who is not one is 400', async () => {
    const id = matterId(DEMO_MATTERS.acme);
    expect((await api.post(`/v1/legal-hold/matters/${id}/custodians/remove`, { userId: api.uidOf(DEMO_USERS.judy) })).status).toBe(200);
    expect((await custodians(id)).map((c) => c.username)).toEqual([DEMO_USERS.frank]);
    const notMember = await api.post(`/v1/legal-hold/matters/${id}/custodians/remove`, { userId: api.uidOf(DEMO_USERS.judy) });
    expect(notMember.status).toBe(400);
    expect(notMember.text).toContain('not an active custodian');
    expect((await api.post(`/v1/legal-hold/matters/${id}/custodians`, { userId: api.uidOf(DEMO_USERS.judy) })).json()).toMatchObject({ membershipActive: true });
    expect((await custodians(id)).map((c) => c.username)).toEqual([DEMO_USERS.frank, DEMO_USERS.judy]);
  });

  test('an unknown matter is 404, an unknown user 400, a missing userId 400', async () => {
    expect((await api.post('/v1/legal-hold/matters/123/custodians', { userId: api.uidOf(DEMO_USERS.erin) })).status).toBe(404);
    expect((await api.post(`/v1/legal-hold/matters/${matterId(DEMO_MATTERS.acme)}/custodians`, { userId: '42' })).status).toBe(400);
    expect((await api.post(`/v1/legal-hold/matters/${matterId(DEMO_MATTERS.acme)}/custodians`, {})).status).toBe(400);
  });

  test("a user's memberships across matters", async () => {
    const body = (await api.get(`/v1/legal-hold/custodians/${api.uidOf(DEMO_USERS.frank)}`)).json<{ matters: { matterId: string; name: string; membershipActive: boolean }[] }>();
    expect(body.matters).toEqual([expect.objectContaining({ matterId: matterId(DEMO_MATTERS.acme), name: DEMO_MATTERS.acme, membershipActive: true })]);
    expect((await api.get('/v1/legal-hold/custodians/42')).status).toBe(404);
  });
});

describe('cases', () => {
  test('the demo case lists its file events', async () => {
    const kase = (await api.get('/v1/cases/1')).json<{ name: string; subjectUsername: string; status: string }>();
    expect(kase).toMatchObject({ name: DEMO_CASE_NAME, subjectUsername: DEMO_USERS.dave, status: 'OPEN' });
    const events = (await api.get('/v1/cases/1/fileevent')).json<{ events: { eventId: string; fileName: string }[]; totalCount: number }>();
    expect(events.totalCount).toBe(2);
    expect(events.events.every((e) => api.sim.tenant.fileEvent(e.eventId) !== undefined)).toBe(true);
  });

  test('create, add events, list with filters, update status, delete', async () => {
    const created = await api.post('/v1/cases', { name: 'Erin shared keys', subject: api.uidOf(DEMO_USERS.erin), description: 'deploy_keys.txt on a USB stick' });
    expect(created.status).toBe(200);
    const { number } = created.json<{ number: number }>();
    const [eventId] = api.sim.tenant.fileEvents.slice(-1).map((e) => e.event.id);
    expect((await api.post(`/v1/cases/${number}/fileevent`, { events: [eventId] })).status).toBe(200);
    expect((await api.get(`/v1/cases/${number}/fileevent/${eventId}`)).json<{ eventId: string }>().eventId).toBe(eventId);
    expect((await api.get('/v1/cases?name=erin&status=OPEN')).json<{ cases: { number: number }[]; totalCount: number }>()).toMatchObject({ totalCount: 1, cases: [{ number }] });
    expect((await api.request('PUT', `/v1/cases/${number}`, { body: JSON.stringify({ status: 'CLOSED' }), headers: { 'content-type': 'application/json' } })).json<{ status: string }>().status).toBe('CLOSED');
    const closed = await api.post(`/v1/cases/${number}/fileevent`, { events: [api.sim.tenant.fileEvents[0].event.id] });
    expect(closed.json()).toMatchObject({ problem: 'CASE_IS_CLOSED' });
    expect((await api.del(`/v1/cases/${number}`)).status).toBe(200);
    expect((await api.get(`/v1/cases/${number}`)).status).toBe(404);
  });

  test('limits and problems: name over 50, duplicate name, unknown event, unknown case', async () => {
    expect((await api.post('/v1/cases', { name: 'x'.repeat(51) })).json()).toMatchObject({ problem: 'NAME_TOO_LONG' });
    expect((await api.post('/v1/cases', { name: DEMO_CASE_NAME })).json()).toMatchObject({ problem: 'NAME_EXISTS' });
    expect((await api.post('/v1/cases', { name: 'Nobody', subject: '42' })).json()).toMatchObject({ problem: 'INVALID_USER' });
    expect((await api.post('/v1/cases/1/fileevent', { events: ['no-such-event'] })).json()).toMatchObject({ problem: 'INVALID_EVENT_ID' });
    expect((await api.get('/v1/cases/999')).status).toBe(404);
  });
});
