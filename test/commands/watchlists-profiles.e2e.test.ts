// Watchlists by actor id and risk profiles as actors, end to end. Users whose actor id differs from their
// user id (bob, carol, dave, mallory) go through every watchlist command.
import { DEMO_CUSTOM_WATCHLISTS, DEMO_USERS } from '../../src/simulator/seed';
import type { RunningSimulator } from '../../src/simulator';
import { EntryType } from '../../src/xsoar/entry';
import { expectAlreadyHeld, expectError, expectResult, keyed, NOBODY, single, useCommands } from './support/harness';

const c = useCommands({ per: 'test', sessions: 0 });

const actorIdOf = (sim: RunningSimulator, username: string): string => sim.tenant.actorByName(username)!.actorId;
const watchlistOf = (sim: RunningSimulator, listType: string, title?: string) => sim.tenant.watchlists.find((w) => w.listType === listType && (title === undefined || w.title === title))!;
const included = (sim: RunningSimulator, listType: string, title?: string): string[] => watchlistOf(sim, listType, title).includedActors.map((m) => m.actorId);

const ADDED = keyed('Code42.UsersAddedToWatchlists', 'Watchlist');
const REMOVED = keyed('Code42.UsersRemovedFromWatchlists', 'Watchlist');
const INVALID = (w: string) => `Invalid Watchlist type: ${w}, run !code42-watchlists-list to get a list of available Watchlists.`;

describe('code42-watchlists-list', () => {
  test('lists every watchlist under both generations of field names', async () => {
    const rows = expectResult(await c.run('code42-watchlists-list'), keyed('Code42.Watchlists', 'WatchlistID'), 'Watchlists') as Record<string, unknown>[];
    expect(rows).toHaveLength(c.sim.tenant.watchlists.length);
    const departing = watchlistOf(c.sim, 'DEPARTING_EMPLOYEE');
    expect(rows).toContainEqual({
      WatchlistID: departing.watchlistId,
      Id: departing.watchlistId,
      WatchlistType: 'DEPARTING_EMPLOYEE',
      ListType: 'DEPARTING_EMPLOYEE',
      IncludedUsersCount: 3,
      IncludedUserCount: 3,
    });
    expect(rows.filter((r) => r.WatchlistType === 'CUSTOM').map((r) => r.Title).sort()).toEqual(Object.values(DEMO_CUSTOM_WATCHLISTS).sort());
  });
});

describe('code42-watchlists-list-included-users', () => {
  test('by type: each member with their actor id', async () => {
    const rows = expectResult(
      await c.run('code42-watchlists-list-included-users', { watchlist: 'DEPARTING_EMPLOYEE' }),
      keyed('Code42.WatchlistUsers', 'WatchlistID', 'ActorID'),
      'Watchlist Included Users',
    ) as Record<string, unknown>[];
    const id = watchlistOf(c.sim, 'DEPARTING_EMPLOYEE').watchlistId;
    expect(rows.map((r) => r.Username).sort()).toEqual([DEMO_USERS.bob, DEMO_USERS.dave, DEMO_USERS.oscar]);
    expect(rows).toContainEqual(expect.objectContaining({ WatchlistID: id, Username: DEMO_USERS.bob, ActorID: actorIdOf(c.sim, DEMO_USERS.bob), AddedTime: expect.any(String) }));
  });

  test('by a custom watchlist\'s title and by id', async () => {
    const falcon = watchlistOf(c.sim, 'CUSTOM', DEMO_CUSTOM_WATCHLISTS.falcon);
    const key = keyed('Code42.WatchlistUsers', 'WatchlistID', 'ActorID');
    const byTitle = expectResult(await c.run('code42-watchlists-list-included-users', { watchlist: DEMO_CUSTOM_WATCHLISTS.falcon }), key, 'Watchlist Included Users');
    const byId = expectResult(await c.run('code42-watchlists-list-included-users', { watchlist: falcon.watchlistId }), key, 'Watchlist Included Users');
    expect(byTitle).toEqual(byId);
  });

  test('CUSTOM among several custom watchlists is an error that lists their titles', async () => {
    const [entry] = await c.run('code42-watchlists-list-included-users', { watchlist: 'CUSTOM' });
    expect(entry.Type).toBe(EntryType.error);
    for (const title of Object.values(DEMO_CUSTOM_WATCHLISTS)) expect(entry.Contents).toContain(title);
  });

  test('an unknown watchlist says how to find the watchlists', async () => {
    expectError(await c.run('code42-watchlists-list-included-users', { watchlist: 'NOPE' }), 'code42-watchlists-list-included-users', INVALID('NOPE'));
  });
});

describe('code42-watchlists-add-user / -remove-user', () => {
  test.each([DEMO_USERS.carol, DEMO_USERS.mallory])('add %s (actor id != user id) by type puts the actor id on the watchlist', async (username) => {
    const outputs = expectResult(await c.run('code42-watchlists-add-user', { username, watchlist: 'new_employee' }), ADDED, 'Results');
    expect(outputs).toEqual({ Watchlist: 'new_employee', Username: username, Success: true });
    expect(included(c.sim, 'NEW_EMPLOYEE')).toContain(actorIdOf(c.sim, username));
  });

  test('adding someone already on the watchlist succeeds and says so', async () => {
    const outputs = expectAlreadyHeld(
      await c.run('code42-watchlists-add-user', { username: DEMO_USERS.bob, watchlist: 'FLIGHT_RISK' }),
      ADDED,
      'Results',
      `User ${DEMO_USERS.bob} was already on watchlist FLIGHT_RISK; nothing changed.`,
    );
    expect(outputs).toMatchObject({ Success: true });
  });

  test('remove by custom title takes the actor off; removing again says plainly they are not on it', async () => {
    const title = DEMO_CUSTOM_WATCHLISTS.highRisk;
    expectResult(await c.run('code42-watchlists-remove-user', { username: DEMO_USERS.dave, watchlist: title }), REMOVED, 'Results');
    expect(included(c.sim, 'CUSTOM', title)).not.toContain(actorIdOf(c.sim, DEMO_USERS.dave));
    expectAlreadyHeld(
      await c.run('code42-watchlists-remove-user', { username: DEMO_USERS.dave, watchlist: title }),
      REMOVED,
      'Results',
      `User ${DEMO_USERS.dave} is not on watchlist ${title}; nothing changed.`,
    );
  });

  test('add by watchlist id', async () => {
    const id = watchlistOf(c.sim, 'CONTRACT_EMPLOYEE').watchlistId;
    expectResult(await c.run('code42-watchlists-add-user', { username: DEMO_USERS.bob, watchlist: id }), ADDED, 'Results');
    expect(included(c.sim, 'CONTRACT_EMPLOYEE')).toContain(actorIdOf(c.sim, DEMO_USERS.bob));
  });

  test.each(['code42-watchlists-add-user', 'code42-watchlists-remove-user'])('%s: an unknown watchlist and an unknown user each say so', async (command) => {
    expectError(await c.run(command, { username: DEMO_USERS.bob, watchlist: 'NOPE' }), command, INVALID('NOPE'));
    expectError(await c.run(command, { username: NOBODY, watchlist: 'FLIGHT_RISK' }), command, `No user found with username ${NOBODY}.`);
  });
});

describe('risk profiles', () => {
  const PROFILE = keyed('Code42.UserRiskProfiles', 'Username');
  const UPDATED = keyed('Code42.UpdatedUserRiskProfiles', 'Username');

  test('get answers the actor\'s dates as {year, month, day} in context and YYYY-MM-DD in the table', async () => {
    const entries = await c.run('code42-user-get-risk-profile', { username: DEMO_USERS.bob });
    const profile = expectResult(entries, PROFILE, 'Code42 User Risk Profile');
    const actor = c.sim.tenant.actorByName(DEMO_USERS.bob)!;
    const [year, month, day] = actor.endDate!.split('-').map(Number);
    expect(profile).toMatchObject({ Username: DEMO_USERS.bob, EndDate: { year, month, day }, Notes: actor.notes, Department: 'Engineering', Title: 'Senior Engineer', Active: true });
    expect(single(entries).HumanReadable).toContain(`| ${actor.endDate} |`);
  });

  test('update changes the given fields, clears one given empty, and writes both context paths', async () => {
    const entry = single(await c.run('code42-user-update-risk-profile', { username: DEMO_USERS.carol, start_date: '2024-02-29', end_date: '', notes: 'Extended.' }));
    expect(Object.keys(entry.EntryContext ?? {}).sort()).toEqual([PROFILE, UPDATED].sort());
    expect(entry.HumanReadable).toMatch(/^### Code42 User Risk Profile Updated\n/);
    const updated = entry.EntryContext?.[UPDATED] as Record<string, unknown>;
    expect(updated).toMatchObject({ Username: DEMO_USERS.carol, StartDate: { year: 2024, month: 2, day: 29 }, Notes: 'Extended.', Success: true });
    expect(updated.EndDate).toBeUndefined();
    expect(entry.EntryContext?.[PROFILE]).toEqual(updated);
    expect(c.sim.tenant.actorByName(DEMO_USERS.carol)).toMatchObject({ startDate: '2024-02-29', endDate: null, notes: 'Extended.' });
  });

  test('update with only a username reads the profile, changes nothing, and says so', async () => {
    const before = { ...c.sim.tenant.actorByName(DEMO_USERS.dave)! };
    const entry = single(await c.run('code42-user-update-risk-profile', { username: DEMO_USERS.dave }));
    expect(entry.HumanReadable).toMatch(/^### Code42 User Risk Profile Updated\nNo start_date, end_date or notes were given; nothing changed\.\n/);
    expect(entry.EntryContext?.[PROFILE]).toMatchObject({ Username: DEMO_USERS.dave, Notes: before.notes, Success: true });
    expect(c.sim.tenant.actorByName(DEMO_USERS.dave)).toEqual(before);
  });

  test('an impossible date says it is not a date and changes nothing', async () => {
    expectError(
      await c.run('code42-user-update-risk-profile', { username: DEMO_USERS.dave, end_date: '2027-02-30' }),
      'code42-user-update-risk-profile',
      'Invalid value "2027-02-30" for argument "end_date": it is not a date; expected a date written YYYY-MM-DD, or an empty value to clear it.',
    );
  });

  test.each(['code42-user-get-risk-profile', 'code42-user-update-risk-profile'])('%s with an unknown username says no user has it', async (command) => {
    expectError(await c.run(command, { username: NOBODY }), command, `No user found with username ${NOBODY}.`);
  });
});
