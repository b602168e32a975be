// Users on /v1/users (deactivate, reactivate, get joined with the actor), the retired user actions (create,
// block, unblock: one sentence, no request), and legal hold matters by name, end to end.
import { DEMO_MATTERS, DEMO_USERS } from '../../src/simulator/seed';
import type { RunningSimulator } from '../../src/simulator';
import { expectAlreadyHeld, expectError, expectNoResults, expectResult, keyed, NOBODY, useCommands } from '../commands/support/harness';

const c = useCommands({ per: 'test', sessions: 0 });

const USER = keyed('Code42.User', 'UserID');
const HOLD = keyed('Code42.LegalHold', 'MatterID', 'UserID');
const userOf = (sim: RunningSimulator, username: string) => sim.tenant.userByUsername(username)!;
const matterOf = (sim: RunningSimulator, name: string) => sim.tenant.matters.find((m) => m.name === name)!;
const isCustodian = (sim: RunningSimulator, matter: string, username: string): boolean =>
  matterOf(sim, matter).memberships.some((m) => m.userId === userOf(sim, username).userId && m.active);

describe('deactivate and reactivate', () => {
  test('deactivate answers the /v1/users id (not the actor id) and deactivates the user', async () => {
    const outputs = expectResult(await c.run('code42-user-deactivate', { username: DEMO_USERS.bob }), USER, 'Code42 User Deactivated');
    expect(outputs).toEqual({ UserID: userOf(c.sim, DEMO_USERS.bob).userId });
    expect(userOf(c.sim, DEMO_USERS.bob).active).toBe(false);
  });

  test('deactivating an inactive user succeeds and says it already held', async () => {
    expectAlreadyHeld(await c.run('code42-user-deactivate', { username: DEMO_USERS.ivan }), USER, 'Code42 User Deactivated', `User ${DEMO_USERS.ivan} was already deactivated; nothing changed.`);
  });

  test('reactivate activates an inactive user; again, it says it already held', async () => {
    expectResult(await c.run('code42-user-reactivate', { username: DEMO_USERS.ivan }), USER, 'Code42 User Reactivated');
    expect(userOf(c.sim, DEMO_USERS.ivan).active).toBe(true);
    expectAlreadyHeld(await c.run('code42-user-reactivate', { username: DEMO_USERS.ivan }), USER, 'Code42 User Reactivated', `User ${DEMO_USERS.ivan} was already active; nothing changed.`);
  });

  test.each(['code42-user-deactivate', 'code42-user-reactivate', 'code42-user-get'])('%s with an unknown username says no user has it', async (command) => {
    expectError(await c.run(command, { username: NOBODY }), command, `No user found with username ${NOBODY}.`);
  });
});

test('code42-user-get joins the user with its actor: both ids, status, department and title', async () => {
  const user = userOf(c.sim, DEMO_USERS.mallory);
  const outputs = expectResult(await c.run('code42-user-get', { username: DEMO_USERS.mallory }), USER, 'Code42 User');
  expect(outputs).toMatchObject({
    UserID: user.userId,
    ActorID: c.sim.tenant.actorByName(DEMO_USERS.mallory)!.actorId,
    Username: DEMO_USERS.mallory,
    Active: true,
    Blocked: true,
    Department: 'Marketing',
    Title: 'Campaign Manager',
  });
  expect((outputs as { ActorID: string }).ActorID).not.toBe(user.userId);
});

describe('create, block and unblock have no Code42 API any more', () => {
  test.each([
    ['code42-user-create', { orgname: 'Engineering', username: 'new.hire@example.com', email: 'new.hire@example.com' }, 'create users'],
    ['code42-user-block', { username: DEMO_USERS.bob }, 'block users'],
    ['code42-user-unblock', { username: DEMO_USERS.mallory }, 'unblock users'],
  ])('%s answers one sentence pointing to the Incydr console and sends no request', async (command, args, action) => {
    const before = c.sim.stats.total();
    expectError(await c.run(command, args), command, `Code42 offers no API to ${action} any more; do it in the Incydr console.`);
    expect(c.sim.stats.total()).toBe(before);
  });
});

describe('legal hold', () => {
  test('add-user makes the user a custodian of the matter named exactly', async () => {
    const matter = matterOf(c.sim, DEMO_MATTERS.acme);
    const outputs = expectResult(await c.run('code42-legalhold-add-user', { username: DEMO_USERS.bob, mattername: DEMO_MATTERS.acme }), HOLD, 'Code42 User Added to Legal Hold Matter');
    expect(outputs).toEqual({ MatterID: matter.matterId, MatterName: DEMO_MATTERS.acme, UserID: userOf(c.sim, DEMO_USERS.bob).userId, Username: DEMO_USERS.bob });
    expect(isCustodian(c.sim, DEMO_MATTERS.acme, DEMO_USERS.bob)).toBe(true);
  });

  test('adding an active custodian again succeeds and says so', async () => {
    expectAlreadyHeld(
      await c.run('code42-legalhold-add-user', { username: DEMO_USERS.frank, mattername: DEMO_MATTERS.acme }),
      HOLD,
      'Code42 User Added to Legal Hold Matter',
      `User '${DEMO_USERS.frank}' was already an active member of legal hold matter '${DEMO_MATTERS.acme}'; nothing changed.`,
    );
  });

  test('one partial match is that matter', async () => {
    expectResult(await c.run('code42-legalhold-add-user', { username: DEMO_USERS.erin, mattername: 'falcon' }), HOLD, 'Code42 User Added to Legal Hold Matter');
    expect(isCustodian(c.sim, DEMO_MATTERS.falcon, DEMO_USERS.erin)).toBe(true);
  });

  test('an exact name wins over the matters that contain it', async () => {
    c.sim.tenant.addMatter({ name: 'Falcon', creatorUserId: userOf(c.sim, DEMO_USERS.judy).userId });
    expectResult(await c.run('code42-legalhold-add-user', { username: DEMO_USERS.erin, mattername: 'Falcon' }), HOLD, 'Code42 User Added to Legal Hold Matter');
    expect(isCustodian(c.sim, 'Falcon', DEMO_USERS.erin)).toBe(true);
    expect(isCustodian(c.sim, DEMO_MATTERS.falcon, DEMO_USERS.erin)).toBe(false);
  });

  test('several partial matches are listed', async () => {
    c.sim.tenant.addMatter({ name: 'Falcon follow-up', creatorUserId: userOf(c.sim, DEMO_USERS.judy).userId });
    expectError(
      await c.run('code42-legalhold-add-user', { username: DEMO_USERS.erin, mattername: 'falcon' }),
      'code42-legalhold-add-user',
      `Several legal hold matters match 'falcon': '${DEMO_MATTERS.falcon}', 'Falcon follow-up'; give the exact name.`,
    );
  });

  test('remove-user releases the custodian; again, it says plainly they are not a member', async () => {
    expectResult(await c.run('code42-legalhold-remove-user', { username: DEMO_USERS.dave, mattername: DEMO_MATTERS.falcon }), HOLD, 'Code42 User Removed from Legal Hold Matter');
    expect(isCustodian(c.sim, DEMO_MATTERS.falcon, DEMO_USERS.dave)).toBe(false);
    expectAlreadyHeld(
      await c.run('code42-legalhold-remove-user', { username: DEMO_USERS.dave, mattername: DEMO_MATTERS.falcon }),
      HOLD,
      'Code42 User Removed from Legal Hold Matter',
      `User '${DEMO_USERS.dave}' is not an active member of legal hold matter '${DEMO_MATTERS.falcon}'.`,
    );
  });

  test.each(['code42-legalhold-add-user', 'code42-legalhold-remove-user'])('%s: an unknown matter points to the matters list; an unknown user says so', async (command) => {
    expectError(
      await c.run(command, { username: DEMO_USERS.bob, mattername: 'No Such Matter' }),
      command,
      "No legal hold matter found with name 'No Such Matter'; run !code42-legalhold-matters-list to see the matters.",
    );
    expectError(await c.run(command, { username: NOBODY, mattername: DEMO_MATTERS.acme }), command, `No user found with username ${NOBODY}.`);
  });

  test('matters-list lists the matters with id, state and creator, and filters by name', async () => {
    const key = keyed('Code42.LegalHoldMatters', 'MatterID');
    const all = expectResult(await c.run('code42-legalhold-matters-list'), key, 'Code42 Legal Hold Matters') as Record<string, unknown>[];
    expect(all.map((m) => m.Name).sort()).toEqual(Object.values(DEMO_MATTERS).sort());
    expect(all).toContainEqual(expect.objectContaining({ MatterID: matterOf(c.sim, DEMO_MATTERS.acme).matterId, Active: true, Creator: DEMO_USERS.judy }));
    const some = expectResult(await c.run('code42-legalhold-matters-list', { name: 'Acme' }), key, 'Code42 Legal Hold Matters') as Record<string, unknown>[];
    expect(some.map((m) => m.Name)).toEqual([DEMO_MATTERS.acme]);
    expectNoResults(await c.run('code42-legalhold-matters-list', { name: 'zzz' }));
  });
});
