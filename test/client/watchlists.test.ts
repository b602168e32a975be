// Watchlists v2 on the wire (incydr-api.md §2.4): 1-based page/pageSize listing (with actorId), one watchlist,
// creation and its limits, resolving a type / custom title / id, member lists, actor changes 100 at a time.
import nock from 'nock';
import { Code42Error, Code42NotFoundError } from '../../src/code42/errors';
import { API, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const WATCHLIST_ID = '1c7dd799-1aa0-4f3a-bae8-1d3242fc2af6';
const watchlist = (listType: string, n: number, title: string | null = null) => ({
  watchlistId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  listType,
  title,
  description: null,
  tenantId: 't',
  stats: { includedActorsCount: n, excludedActorsCount: 0 },
});

function listPages(pages: object[][], extra: Record<string, string> = {}): nock.Scope {
  const scope = nock(API);
  pages.forEach((watchlists, i) => scope.get('/v2/watchlists').query({ page: String(i + 1), pageSize: '100', ...extra }).reply(200, { watchlists, totalCount: 101 }));
  return scope;
}

describe('listing', () => {
  test('list reads every page (1-based page, pageSize 100) until a short page', async () => {
    const first = Array.from({ length: 100 }, (_, i) => watchlist('CUSTOM', i, `custom ${i}`));
    const scope = listPages([first, [watchlist('DEPARTING_EMPLOYEE', 500)]]);

    const watchlists = await client().watchlists.list();

    expect(watchlists).toHaveLength(101);
    expect(watchlists[100]).toEqual(watchlist('DEPARTING_EMPLOYEE', 500));
    expect(scope.isDone()).toBe(true);
  });

  test('list with an actorId asks for the watchlists that actor is on', async () => {
    const scope = listPages([[watchlist('FLIGHT_RISK', 1)]], { actorId: 'actor-1' });

    await expect(client().watchlists.list({ actorId: 'actor-1' })).resolves.toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  test('get reads /v2/watchlists/{id}; an unknown id is a not-found error', async () => {
    nock(API).get(`/v2/watchlists/${WATCHLIST_ID}`).reply(200, watchlist('FLIGHT_RISK', 1)).get('/v2/watchlists/nope').reply(404, { message: 'not found' });

    await expect(client().watchlists.get(WATCHLIST_ID)).resolves.toMatchObject({ listType: 'FLIGHT_RISK' });
    const error = await rejectionOf(client().watchlists.get('nope'));
    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('No watchlist found with ID nope, run !code42-watchlists-list to get a list of available Watchlists.');
  });

  test('members page with page and the size under both spellings, and read watchlistMembers', async () => {
    const member = (n: number) => ({ actorId: `a${n}`, actorname: `a${n}@example.com`, addedTime: '2022-07-18T16:39:51.356082Z' });
    const scope = nock(API)
      .get(`/v2/watchlists/${WATCHLIST_ID}/members`)
      .query({ page: '1', page_size: '100', pageSize: '100' })
      .reply(200, { watchlistMembers: Array.from({ length: 100 }, (_, i) => member(i)), totalCount: 130 })
      .get(`/v2/watchlists/${WATCHLIST_ID}/members`)
      .query({ page: '2', page_size: '100', pageSize: '100' })
      .reply(200, { watchlistMembers: Array.from({ length: 30 }, (_, i) => member(100 + i)), totalCount: 130 });

    const members = await client().watchlists.members(WATCHLIST_ID);

    expect(members.map((m) => m.actorId)).toEqual(Array.from({ length: 130 }, (_, i) => `a${i}`));
    expect(members[0].actorname).toBe('a0@example.com');
    expect(scope.isDone()).toBe(true);
  });

  test('included actors are read from includedActors of /included-actors', async () => {
    const scope = nock(API)
      .get(`/v2/watchlists/${WATCHLIST_ID}/included-actors`)
      .query({ page: '1', page_size: '100', pageSize: '100' })
      .reply(200, { includedActors: [{ actorId: 'a1', actorname: 'dave@example.com', addedTime: null }], totalCount: 1 });

    await expect(client().watchlists.includedActors(WATCHLIST_ID)).resolves.toEqual([{ actorId: 'a1', actorname: 'dave@example.com', addedTime: null }]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('creating', () => {
  test('create posts watchlistType, title and description', async () => {
    const scope = nock(API)
      .post('/v2/watchlists', { watchlistType: 'CUSTOM', title: 'Project Falcon', description: 'people on the project' })
      .reply(200, watchlist('CUSTOM', 9, 'Project Falcon'));

    await expect(client().watchlists.create({ watchlistType: 'CUSTOM', title: 'Project Falcon', description: 'people on the project' })).resolves.toMatchObject({ title: 'Project Falcon' });
    expect(scope.isDone()).toBe(true);
  });

  test.each([
    [{ watchlistType: 'CUSTOM' }, 'Could not create the watchlist: a CUSTOM watchlist needs a title.'],
    [{ watchlistType: 'CUSTOM', title: 't'.repeat(51) }, 'Could not create the watchlist: the title has 51 characters and Code42 takes at most 50.'],
    [{ watchlistType: 'FLIGHT_RISK', description: 'd'.repeat(251) }, 'Could not create the watchlist: the description has 251 characters and Code42 takes at most 250.'],
  ])('%p is refused before sending', async (input, message) => {
    const error = await rejectionOf(client().watchlists.create(input as Parameters<ReturnType<typeof client>['watchlists']['create']>[0]));

    expect((error as Code42Error).kind).toBe('invalid-request');
    expect(error.message).toBe(message);
  });
});

describe('resolving what the user typed', () => {
  test('a UUID is looked up as a watchlist id', async () => {
    const scope = nock(API).get(`/v2/watchlists/${WATCHLIST_ID}`).reply(200, { watchlistId: WATCHLIST_ID, listType: 'FLIGHT_RISK' });

    await expect(client().watchlists.resolve(WATCHLIST_ID)).resolves.toMatchObject({ listType: 'FLIGHT_RISK' });
    expect(scope.isDone()).toBe(true);
  });

  test('an unknown UUID is the invalid-watchlist sentence', async () => {
    nock(API).get(`/v2/watchlists/${WATCHLIST_ID}`).reply(404, 'Not Found');

    const error = await rejectionOf(client().watchlists.resolve(WATCHLIST_ID));

    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe(`Invalid Watchlist type: ${WATCHLIST_ID}, run !code42-watchlists-list to get a list of available Watchlists.`);
  });

  test('a type resolves to the watchlist of that type, whatever its case', async () => {
    listPages([[watchlist('DEPARTING_EMPLOYEE', 1), watchlist('CUSTOM', 2, 'High Risk Employees')]]);

    await expect(client().watchlists.resolve('departing_employee')).resolves.toMatchObject({ listType: 'DEPARTING_EMPLOYEE' });
  });

  test("a custom watchlist's title resolves to it", async () => {
    listPages([[watchlist('DEPARTING_EMPLOYEE', 1), watchlist('CUSTOM', 2, 'High Risk Employees')]]);

    await expect(client().watchlists.resolve('High Risk Employees')).resolves.toMatchObject({ title: 'High Risk Employees' });
  });

  test('CUSTOM with several custom watchlists asks which one, naming their titles', async () => {
    listPages([[watchlist('CUSTOM', 1, 'High Risk Employees'), watchlist('CUSTOM', 2, 'Project Falcon')]]);

    const error = await rejectionOf(client().watchlists.resolve('CUSTOM'));

    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('There are 2 CUSTOM watchlists ("High Risk Employees", "Project Falcon"); give the title or the ID of the one you mean.');
  });

  test('anything else is the invalid-watchlist sentence', async () => {
    listPages([[watchlist('DEPARTING_EMPLOYEE', 1)]]);

    const error = await rejectionOf(client().watchlists.resolve('NOPE'));

    expect(error.message).toBe('Invalid Watchlist type: NOPE, run !code42-watchlists-list to get a list of available Watchlists.');
  });
});

describe('changing included actors', () => {
  test('add posts actorIds and watchlistId to /included-actors/add, 100 ids a request, each batch only its own', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => `actor-${i}`);
    const bodies: unknown[] = [];
    const scope = nock(API)
      .post(`/v2/watchlists/${WATCHLIST_ID}/included-actors/add`, (body: unknown) => bodies.push(body) > 0)
      .times(3)
      .reply(200);

    await client().watchlists.addActors(WATCHLIST_ID, ids);

    expect(bodies).toEqual([
      { actorIds: ids.slice(0, 100), watchlistId: WATCHLIST_ID },
      { actorIds: ids.slice(100, 200), watchlistId: WATCHLIST_ID },
      { actorIds: ids.slice(200), watchlistId: WATCHLIST_ID },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  test('remove posts to /included-actors/delete', async () => {
    const scope = nock(API).post(`/v2/watchlists/${WATCHLIST_ID}/included-actors/delete`, { actorIds: ['a1'], watchlistId: WATCHLIST_ID }).reply(200);

    await client().watchlists.removeActors(WATCHLIST_ID, ['a1', 'a1']);

    expect(scope.isDone()).toBe(true);
  });

  test("a refusal keeps Code42's words", async () => {
    nock(API).post(`/v2/watchlists/${WATCHLIST_ID}/included-actors/add`).reply(400, { message: 'Actor not found: a9' });

    const error = await rejectionOf(client().watchlists.addActors(WATCHLIST_ID, ['a9']));

    expect(error.message).toBe('Could not add the actors to the watchlist: Code42 answered 400 Bad Request (Actor not found: a9).');
  });
});
