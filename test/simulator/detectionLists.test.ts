import { DEMO_USERS } from '../../src/simulator';
import { useApi } from './helpers';

const api = useApi();

const post = (path: string, body: Record<string, unknown>) => api.post(`/v1/detection-lists/${path}`, { tenantId: api.tenantId, ...body });

interface Entry {
  userId: string;
  userName: string;
  departureDate?: string | null;
  riskFactors: string[];
  notes: string | null;
}

describe('detection-list user profiles', () => {
  test('getbyusername answers a USER_V2 profile with notes, risk factors and cloud usernames', async () => {
    const result = await post('user/getbyusername', { username: DEMO_USERS.bob });
    expect(result.json()).toMatchObject({
      'type$': 'USER_V2',
      tenantId: api.tenantId,
      userId: api.uidOf(DEMO_USERS.bob),
      userName: DEMO_USERS.bob,
      riskFactors: ['FLIGHT_RISK'],
      cloudUsernames: [DEMO_USERS.bob, 'bob.builder@gmail.com'],
    });
  });

  test('an unknown username is 400 Could not find user', async () => {
    const result = await post('user/getbyusername', { username: 'ghost@example.com' });
    expect(result.status).toBe(400);
    expect(result.text).toContain('Could not find user');
  });

  test('a body without tenantId is refused with 400', async () => {
    const result = await api.post('/v1/detection-lists/user/getbyusername', { username: DEMO_USERS.bob });
    expect(result.status).toBe(400);
  });

  test('a tenantId of another tenant is refused with 403', async () => {
    expect((await post('user/getbyusername', { tenantId: 'other', username: DEMO_USERS.bob })).status).toBe(403);
  });

  test('updatenotes, addriskfactors and removeriskfactors change the profile', async () => {
    const userId = api.uidOf(DEMO_USERS.heidi);
    expect((await post('user/updatenotes', { userId, notes: 'Watch closely.' })).status).toBe(200);
    await post('user/addriskfactors', { userId, riskFactors: ['FLIGHT_RISK', 'CONTRACT_EMPLOYEE'] });
    await post('user/removeriskfactors', { userId, riskFactors: ['FLIGHT_RISK'] });
    expect((await post('user/getbyid', { userId })).json()).toMatchObject({ notes: 'Watch closely.', riskFactors: ['CONTRACT_EMPLOYEE'] });
  });

  test('an unknown risk factor is refused with 400 naming the valid ones', async () => {
    const result = await post('user/addriskfactors', { userId: api.uidOf(DEMO_USERS.heidi), riskFactors: ['SNEAKY'] });
    expect(result.status).toBe(400);
    expect(result.text).toContain('FLIGHT_RISK');
  });
});

describe('departing and high-risk employee lists', () => {
  test('add answers the entry with its departure date; adding again is 400 User already on list', async () => {
    const userId = api.uidOf(DEMO_USERS.grace);
    const added = await post('departingemployee/add', { userId, departureDate: '2030-01-31' });
    expect(added.json()).toMatchObject({ 'type$': 'DEPARTING_EMPLOYEE_V2', userId, userName: DEMO_USERS.grace, departureDate: '2030-01-31', status: 'OPEN' });
    const again = await post('departingemployee/add', { userId });
    expect(again.status).toBe(400);
    expect(again.text).toContain('User already on list');
  });

  test('adding an unknown user id is 400 Could not find user', async () => {
    const result = await post('highriskemployee/add', { userId: '42' });
    expect(result.status).toBe(400);
    expect(result.text).toContain('Could not find user');
  });

  test('get, update and remove a departing employee; get after remove is 404', async () => {
    const userId = api.uidOf(DEMO_USERS.bob);
    expect((await post('departingemployee/get', { userId })).json<Entry>().departureDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await post('departingemployee/update', { userId, departureDate: '2031-02-03' })).json<Entry>().departureDate).toBe('2031-02-03');
    expect((await post('departingemployee/remove', { userId })).status).toBe(200);
    expect((await post('departingemployee/get', { userId })).status).toBe(404);
  });

  test('removing a user who is not on the list is 404', async () => {
    expect((await post('highriskemployee/remove', { userId: api.uidOf(DEMO_USERS.alice) })).status).toBe(404);
  });

  test('a malformed departure date is refused with 400', async () => {
    expect((await post('departingemployee/add', { userId: api.uidOf(DEMO_USERS.judy), departureDate: '31/01/2030' })).status).toBe(400);
  });

  test('high-risk search pages are 1-based with a short last page and rollups per filter', async () => {
    const page = (pgNum: number) => post('highriskemployee/search', { filterType: 'OPEN', pgNum, pgSize: 3, srtKey: 'DISPLAY_NAME', srtDirection: 'ASC' });
    const [first, second] = [await page(1), await page(2)].map((r) => r.json<{ items: Entry[]; totalCount: number; rollups: { filterType: string }[]; 'type$': string }>());
    expect(first['type$']).toBe('HIGH_RISK_SEARCH_RESPONSE_V2');
    expect(first.totalCount).toBe(4);
    expect([first.items.length, second.items.length]).toEqual([3, 1]);
    expect([...first.items, ...second.items].map((e) => e.userName)).toEqual([DEMO_USERS.carol, DEMO_USERS.dave, DEMO_USERS.erin, DEMO_USERS.mallory]);
    expect(first.rollups.map((r) => r.filterType)).toEqual(['OPEN', 'EXFILTRATION_24_HOURS', 'EXFILTRATION_30_DAYS']);
  });

  test('LEAVING_TODAY lists the departing employee whose departure date is today', async () => {
    const result = await post('departingemployee/search', { filterType: 'LEAVING_TODAY', pgNum: 1, pgSize: 100 });
    expect(result.json<{ items: Entry[] }>().items.map((e) => e.userName)).toEqual([DEMO_USERS.dave]);
  });

  test('an unknown filterType is refused with 400', async () => {
    expect((await post('highriskemployee/search', { filterType: 'LEAVING_TODAY', pgNum: 1, pgSize: 10 })).status).toBe(400);
  });
});
