import { DEMO_CUSTOM_WATCHLISTS, DEMO_USERS } from '../../src/simulator';
import { useApi } from './helpers';

interface Watchlist {
  watchlistId: string;
  listType: string;
  title: string | null;
  stats: { includedUsersCount: number };
}

const api = useApi();

const byType = (type: string) => api.sim.tenant.watchlists.find((w) => w.listType === type)?.watchlistId as string;

describe('watchlists', () => {
  test('the demo tenant has one watchlist of every type plus two custom ones', async () => {
    const body = (await api.get('/v1/watchlists?page=1&page_size=100')).json<{ watchlists: Watchlist[]; totalCount: number }>();
    expect(body.totalCount).toBe(11);
    expect(new Set(body.watchlists.map((w) => w.listType)).size).toBe(10);
    expect(body.watchlists.filter((w) => w.listType === 'CUSTOM').map((w) => w.title)).toEqual(Object.values(DEMO_CUSTOM_WATCHLISTS));
  });

  test('pages are 1-based for page_size and pageSize alike, with a short last page', async () => {
    const sizes = await Promise.all(
      ['page=1&page_size=5', 'page=2&pageSize=5', 'page=3&page_size=5', 'page=4&page_size=5'].map(async (q) => (await api.get(`/v1/watchlists?${q}`)).json<{ watchlists: Watchlist[] }>().watchlists.length),
    );
    expect(sizes).toEqual([5, 5, 1, 0]);
  });

  test('GET /v1/watchlists/{id} answers the watchlist with its included-user count', async () => {
    const body = (await api.get(`/v1/watchlists/${byType('DEPARTING_EMPLOYEE')}`)).json<Watchlist>();
    expect(body).toMatchObject({ listType: 'DEPARTING_EMPLOYEE', stats: { includedUsersCount: 3 } });
  });

  test('an unknown watchlist id is 404', async () => {
    expect((await api.get('/v1/watchlists/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  test('creating a watchlist of an unknown type is 400 with the .NET conversion message', async () => {
    const result = await api.post('/v1/watchlists', { watchlistType: 'NOT_A_TYPE', title: null, description: null });
    expect(result.status).toBe(400);
    expect(result.text).toBe(`Error converting value "NOT_A_TYPE" to type 'WatchlistSdk.Model.WatchlistType'.`);
  });

  test('a CUSTOM watchlist needs a title and is created with it', async () => {
    expect((await api.post('/v1/watchlists', { watchlistType: 'CUSTOM' })).status).toBe(400);
    const created = await api.post('/v1/watchlists', { watchlistType: 'CUSTOM', title: 'Red team', description: 'Exercise' });
    expect(created.json()).toMatchObject({ listType: 'CUSTOM', title: 'Red team', stats: { includedUsersCount: 0 } });
  });

  test('a title over 50 characters is refused with 400', async () => {
    expect((await api.post('/v1/watchlists', { watchlistType: 'CUSTOM', title: 'x'.repeat(51) })).status).toBe(400);
  });

  test('included-users add answers 200 with an empty body and the user is listed', async () => {
    const id = byType('FLIGHT_RISK');
    const userId = api.uidOf(DEMO_USERS.grace);
    const added = await api.post(`/v1/watchlists/${id}/included-users/add`, { userIds: [userId], watchlistId: id });
    expect([added.status, added.text]).toEqual([200, '']);
    const listed = (await api.get(`/v1/watchlists/${id}/included-users?page=1&page_size=100`)).json<{ includedUsers: { userId: string; username: string; addedTime: string }[] }>();
    expect(listed.includedUsers).toContainEqual({ userId, username: DEMO_USERS.grace, addedTime: expect.any(String) });
  });

  test('included-users delete removes the user', async () => {
    const id = byType('CONTRACT_EMPLOYEE');
    const userId = api.uidOf(DEMO_USERS.carol);
    expect((await api.post(`/v1/watchlists/${id}/included-users/delete`, { userIds: [userId], watchlistId: id })).status).toBe(200);
    expect((await api.get(`/v1/watchlists/${id}/included-users`)).json()).toEqual({ includedUsers: [], totalCount: 0 });
  });

  test('adding to an unknown watchlist is 400 Watchlist not found', async () => {
    const result = await api.post('/v1/watchlists/nope/included-users/add', { userIds: [api.uidOf(DEMO_USERS.alice)], watchlistId: 'nope' });
    expect([result.status, result.text]).toEqual([400, 'Watchlist not found']);
  });

  test('adding an unknown user is 400 User not found', async () => {
    const id = byType('NEW_EMPLOYEE');
    const result = await api.post(`/v1/watchlists/${id}/included-users/add`, { userIds: ['123'], watchlistId: id });
    expect([result.status, result.text]).toEqual([400, 'User not found']);
  });

  test('included users page 1-based with a short last page', async () => {
    const id = api.sim.tenant.watchlists.find((w) => w.title === DEMO_CUSTOM_WATCHLISTS.falcon)?.watchlistId as string;
    const first = (await api.get(`/v1/watchlists/${id}/included-users?page=1&page_size=2`)).json<{ includedUsers: unknown[]; totalCount: number }>();
    const second = (await api.get(`/v1/watchlists/${id}/included-users?page=2&page_size=2`)).json<{ includedUsers: unknown[] }>();
    expect([first.totalCount, first.includedUsers.length, second.includedUsers.length]).toEqual([3, 2, 1]);
  });
});
