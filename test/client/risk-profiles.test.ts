import nock from 'nock';
import type { Code42Error } from '../../src/code42/errors';
import { API, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

describe('user risk profiles', () => {
  test('get reads the profile by user id', async () => {
    const scope = nock(API).get('/v1/user-risk-profiles/u1').reply(200, { userId: 'u1', username: 'jane@example.com', startDate: { year: 2020, month: 2, day: 1 } });

    await expect(client().riskProfiles.get('u1')).resolves.toMatchObject({ startDate: { year: 2020, month: 2, day: 1 } });
    expect(scope.isDone()).toBe(true);
  });

  test('update lists exactly the patched keys as repeated paths and sends only those fields', async () => {
    const scope = nock(API)
      .patch('/v1/user-risk-profiles/u1', { endDate: { year: 2024, month: 6, day: 30 }, notes: null })
      .query((q) => JSON.stringify(q) === JSON.stringify({ paths: ['endDate', 'notes'] }))
      .reply(200, { userId: 'u1', username: 'jane@example.com', endDate: { year: 2024, month: 6, day: 30 }, notes: null });

    const updated = await client().riskProfiles.update('u1', { endDate: { year: 2024, month: 6, day: 30 }, notes: null });

    expect(updated.endDate).toEqual({ year: 2024, month: 6, day: 30 });
    expect(scope.isDone()).toBe(true);
  });

  test('a single patched key is still sent as a paths parameter', async () => {
    const scope = nock(API).patch('/v1/user-risk-profiles/u1', { startDate: null }).query({ paths: 'startDate' }).reply(200, { userId: 'u1', username: 'x' });

    await client().riskProfiles.update('u1', { startDate: null });

    expect(scope.isDone()).toBe(true);
  });

  test('an empty patch is refused before anything is sent', async () => {
    const error = (await rejectionOf(client().riskProfiles.update('u1', {}))) as Code42Error;

    expect(error.kind).toBe('invalid-request');
    expect(error.message).toBe('Could not update the user risk profile: give at least one of start date, end date or notes.');
  });

  test('an unknown profile fails with status 404', async () => {
    nock(API).get('/v1/user-risk-profiles/nobody').reply(404);

    const error = (await rejectionOf(client().riskProfiles.get('nobody'))) as Code42Error;

    expect(error.status).toBe(404);
    expect(error.message).toMatch(/^Could not get the user risk profile/);
  });
});
