// Alert rules v2 on the wire (incydr-api.md §2.5): 0-based PageNumber/PageSize with a bare array per page,
// one rule, the username filter (400 when the rule has none), and the last known add/remove bodies.
import nock from 'nock';
import { Code42Error, Code42NotFoundError } from '../../src/code42/errors';
import { API, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const RULE = 'a1b2c3d4-0000-4000-8000-000000000001';
const rule = (n: number, extra: object = {}) => ({ id: `rule-${n}`, name: `Rule ${n}`, isEnabled: true, isSystemRule: false, filters: { watchlist: { watchlists: [{ id: 'w1' }] } }, ...extra });

describe('listing', () => {
  test('list pages from PageNumber 0 with PageSize 100, reading a bare array, until a short page', async () => {
    const scope = nock(API)
      .get('/v2/alert-rules')
      .query({ PageNumber: '0', PageSize: '100' })
      .reply(200, Array.from({ length: 100 }, (_, i) => rule(i)))
      .get('/v2/alert-rules')
      .query({ PageNumber: '1', PageSize: '100' })
      .reply(200, [rule(100)]);

    const rules = await client().alertRules.list();

    expect(rules).toHaveLength(101);
    expect(scope.isDone()).toBe(true);
  });

  test('list with a watchlist asks for WatchlistId', async () => {
    const scope = nock(API).get('/v2/alert-rules').query({ PageNumber: '0', PageSize: '100', WatchlistId: 'w1' }).reply(200, [rule(1)]);

    await expect(client().alertRules.list({ watchlistId: 'w1' })).resolves.toEqual([rule(1)]);
    expect(scope.isDone()).toBe(true);
  });

  test('an answer wrapped in an object instead of the bare array is a decode sentence', async () => {
    nock(API).get('/v2/alert-rules').query(true).reply(200, { rules: [] });

    await expect(client().alertRules.list()).rejects.toThrow("Could not list alert rules: Code42's answer to GET /v2/alert-rules is not what the API documents: the answer is an object, not a list.");
  });
});

describe('one rule and its users', () => {
  test('get reads /v2/alert-rules/{id}; an unknown rule is not found', async () => {
    nock(API).get(`/v2/alert-rules/${RULE}`).reply(200, rule(1, { id: RULE })).get('/v2/alert-rules/gone').reply(404);

    await expect(client().alertRules.get(RULE)).resolves.toMatchObject({ id: RULE, name: 'Rule 1' });
    const error = await rejectionOf(client().alertRules.get('gone'));
    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('No alert rule found with ID gone.');
  });

  test('users reads id, users and mode', async () => {
    const answer = { id: RULE, users: [{ userIdFromAuthority: 'u1', aliases: ['erin@example.com'] }], mode: '0' };
    nock(API).get(`/v2/alert-rules/${RULE}/users`).reply(200, answer);

    await expect(client().alertRules.users(RULE)).resolves.toEqual(answer);
  });

  test('a rule without a username filter (400) says so', async () => {
    nock(API).get(`/v2/alert-rules/${RULE}/users`).reply(400, { message: 'Rule has no username filter' });

    const error = (await rejectionOf(client().alertRules.users(RULE))) as Code42Error;

    expect(error.status).toBe(400);
    expect(error.message).toBe(`Could not list the users of the alert rule: the alert rule ${RULE} has no username filter, so it has no users to list (it may target watchlists instead).`);
  });

  test('addUsers posts the array of {userIdFromAuthority, aliases}; removeUsers the array of ids to /remove-users', async () => {
    const users = [{ userIdFromAuthority: 'u1', aliases: ['erin@example.com'] }];
    const scope = nock(API).post(`/v2/alert-rules/${RULE}/users`, users).reply(200).post(`/v2/alert-rules/${RULE}/remove-users`, ['u1', 'u2']).reply(200);

    await client().alertRules.addUsers(RULE, users);
    await client().alertRules.removeUsers(RULE, ['u1', 'u2']);

    expect(scope.isDone()).toBe(true);
  });
});
