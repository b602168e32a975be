// The seed-era employee lists on today's Incydr, end to end: the Departing Employee List is the
// DEPARTING_EMPLOYEE watchlist plus the actor's end date and notes; the High Risk Employee List a CUSTOM
// watchlist (title from the instance settings, created on first use); risk tags the same-named watchlists.
// Users whose actor id differs from their user id (bob, carol, dave, mallory) go through every command.
import { DEMO_CUSTOM_WATCHLISTS, DEMO_USERS } from '../../src/simulator/seed';
import type { RunningSimulator } from '../../src/simulator';
import { expectAlreadyHeld, expectError, expectNoResults, expectResult, keyed, NOBODY, useCommands } from './support/harness';

const DEPARTING = keyed('Code42.DepartingEmployee', 'UserID');
const HIGH_RISK = keyed('Code42.HighRiskEmployee', 'UserID');

const actorIdOf = (sim: RunningSimulator, username: string): string => sim.tenant.actorByName(username)!.actorId;
const userIdOf = (sim: RunningSimulator, username: string): string => sim.tenant.userByUsername(username)!.userId;
const watchlistOf = (sim: RunningSimulator, listType: string, title?: string) => sim.tenant.watchlists.find((w) => w.listType === listType && (title === undefined || w.title === title))!;
const isIncluded = (sim: RunningSimulator, listType: string, username: string, title?: string): boolean =>
  watchlistOf(sim, listType, title).includedActors.some((m) => m.actorId === actorIdOf(sim, username));
const usernames = (rows: unknown): string[] => (rows as { Username: string }[]).map((r) => r.Username).sort();

describe('departing employees', () => {
  const c = useCommands({ per: 'test', sessions: 0 });

  test('the demo users whose actor id is not their user id are the ones these tests use', () => {
    for (const username of [DEMO_USERS.bob, DEMO_USERS.carol, DEMO_USERS.dave, DEMO_USERS.mallory]) expect(actorIdOf(c.sim, username)).not.toBe(userIdOf(c.sim, username));
  });

  test('add puts the actor on the DEPARTING_EMPLOYEE watchlist and writes the end date and note to the actor', async () => {
    const added = expectResult(
      await c.run('code42-departingemployee-add', { username: DEMO_USERS.carol, departuredate: '2026-12-31', note: 'Contract ends.' }),
      DEPARTING,
      'Code42 Departing Employee List User Added',
    );
    const actorId = actorIdOf(c.sim, DEMO_USERS.carol);
    expect(added).toEqual({ CaseID: actorId, UserID: actorId, Username: DEMO_USERS.carol, DepartureDate: '2026-12-31', Note: 'Contract ends.' });
    expect(isIncluded(c.sim, 'DEPARTING_EMPLOYEE', DEMO_USERS.carol)).toBe(true);
    expect(c.sim.tenant.actor(actorId)).toMatchObject({ endDate: '2026-12-31', notes: 'Contract ends.' });
  });

  test('adding someone already on the list succeeds, says so, and still records the new date', async () => {
    const added = expectAlreadyHeld(
      await c.run('code42-departingemployee-add', { username: DEMO_USERS.bob, departuredate: '2027-01-15' }),
      DEPARTING,
      'Code42 Departing Employee List User Added',
      `User ${DEMO_USERS.bob} was already on the Departing Employee List; the list is unchanged, and the departure date given was saved.`,
    );
    expect(added).toMatchObject({ UserID: actorIdOf(c.sim, DEMO_USERS.bob), DepartureDate: '2027-01-15' });
  });

  test('remove takes the actor off; removing again says plainly they are not on it', async () => {
    const removed = expectResult(await c.run('code42-departingemployee-remove', { username: DEMO_USERS.bob }), DEPARTING, 'Code42 Departing Employee List User Removed');
    expect(removed).toEqual({ CaseID: actorIdOf(c.sim, DEMO_USERS.bob), UserID: actorIdOf(c.sim, DEMO_USERS.bob), Username: DEMO_USERS.bob });
    expect(isIncluded(c.sim, 'DEPARTING_EMPLOYEE', DEMO_USERS.bob)).toBe(false);
    expectAlreadyHeld(
      await c.run('code42-departingemployee-remove', { username: DEMO_USERS.bob }),
      DEPARTING,
      'Code42 Departing Employee List User Removed',
      `User ${DEMO_USERS.bob} is not on the Departing Employee List; nothing changed.`,
    );
  });

  test('get answers the end date and notes of someone on the list', async () => {
    const employee = expectResult(await c.run('code42-departingemployee-get', { username: DEMO_USERS.dave }), DEPARTING, 'Retrieve departing employee');
    const actor = c.sim.tenant.actorByName(DEMO_USERS.dave)!;
    expect(employee).toEqual({ UserID: actor.actorId, Username: DEMO_USERS.dave, DepartureDate: actor.endDate, Note: actor.notes });
  });

  test('get of someone not on the list says so', async () => {
    expectError(await c.run('code42-departingemployee-get', { username: DEMO_USERS.mallory }), 'code42-departingemployee-get', `User ${DEMO_USERS.mallory} is not on the Departing Employee List.`);
  });

  test.each([
    ['OPEN', [DEMO_USERS.bob, DEMO_USERS.dave, DEMO_USERS.oscar]],
    ['leaving_today', [DEMO_USERS.dave]],
    ['EXFILTRATION_24_HOURS', [DEMO_USERS.dave]],
    ['EXFILTRATION_30_DAYS', [DEMO_USERS.bob, DEMO_USERS.dave]],
  ])('get-all filtertype=%s', async (filtertype, expected) => {
    expect(usernames(expectResult(await c.run('code42-departingemployee-get-all', { filtertype }), DEPARTING, 'All Departing Employees'))).toEqual(expected);
  });

  test('get-all stops at results', async () => {
    expect(expectResult(await c.run('code42-departingemployee-get-all', { results: '1' }), DEPARTING, 'All Departing Employees')).toHaveLength(1);
  });

  test('an impossible departure date says it is not a date, and nothing changes', async () => {
    expectError(
      await c.run('code42-departingemployee-add', { username: DEMO_USERS.carol, departuredate: '2027-02-30' }),
      'code42-departingemployee-add',
      'Invalid value "2027-02-30" for argument "departuredate": it is not a date; expected a date written YYYY-MM-DD.',
    );
    expect(isIncluded(c.sim, 'DEPARTING_EMPLOYEE', DEMO_USERS.carol)).toBe(false);
  });

  test.each(['code42-departingemployee-add', 'code42-departingemployee-remove', 'code42-departingemployee-get'])('%s with an unknown username says no user has it', async (command) => {
    expectError(await c.run(command, { username: NOBODY }), command, `No user found with username ${NOBODY}.`);
  });
});

describe('high risk employees', () => {
  const c = useCommands({ per: 'test', sessions: 0 });
  const onList = (username: string) => isIncluded(c.sim, 'CUSTOM', username, DEMO_CUSTOM_WATCHLISTS.highRisk);

  test('add puts the actor on the "High Risk Employees" watchlist and the note on the actor', async () => {
    const added = expectResult(await c.run('code42-highriskemployee-add', { username: DEMO_USERS.bob, note: 'Flight risk.' }), HIGH_RISK, 'Code42 High Risk Employee List User Added');
    expect(added).toEqual({ UserID: actorIdOf(c.sim, DEMO_USERS.bob), Username: DEMO_USERS.bob, Note: 'Flight risk.' });
    expect(onList(DEMO_USERS.bob)).toBe(true);
  });

  test('adding someone already on the list succeeds and says so', async () => {
    expectAlreadyHeld(
      await c.run('code42-highriskemployee-add', { username: DEMO_USERS.mallory }),
      HIGH_RISK,
      'Code42 High Risk Employee List User Added',
      `User ${DEMO_USERS.mallory} was already on the High Risk Employee List; nothing changed on the list.`,
    );
  });

  test('adding someone already on the list with a note says the note was saved, and saves it', async () => {
    expectAlreadyHeld(
      await c.run('code42-highriskemployee-add', { username: DEMO_USERS.mallory, note: 'Second port scan.' }),
      HIGH_RISK,
      'Code42 High Risk Employee List User Added',
      `User ${DEMO_USERS.mallory} was already on the High Risk Employee List; the list is unchanged, and the note given was saved.`,
    );
    expect(c.sim.tenant.actor(actorIdOf(c.sim, DEMO_USERS.mallory))).toMatchObject({ notes: 'Second port scan.' });
  });

  test('remove takes the actor off; removing again says plainly they are not on it', async () => {
    expectResult(await c.run('code42-highriskemployee-remove', { username: DEMO_USERS.mallory }), HIGH_RISK, 'Code42 High Risk Employee List User Removed');
    expect(onList(DEMO_USERS.mallory)).toBe(false);
    expectAlreadyHeld(
      await c.run('code42-highriskemployee-remove', { username: DEMO_USERS.mallory }),
      HIGH_RISK,
      'Code42 High Risk Employee List User Removed',
      `User ${DEMO_USERS.mallory} is not on the High Risk Employee List; nothing changed.`,
    );
  });

  test('get answers the note and the risk tags (the tag watchlists the actor is on)', async () => {
    const employee = expectResult(await c.run('code42-highriskemployee-get', { username: DEMO_USERS.dave }), HIGH_RISK, 'Retrieve high risk employee');
    expect(employee).toMatchObject({ UserID: actorIdOf(c.sim, DEMO_USERS.dave), Username: DEMO_USERS.dave, RiskTags: ['FLIGHT_RISK', 'HIGH_IMPACT_EMPLOYEE'] });
  });

  test('get of someone not on the list says so', async () => {
    expectError(await c.run('code42-highriskemployee-get', { username: DEMO_USERS.carol }), 'code42-highriskemployee-get', `User ${DEMO_USERS.carol} is not on the High Risk Employee List.`);
  });

  test.each([
    [{}, [DEMO_USERS.dave, DEMO_USERS.erin, DEMO_USERS.mallory]],
    [{ risktags: 'flight_risk' }, [DEMO_USERS.dave]],
    [{ risktags: 'POOR_SECURITY_PRACTICES,ELEVATED_ACCESS_PRIVILEGES' }, [DEMO_USERS.erin]],
    [{ filtertype: 'EXFILTRATION_24_HOURS' }, [DEMO_USERS.dave]],
  ])('get-all %j', async (args, expected) => {
    expect(usernames(expectResult(await c.run('code42-highriskemployee-get-all', args), HIGH_RISK, 'Retrieved All High Risk Employees'))).toEqual(expected);
  });

  test('get-all with tags nobody on the list holds finds nobody', async () => {
    expectNoResults(await c.run('code42-highriskemployee-get-all', { risktags: 'CONTRACT_EMPLOYEE' }));
  });

  test('add-risk-tags puts the actor on each tag\'s watchlist; again, it says they already had them', async () => {
    const args = { username: DEMO_USERS.carol, risktags: 'FLIGHT_RISK, performance_concerns' };
    const tagged = expectResult(await c.run('code42-highriskemployee-add-risk-tags', args), HIGH_RISK, 'Code42 Risk Tags Added');
    expect(tagged).toEqual({ UserID: actorIdOf(c.sim, DEMO_USERS.carol), Username: DEMO_USERS.carol, RiskTags: ['FLIGHT_RISK', 'PERFORMANCE_CONCERNS'] });
    expect(isIncluded(c.sim, 'FLIGHT_RISK', DEMO_USERS.carol) && isIncluded(c.sim, 'PERFORMANCE_CONCERNS', DEMO_USERS.carol)).toBe(true);
    expectAlreadyHeld(
      await c.run('code42-highriskemployee-add-risk-tags', args),
      HIGH_RISK,
      'Code42 Risk Tags Added',
      `User ${DEMO_USERS.carol} already had the risk tags FLIGHT_RISK, PERFORMANCE_CONCERNS; nothing changed for them.`,
    );
  });

  test('remove-risk-tags takes the actor off the tag\'s watchlist and says which tags they did not have', async () => {
    expectAlreadyHeld(
      await c.run('code42-highriskemployee-remove-risk-tags', { username: DEMO_USERS.dave, risktags: 'FLIGHT_RISK,CONTRACT_EMPLOYEE' }),
      HIGH_RISK,
      'Code42 Risk Tags Removed',
      `User ${DEMO_USERS.dave} did not have the risk tag CONTRACT_EMPLOYEE; nothing changed for it.`,
    );
    expect(isIncluded(c.sim, 'FLIGHT_RISK', DEMO_USERS.dave)).toBe(false);
  });

  test('a tag that is none names the allowed ones', async () => {
    expectError(
      await c.run('code42-highriskemployee-add-risk-tags', { username: DEMO_USERS.dave, risktags: 'GRUMPY' }),
      'code42-highriskemployee-add-risk-tags',
      'Invalid value "GRUMPY" for argument "risktags": expected a comma-separated list of CONTRACT_EMPLOYEE, ELEVATED_ACCESS_PRIVILEGES, FLIGHT_RISK, HIGH_IMPACT_EMPLOYEE, PERFORMANCE_CONCERNS, POOR_SECURITY_PRACTICES, SUSPICIOUS_SYSTEM_ACTIVITY.',
    );
  });

  test.each([
    ['code42-highriskemployee-add', {}],
    ['code42-highriskemployee-remove', {}],
    ['code42-highriskemployee-get', {}],
    ['code42-highriskemployee-add-risk-tags', { risktags: 'FLIGHT_RISK' }],
    ['code42-highriskemployee-remove-risk-tags', { risktags: 'FLIGHT_RISK' }],
  ])('%s with an unknown username says no user has it', async (command, args) => {
    expectError(await c.run(command, { username: NOBODY, ...args }), command, `No user found with username ${NOBODY}.`);
  });
});

describe('the high-risk list\'s title is an instance setting', () => {
  const c = useCommands({ per: 'test', sessions: 0, settings: { highRiskWatchlistTitle: 'Insider Watch' } });

  test('before anyone is added the list is empty, and no watchlist is created by reading it', async () => {
    expectNoResults(await c.run('code42-highriskemployee-get-all'));
    expect(c.sim.tenant.watchlists.some((w) => w.title === 'Insider Watch')).toBe(false);
  });

  test('the first add creates the CUSTOM watchlist with that title', async () => {
    expectResult(await c.run('code42-highriskemployee-add', { username: DEMO_USERS.dave }), HIGH_RISK, 'Code42 High Risk Employee List User Added');
    expect(isIncluded(c.sim, 'CUSTOM', DEMO_USERS.dave, 'Insider Watch')).toBe(true);
    expect(usernames(expectResult(await c.run('code42-highriskemployee-get-all'), HIGH_RISK, 'Retrieved All High Risk Employees'))).toEqual([DEMO_USERS.dave]);
  });
});
