// Users, detection lists, watchlists, risk profiles and legal hold against the simulator over real HTTP.
import { Code42Error, Code42NotFoundError } from '../../src/code42/errors';
import { DEMO_CUSTOM_WATCHLISTS, DEMO_MATTERS, DEMO_ORG_NAMES, DEMO_USERS } from '../../src/simulator';
import { all, rejectionOf } from './helpers';
import { requestCounter, useSimulator } from './simulator';

const harness = useSimulator();
const client = () => harness().client;
const tenant = () => harness().simulator.tenant;
const uidOf = (username: string): string => {
  const user = tenant().userByUsername(username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.userUid;
};
/** Adds `count` users named `<prefix>-<n>@example.com` to the tenant. */
const addUsers = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => tenant().addUser({ username: `${prefix}-${i}@example.com` }));

describe('users', () => {
  test('a demo user is found by username with its gateway user id', async () => {
    const user = await client().users.getByUsername(DEMO_USERS.alice);

    expect(user.userId).toBe(uidOf(DEMO_USERS.alice));
    expect(user.username).toBe(DEMO_USERS.alice);
  });

  test('an unknown username is the plain not-found sentence', async () => {
    const error = await rejectionOf(client().users.getByUsername('nobody@example.com'));

    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('No user found with username nobody@example.com.');
  });

  test('the org lookup pages through more than a thousand orgs by 500 to find the last one', async () => {
    for (let i = 0; i < 1100; i++) tenant().addOrg({ orgName: `Bulk org ${i}` });
    const orgRequests = requestCounter(harness().simulator, 'GET', '/api/v1/Org');

    const found = await client().users.findOrgByName('Bulk org 1099');

    expect(found?.orgUid).toBe(tenant().orgs.find((o) => o.orgName === 'Bulk org 1099')?.orgUid);
    expect(orgRequests()).toBe(3);
  });

  test('an org name that matches nothing exactly is not found', async () => {
    await expect(client().users.findOrgByName(DEMO_ORG_NAMES[1].toUpperCase())).resolves.toBeUndefined();
  });

  test('a user created on the console is found on the gateway; creating it again is USER_DUPLICATE', async () => {
    const org = await client().users.findOrgByName(DEMO_ORG_NAMES[1]);
    const input = { orgUid: org?.orgUid ?? '', username: 'new.hire@example.com', email: 'new.hire@example.com' };

    const created = await client().users.create(input);
    const again = (await rejectionOf(client().users.create(input))) as Code42Error;

    expect(created.username).toBe('new.hire@example.com');
    await expect(client().users.getByUsername('new.hire@example.com')).resolves.toMatchObject({ userId: created.userUid });
    expect(again.status).toBe(500);
    expect(again.mentions('USER_DUPLICATE')).toBe(true);
  });

  test('block and unblock change the user as the gateway reports it', async () => {
    const uid = uidOf(DEMO_USERS.grace);

    await client().users.block(uid);
    const blocked = await client().users.getByUsername(DEMO_USERS.grace);
    await client().users.unblock(uid);
    const unblocked = await client().users.getByUsername(DEMO_USERS.grace);

    expect([blocked.blocked, unblocked.blocked]).toEqual([true, false]);
  });

  test('deactivate and activate change the active flag', async () => {
    const uid = uidOf(DEMO_USERS.heidi);

    await client().users.deactivate(uid);
    const deactivated = await client().users.getByUsername(DEMO_USERS.heidi);
    await client().users.activate(uid);

    expect(deactivated.active).toBe(false);
    await expect(client().users.getByUsername(DEMO_USERS.heidi)).resolves.toMatchObject({ active: true });
  });

  test('deactivating a custodian of an active legal hold is refused with ACTIVE_LEGAL_HOLD', async () => {
    const error = (await rejectionOf(client().users.deactivate(uidOf(DEMO_USERS.frank)))) as Code42Error;

    expect(error.status).toBe(400);
    expect(error.mentions('ACTIVE_LEGAL_HOLD')).toBe(true);
    expect(error.message).toMatch(/^Could not deactivate the user/);
  });
});

describe('detection lists', () => {
  test('the profile carries the demo risk factors; an unknown user is "Could not find user"', async () => {
    const profile = await client().detectionLists.getProfile(DEMO_USERS.bob);
    const error = (await rejectionOf(client().detectionLists.getProfile('nobody@example.com'))) as Code42Error;

    expect(profile.riskFactors).toContain('FLIGHT_RISK');
    expect(error.status).toBe(400);
    expect(error.mentions('Could not find user')).toBe(true);
  });

  test('notes and risk factors are changed on the profile', async () => {
    const uid = uidOf(DEMO_USERS.grace);

    await client().detectionLists.updateNotes(uid, 'on a PIP');
    await client().detectionLists.addRiskFactors(uid, ['PERFORMANCE_CONCERNS', 'FLIGHT_RISK']);
    await client().detectionLists.removeRiskFactors(uid, ['FLIGHT_RISK']);

    await expect(client().detectionLists.getProfile(DEMO_USERS.grace)).resolves.toMatchObject({ notes: 'on a PIP', riskFactors: ['PERFORMANCE_CONCERNS'] });
  });

  test('add, get and remove on the high risk list, with "User already on list" and 404 for the repeats', async () => {
    const uid = uidOf(DEMO_USERS.alice);

    const added = await client().detectionLists.add('highriskemployee', uid);
    const again = (await rejectionOf(client().detectionLists.add('highriskemployee', uid))) as Code42Error;
    const fetched = await client().detectionLists.get('highriskemployee', uid);
    await client().detectionLists.remove('highriskemployee', uid);
    const removedAgain = (await rejectionOf(client().detectionLists.remove('highriskemployee', uid))) as Code42Error;
    const gone = (await rejectionOf(client().detectionLists.get('highriskemployee', uid))) as Code42Error;

    expect(added.userName).toBe(DEMO_USERS.alice);
    expect(fetched.userId).toBe(uid);
    expect(again.status).toBe(400);
    expect(again.mentions('User already on list')).toBe(true);
    expect([removedAgain.status, gone.status]).toEqual([404, 404]);
  });

  test('a departing employee keeps the departure date it was added with', async () => {
    const uid = uidOf(DEMO_USERS.judy);

    await client().detectionLists.add('departingemployee', uid, { departureDate: '2031-03-15' });

    await expect(client().detectionLists.get('departingemployee', uid)).resolves.toMatchObject({ departureDate: '2031-03-15' });
  });

  test('search pages through several pages of 100 until the short page', async () => {
    const before = (await all(client().detectionLists.search('highriskemployee', 'OPEN'))).length;
    for (const user of addUsers('hre', 230)) tenant().highRisk.set(user.userUid, { userUid: user.userUid, createdAt: new Date().toISOString() });
    const searches = requestCounter(harness().simulator, 'POST', '/v1/detection-lists/highriskemployee/search');

    const entries = await all(client().detectionLists.search('highriskemployee', 'OPEN'));

    expect(entries).toHaveLength(before + 230);
    expect(new Set(entries.map((e) => e.userId)).size).toBe(entries.length);
    expect(searches()).toBe(Math.floor((before + 230) / 100) + 1);
  });

  test('the LEAVING_TODAY filter finds the demo user leaving today', async () => {
    const leaving = await all(client().detectionLists.search('departingemployee', 'LEAVING_TODAY'));

    expect(leaving.map((e) => e.userName)).toEqual([DEMO_USERS.dave]);
  });
});

describe('watchlists', () => {
  test('list reads every page once there are more than 100 watchlists', async () => {
    const before = tenant().watchlists.length;
    for (let i = 0; i < 120; i++) tenant().addWatchlist({ listType: 'CUSTOM', title: `Bulk list ${i}` });
    const listRequests = requestCounter(harness().simulator, 'GET', '/v1/watchlists');

    const watchlists = await client().watchlists.list();

    expect(watchlists).toHaveLength(before + 120);
    expect(listRequests()).toBe(Math.floor((before + 120) / 100) + 1);
  });

  test('a type, a custom title and an id all resolve to the same kind of watchlist', async () => {
    const byType = await client().watchlists.resolve('DEPARTING_EMPLOYEE');
    const byTitle = await client().watchlists.resolve(DEMO_CUSTOM_WATCHLISTS.falcon);
    const byId = await client().watchlists.resolve(byTitle.watchlistId);

    expect(byType.listType).toBe('DEPARTING_EMPLOYEE');
    expect(byTitle).toMatchObject({ listType: 'CUSTOM', title: DEMO_CUSTOM_WATCHLISTS.falcon });
    expect(byId.watchlistId).toBe(byTitle.watchlistId);
  });

  test('an unknown id and an unknown type are not-found errors with the incumbent hint', async () => {
    const unknownId = await rejectionOf(client().watchlists.resolve('00000000-0000-4000-8000-000000000000'));
    const unknownType = await rejectionOf(client().watchlists.resolve('NOT_A_TYPE'));

    expect(unknownId).toBeInstanceOf(Code42NotFoundError);
    expect(unknownType.message).toBe('Invalid Watchlist type: NOT_A_TYPE, run !code42-watchlists-list to get a list of available Watchlists.');
  });

  test('a user is added to and removed from a watchlist', async () => {
    const { watchlistId } = await client().watchlists.resolve('FLIGHT_RISK');
    const uid = uidOf(DEMO_USERS.carol);

    await client().watchlists.addUsers(watchlistId, [uid]);
    const afterAdd = await client().watchlists.listIncludedUsers(watchlistId);
    await client().watchlists.removeUsers(watchlistId, [uid]);
    const afterRemove = await client().watchlists.listIncludedUsers(watchlistId);

    expect(afterAdd.map((u) => u.username)).toContain(DEMO_USERS.carol);
    expect(afterRemove.map((u) => u.username)).not.toContain(DEMO_USERS.carol);
  });

  test('included users are read across several pages', async () => {
    const watchlist = tenant().addWatchlist({ listType: 'CUSTOM', title: 'Big list' });
    for (const user of addUsers('wl', 250)) watchlist.included.set(user.userUid, new Date().toISOString());

    const users = await client().watchlists.listIncludedUsers(watchlist.watchlistId);

    expect(users).toHaveLength(250);
  });

  test('"Watchlist not found" and "User not found" come back as Code42 said them', async () => {
    const { watchlistId } = await client().watchlists.resolve('FLIGHT_RISK');

    const noWatchlist = (await rejectionOf(client().watchlists.addUsers('00000000-0000-4000-8000-000000000000', [uidOf(DEMO_USERS.carol)]))) as Code42Error;
    const noUser = (await rejectionOf(client().watchlists.addUsers(watchlistId, ['999']))) as Code42Error;

    expect([noWatchlist.status, noUser.status]).toEqual([400, 400]);
    expect(noWatchlist.mentions('Watchlist not found')).toBe(true);
    expect(noUser.mentions('User not found')).toBe(true);
  });
});

describe('risk profiles', () => {
  test('update changes only the listed fields', async () => {
    const uid = uidOf(DEMO_USERS.erin);
    const before = await client().riskProfiles.get(uid);

    const updated = await client().riskProfiles.update(uid, { endDate: { year: 2031, month: 1, day: 2 }, notes: 'leaving' });

    expect(updated).toMatchObject({ endDate: { year: 2031, month: 1, day: 2 }, notes: 'leaving', startDate: before.startDate });
    await expect(client().riskProfiles.get(uid)).resolves.toMatchObject({ endDate: { year: 2031, month: 1, day: 2 }, notes: 'leaving' });
  });

  test('null clears a field', async () => {
    const uid = uidOf(DEMO_USERS.erin);

    await client().riskProfiles.update(uid, { startDate: null });

    await expect(client().riskProfiles.get(uid)).resolves.toMatchObject({ startDate: null });
  });

  test('an unknown user has no profile (404)', async () => {
    const error = (await rejectionOf(client().riskProfiles.get('123'))) as Code42Error;

    expect(error.status).toBe(404);
  });
});

describe('legal hold', () => {
  test('a matter is found by its exact name only', async () => {
    const matter = await client().legalHold.findMatterByName(DEMO_MATTERS.acme);

    expect(matter?.name).toBe(DEMO_MATTERS.acme);
    await expect(client().legalHold.findMatterByName('Acme')).resolves.toBeUndefined();
  });

  test('the first active matter of that name is found on a later page', async () => {
    const creatorUid = uidOf(DEMO_USERS.judy);
    for (let i = 0; i < 130; i++) tenant().addMatter({ name: 'Old review', creatorUid, active: false });
    const active = tenant().addMatter({ name: 'Old review', creatorUid });
    const pages = requestCounter(harness().simulator, 'GET', '/v1/legal-hold/matters');

    const matter = await client().legalHold.findMatterByName('Old review');

    expect(matter?.matterId).toBe(active.matterId);
    expect(pages()).toBe(2);
  });

  test('a custodian is added, listed and removed; adding twice is USER_ALREADY_IN_HOLD', async () => {
    const matter = await client().legalHold.findMatterByName(DEMO_MATTERS.falcon);
    const matterId = matter?.matterId ?? '';
    const uid = uidOf(DEMO_USERS.oscar);

    await client().legalHold.addCustodian(matterId, uid);
    const twice = (await rejectionOf(client().legalHold.addCustodian(matterId, uid))) as Code42Error;
    const listed = await client().legalHold.listCustodians(matterId);
    await client().legalHold.removeCustodian(matterId, uid);

    expect(listed.map((c) => c.userId)).toContain(uid);
    expect(twice.status).toBe(400);
    expect(twice.mentions('USER_ALREADY_IN_HOLD')).toBe(true);
    await expect(client().legalHold.listCustodians(matterId)).resolves.not.toContainEqual(expect.objectContaining({ userId: uid }));
  });

  test('custodians are listed across several pages', async () => {
    const matter = tenant().addMatter({ name: 'Big hold', creatorUid: uidOf(DEMO_USERS.judy) });
    for (const user of addUsers('lh', 240)) matter.memberships.set(user.userUid, { active: true, creationDate: new Date().toISOString() });

    await expect(client().legalHold.listCustodians(matter.matterId)).resolves.toHaveLength(240);
  });

  test('an unknown matter is refused with 403', async () => {
    const error = (await rejectionOf(client().legalHold.addCustodian('404404', uidOf(DEMO_USERS.oscar)))) as Code42Error;

    expect(error.status).toBe(403);
    expect(error.message).toMatch(/^Could not add the user to the legal hold matter/);
  });
});
