import { DEMO_CUSTOM_WATCHLISTS, DEMO_USERS } from '../../src/simulator';
import { useApi } from './helpers';

interface Watchlist {
  watchlistId: string;
  listType: string;
  title: string | null;
  description: string | null;
  tenantId: string;
  stats: Record<string, number>;
}
interface Member {
  actorId: string;
  actorname: string;
  addedTime: string;
}

const api = useApi();
const idOf = (listType: string, title?: string) => api.sim.tenant.watchlists.find((w) => w.listType === listType && (title === undefined || w.title === title))!.watchlistId;

describe('GET /v2/watchlists', () => {
  test('answers {watchlists, totalCount}, WatchlistV2 with v2 stats (no includedUsersCount)', async () => {
    const body = (await api.get('/v2/watchlists')).json<{ watchlists: Watchlist[]; totalCount: number }>();
    expect(body.totalCount).toBe(12);
    const custom = body.watchlists.find((w) => w.title === DEMO_CUSTOM_WATCHLISTS.highRisk);
    expect(custom).toEqual({
      watchlistId: expect.any(String),
      listType: 'CUSTOM',
      title: DEMO_CUSTOM_WATCHLISTS.highRisk,
      description: expect.any(String),
      tenantId: api.tenantId,
      stats: { includedActorsCount: 3, excludedActorsCount: 0, includedDepartmentsCount: 0, includedDirectoryGroupsCount: 0, excludedDepartmentsCount: 0, excludedDirectoryGroupsCount: 0 },
    });
  });

  test('pages are 1-based with pageSize', async () => {
    const page = async (n: number) => (await api.get(`/v2/watchlists?page=${n}&pageSize=5`)).json<{ watchlists: Watchlist[] }>().watchlists.length;
    expect([await page(1), await page(2), await page(3), await page(4)]).toEqual([5, 5, 2, 0]);
    expect((await api.get('/v2/watchlists?page=0')).status).toBe(400);
  });

  test('actorId answers the watchlists the actor is a member of (departments included)', async () => {
    const lists = (await api.get(`/v2/watchlists?actorId=${api.actorIdOf(DEMO_USERS.frank)}`)).json<{ watchlists: Watchlist[] }>().watchlists;
    expect(lists.map((w) => w.title ?? w.listType)).toEqual(['HIGH_IMPACT_EMPLOYEE', DEMO_CUSTOM_WATCHLISTS.finance]);
  });

  test('one watchlist by id; unknown is 404', async () => {
    const id = idOf('DEPARTING_EMPLOYEE');
    expect((await api.get(`/v2/watchlists/${id}`)).json<Watchlist>()).toMatchObject({ watchlistId: id, listType: 'DEPARTING_EMPLOYEE', title: null });
    expect((await api.get('/v2/watchlists/no-such-list')).status).toBe(404);
  });
});

describe('members and included actors', () => {
  test('members include department members; included-actors only the actors added', async () => {
    const id = idOf('HIGH_IMPACT_EMPLOYEE');
    const members = (await api.get(`/v2/watchlists/${id}/members`)).json<{ watchlistMembers: Member[]; totalCount: number }>();
    const included = (await api.get(`/v2/watchlists/${id}/included-actors`)).json<{ includedActors: Member[]; totalCount: number }>();
    expect(members.watchlistMembers.map((m) => m.actorname)).toEqual([DEMO_USERS.dave, DEMO_USERS.frank, DEMO_USERS.judy]);
    expect(included.includedActors.map((m) => m.actorname)).toEqual([DEMO_USERS.dave]);
    expect(included.includedActors[0].actorId).toBe(api.actorIdOf(DEMO_USERS.dave));
    expect([members.totalCount, included.totalCount]).toEqual([3, 1]);
  });

  test('member lists page with page and page_size (1-based)', async () => {
    const id = idOf('DEPARTING_EMPLOYEE');
    const page = async (n: number) => (await api.get(`/v2/watchlists/${id}/members?page=${n}&page_size=2`)).json<{ watchlistMembers: Member[] }>().watchlistMembers.map((m) => m.actorname);
    expect([await page(1), await page(2)]).toEqual([[DEMO_USERS.bob, DEMO_USERS.dave], [DEMO_USERS.oscar]]);
  });

  test('included departments are listed with their added time', async () => {
    const body = (await api.get(`/v2/watchlists/${idOf('CUSTOM', DEMO_CUSTOM_WATCHLISTS.finance)}/included-departments`)).json<{ includedDepartments: { name: string; addedTime: string }[] }>();
    expect(body.includedDepartments.map((d) => d.name)).toEqual(['Finance']);
  });
});

describe('changing included actors', () => {
  test('add then delete by actor id (not user id)', async () => {
    const id = idOf('FLIGHT_RISK');
    const carol = api.actorIdOf(DEMO_USERS.carol);
    expect((await api.post(`/v2/watchlists/${id}/included-actors/add`, { actorIds: [carol], watchlistId: id })).status).toBe(200);
    const names = async () => (await api.get(`/v2/watchlists/${id}/included-actors`)).json<{ includedActors: Member[] }>().includedActors.map((m) => m.actorname);
    expect(await names()).toContain(DEMO_USERS.carol);
    expect((await api.get(`/v2/watchlists/${id}/included-actors/${carol}`)).json<Member>().actorname).toBe(DEMO_USERS.carol);
    expect((await api.post(`/v2/watchlists/${id}/included-actors/delete`, { actorIds: [carol], watchlistId: id })).status).toBe(200);
    expect(await names()).not.toContain(DEMO_USERS.carol);
  });

  test('a user id that is not an actor id is refused with 400', async () => {
    const id = idOf('FLIGHT_RISK');
    const result = await api.post(`/v2/watchlists/${id}/included-actors/add`, { actorIds: [api.uidOf(DEMO_USERS.carol)], watchlistId: id });
    expect(result.status).toBe(400);
    expect(result.json<{ message: string }>().message).toContain(api.uidOf(DEMO_USERS.carol));
  });

  test('more than 100 actor ids in one request is 400', async () => {
    const id = idOf('FLIGHT_RISK');
    const result = await api.post(`/v2/watchlists/${id}/included-actors/add`, { actorIds: Array.from({ length: 101 }, () => api.actorIdOf(DEMO_USERS.alice)), watchlistId: id });
    expect(result.status).toBe(400);
    expect(result.json<{ message: string }>().message).toContain('100');
  });

  test('an unknown watchlist is 404', async () => {
    expect((await api.post('/v2/watchlists/nope/included-actors/add', { actorIds: [api.actorIdOf(DEMO_USERS.alice)] })).status).toBe(404);
  });

  test('excluding a department member removes them from members', async () => {
    const id = idOf('CUSTOM', DEMO_CUSTOM_WATCHLISTS.finance);
    await api.post(`/v2/watchlists/${id}/excluded-actors/add`, { actorIds: [api.actorIdOf(DEMO_USERS.judy)] });
    const members = (await api.get(`/v2/watchlists/${id}/members`)).json<{ watchlistMembers: Member[] }>().watchlistMembers.map((m) => m.actorname);
    expect(members).toEqual([DEMO_USERS.frank]);
  });
});

describe('POST /v2/watchlists', () => {
  test('creates a CUSTOM watchlist; a second DEPARTING_EMPLOYEE list is 400', async () => {
    const created = (await api.post('/v2/watchlists', { watchlistType: 'CUSTOM', title: 'Red Team', description: 'exercise' })).json<Watchlist>();
    expect(created).toMatchObject({ listType: 'CUSTOM', title: 'Red Team' });
    expect((await api.get(`/v2/watchlists/${created.watchlistId}`)).status).toBe(200);
    expect((await api.post('/v2/watchlists', { watchlistType: 'DEPARTING_EMPLOYEE' })).status).toBe(400);
    expect((await api.post('/v2/watchlists', { watchlistType: 'NOPE' })).status).toBe(400);
  });
});
