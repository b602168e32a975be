// Answers are decoded at the edge: a wrong shape is one sentence naming the endpoint and the field, never a
// TypeError later. One scenario per kind of wrongness, through the client as commands use it.
import fc from 'fast-check';
import nock from 'nock';
import { arrayOf, decoder, nullable, NUMBER, object, STRING } from '../../src/code42/decode';
import { Code42Error } from '../../src/code42/errors';
import { API, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

async function watchlistsFailure(body: unknown): Promise<Code42Error> {
  nock(API).get('/v2/watchlists').query(true).reply(200, body as nock.Body);
  const error = await rejectionOf(client().watchlists.list());
  expect(error).toBeInstanceOf(Code42Error);
  expect((error as Code42Error).kind).toBe('protocol');
  return error as Code42Error;
}

const prefix = "Could not list watchlists: Code42's answer to GET /v2/watchlists is not what the API documents: ";

test('a missing field is named with its path', async () => {
  const error = await watchlistsFailure({ watchlists: [{ listType: 'CUSTOM' }], totalCount: 1 });
  expect(error.message).toBe(`${prefix}watchlists[0].watchlistId is missing.`);
});

test('a field of the wrong type says what it is and what it should be', async () => {
  const error = await watchlistsFailure({ watchlists: [{ watchlistId: 42, listType: 'CUSTOM' }] });
  expect(error.message).toBe(`${prefix}watchlists[0].watchlistId is the number 42, not text.`);
});

test('null where a list belongs says so', async () => {
  const error = await watchlistsFailure({ watchlists: null });
  expect(error.message).toBe(`${prefix}watchlists is null, not a list.`);
});

test('a deeper field is named down to its place', async () => {
  nock(API).get('/v1/sessions/s1').reply(200, { sessionId: 's1', actorId: 'a', beginTime: 1, scores: [{ score: 1, severity: 'HIGH', sourceTimestamp: 1 }] });

  await expect(client().sessions.get('s1')).rejects.toThrow(
    'Could not get the session: Code42\'s answer to GET /v1/sessions/{sessionId} is not what the API documents: scores[0].severity is the text "HIGH", not a whole number.',
  );
});

test('nullable fields accept null and the fields the schema does not name pass through', async () => {
  nock(API).get('/v1/actors/actor/id/a1').reply(200, { actorId: 'a1', name: 'n', endDate: null, somethingNew: { x: 1 } });

  await expect(client().actors.byId('a1')).resolves.toEqual({ actorId: 'a1', name: 'n', endDate: null, somethingNew: { x: 1 } });
});

test('whatever JSON arrives, a decoder answers a value or a one-line phrase, never throws', () => {
  const page = decoder<unknown>(object({ items: arrayOf(object({ id: STRING }, { n: nullable(NUMBER) })) }));
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const checked = page.check(value);
      return checked.ok || (checked.problem.length > 0 && !checked.problem.includes('\n') && !checked.problem.includes('[object Object]'));
    }),
  );
});
