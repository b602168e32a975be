import { DEMO_CHILD_ACTORS, DEMO_USERS } from '../../src/simulator';
import { useApi } from './helpers';

interface Actor {
  actorId: string;
  name: string;
  parentActorId: string | null;
  alternateNames: string[];
  startDate: string | null;
  endDate: string | null;
  notes: string | null;
  [field: string]: unknown;
}

const api = useApi();
const ACTOR_FIELDS = ['actorId', 'name', 'active', 'startDate', 'endDate', 'notes', 'alternateNames', 'inScope', 'firstName', 'lastName', 'title', 'division', 'department', 'employeeType', 'locality', 'region', 'country', 'managerActorId', 'parentActorId'];

describe('actor search', () => {
  test('answers {actors} with exactly the fields of XS actor_response.json', async () => {
    const { actors } = (await api.get('/v1/actors/actor/search?pageSize=5')).json<{ actors: Actor[] }>();
    expect(actors).toHaveLength(5);
    for (const actor of actors) expect(Object.keys(actor).sort()).toEqual([...ACTOR_FIELDS].sort());
  });

  test('pages are 1-based; page 0 and pageSize 501 are 400', async () => {
    const one = (await api.get('/v1/actors/actor/search?page=1&pageSize=3')).json<{ actors: Actor[] }>().actors;
    const two = (await api.get('/v1/actors/actor/search?page=2&pageSize=3')).json<{ actors: Actor[] }>().actors;
    expect(one.map((a) => a.name)).toEqual(api.sim.tenant.actors.slice(0, 3).map((a) => a.name));
    expect(two.map((a) => a.name)).toEqual(api.sim.tenant.actors.slice(3, 6).map((a) => a.name));
    expect((await api.get('/v1/actors/actor/search?page=0')).status).toBe(400);
    expect((await api.get('/v1/actors/actor/search?pageSize=501')).status).toBe(400);
    expect((await api.get('/v1/actors/actor/search?pageSize=500')).status).toBe(200);
  });

  test('nameStartsWith finds the parent and its child; the /parent form answers the parent once', async () => {
    const all = (await api.get('/v1/actors/actor/search?nameStartsWith=bob.builder')).json<{ actors: Actor[] }>().actors;
    expect(all.map((a) => a.name).sort()).toEqual([DEMO_USERS.bob, DEMO_CHILD_ACTORS[DEMO_USERS.bob]].sort());
    const parents = (await api.get('/v1/actors/actor/search/parent?nameStartsWith=bob.builder')).json<{ actors: Actor[] }>().actors;
    expect(parents.map((a) => a.name)).toEqual([DEMO_USERS.bob]);
  });

  test('active=false finds the inactive intern', async () => {
    const { actors } = (await api.get('/v1/actors/actor/search?active=false')).json<{ actors: Actor[] }>();
    expect(actors.map((a) => a.name)).toEqual([DEMO_USERS.ivan]);
  });
});

describe('actor lookups', () => {
  test('by id; unknown id is 404', async () => {
    const id = api.actorIdOf(DEMO_USERS.dave);
    expect((await api.get(`/v1/actors/actor/id/${id}`)).json<Actor>()).toMatchObject({ actorId: id, name: DEMO_USERS.dave, endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect((await api.get('/v1/actors/actor/id/no-such-actor')).status).toBe(404);
  });

  test('by a child name with /parent answers the parent, whose actor id is not the user id', async () => {
    const parent = (await api.get(`/v1/actors/actor/name/${encodeURIComponent(DEMO_CHILD_ACTORS[DEMO_USERS.dave])}/parent`)).json<Actor>();
    expect(parent.name).toBe(DEMO_USERS.dave);
    expect(parent.actorId).not.toBe(api.uidOf(DEMO_USERS.dave));
    expect(parent.alternateNames).toEqual([DEMO_CHILD_ACTORS[DEMO_USERS.dave]]);
  });

  test('an unknown name is 404', async () => {
    expect((await api.get('/v1/actors/actor/name/nobody@example.com/parent')).status).toBe(404);
  });

  test('family answers {parent, children} from the parent or a child', async () => {
    const child = api.sim.tenant.actorByName(DEMO_CHILD_ACTORS[DEMO_USERS.bob])!;
    for (const id of [child.actorId, api.actorIdOf(DEMO_USERS.bob)]) {
      const family = (await api.get(`/v1/actors/actor/id/${id}/family`)).json<{ parent: Actor; children: Actor[] }>();
      expect(family.parent.name).toBe(DEMO_USERS.bob);
      expect(family.children.map((c) => [c.name, c.parentActorId])).toEqual([[child.name, family.parent.actorId]]);
    }
    const byName = (await api.get(`/v1/actors/actor/name/${DEMO_USERS.alice}/family`)).json<{ parent: Actor; children: Actor[] }>();
    expect([byName.parent.name, byName.children]).toEqual([DEMO_USERS.alice, []]);
  });
});

describe('PATCH /v1/actors/actor/id/{id}', () => {
  test('changes only the keys sent, null clears, and answers the actor', async () => {
    const id = api.actorIdOf(DEMO_USERS.grace);
    const patched = (await api.patch(`/v1/actors/actor/id/${id}`, { notes: 'Moving to Sales.', endDate: '2027-01-31' })).json<Actor>();
    expect(patched).toMatchObject({ notes: 'Moving to Sales.', endDate: '2027-01-31' });
    expect(patched.startDate).not.toBeNull();
    const cleared = (await api.patch(`/v1/actors/actor/id/${id}`, { endDate: null })).json<Actor>();
    expect(cleared).toMatchObject({ notes: 'Moving to Sales.', endDate: null });
  });

  test('a date that is not YYYY-MM-DD is 400 naming the field', async () => {
    const result = await api.patch(`/v1/actors/actor/id/${api.actorIdOf(DEMO_USERS.grace)}`, { startDate: { year: 2024, month: 1, day: 2 } });
    expect(result.status).toBe(400);
    expect(result.json<{ message: string }>().message).toBe('startDate must be a date "YYYY-MM-DD" or null.');
  });

  test('an unknown actor is 404', async () => {
    expect((await api.patch('/v1/actors/actor/id/nope', { notes: 'x' })).status).toBe(404);
  });
});
