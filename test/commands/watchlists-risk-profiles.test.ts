// Watchlist and risk-profile commands against the in-memory fake.
import { EntryType } from '../../src/xsoar/entry';
import { fakeCode42 } from './support/fake-code42';
import { contextValue, failure, runnerFor, single } from './support/harness';

describe('watchlists', () => {
  test('code42-watchlists-list writes both the seed names and the incumbent names for each watchlist', async () => {
    const entry = single(await runnerFor(fakeCode42())('code42-watchlists-list'));
    expect(entry.EntryContext).toEqual({
      'Code42.Watchlists(val.WatchlistID && val.WatchlistID == obj.WatchlistID)': [
        {
          WatchlistID: '1c7dd799-1aa0-4f3a-bae8-1d3242fc2af6',
          WatchlistType: 'DEPARTING_EMPLOYEE',
          IncludedUsersCount: 0,
          ListType: 'DEPARTING_EMPLOYEE',
          Id: '1c7dd799-1aa0-4f3a-bae8-1d3242fc2af6',
          IncludedUserCount: 0,
        },
        {
          WatchlistID: '2a8ee899-2bb1-4f3a-bae8-1d3242fc2af7',
          WatchlistType: 'CUSTOM',
          IncludedUsersCount: 0,
          ListType: 'CUSTOM',
          Id: '2a8ee899-2bb1-4f3a-bae8-1d3242fc2af7',
          IncludedUserCount: 0,
          Title: 'Contractors',
        },
      ],
    });
    expect(entry.HumanReadable).toMatch(/^### Watchlists\n\|WatchlistID\|WatchlistType\|Title\|IncludedUsersCount\|\n/);
  });

  test('a custom watchlist is found by its title, and adding a user twice is refused the second time', async () => {
    const code42 = fakeCode42();
    const run = runnerFor(code42);
    const first = single(await run('code42-watchlists-add-user', { username: 'bob@example.com', watchlist: 'Contractors' }));
    expect(first.EntryContext).toEqual({
      'Code42.UsersAddedToWatchlists(val.Watchlist && val.Watchlist == obj.Watchlist)': { Watchlist: 'Contractors', Username: 'bob@example.com', Success: true },
    });
    const second = single(await run('code42-watchlists-add-user', { username: 'bob@example.com', watchlist: 'Contractors' }));
    expect(second.Contents).toBe(failure('code42-watchlists-add-user', 'User bob@example.com is already on watchlist Contractors.'));
    expect(code42.calls.filter((c) => c === 'watchlists.addUsers')).toHaveLength(1);
  });

  test('removing a user who is not on the watchlist is refused without a delete', async () => {
    const code42 = fakeCode42();
    const entry = single(await runnerFor(code42)('code42-watchlists-remove-user', { username: 'bob@example.com', watchlist: 'DEPARTING_EMPLOYEE' }));
    expect(entry.Contents).toBe(failure('code42-watchlists-remove-user', 'User bob@example.com is not on watchlist DEPARTING_EMPLOYEE.'));
    expect(code42.calls).not.toContain('watchlists.removeUsers');
  });
});

describe('risk profiles', () => {
  const KEY = 'Code42.UpdatedUserRiskProfiles(val.Username && val.Username == obj.Username)';

  test('dates go to Code42 as {year, month, day}, stay objects in context and read YYYY-MM-DD', async () => {
    const code42 = fakeCode42();
    const entry = single(await runnerFor(code42)('code42-user-update-risk-profile', { username: 'alice@example.com', start_date: '2021-03-09', notes: 'contractor' }));
    expect(entry.EntryContext).toEqual({
      [KEY]: { Username: 'alice@example.com', StartDate: { year: 2021, month: 3, day: 9 }, Notes: 'contractor', Success: true },
    });
    expect(entry.HumanReadable).toBe(
      '### Code42 User Risk Profile Updated\n|Username|StartDate|EndDate|Notes|Success|\n|---|---|---|---|---|\n| alice@example.com | 2021-03-09 |  | contractor | true |\n',
    );
  });

  test('empty values clear the fields they name and leave the others alone', async () => {
    const code42 = fakeCode42();
    const run = runnerFor(code42);
    await run('code42-user-update-risk-profile', { username: 'bob@example.com', start_date: '2020-01-01', end_date: '2025-12-31', notes: 'x' });
    const entry = single(await run('code42-user-update-risk-profile', { username: 'bob@example.com', end_date: '', notes: '' }));
    expect(contextValue(entry)).toEqual({ Username: 'bob@example.com', StartDate: { year: 2020, month: 1, day: 1 }, Success: true });
    expect(code42.state.riskProfiles.get('900000000000000002')).toMatchObject({ endDate: null, notes: null });
  });

  test('an update naming no field is refused before any Code42 call', async () => {
    const code42 = fakeCode42();
    const entry = single(await runnerFor(code42)('code42-user-update-risk-profile', { username: 'bob@example.com' }));
    expect(entry).toMatchObject({
      Type: EntryType.error,
      Contents: failure('code42-user-update-risk-profile', 'Give at least one of start_date, end_date or notes (an empty value clears that field).'),
    });
    expect(code42.calls).toEqual([]);
  });
});
