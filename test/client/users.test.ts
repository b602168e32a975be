// Users and orgs v1 on the wire (incydr-api.md §2.6): lookup by username, activation, roles, orgs.
import nock from 'nock';
import { Code42NotFoundError } from '../../src/code42/errors';
import { API, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const user = (username: string, extra: object = {}) => ({ userId: '929227269460530176', username, active: true, blocked: false, orgGuid: 'o1', orgName: 'Sales', ...extra });

describe('lookup', () => {
  test('findByUsername asks /v1/users?username= and takes the exact match', async () => {
    const scope = nock(API)
      .get('/v1/users')
      .query({ username: 'bob@example.com' })
      .reply(200, { users: [user('bob@example.com.au'), user('bob@example.com')], totalCount: 2 });

    await expect(client().users.findByUsername('bob@example.com')).resolves.toEqual(user('bob@example.com'));
    expect(scope.isDone()).toBe(true);
  });

  test('a differently-cased username still matches; nobody (or users: null) is undefined', async () => {
    nock(API).get('/v1/users').query({ username: 'Bob@Example.com' }).reply(200, { users: [user('bob@example.com')], totalCount: 1 });
    nock(API).get('/v1/users').query({ username: 'x@example.com' }).reply(200, { users: null, totalCount: 0 });

    await expect(client().users.findByUsername('Bob@Example.com')).resolves.toMatchObject({ username: 'bob@example.com' });
    await expect(client().users.findByUsername('x@example.com')).resolves.toBeUndefined();
  });

  test('getByUsername says no user was found', async () => {
    nock(API).get('/v1/users').query(true).reply(200, { users: [], totalCount: 0 });

    const error = await rejectionOf(client().users.getByUsername('ghost@example.com'));

    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('No user found with username ghost@example.com.');
  });
});

describe('activation and roles', () => {
  test('activate and deactivate POST without a body', async () => {
    const scope = nock(API)
      .post('/v1/users/929227269460530176/deactivate', (body: unknown) => body === '' || body === undefined)
      .reply(204)
      .post('/v1/users/929227269460530176/activate', (body: unknown) => body === '' || body === undefined)
      .reply(204);

    await client().users.deactivate('929227269460530176');
    await client().users.activate('929227269460530176');

    expect(scope.isDone()).toBe(true);
  });

  test('an unknown user id is not found', async () => {
    nock(API).post('/v1/users/nope/deactivate').reply(404);

    await expect(client().users.deactivate('nope')).rejects.toThrow('No user found with ID nope.');
  });

  test('roles are read from roles of /v1/users/{id}/roles', async () => {
    const roles = [{ roleId: 'desktop-user', roleName: 'Desktop User', permissionIds: [] }];
    nock(API).get('/v1/users/u1/roles').reply(200, { roles });

    await expect(client().users.roles('u1')).resolves.toEqual(roles);
  });
});

describe('orgs', () => {
  test('list reads /v1/orgs with active, keyed by orgGuid', async () => {
    const orgs = [{ orgGuid: 'g1', orgName: 'Sales', active: true, parentOrgGuid: null, userCount: 3 }];
    const scope = nock(API).get('/v1/orgs').query({ active: 'true' }).reply(200, { orgs, totalCount: 1 });

    await expect(client().orgs.list({ active: true })).resolves.toEqual(orgs);
    expect(scope.isDone()).toBe(true);
  });
});

describe('customer', () => {
  test('get reads /v1/customer', async () => {
    nock(API).get('/v1/customer').reply(200, { name: 'Example', registrationKey: 'k', tenantId: 't' });

    await expect(client().customer.get()).resolves.toEqual({ name: 'Example', registrationKey: 'k', tenantId: 't' });
  });
});
