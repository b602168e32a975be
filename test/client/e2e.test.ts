// The real client against the simulator over HTTP (undici's fetch, the pool, decoding): the flows commands and
// fetch-incidents use, each area once, with the simulator's tenant as the source of truth.
import type { FileEventQuery } from '../../src/code42/api';
import { Code42NotFoundError, type Code42Error } from '../../src/code42/errors';
import { DEMO_CHILD_ACTORS, DEMO_CUSTOM_WATCHLISTS, DEMO_MATTERS, DEMO_USERS } from '../../src/simulator';
import { useSimulated } from '../support/simulator';
import { all, rejectionOf } from './helpers';

describe('a tenant read as commands read it', () => {
  const demo = useSimulated();

  test('iterate reads every alerting session page by page, 0-based, and get reads one back', async () => {
    const expected = demo.sim.tenant.sessions.filter((s) => s.triggeredAlerts.length > 0).map((s) => s.sessionId);

    const sessions = await all(demo.client.sessions.iterate({}, 7));

    expect(new Set(sessions.map((s) => s.sessionId))).toEqual(new Set(expected));
    await expect(demo.client.sessions.get(sessions[0].sessionId)).resolves.toMatchObject({ sessionId: sessions[0].sessionId, actorId: sessions[0].actorId });
  });

  test("a session's file events are its v2 events", async () => {
    const session = demo.sim.tenant.sessions.find((s) => s.eventIds.length > 0);
    if (!session) throw new Error('the demo tenant has no session with events');

    const events = await demo.client.sessions.events(session.sessionId);

    expect(events.map((e) => e.event.id).sort()).toEqual([...session.eventIds].sort());
  });

  test('an unknown session is the XSOAR sentence', async () => {
    const error = await rejectionOf(demo.client.sessions.get('no-such-session'));
    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('No alert found with ID no-such-session.');
  });

  test('a child identity resolves to its parent actor, and family lists the child', async () => {
    const parent = await demo.client.actors.byNameWithParent(DEMO_CHILD_ACTORS[DEMO_USERS.dave]);

    expect(parent.name).toBe(DEMO_USERS.dave);
    const family = await demo.client.actors.family(parent.actorId);
    expect(family.children.map((c) => c.name)).toContain(DEMO_CHILD_ACTORS[DEMO_USERS.dave]);
  });

  test('a custom watchlist resolves by title and lists its members by actor name', async () => {
    const watchlist = await demo.client.watchlists.resolve(DEMO_CUSTOM_WATCHLISTS.highRisk);

    const members = await demo.client.watchlists.members(watchlist.watchlistId);

    expect(members.map((m) => m.actorname).sort()).toEqual([DEMO_USERS.dave, DEMO_USERS.erin, DEMO_USERS.mallory].sort());
  });

  test('alert rules list every rule and users() of a rule without a username filter says so', async () => {
    const rules = await demo.client.alertRules.list();
    expect(rules.map((r) => r.name).sort()).toEqual(demo.sim.tenant.rules.map((r) => r.name).sort());

    const plain = rules.find((r) => !r.filters?.username && !r.filters?.watchlist);
    if (!plain) throw new Error('the demo tenant has no rule without filters');
    const error = (await rejectionOf(demo.client.alertRules.users(plain.id))) as Code42Error;
    expect(error.status).toBe(400);
  });

  test('users, orgs, matters and custodians read back what the tenant holds', async () => {
    const frank = await demo.client.users.getByUsername(DEMO_USERS.frank);
    const [matter] = (await demo.client.legalHold.listMatters({ name: DEMO_MATTERS.acme })).filter((m) => m.name === DEMO_MATTERS.acme);

    expect((await demo.client.orgs.list()).length).toBe(demo.sim.tenant.orgs.length);
    expect((await demo.client.legalHold.custodians(matter.matterId)).map((c) => c.userId)).toContain(frank.userId);
  });

  test('a file downloads by SHA256 and by XFC content id with the same bytes', async () => {
    const file = demo.sim.tenant.files[0];
    const read = async (body: NodeJS.ReadableStream): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
      return Buffer.concat(chunks);
    };

    expect((await read((await demo.client.files.bySha256(file.sha256)).body)).equals(file.bytes)).toBe(true);
    expect((await read((await demo.client.files.byXfcContentId(file.xfcContentId)).body)).equals(file.bytes)).toBe(true);
  });
});

describe('a tenant changed as commands change it', () => {
  const demo = useSimulated({ per: 'test' });

  test('sessions change state in batches and take notes', async () => {
    const ids = demo.sim.tenant.sessions.slice(0, 3).map((s) => s.sessionId);

    await demo.client.sessions.changeState(ids, 'CLOSED_TP');
    await demo.client.sessions.addNote(ids[0], 'reviewed');

    const first = await demo.client.sessions.get(ids[0]);
    expect(first.states[first.states.length - 1].state).toBe('CLOSED_TP');
    expect(first.notes.map((n) => n.content)).toContain('reviewed');
  });

  test('an actor is added to and removed from a watchlist by actor id, and its end date is set', async () => {
    const carol = await demo.client.actors.byNameWithParent(DEMO_USERS.carol);
    const departing = await demo.client.watchlists.resolve('DEPARTING_EMPLOYEE');

    await demo.client.watchlists.addActors(departing.watchlistId, [carol.actorId]);
    expect((await demo.client.watchlists.includedActors(departing.watchlistId)).map((m) => m.actorId)).toContain(carol.actorId);
    await demo.client.watchlists.removeActors(departing.watchlistId, [carol.actorId]);
    expect((await demo.client.watchlists.includedActors(departing.watchlistId)).map((m) => m.actorId)).not.toContain(carol.actorId);

    await expect(demo.client.actors.update(carol.actorId, { endDate: '2027-01-31' })).resolves.toMatchObject({ endDate: '2027-01-31' });
  });
});

describe('file events past the 10,000-event window', () => {
  const demo = useSimulated({ events: 10_500 });
  const everything: FileEventQuery = { groupClause: 'AND', groups: [] };

  test('searchAll pages with pgToken beyond the window and returns each event once', async () => {
    const before = demo.sim.stats.count('POST', '/v2/file-events');

    const events = await demo.client.fileEvents.searchAll(everything, 10_400);

    const ids = events.map((e) => e.event.id);
    expect(ids).toHaveLength(10_400);
    expect(new Set(ids).size).toBe(10_400);
    expect(demo.sim.stats.count('POST', '/v2/file-events') - before).toBe(2);
  });
});
