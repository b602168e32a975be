import nock from 'nock';
import { Code42NotFoundError, Code42Error } from '../../src/code42/errors';
import { API, CONSOLE, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const gatewayUser = (username: string, userId = `uid-${username}`) => ({ userId, username, active: true, blocked: false });
const org = (orgName: string, n: number) => ({ orgId: n, orgUid: `org-uid-${n}`, orgGuid: `guid-${n}`, orgName });

describe('user lookup (gateway)', () => {
  test('asks GET /v1/users with the username and picks the exact match', async () => {
    const scope = nock(API)
      .get('/v1/users')
      .query({ username: 'bob@example.com' })
      .reply(200, { users: [gatewayUser('bobby@example.com'), gatewayUser('bob@example.com')], totalCount: 2 });

    const user = await client().users.findByUsername('bob@example.com');

    expect(user?.userId).toBe('uid-bob@example.com');
    expect(scope.isDone()).toBe(true);
  });

  test('a username that differs only in case still names the user', async () => {
    nock(API).get('/v1/users').query(true).reply(200, { users: [gatewayUser('bob@example.com')], totalCount: 1 });

    await expect(client().users.findByUsername('Bob@Example.com')).resolves.toMatchObject({ username: 'bob@example.com' });
  });

  test('findByUsername answers undefined when nobody has the username', async () => {
    nock(API).get('/v1/users').query(true).reply(200, { users: [gatewayUser('other@example.com')], totalCount: 1 });

    await expect(client().users.findByUsername('bob@example.com')).resolves.toBeUndefined();
  });

  test('a "users": null answer is nobody by that name, as the XSOAR integration reads it', async () => {
    nock(API).get('/v1/users').query(true).reply(200, { users: null, totalCount: 0 });

    await expect(client().users.findByUsername('bob@example.com')).resolves.toBeUndefined();
  });

  test('getByUsername says plainly that no user has the username', async () => {
    nock(API).get('/v1/users').query(true).reply(200, { users: [], totalCount: 0 });

    const error = await rejectionOf(client().users.getByUsername('ghost@example.com'));

    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('No user found with username ghost@example.com.');
  });

  test('activate and deactivate POST to the user id path without a body', async () => {
    const scope = nock(API)
      .post('/v1/users/uid%2F1/activate', (body) => body === '' || body === undefined)
      .reply(200)
      .post('/v1/users/uid%2F1/deactivate', (body) => body === '' || body === undefined)
      .reply(200);

    await client().users.activate('uid/1');
    await client().users.deactivate('uid/1');

    expect(scope.isDone()).toBe(true);
  });

  test('a deactivation refused for an active legal hold passes the Code42 text through', async () => {
    nock(API).post('/v1/users/u1/deactivate').reply(400, [{ name: 'ACTIVE_LEGAL_HOLD', description: 'User is on an active legal hold' }]);

    const error = await rejectionOf(client().users.deactivate('u1'));

    expect(error).toBeInstanceOf(Code42Error);
    expect((error as Code42Error).status).toBe(400);
    expect((error as Code42Error).mentions('ACTIVE_LEGAL_HOLD')).toBe(true);
    expect(error.message).toMatch(/^Could not deactivate the user/);
  });
});

describe('console operations', () => {
  test('the org lookup pages GET /api/v1/Org from page 1 by 500 and stops at the page holding the name', async () => {
    const firstPage = Array.from({ length: 500 }, (_, i) => org(`Org ${i}`, i));
    const secondPage = [org('Sales', 1000), org('Target Org', 1001), ...Array.from({ length: 498 }, (_, i) => org(`More ${i}`, 2000 + i))];
    const scope = nock(CONSOLE)
      .get('/api/v1/Org')
      .query({ pgNum: '1', pgSize: '500' })
      .reply(200, { data: { totalCount: 2000, orgs: firstPage }, error: null, warnings: null })
      .get('/api/v1/Org')
      .query({ pgNum: '2', pgSize: '500' })
      .reply(200, { data: { totalCount: 2000, orgs: secondPage }, error: null, warnings: null });

    const found = await client().users.findOrgByName('Target Org');

    expect(found?.orgUid).toBe('org-uid-1001');
    expect(scope.isDone()).toBe(true);
  });

  test('the org lookup matches the name exactly and stops at a short page', async () => {
    const scope = nock(CONSOLE)
      .get('/api/v1/Org')
      .query({ pgNum: '1', pgSize: '500' })
      .reply(200, { data: { totalCount: 2, orgs: [org('target org', 1), org('Target Org ', 2)] } });

    await expect(client().users.findOrgByName('Target Org')).resolves.toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  test('create POSTs the console user body with nulls for what is not given and unwraps the answer', async () => {
    const scope = nock(CONSOLE)
      .post('/api/v1/User', { orgUid: 'org-1', username: 'new@example.com', email: 'new@example.com', password: null, firstName: null, lastName: null, notes: null })
      .reply(200, { data: { userId: 77, userUid: 'uid-77', username: 'new@example.com', email: 'new@example.com' }, error: null, warnings: null });

    const created = await client().users.create({ orgUid: 'org-1', username: 'new@example.com', email: 'new@example.com' });

    expect(created).toEqual({ userId: 77, userUid: 'uid-77', username: 'new@example.com', email: 'new@example.com' });
    expect(scope.isDone()).toBe(true);
  });

  test('a duplicate username keeps USER_DUPLICATE in the error', async () => {
    nock(CONSOLE).post('/api/v1/User').reply(500, [{ name: 'USER_DUPLICATE', description: 'A user with this username already exists' }]);

    const error = (await rejectionOf(client().users.create({ orgUid: 'o', username: 'dup@example.com', email: 'dup@example.com' }))) as Code42Error;

    expect(error.mentions('USER_DUPLICATE')).toBe(true);
    expect(error.message).toMatch(/^Could not create the user/);
  });

  test('block and unblock POST to the console v3 user path', async () => {
    const scope = nock(CONSOLE).post('/api/v3/users/uid-9/block').reply(200, { data: null }).post('/api/v3/users/uid-9/unblock').reply(204);

    await client().users.block('uid-9');
    await client().users.unblock('uid-9');

    expect(scope.isDone()).toBe(true);
  });
});
