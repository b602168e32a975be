import { createHash } from 'node:crypto';
import { DEMO_CHILD_ACTORS, DEMO_CUSTOM_WATCHLISTS, DEMO_DISTINCT_ACTOR_USERS, DEMO_MATTERS, DEMO_RULES, DEMO_USERNAMES, DEMO_USERS } from '../../src/simulator';
import { WATCHLIST_TYPES } from '../../src/simulator/model';
import { buildDemoTenant } from '../../src/simulator/seed';

const clock = () => Date.parse('2026-05-01T12:00:00.000Z');
const HOUR = 3_600_000;

describe('demo seed', () => {
  const tenant = buildDemoTenant({ clock });

  test('the same seed and clock build the same tenant', () => {
    expect(JSON.stringify(buildDemoTenant({ seed: 7, clock }).data)).toBe(JSON.stringify(buildDemoTenant({ seed: 7, clock }).data));
  });

  test('the ids depend on the seed only, not on the clock', () => {
    const later = buildDemoTenant({ clock: () => clock() + 86_400_000 });
    expect(later.users.map((u) => [u.userId, later.actorOfUser(u.userId)?.actorId])).toEqual(tenant.users.map((u) => [u.userId, tenant.actorOfUser(u.userId)?.actorId]));
    expect(buildDemoTenant({ seed: 8, clock }).tenantId).not.toBe(tenant.tenantId);
  });

  test('has the documented people; four of them have an actor id that is not their user id', () => {
    expect(tenant.users.map((u) => u.username)).toEqual(DEMO_USERNAMES);
    const distinct = tenant.users.filter((u) => tenant.actorOfUser(u.userId)?.actorId !== u.userId).map((u) => u.username);
    expect(distinct).toEqual(DEMO_DISTINCT_ACTOR_USERS);
  });

  test('child actors point at their parent, which lists them in alternateNames', () => {
    for (const [parentName, childName] of Object.entries(DEMO_CHILD_ACTORS)) {
      const parent = tenant.actorByName(parentName);
      const child = tenant.actorByName(childName);
      expect(child?.parentActorId).toBe(parent?.actorId);
      expect(parent?.alternateNames).toContain(childName);
      expect(child?.userId).toBe(parent?.userId);
    }
  });

  test('one watchlist of every type and the CUSTOM "High Risk Employees" list', () => {
    expect(new Set(tenant.watchlists.map((w) => w.listType))).toEqual(new Set(WATCHLIST_TYPES));
    const highRisk = tenant.watchlists.find((w) => w.title === DEMO_CUSTOM_WATCHLISTS.highRisk);
    expect(highRisk?.listType).toBe('CUSTOM');
    expect(tenant.members(highRisk!).map((m) => tenant.actor(m.actorId)?.name)).toEqual([DEMO_USERS.dave, DEMO_USERS.erin, DEMO_USERS.mallory]);
  });

  test('HIGH_IMPACT_EMPLOYEE has more members than included actors (the Finance department)', () => {
    const list = tenant.watchlists.find((w) => w.listType === 'HIGH_IMPACT_EMPLOYEE')!;
    expect(list.includedActors.map((e) => tenant.actor(e.actorId)?.name)).toEqual([DEMO_USERS.dave]);
    expect(tenant.members(list).map((m) => tenant.actor(m.actorId)?.name)).toEqual([DEMO_USERS.dave, DEMO_USERS.frank, DEMO_USERS.judy]);
  });

  test('alert rules: watchlist filters, username filters, one with neither', () => {
    const byName = (name: string) => tenant.rules.find((r) => r.name === name)!;
    expect(byName(DEMO_RULES.departing).watchlistIds).toEqual([tenant.watchlists.find((w) => w.listType === 'DEPARTING_EMPLOYEE')?.watchlistId]);
    expect(byName(DEMO_RULES.removableMedia).users?.map((u) => u.userIdFromAuthority)).toEqual([tenant.userByUsername(DEMO_USERS.erin)?.userId, tenant.userByUsername(DEMO_USERS.carol)?.userId]);
    expect(byName(DEMO_RULES.mismatch)).toMatchObject({ users: null, watchlistIds: [] });
    expect(byName(DEMO_RULES.disabled).isEnabled).toBe(false);
  });

  test('legal-hold matters and their custodians', () => {
    const custodians = (name: string) => tenant.matters.find((m) => m.name === name)?.memberships.map((m) => tenant.user(m.userId)?.username);
    expect(custodians(DEMO_MATTERS.acme)).toEqual([DEMO_USERS.frank, DEMO_USERS.judy]);
    expect(custodians(DEMO_MATTERS.falcon)).toEqual([DEMO_USERS.dave]);
  });

  test('43 sessions, every one within the last three days and with file events that exist', () => {
    expect(tenant.sessions).toHaveLength(43);
    for (const session of tenant.sessions) {
      expect(clock() - session.beginTime).toBeLessThanOrEqual(3 * 24 * HOUR + 7 * HOUR);
      expect(session.firstObserved).toBeGreaterThanOrEqual(session.beginTime);
      expect(session.eventIds.length).toBeGreaterThan(0);
      expect(session.eventIds.every((id) => tenant.fileEvent(id) !== undefined)).toBe(true);
    }
  });

  test("dave's first alert landed five hours after his session began", () => {
    const dave = tenant.actorByName(DEMO_USERS.dave)!;
    const late = tenant.sessions.find((s) => s.actorId === dave.actorId && s.firstObserved - s.beginTime === 5 * HOUR);
    expect(late?.triggeredAlerts.map((a) => a.ruleName)).toEqual([DEMO_RULES.sourceCode, DEMO_RULES.departing]);
  });

  test("bob's closed session got new data and is OPEN_NEW_DATA", () => {
    const bob = tenant.actorByName(DEMO_USERS.bob)!;
    const reopened = tenant.sessions.find((s) => s.actorId === bob.actorId && tenant.stateOf(s) === 'OPEN_NEW_DATA' && s.notes.length === 1);
    expect(reopened?.states.map((s) => s.stateV2)).toEqual(['OPEN', 'CLOSED_TP', 'OPEN_NEW_DATA']);
  });

  test('file hashes in events are the real hashes of the downloadable bytes', () => {
    for (const file of tenant.files) {
      expect(createHash('sha256').update(file.bytes).digest('hex')).toBe(file.sha256);
      expect(createHash('md5').update(file.bytes).digest('hex')).toBe(file.md5);
    }
    const hashes = tenant.fileEvents.map((e) => (e.file as { hash: { sha256: string } }).hash.sha256);
    expect(hashes.every((h) => tenant.file(h) !== undefined)).toBe(true);
  });
});
