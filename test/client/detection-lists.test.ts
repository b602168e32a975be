import nock from 'nock';
import type { Code42Error } from '../../src/code42/errors';
import { API, TENANT, all, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const entry = (n: number) => ({ userId: `u${n}`, userName: `user${n}@example.com`, riskFactors: [], cloudUsernames: [] });

describe('user profile', () => {
  test('getProfile POSTs user/getbyusername with the tenant id', async () => {
    const scope = nock(API)
      .post('/v1/detection-lists/user/getbyusername', { tenantId: TENANT, username: 'jane@example.com' })
      .reply(200, { type$: 'USER_V2', userId: 'u1', userName: 'jane@example.com', cloudUsernames: [], riskFactors: ['FLIGHT_RISK'] });

    const profile = await client().detectionLists.getProfile('jane@example.com');

    expect(profile.riskFactors).toEqual(['FLIGHT_RISK']);
    expect(scope.isDone()).toBe(true);
  });

  test('notes and risk factors are POSTed with the tenant id and the user id', async () => {
    const scope = nock(API)
      .post('/v1/detection-lists/user/updatenotes', { tenantId: TENANT, userId: 'u1', notes: 'watch closely' })
      .reply(200, {})
      .post('/v1/detection-lists/user/addriskfactors', { tenantId: TENANT, userId: 'u1', riskFactors: ['FLIGHT_RISK', 'CONTRACT_EMPLOYEE'] })
      .reply(200, {})
      .post('/v1/detection-lists/user/removeriskfactors', { tenantId: TENANT, userId: 'u1', riskFactors: ['FLIGHT_RISK'] })
      .reply(200, {});

    await client().detectionLists.updateNotes('u1', 'watch closely');
    await client().detectionLists.addRiskFactors('u1', ['FLIGHT_RISK', 'CONTRACT_EMPLOYEE']);
    await client().detectionLists.removeRiskFactors('u1', ['FLIGHT_RISK']);

    expect(scope.isDone()).toBe(true);
  });

  test('an unknown user keeps the Code42 text "Could not find user"', async () => {
    nock(API).post('/v1/detection-lists/user/getbyusername').reply(400, 'Could not find user with username ghost@example.com');

    const error = (await rejectionOf(client().detectionLists.getProfile('ghost@example.com'))) as Code42Error;

    expect(error.status).toBe(400);
    expect(error.mentions('Could not find user')).toBe(true);
  });
});

describe('departing and high risk employee lists', () => {
  test('a departing employee is added with the departure date, null when not given', async () => {
    const scope = nock(API)
      .post('/v1/detection-lists/departingemployee/add', { tenantId: TENANT, userId: 'u1', departureDate: '2024-05-31' })
      .reply(200, { ...entry(1), departureDate: '2024-05-31' })
      .post('/v1/detection-lists/departingemployee/add', { tenantId: TENANT, userId: 'u2', departureDate: null })
      .reply(200, entry(2));

    const added = await client().detectionLists.add('departingemployee', 'u1', { departureDate: '2024-05-31' });
    await client().detectionLists.add('departingemployee', 'u2');

    expect(added.departureDate).toBe('2024-05-31');
    expect(scope.isDone()).toBe(true);
  });

  test('a high risk employee is added, fetched and removed with just the tenant and user ids', async () => {
    const scope = nock(API)
      .post('/v1/detection-lists/highriskemployee/add', { tenantId: TENANT, userId: 'u1' })
      .reply(200, entry(1))
      .post('/v1/detection-lists/highriskemployee/get', { tenantId: TENANT, userId: 'u1' })
      .reply(200, entry(1))
      .post('/v1/detection-lists/highriskemployee/remove', { tenantId: TENANT, userId: 'u1' })
      .reply(200);

    await client().detectionLists.add('highriskemployee', 'u1');
    await expect(client().detectionLists.get('highriskemployee', 'u1')).resolves.toMatchObject({ userName: 'user1@example.com' });
    await client().detectionLists.remove('highriskemployee', 'u1');

    expect(scope.isDone()).toBe(true);
  });

  test('adding a user already on the list fails with the Code42 text and the list named', async () => {
    nock(API).post('/v1/detection-lists/highriskemployee/add').reply(400, 'User already on list');

    const error = (await rejectionOf(client().detectionLists.add('highriskemployee', 'u1'))) as Code42Error;

    expect(error.status).toBe(400);
    expect(error.mentions('User already on list')).toBe(true);
    expect(error.message).toMatch(/^Could not add the user to the high risk employee list/);
  });

  test('removing a user not on the list fails with status 404', async () => {
    nock(API).post('/v1/detection-lists/departingemployee/remove').reply(404);

    const error = (await rejectionOf(client().detectionLists.remove('departingemployee', 'u1'))) as Code42Error;

    expect(error.status).toBe(404);
    expect(error.message).toMatch(/^Could not remove the user from the departing employee list/);
  });

  test('search pages from pgNum 1 by 100 with the filter until a short page', async () => {
    const page = (pgNum: number, count: number) => ({ items: Array.from({ length: count }, (_, i) => entry(pgNum * 1000 + i)), totalCount: 250 });
    const body = (pgNum: number) => ({ tenantId: TENANT, filterType: 'OPEN', pgNum, pgSize: 100, srtKey: 'CREATED_AT', srtDirection: 'DESC' });
    const scope = nock(API)
      .post('/v1/detection-lists/highriskemployee/search', body(1))
      .reply(200, page(1, 100))
      .post('/v1/detection-lists/highriskemployee/search', body(2))
      .reply(200, page(2, 100))
      .post('/v1/detection-lists/highriskemployee/search', body(3))
      .reply(200, page(3, 50));

    const entries = await all(client().detectionLists.search('highriskemployee', 'OPEN'));

    expect(entries).toHaveLength(250);
    expect(scope.isDone()).toBe(true);
  });

  test('search with a page size asks for that size and stops fetching when the caller stops', async () => {
    const scope = nock(API)
      .post('/v1/detection-lists/departingemployee/search', (b: { pgNum: number; pgSize: number; filterType: string }) => b.pgNum === 1 && b.pgSize === 2 && b.filterType === 'LEAVING_TODAY')
      .reply(200, { items: [entry(1), entry(2)] });

    const seen: string[] = [];
    for await (const e of client().detectionLists.search('departingemployee', 'LEAVING_TODAY', 2)) {
      seen.push(e.userId);
      if (seen.length === 2) break;
    }

    expect(seen).toEqual(['u1', 'u2']);
    expect(scope.isDone()).toBe(true);
  });
});
