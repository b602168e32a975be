import { DEMO_USERNAMES, DEMO_USERS } from '../../src/simulator';
import { useApi } from './helpers';

interface Profile {
  userId: string;
  username: string;
  notes: string | null;
  startDate: { year: number; month: number; day: number } | null;
  endDate: { year: number; month: number; day: number } | null;
}

const api = useApi();

describe('user risk profiles', () => {
  test('GET by user id answers the profile with {year, month, day} dates', async () => {
    const profile = (await api.get(`/v1/user-risk-profiles/${api.uidOf(DEMO_USERS.bob)}`)).json<Profile>();
    expect(profile).toMatchObject({ username: DEMO_USERS.bob, notes: 'Resigned; joining a competitor.', tenantId: api.tenantId });
    expect(profile.startDate).toEqual({ year: expect.any(Number), month: expect.any(Number), day: expect.any(Number) });
    expect(profile.endDate).not.toBeNull();
  });

  test('an unknown user id is 404', async () => {
    expect((await api.get('/v1/user-risk-profiles/999')).status).toBe(404);
  });

  test('the list pages 1-based with page_size', async () => {
    const first = (await api.get('/v1/user-risk-profiles?page=1&page_size=10')).json<{ userRiskProfiles: Profile[]; totalCount: number }>();
    const second = (await api.get('/v1/user-risk-profiles?page=2&page_size=10')).json<{ userRiskProfiles: Profile[] }>();
    expect([first.userRiskProfiles.length, second.userRiskProfiles.length, first.totalCount]).toEqual([10, 2, DEMO_USERNAMES.length]);
  });

  test('PATCH with py42-style paths "startDate, notes" changes only those fields', async () => {
    const userId = api.uidOf(DEMO_USERS.erin);
    const before = (await api.get(`/v1/user-risk-profiles/${userId}`)).json<Profile>();
    const result = await api.patch(`/v1/user-risk-profiles/${userId}?paths=${encodeURIComponent('startDate, notes')}`, {
      startDate: { year: 2021, month: 3, day: 4 },
      endDate: { year: 2099, month: 1, day: 1 },
      notes: 'Updated',
    });
    expect(result.json<Profile>()).toMatchObject({ startDate: { year: 2021, month: 3, day: 4 }, notes: 'Updated', endDate: before.endDate });
  });

  test('PATCH with incydr-style repeated paths sets and clears fields', async () => {
    const userId = api.uidOf(DEMO_USERS.dave);
    const result = await api.patch(`/v1/user-risk-profiles/${userId}?paths=endDate&paths=notes`, { endDate: { year: 2030, month: 12, day: 31 }, notes: null });
    expect(result.json<Profile>()).toMatchObject({ endDate: { year: 2030, month: 12, day: 31 }, notes: null });
  });

  test('PATCH without paths is 400', async () => {
    expect((await api.patch(`/v1/user-risk-profiles/${api.uidOf(DEMO_USERS.dave)}`, { notes: 'x' })).status).toBe(400);
  });

  test('PATCH with an impossible date is 400', async () => {
    expect((await api.patch(`/v1/user-risk-profiles/${api.uidOf(DEMO_USERS.dave)}?paths=startDate`, { startDate: { year: 2021, month: 2, day: 30 } })).status).toBe(400);
  });

  test('PATCH of an unknown user is 404', async () => {
    expect((await api.patch('/v1/user-risk-profiles/999?paths=notes', { notes: 'x' })).status).toBe(404);
  });
});
