// Actors on the wire (incydr-api.md §2.3): search (1-based page, pageSize up to 500, the /parent form), by id,
// by name with its parent, family, and updates that send only the fields given, dates as YYYY-MM-DD.
import nock from 'nock';
import { Code42Error, Code42NotFoundError } from '../../src/code42/errors';
import { API, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const actor = (n: number, extra: object = {}) => ({
  actorId: `actor-${n}`,
  name: `user${n}@example.com`,
  active: true,
  startDate: null,
  endDate: null,
  notes: null,
  alternateNames: [`user${n}@gmail.com`],
  parentActorId: null,
  ...extra,
});

describe('search', () => {
  test('sends nameStartsWith, nameEndsWith, active, page and pageSize to /v1/actors/actor/search', async () => {
    const scope = nock(API)
      .get('/v1/actors/actor/search')
      .query({ nameStartsWith: 'dave', nameEndsWith: '.com', active: 'true', page: '2', pageSize: '500' })
      .reply(200, { actors: [actor(1)] });

    await expect(client().actors.search({ nameStartsWith: 'dave', nameEndsWith: '.com', active: true }, { page: 2, pageSize: 500 })).resolves.toEqual([actor(1)]);
    expect(scope.isDone()).toBe(true);
  });

  test('parents use the /parent form', async () => {
    const scope = nock(API).get('/v1/actors/actor/search/parent').query({ page: '1', pageSize: '10' }).reply(200, { actors: [] });

    await client().actors.search({ parents: true }, { page: 1, pageSize: 10 });

    expect(scope.isDone()).toBe(true);
  });

  test.each([
    [{ page: 1, pageSize: 501 }, 'Could not search actors: the page size must be a whole number from 1 to 500, got 501.'],
    [{ page: 0, pageSize: 10 }, 'Could not search actors: the page must be a whole number from 1 (pages count from 1), got 0.'],
  ])('%p is refused before sending', async (page, message) => {
    const error = await rejectionOf(client().actors.search({}, page));

    expect((error as Code42Error).kind).toBe('invalid-request');
    expect(error.message).toBe(message);
  });
});

describe('lookups', () => {
  test('byId reads /v1/actors/actor/id/{id}; unknown is not found', async () => {
    nock(API).get('/v1/actors/actor/id/actor-1').reply(200, actor(1)).get('/v1/actors/actor/id/nope').reply(404);

    await expect(client().actors.byId('actor-1')).resolves.toEqual(actor(1));
    const error = await rejectionOf(client().actors.byId('nope'));
    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('No actor found with ID nope.');
  });

  test('byNameWithParent reads /v1/actors/actor/name/{name}/parent with the name encoded; unknown is the no-user sentence', async () => {
    nock(API).get('/v1/actors/actor/name/dave%2Bx%40example.com/parent').reply(200, actor(2)).get('/v1/actors/actor/name/ghost%40example.com/parent').reply(404);

    await expect(client().actors.byNameWithParent('dave+x@example.com')).resolves.toEqual(actor(2));
    const error = await rejectionOf(client().actors.byNameWithParent('ghost@example.com'));
    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('No user found with username ghost@example.com.');
  });

  test('family reads the parent and its children', async () => {
    const family = { parent: actor(1), children: [actor(2, { parentActorId: 'actor-1' })] };
    nock(API).get('/v1/actors/actor/id/actor-2/family').reply(200, family);

    await expect(client().actors.family('actor-2')).resolves.toEqual(family);
  });
});

describe('update', () => {
  test('PATCH sends only the fields given; null clears one', async () => {
    const scope = nock(API).patch('/v1/actors/actor/id/actor-1', { endDate: '2026-12-31', notes: null }).reply(200, actor(1, { endDate: '2026-12-31' }));

    await expect(client().actors.update('actor-1', { endDate: '2026-12-31', notes: null })).resolves.toMatchObject({ endDate: '2026-12-31' });
    expect(scope.isDone()).toBe(true);
  });

  test('a date not written YYYY-MM-DD is refused before sending', async () => {
    const error = await rejectionOf(client().actors.update('actor-1', { startDate: '12/31/2026' }));

    expect(error.message).toBe('Could not update the actor: the startDate must be a date written YYYY-MM-DD, got "12/31/2026".');
  });

  test('an unknown actor is not found', async () => {
    nock(API).patch('/v1/actors/actor/id/nope').reply(404);

    await expect(client().actors.update('nope', { notes: 'x' })).rejects.toThrow('No actor found with ID nope.');
  });
});
