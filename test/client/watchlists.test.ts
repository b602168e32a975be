import nock from 'nock';
import { Code42NotFoundError, type Code42Error } from '../../src/code42/errors';
import { API, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const WATCHLIST_ID = '1c7dd799-1aa0-4f3a-bae8-1d3242fc2af6';
const watchlist = (listType: string, n: number, title: string | null = null) => ({
  watchlistId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  listType,
  title,
  stats: { includedUsersCount: n },
});

function listPages(pages: object[][]): nock.Scope {
  const scope = nock(API);
  pages.forEach((watchlists, i) => scope.get('/v1/watchlists').query({ page: String(i + 1), page_size: '100', pageSize: '100' }).reply(200, { watchlists, totalCount: 0 }));
  return scope;
}

describe('listing', () => {
  test('list reads every page (page, with the size as both page_size and pageSize) until a short page', async () => {
    const first = Array.from({ length: 100 }, (_, i) => watchlist('CUSTOM', i, `custom ${i}`));
    const scope = listPages([first, [watchlist('DEPARTING_EMPLOYEE', 500)]]);

    const watchlists = await client().watchlists.list();

    expect(watchlists).toHaveLength(101);
    expect(scope.isDone()).toBe(true);
  });

  test('included users are listed from every page', async () => {
    const user = (n: number) => ({ userId: `u${n}`, username: `u${n}@example.com`, addedTime: '2022-07-18T16:39:51.356082Z' });
    const scope = nock(API)
      .get(`/v1/watchlists/${WATCHLIST_ID}/included-users`)
      .query({ page: '1', page_size: '100', pageSize: '100' })
      .reply(200, { includedUsers: Array.from({ length: 100 }, (_, i) => user(i)), totalCount: 130 })
      .get(`/v1/watchlists/${WATCHLIST_ID}/included-users`)
      .query({ page: '2', page_size: '100', pageSize: '100' })
      .reply(200, { includedUsers: Array.from({ length: 30 }, (_, i) => user(100 + i)), totalCount: 130 });

    const users = await client().watchlists.listIncludedUsers(WATCHLIST_ID);

    expect(users.map((u) => u.userId)).toEqual(Array.from({ length: 130 }, (_, i) => `u${i}`));
    expect(scope.isDone()).toBe(true);
  });
});

describe('resolving what the user typed', () => {
  test('a UUID is looked up as a watchlist id', async () => {
    const scope = nock(API).get(`/v1/watchlists/${WATCHLIST_ID}`).reply(200, { watchlistId: WATCHLIST_ID, listType: 'FLIGHT_RISK' });

    await expect(client().watchlists.resolve(WATCHLIST_ID)).resolves.toMatchObject({ listType: 'FLIGHT_RISK' });
    expect(scope.isDone()).toBe(true);
  });

  test('an unknown UUID is a not-found error', async () => {
    nock(API).get(`/v1/watchlists/${WATCHLIST_ID}`).reply(404, 'Not Found');

    const error = await rejectionOf(client().watchlists.resolve(WATCHLIST_ID));

    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe(`No watchlist found with id ${WATCHLIST_ID}, run !code42-watchlists-list to get a list of available Watchlists.`);
  });

  test('a watchlist type resolves to the watchlist of that type', async () => {
    listPages([[watchlist('FLIGHT_RISK', 1), watchlist('DEPARTING_EMPLOYEE', 2)]]);

    await expect(client().watchlists.resolve('DEPARTING_EMPLOYEE')).resolves.toMatchObject({ watchlistId: watchlist('X', 2).watchlistId });
  });

  test('a custom watchlist resolves by its title', async () => {
    listPages([[watchlist('CUSTOM', 1, 'Crown jewels'), watchlist('CUSTOM', 2, 'Contractors')]]);

    await expect(client().watchlists.resolve('Contractors')).resolves.toMatchObject({ watchlistId: watchlist('X', 2).watchlistId });
  });

  test('types are matched case-sensitively and unknown names get the incumbent sentence', async () => {
    listPages([[watchlist('DEPARTING_EMPLOYEE', 1)]]);

    const error = await rejectionOf(client().watchlists.resolve('departing_employee'));

    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('Invalid Watchlist type: departing_employee, run !code42-watchlists-list to get a list of available Watchlists.');
  });
});

describe('included users', () => {
  test('add and delete POST the user ids and the watchlist id', async () => {
    const body = { userIds: ['u1', 'u2'], watchlistId: WATCHLIST_ID };
    const scope = nock(API)
      .post(`/v1/watchlists/${WATCHLIST_ID}/included-users/add`, body)
      .reply(200)
      .post(`/v1/watchlists/${WATCHLIST_ID}/included-users/delete`, body)
      .reply(200);

    await client().watchlists.addUsers(WATCHLIST_ID, ['u1', 'u2']);
    await client().watchlists.removeUsers(WATCHLIST_ID, ['u1', 'u2']);

    expect(scope.isDone()).toBe(true);
  });

  test('"Watchlist not found" from Code42 is passed through', async () => {
    nock(API).post(`/v1/watchlists/${WATCHLIST_ID}/included-users/add`).reply(400, 'Watchlist not found');

    const error = (await rejectionOf(client().watchlists.addUsers(WATCHLIST_ID, ['u1']))) as Code42Error;

    expect(error.mentions('Watchlist not found')).toBe(true);
    expect(error.message).toMatch(/^Could not add the user to the watchlist/);
  });
});
