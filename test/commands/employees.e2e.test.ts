// Departing / high-risk employee list commands end to end: registry -> Code42 client -> simulator (demo tenant).
// Demo lists: departing bob (date in 14 days, FLIGHT_RISK), dave (leaving today), oscar (no date);
// high-risk carol, dave, erin, mallory. alice and frank are on neither list.
import { RISK_FACTORS } from '../../src/code42/api';
import { DEMO_USERS } from '../../src/simulator/seed';
import { expectError, expectNoResults, expectResult, keyed, simulatedForEachTest, testUnknownUsername } from './support/harness';

const DE = keyed('Code42.DepartingEmployee', 'UserID');
const HRE = keyed('Code42.HighRiskEmployee', 'UserID');

const s = simulatedForEachTest();

const uid = (username: string): string => {
  const user = s.sim.tenant.userByUsername(username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.userUid;
};

describe('code42-departingemployee-add', () => {
  const command = 'code42-departingemployee-add';

  test('puts the user on the list with the departure date and writes the note to the profile', async () => {
    const context = expectResult(
      await s.run(command, { username: DEMO_USERS.frank, departuredate: '2030-01-31', note: 'leaving for a competitor' }),
      DE,
      'Code42 Departing Employee List User Added',
    );
    const id = uid(DEMO_USERS.frank);
    expect(context).toEqual({ CaseID: id, UserID: id, Username: DEMO_USERS.frank, DepartureDate: '2030-01-31', Note: 'leaving for a competitor' });
    expect(s.sim.tenant.departing.get(id)?.departureDate).toBe('2030-01-31');
    expect(s.sim.tenant.user(id)?.profileNotes).toBe('leaving for a competitor');
  });

  test('a user already on the list is an error entry, and the profile note is left as it was', async () => {
    const before = s.sim.tenant.userByUsername(DEMO_USERS.bob)?.profileNotes;
    expectError(await s.run(command, { username: DEMO_USERS.bob, note: 'overwrite?' }), command, `User ${DEMO_USERS.bob} is already on the Departing Employee List.`);
    expect(s.sim.tenant.userByUsername(DEMO_USERS.bob)?.profileNotes).toBe(before);
  });

  test('an impossible departure date is refused and nobody is added', async () => {
    expectError(
      await s.run(command, { username: DEMO_USERS.frank, departuredate: '2030-02-30' }),
      command,
      'Invalid value "2030-02-30" for argument "departuredate": expected a date written YYYY-MM-DD.',
    );
    expect(s.sim.tenant.departing.has(uid(DEMO_USERS.frank))).toBe(false);
  });
});

describe('code42-departingemployee-remove', () => {
  const command = 'code42-departingemployee-remove';

  test('takes the user off the list', async () => {
    const context = expectResult(await s.run(command, { username: DEMO_USERS.oscar }), DE, 'Code42 Departing Employee List User Removed');
    const id = uid(DEMO_USERS.oscar);
    expect(context).toEqual({ CaseID: id, UserID: id, Username: DEMO_USERS.oscar });
    expect(s.sim.tenant.departing.has(id)).toBe(false);
  });
});

describe('code42-departingemployee-get', () => {
  const command = 'code42-departingemployee-get';

  test('returns the entry with its departure date and the profile note', async () => {
    const context = expectResult(await s.run(command, { username: DEMO_USERS.bob }), DE, 'Retrieve departing employee');
    const departure = s.sim.tenant.departing.get(uid(DEMO_USERS.bob))?.departureDate;
    expect(context).toEqual({ UserID: uid(DEMO_USERS.bob), Username: DEMO_USERS.bob, DepartureDate: departure, Note: 'Resigned; joining a competitor.' });
    expect(departure).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('code42-departingemployee-get-all', () => {
  const command = 'code42-departingemployee-get-all';

  test('lists every departing employee by default (filter OPEN)', async () => {
    const rows = expectResult(await s.run(command), DE, 'All Departing Employees') as { Username: string }[];
    expect(rows.map((r) => r.Username).sort()).toEqual([DEMO_USERS.bob, DEMO_USERS.dave, DEMO_USERS.oscar]);
  });

  test('LEAVING_TODAY keeps only who leaves today, and `results` caps the list', async () => {
    const today = expectResult(await s.run(command, { filtertype: 'LEAVING_TODAY' }), DE, 'All Departing Employees') as { Username: string }[];
    expect(today.map((r) => r.Username)).toEqual([DEMO_USERS.dave]);
    expect(expectResult(await s.run(command, { results: '2' }), DE, 'All Departing Employees')).toHaveLength(2);
  });

  test('an empty list reads "No results found"', async () => {
    s.sim.tenant.departing.clear();
    expectNoResults(await s.run(command));
  });

  test('a filter type outside the enum is refused with the valid values', async () => {
    expectError(
      await s.run(command, { filtertype: 'EVERYONE' }),
      command,
      'Invalid value "EVERYONE" for argument "filtertype": expected one of EXFILTRATION_30_DAYS, EXFILTRATION_24_HOURS, OPEN, LEAVING_TODAY.',
    );
  });
});

describe('code42-highriskemployee-add', () => {
  const command = 'code42-highriskemployee-add';

  test('puts the user on the list and writes the note', async () => {
    const context = expectResult(await s.run(command, { username: DEMO_USERS.alice, note: 'flight risk' }), HRE, 'Code42 High Risk Employee List User Added');
    expect(context).toEqual({ UserID: uid(DEMO_USERS.alice), Username: DEMO_USERS.alice, Note: 'flight risk' });
    expect(s.sim.tenant.highRisk.has(uid(DEMO_USERS.alice))).toBe(true);
    expect(s.sim.tenant.userByUsername(DEMO_USERS.alice)?.profileNotes).toBe('flight risk');
  });

  test('a user already on the list is an error entry saying so', async () => {
    expectError(await s.run(command, { username: DEMO_USERS.carol }), command, `User ${DEMO_USERS.carol} is already on the High Risk Employee List.`);
  });
});

describe('code42-highriskemployee-remove', () => {
  const command = 'code42-highriskemployee-remove';

  test('takes the user off the list and keeps the risk factors (seed 000)', async () => {
    const context = expectResult(await s.run(command, { username: DEMO_USERS.erin }), HRE, 'Code42 High Risk Employee List User Removed');
    expect(context).toEqual({ UserID: uid(DEMO_USERS.erin), Username: DEMO_USERS.erin });
    expect(s.sim.tenant.highRisk.has(uid(DEMO_USERS.erin))).toBe(false);
    expect(s.sim.tenant.userByUsername(DEMO_USERS.erin)?.riskFactors).toEqual(['ELEVATED_ACCESS_PRIVILEGES', 'POOR_SECURITY_PRACTICES']);
  });
});

describe('code42-highriskemployee-get', () => {
  const command = 'code42-highriskemployee-get';

  test('returns the entry with the profile note and risk tags', async () => {
    const context = expectResult(await s.run(command, { username: DEMO_USERS.dave }), HRE, 'Retrieve high risk employee');
    expect(context).toEqual({
      UserID: uid(DEMO_USERS.dave),
      Username: DEMO_USERS.dave,
      Note: 'Last day today; has Falcon source access.',
      RiskTags: ['HIGH_IMPACT_EMPLOYEE', 'FLIGHT_RISK'],
    });
  });
});

describe('code42-highriskemployee-get-all', () => {
  const command = 'code42-highriskemployee-get-all';

  test('lists every high-risk employee, and risk tags keep only those holding all of them', async () => {
    const all = expectResult(await s.run(command), HRE, 'Retrieved All High Risk Employees') as { Username: string }[];
    expect(all.map((r) => r.Username).sort()).toEqual([DEMO_USERS.carol, DEMO_USERS.dave, DEMO_USERS.erin, DEMO_USERS.mallory]);
    const tagged = expectResult(await s.run(command, { risktags: 'POOR_SECURITY_PRACTICES,ELEVATED_ACCESS_PRIVILEGES' }), HRE, 'Retrieved All High Risk Employees');
    expect(tagged).toEqual([
      { UserID: uid(DEMO_USERS.erin), Username: DEMO_USERS.erin, Note: 'Production admin; shared credentials once.', RiskTags: ['ELEVATED_ACCESS_PRIVILEGES', 'POOR_SECURITY_PRACTICES'] },
    ]);
  });

  test('risk tags nobody holds read "No results found"', async () => {
    expectNoResults(await s.run(command, { risktags: 'CONTRACT_EMPLOYEE,FLIGHT_RISK' }));
  });

  test('an unknown risk tag is refused with the valid tags', async () => {
    expectError(
      await s.run(command, { risktags: 'FLIGHT_RISK,BAD_ATTITUDE' }),
      command,
      `Invalid value "BAD_ATTITUDE" for argument "risktags": expected a comma-separated list of ${RISK_FACTORS.join(', ')}.`,
    );
  });
});

describe.each([
  ['code42-highriskemployee-add-risk-tags', 'Code42 Risk Tags Added', ['FLIGHT_RISK', 'PERFORMANCE_CONCERNS']],
  ['code42-highriskemployee-remove-risk-tags', 'Code42 Risk Tags Removed', []],
])('%s', (command, title, tagsAfter) => {
  test('changes the risk tags on the user profile', async () => {
    s.sim.tenant.userByUsername(DEMO_USERS.bob)!.riskFactors = ['FLIGHT_RISK'];
    const context = expectResult(await s.run(command, { username: DEMO_USERS.bob, risktags: 'FLIGHT_RISK,PERFORMANCE_CONCERNS' }), HRE, title);
    expect(context).toEqual({ UserID: uid(DEMO_USERS.bob), Username: DEMO_USERS.bob, RiskTags: ['FLIGHT_RISK', 'PERFORMANCE_CONCERNS'] });
    expect(s.sim.tenant.userByUsername(DEMO_USERS.bob)?.riskFactors).toEqual(tagsAfter);
  });

  test('an unknown risk tag is refused with the valid tags, and the profile is untouched', async () => {
    expectError(
      await s.run(command, { username: DEMO_USERS.bob, risktags: 'flight_risk' }),
      command,
      `Invalid value "flight_risk" for argument "risktags": expected a comma-separated list of ${RISK_FACTORS.join(', ')}.`,
    );
    expect(s.sim.tenant.userByUsername(DEMO_USERS.bob)?.riskFactors).toEqual(['FLIGHT_RISK']);
  });
});

test.each([
  ['code42-departingemployee-remove', DEMO_USERS.alice, 'Departing Employee List'],
  ['code42-departingemployee-get', DEMO_USERS.frank, 'Departing Employee List'],
  ['code42-highriskemployee-remove', DEMO_USERS.bob, 'High Risk Employee List'],
  ['code42-highriskemployee-get', DEMO_USERS.oscar, 'High Risk Employee List'],
])('%s: a user not on the list is an error entry saying so', async (command, username, list) => {
  expectError(await s.run(command, { username }), command, `User ${username} is not on the ${list}.`);
});

testUnknownUsername(s, [
  ['code42-departingemployee-add', {}],
  ['code42-departingemployee-remove', {}],
  ['code42-departingemployee-get', {}],
  ['code42-highriskemployee-add', { note: 'x' }],
  ['code42-highriskemployee-remove', {}],
  ['code42-highriskemployee-get', {}],
  ['code42-highriskemployee-add-risk-tags', { risktags: 'FLIGHT_RISK' }],
  ['code42-highriskemployee-remove-risk-tags', { risktags: 'FLIGHT_RISK' }],
]);
