// Watchlist and risk-profile commands end to end against the simulator's demo tenant.
// Demo watchlists: one of every type (DEPARTING_EMPLOYEE = bob, dave, oscar) plus custom "Project Falcon"
// (dave, erin, oscar) and "Finance Close" (frank). Bob's risk profile has a start and an end date.
import { DEMO_CUSTOM_WATCHLISTS, DEMO_USERS } from '../../src/simulator/seed';
import { expectError, expectNoResults, expectResult, keyed, simulatedForEachTest, testUnknownUsername } from './support/harness';

const unknownWatchlist = (w: string) => `Invalid Watchlist type: ${w}, run !code42-watchlists-list to get a list of available Watchlists.`;

const s = simulatedForEachTest();

const watchlistOf = (type: string, title?: string) => {
  const found = s.sim.tenant.watchlists.find((w) => w.listType === type && (title === undefined || w.title === title));
  if (!found) throw new Error(`no demo watchlist ${type} ${title ?? ''}`);
  return found;
};
const uid = (username: string) => s.sim.tenant.userByUsername(username)!.userUid;

describe('code42-watchlists-list', () => {
  test('lists every watchlist under both the seed names and the incumbent names', async () => {
    const rows = expectResult(await s.run('code42-watchlists-list'), keyed('Code42.Watchlists', 'WatchlistID'), 'Watchlists') as Record<string, unknown>[];
    expect(rows).toHaveLength(s.sim.tenant.watchlists.length);
    const departing = watchlistOf('DEPARTING_EMPLOYEE');
    expect(rows).toContainEqual({
      WatchlistID: departing.watchlistId,
      WatchlistType: 'DEPARTING_EMPLOYEE',
      IncludedUsersCount: 3,
      Id: departing.watchlistId,
      ListType: 'DEPARTING_EMPLOYEE',
      IncludedUserCount: 3,
    });
    expect(rows).toContainEqual(expect.objectContaining({ WatchlistType: 'CUSTOM', Title: DEMO_CUSTOM_WATCHLISTS.finance, IncludedUsersCount: 1 }));
  });
});

describe('code42-watchlists-list-included-users', () => {
  const command = 'code42-watchlists-list-included-users';

  test.each([
    ['a watchlist type', () => 'DEPARTING_EMPLOYEE'],
    ['a watchlist id', () => watchlistOf('DEPARTING_EMPLOYEE').watchlistId],
  ])('lists the users of the watchlist named by %s', async (_how, watchlist) => {
    const rows = expectResult(await s.run(command, { watchlist: watchlist() }), 'Code42.WatchlistUsers', 'Watchlist Included Users') as Record<string, string>[];
    expect(rows.map((r) => r.Username).sort()).toEqual([DEMO_USERS.bob, DEMO_USERS.dave, DEMO_USERS.oscar]);
    expect(rows.every((r) => r.WatchlistID === watchlistOf('DEPARTING_EMPLOYEE').watchlistId && /^\d{4}-\d{2}-\d{2}T/.test(r.AddedTime))).toBe(true);
  });

  test('a custom watchlist is found by its title', async () => {
    const rows = expectResult(await s.run(command, { watchlist: DEMO_CUSTOM_WATCHLISTS.finance }), 'Code42.WatchlistUsers', 'Watchlist Included Users');
    expect(rows).toEqual([expect.objectContaining({ Username: DEMO_USERS.frank })]);
  });

  test('a watchlist without users reads "No results found"', async () => {
    watchlistOf('NEW_EMPLOYEE').included.clear();
    expectNoResults(await s.run(command, { watchlist: 'NEW_EMPLOYEE' }));
  });

  test('an unknown watchlist is an error entry that points to code42-watchlists-list', async () => {
    expectError(await s.run(command, { watchlist: 'NOT_A_LIST' }), command, unknownWatchlist('NOT_A_LIST'));
  });
});

describe.each([
  ['code42-watchlists-add-user', 'Code42.UsersAddedToWatchlists', DEMO_USERS.alice, DEMO_USERS.bob, 'is already on'],
  ['code42-watchlists-remove-user', 'Code42.UsersRemovedFromWatchlists', DEMO_USERS.bob, DEMO_USERS.alice, 'is not on'],
])('%s', (command, prefix, changes, unchanged, refusal) => {
  const adding = command.endsWith('add-user');

  test('changes the membership and reports Success', async () => {
    const context = expectResult(await s.run(command, { username: changes, watchlist: 'DEPARTING_EMPLOYEE' }), keyed(prefix, 'Watchlist'), 'Results');
    expect(context).toEqual({ Watchlist: 'DEPARTING_EMPLOYEE', Username: changes, Success: true });
    expect(watchlistOf('DEPARTING_EMPLOYEE').included.has(uid(changes))).toBe(adding);
  });

  test(`a user who ${refusal} the watchlist is an error entry saying so, not a success`, async () => {
    expectError(await s.run(command, { username: unchanged, watchlist: 'DEPARTING_EMPLOYEE' }), command, `User ${unchanged} ${refusal} watchlist DEPARTING_EMPLOYEE.`);
  });

  test('an unknown watchlist is an error entry that points to code42-watchlists-list', async () => {
    expectError(await s.run(command, { username: changes, watchlist: 'Project Eagle' }), command, unknownWatchlist('Project Eagle'));
  });
});

describe('code42-user-get-risk-profile', () => {
  const command = 'code42-user-get-risk-profile';

  test('returns the dates as {year, month, day} in context and YYYY-MM-DD in the table', async () => {
    const bob = s.sim.tenant.userByUsername(DEMO_USERS.bob)!;
    bob.startDate = { year: 2019, month: 4, day: 1 };
    bob.endDate = { year: 2030, month: 1, day: 9 };
    const entries = await s.run(command, { username: DEMO_USERS.bob });
    const context = expectResult(entries, keyed('Code42.UserRiskProfiles', 'Username'), 'Code42 User Risk Profile');
    expect(context).toEqual({ Username: DEMO_USERS.bob, StartDate: { year: 2019, month: 4, day: 1 }, EndDate: { year: 2030, month: 1, day: 9 }, Notes: 'Resigned; joining a competitor.' });
    expect(entries[0].HumanReadable).toContain(`| ${DEMO_USERS.bob} | 2019-04-01 | 2030-01-09 | Resigned; joining a competitor. |`);
  });
});

describe('code42-user-update-risk-profile', () => {
  const command = 'code42-user-update-risk-profile';
  const key = keyed('Code42.UpdatedUserRiskProfiles', 'Username');

  test('changes only the fields given, and an empty value clears one', async () => {
    const entries = await s.run(command, { username: DEMO_USERS.frank, end_date: '2031-12-31', notes: '' });
    const context = expectResult(entries, key, 'Code42 User Risk Profile Updated');
    const frank = s.sim.tenant.userByUsername(DEMO_USERS.frank)!;
    expect(frank.endDate).toEqual({ year: 2031, month: 12, day: 31 });
    expect(frank.profileNotes).toBeNull();
    expect(context).toEqual({ Username: DEMO_USERS.frank, StartDate: frank.startDate, EndDate: { year: 2031, month: 12, day: 31 }, Success: true });
    expect(entries[0].HumanReadable).toContain('| 2031-12-31 |');
  });

  test('naming no field is an error entry and nothing changes', async () => {
    expectError(await s.run(command, { username: DEMO_USERS.frank }), command, 'Give at least one of start_date, end_date or notes (an empty value clears that field).');
  });

  test('an impossible date is refused', async () => {
    expectError(
      await s.run(command, { username: DEMO_USERS.frank, start_date: '2021-02-29' }),
      command,
      'Invalid value "2021-02-29" for argument "start_date": expected a date written YYYY-MM-DD, or an empty value to clear it.',
    );
  });
});

testUnknownUsername(s, [
  ['code42-watchlists-add-user', { watchlist: 'DEPARTING_EMPLOYEE' }],
  ['code42-watchlists-remove-user', { watchlist: 'DEPARTING_EMPLOYEE' }],
  ['code42-user-get-risk-profile', {}],
  ['code42-user-update-risk-profile', { notes: 'x' }],
]);
