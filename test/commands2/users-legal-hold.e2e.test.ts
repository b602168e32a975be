// User and legal-hold commands end to end: registry -> Code42 client -> simulator (demo tenant).
// Demo: mallory is blocked, ivan is deactivated, frank and judy hold the "Acme" matter, dave the "Falcon" one.
import { DEMO_MATTERS, DEMO_USERS } from '../../src/simulator/seed';
import { expectError, expectResult, keyed, simulatedForEachTest, testUnknownUsername } from '../commands/support/harness';

const USER = keyed('Code42.User', 'UserID');
const HOLD = keyed('Code42.LegalHold', 'MatterID');

const s = simulatedForEachTest();

const simUser = (username: string) => {
  const user = s.sim.tenant.userByUsername(username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
};
const matter = (name: string) => s.sim.tenant.matters.find((m) => m.name === name)!;

describe('code42-user-create', () => {
  const command = 'code42-user-create';

  test('creates the user in the named organization and answers its username, email and uid', async () => {
    const context = expectResult(
      await s.run(command, { orgname: 'Engineering', username: 'new.hire@example.com', email: 'new.hire@example.com' }),
      USER,
      'Code42 User Created',
    );
    const created = simUser('new.hire@example.com');
    expect(context).toEqual({ Username: 'new.hire@example.com', Email: 'new.hire@example.com', UserID: created.userUid });
    expect(s.sim.tenant.org(created.orgUid)?.orgName).toBe('Engineering');
  });

  test('an organization nobody has is named in the error and no user is created', async () => {
    expectError(await s.run(command, { orgname: 'Engineer', username: 'x@example.com', email: 'x@example.com' }), command, 'No organization found with name Engineer.');
    expect(s.sim.tenant.userByUsername('x@example.com')).toBeUndefined();
  });

  test('a username that exists already says so plainly', async () => {
    expectError(await s.run(command, { orgname: 'Example Corp', username: DEMO_USERS.alice, email: DEMO_USERS.alice }), command, `User ${DEMO_USERS.alice} already exists.`);
  });
});

describe.each([
  ['code42-user-block', 'Code42 User Blocked', DEMO_USERS.frank, (u: { blocked: boolean }) => u.blocked],
  ['code42-user-unblock', 'Code42 User Unblocked', DEMO_USERS.mallory, (u: { blocked: boolean }) => !u.blocked],
  ['code42-user-deactivate', 'Code42 User Deactivated', DEMO_USERS.grace, (u: { active: boolean }) => !u.active],
  ['code42-user-reactivate', 'Code42 User Reactivated', DEMO_USERS.ivan, (u: { active: boolean }) => u.active],
] as const)('%s', (command, title, username, changed) => {
  test('changes the user in Code42 and answers their user ID', async () => {
    expect(changed(simUser(username))).toBe(false);
    const context = expectResult(await s.run(command, { username }), USER, title);
    expect(context).toEqual({ UserID: simUser(username).userUid });
    expect(changed(simUser(username))).toBe(true);
  });
});

test('code42-user-deactivate refuses a custodian of an active legal hold in one sentence and leaves them active', async () => {
  const command = 'code42-user-deactivate';
  expectError(
    await s.run(command, { username: DEMO_USERS.frank }),
    command,
    `User ${DEMO_USERS.frank} cannot be deactivated while a custodian of an active legal hold matter; release them from the matter first.`,
  );
  expect(simUser(DEMO_USERS.frank).active).toBe(true);
});

describe('code42-user-get', () => {
  const command = 'code42-user-get';

  test('answers the IDs, organization and status of the user', async () => {
    const mallory = simUser(DEMO_USERS.mallory);
    const context = expectResult(await s.run(command, { username: DEMO_USERS.mallory }), USER, 'Code42 User');
    expect(context).toEqual({
      UserID: mallory.userUid,
      LegacyUserID: String(mallory.legacyUserId),
      Username: DEMO_USERS.mallory,
      FirstName: 'Mallory',
      LastName: 'Marketing',
      OrgID: mallory.orgUid,
      OrgName: 'Sales & Marketing',
      Active: true,
      Blocked: true,
      CreationDate: mallory.creationDate,
    });
  });
});

describe('code42-legalhold-add-user', () => {
  const command = 'code42-legalhold-add-user';

  test('makes the user a custodian of the matter and answers matter and user', async () => {
    const acme = matter(DEMO_MATTERS.acme);
    const grace = simUser(DEMO_USERS.grace);
    const context = expectResult(await s.run(command, { username: DEMO_USERS.grace, mattername: DEMO_MATTERS.acme }), HOLD, 'Code42 User Added to Legal Hold Matter');
    expect(context).toEqual({ MatterID: acme.matterId, MatterName: DEMO_MATTERS.acme, UserID: grace.userUid, Username: DEMO_USERS.grace });
    expect(acme.memberships.get(grace.userUid)?.active).toBe(true);
  });

  test('a user who already is a custodian is told so', async () => {
    expectError(
      await s.run(command, { username: DEMO_USERS.frank, mattername: DEMO_MATTERS.acme }),
      command,
      `User '${DEMO_USERS.frank}' is already an active member of legal hold matter '${DEMO_MATTERS.acme}'`,
    );
  });

  test('an unknown matter reads "No legal hold matter found with name <m>." and changes nothing', async () => {
    expectError(await s.run(command, { username: DEMO_USERS.grace, mattername: 'Acme' }), command, 'No legal hold matter found with name Acme.');
    expect(s.sim.tenant.isOnActiveHold(simUser(DEMO_USERS.grace).userUid)).toBe(false);
  });
});

describe('code42-legalhold-remove-user', () => {
  const command = 'code42-legalhold-remove-user';

  test('releases the custodian and answers matter and user', async () => {
    const falcon = matter(DEMO_MATTERS.falcon);
    const dave = simUser(DEMO_USERS.dave);
    const context = expectResult(await s.run(command, { username: DEMO_USERS.dave, mattername: DEMO_MATTERS.falcon }), HOLD, 'Code42 User Removed from Legal Hold Matter');
    expect(context).toEqual({ MatterID: falcon.matterId, MatterName: DEMO_MATTERS.falcon, UserID: dave.userUid, Username: DEMO_USERS.dave });
    expect(falcon.memberships.get(dave.userUid)?.active).toBe(false);
  });

  test('a user who is not a custodian gets the incumbent sentence, and so does a second release', async () => {
    const notMember = `User '${DEMO_USERS.grace}' is not an active member of legal hold matter '${DEMO_MATTERS.acme}'`;
    expectError(await s.run(command, { username: DEMO_USERS.grace, mattername: DEMO_MATTERS.acme }), command, notMember);
    expectResult(await s.run(command, { username: DEMO_USERS.judy, mattername: DEMO_MATTERS.acme }), HOLD, 'Code42 User Removed from Legal Hold Matter');
    expectError(
      await s.run(command, { username: DEMO_USERS.judy, mattername: DEMO_MATTERS.acme }),
      command,
      `User '${DEMO_USERS.judy}' is not an active member of legal hold matter '${DEMO_MATTERS.acme}'`,
    );
  });

  test('an unknown matter reads "No legal hold matter found with name <m>."', async () => {
    expectError(await s.run(command, { username: DEMO_USERS.frank, mattername: 'No Such Matter' }), command, 'No legal hold matter found with name No Such Matter.');
  });
});

testUnknownUsername(s, [
  ['code42-user-block', {}],
  ['code42-user-unblock', {}],
  ['code42-user-deactivate', {}],
  ['code42-user-reactivate', {}],
  ['code42-user-get', {}],
  ['code42-legalhold-add-user', { mattername: DEMO_MATTERS.acme }],
  ['code42-legalhold-remove-user', { mattername: DEMO_MATTERS.acme }],
]);
