// Departing / high-risk employee list commands against the in-memory fake: the order of Code42 calls,
// partial failures and paging, which the simulator cannot easily provoke.
import { RISK_FACTORS, type RiskFactor } from '../../src/code42/api';
import { Code42Error } from '../../src/code42/errors';
import { EntryType } from '../../src/xsoar/entry';
import { demoState, fakeCode42 } from './support/fake-code42';
import { contextValue, failure, runnerFor, single } from './support/harness';

const HRE_KEY = 'Code42.HighRiskEmployee(val.UserID && val.UserID == obj.UserID)';
const DE_KEY = 'Code42.DepartingEmployee(val.UserID && val.UserID == obj.UserID)';

const serverError = () =>
  new Code42Error('Could not update the user profile notes: Code42 answered 500 Internal Server Error.', {
    kind: 'http',
    operation: 'update the user profile notes',
    status: 500,
  });

describe('code42-highriskemployee-add', () => {
  test('adds the user, then writes the note, and reports both in context', async () => {
    const code42 = fakeCode42();
    const entry = single(await runnerFor(code42)('code42-highriskemployee-add', { username: 'alice@example.com', note: 'flight risk' }));
    expect(entry.Type).toBe(EntryType.note);
    expect(entry.HumanReadable).toMatch(/^### Code42 High Risk Employee List User Added\n/);
    expect(entry.EntryContext).toEqual({ [HRE_KEY]: { UserID: '900000000000000001', Username: 'alice@example.com', Note: 'flight risk' } });
    expect(code42.calls).toEqual(['detectionLists.getProfile', 'detectionLists.add.highriskemployee', 'detectionLists.updateNotes']);
  });

  test('a user already on the list is an error entry, and the note is not written', async () => {
    const code42 = fakeCode42();
    const run = runnerFor(code42);
    await run('code42-highriskemployee-add', { username: 'alice@example.com' });
    const entry = single(await run('code42-highriskemployee-add', { username: 'alice@example.com', note: 'second try' }));
    expect(entry).toMatchObject({
      Type: EntryType.error,
      Contents: failure('code42-highriskemployee-add', 'User alice@example.com is already on the High Risk Employee List.'),
    });
    expect(code42.calls).not.toContain('detectionLists.updateNotes');
    expect(code42.state.profiles.get('alice@example.com')?.notes).toBeNull();
  });

  test('when the note fails after the add, a success entry says the user is on the list and an error entry says the note was not saved', async () => {
    const code42 = fakeCode42();
    code42.failNext('detectionLists.updateNotes', serverError());
    const entries = await runnerFor(code42)('code42-highriskemployee-add', { username: 'bob@example.com', note: 'flight risk' });
    expect(entries).toHaveLength(2);
    expect(entries[0].EntryContext).toEqual({ [HRE_KEY]: { UserID: '900000000000000002', Username: 'bob@example.com' } });
    expect(entries[1]).toMatchObject({
      Type: EntryType.error,
      Contents: failure(
        'code42-highriskemployee-add',
        'User bob@example.com was added to the High Risk Employee List, but the note was not saved: Could not update the user profile notes: Code42 answered 500 Internal Server Error.',
      ),
    });
    expect(code42.state.lists.highriskemployee.has('900000000000000002')).toBe(true);
  });
});

describe('code42-departingemployee-add', () => {
  test('sends the departure date and prints it back as YYYY-MM-DD', async () => {
    const code42 = fakeCode42();
    const entry = single(await runnerFor(code42)('code42-departingemployee-add', { username: 'carol@example.com', departuredate: '2024-02-29' }));
    expect(code42.state.lists.departingemployee.get('900000000000000003')?.departureDate).toBe('2024-02-29');
    expect(entry.EntryContext).toEqual({
      [DE_KEY]: { CaseID: '900000000000000003', UserID: '900000000000000003', Username: 'carol@example.com', DepartureDate: '2024-02-29' },
    });
    expect(entry.HumanReadable).toContain('| 2024-02-29 |');
  });

  test('a date that is not on the calendar is refused before anything is sent to Code42', async () => {
    const code42 = fakeCode42();
    const entry = single(await runnerFor(code42)('code42-departingemployee-add', { username: 'carol@example.com', departuredate: '2023-02-29' }));
    expect(entry.Contents).toBe(
      failure('code42-departingemployee-add', 'Invalid value "2023-02-29" for argument "departuredate": expected a date written YYYY-MM-DD.'),
    );
    expect(code42.calls).toEqual([]);
  });
});

describe('get-all', () => {
  const withEmployees = (count: number, tagsOf: (i: number) => RiskFactor[]) => {
    const state = demoState();
    for (let i = 0; i < count; i++) {
      const userId = `7${String(i).padStart(17, '0')}`;
      const userName = `employee${i}@example.com`;
      state.profiles.set(userName, { userId, userName, notes: `note ${i}`, cloudUsernames: [], riskFactors: tagsOf(i) });
      state.lists.highriskemployee.set(userId, { userId, userName, notes: `note ${i}` });
      state.lists.departingemployee.set(userId, { userId, userName, departureDate: '2024-06-30' });
    }
    return fakeCode42(state);
  };

  test('high-risk: pages past pages with no match until `results` employees holding every risk tag are found', async () => {
    // Only every 150th employee holds both tags, so the first page of 100 has one match and later pages are needed.
    const code42 = withEmployees(450, (i) => (i % 150 === 0 ? ['FLIGHT_RISK', 'CONTRACT_EMPLOYEE'] : ['FLIGHT_RISK']));
    const entry = single(await runnerFor(code42)('code42-highriskemployee-get-all', { risktags: 'FLIGHT_RISK,CONTRACT_EMPLOYEE', results: '3' }));
    const rows = contextValue(entry) as { Username: string; RiskTags: string[] }[];
    expect(rows.map((r) => r.Username)).toEqual(['employee0@example.com', 'employee150@example.com', 'employee300@example.com']);
    expect(rows.every((r) => r.RiskTags.includes('CONTRACT_EMPLOYEE'))).toBe(true);
    expect(entry.HumanReadable).toMatch(/^### Retrieved All High Risk Employees\n\|UserID\|Username\|Note\|RiskTags\|/);
    expect(code42.calls.filter((c) => c === 'detectionLists.search.highriskemployee')).toHaveLength(4);
  });

  test('departing: collects `results` entries across pages and stops asking once it has them', async () => {
    const code42 = withEmployees(250, () => []);
    const entry = single(await runnerFor(code42)('code42-departingemployee-get-all', { results: '120' }));
    expect(contextValue(entry)).toHaveLength(120);
    expect(code42.calls.filter((c) => c === 'detectionLists.search.departingemployee')).toHaveLength(2);
  });

  test('an empty list reads "No results found" and writes no context', async () => {
    const entry = single(await runnerFor(fakeCode42())('code42-departingemployee-get-all', {}));
    expect(entry).toMatchObject({ Type: EntryType.note, HumanReadable: 'No results found', EntryContext: {} });
  });

  test('filter types outside the enum are refused with the valid values', async () => {
    const entry = single(await runnerFor(fakeCode42())('code42-highriskemployee-get-all', { filtertype: 'LEAVING_TODAY' }));
    expect(entry.Contents).toBe(
      failure(
        'code42-highriskemployee-get-all',
        'Invalid value "LEAVING_TODAY" for argument "filtertype": expected one of EXFILTRATION_30_DAYS, EXFILTRATION_24_HOURS, OPEN.',
      ),
    );
  });
});

describe('risk tags', () => {
  test('added tags land on the profile once each, and the context lists them', async () => {
    const code42 = fakeCode42();
    const entry = single(await runnerFor(code42)('code42-highriskemployee-add-risk-tags', { username: 'alice@example.com', risktags: 'FLIGHT_RISK, FLIGHT_RISK,HIGH_IMPACT_EMPLOYEE' }));
    expect(code42.state.profiles.get('alice@example.com')?.riskFactors).toEqual(['FLIGHT_RISK', 'HIGH_IMPACT_EMPLOYEE']);
    expect(entry.EntryContext).toEqual({ [HRE_KEY]: { UserID: '900000000000000001', Username: 'alice@example.com', RiskTags: ['FLIGHT_RISK', 'HIGH_IMPACT_EMPLOYEE'] } });
    expect(entry.HumanReadable).toMatch(/^### Code42 Risk Tags Added\n/);
  });

  test('an unknown tag is refused naming all seven valid tags, and nothing is sent', async () => {
    const code42 = fakeCode42();
    const entry = single(await runnerFor(code42)('code42-highriskemployee-remove-risk-tags', { username: 'alice@example.com', risktags: 'FLIGHT_RISK,SLEEPY' }));
    expect(entry.Contents).toBe(
      failure(
        'code42-highriskemployee-remove-risk-tags',
        `Invalid value "SLEEPY" for argument "risktags": expected a comma-separated list of ${RISK_FACTORS.join(', ')}.`,
      ),
    );
    expect(code42.calls).toEqual([]);
  });
});

test('a username Code42 has no detection-list profile for reads "No user found with username <u>."', async () => {
  const entry = single(await runnerFor(fakeCode42())('code42-departingemployee-remove', { username: 'nobody@example.com' }));
  expect(entry.Contents).toBe(failure('code42-departingemployee-remove', 'No user found with username nobody@example.com.'));
});
