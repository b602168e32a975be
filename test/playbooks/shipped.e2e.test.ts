// The shipped playbooks run end to end: runner -> registry (every command in commands/) -> Code42 client ->
// simulator with the demo tenant over HTTP, and the tenant shows the change each playbook promises.
import { join } from 'node:path';
import { toIncident } from '../../src/fetch/incident';
import { readPlaybook, SHIPPED_PLAYBOOKS } from '../../src/playbooks/load';
import { type RunOptions, type RunReport, runPlaybook } from '../../src/playbooks/runner';
import { loadCommands, Registry } from '../../src/registry';
import { DEMO_CUSTOM_WATCHLISTS, DEMO_MATTERS, DEMO_USERS, type SimAlert } from '../../src/simulator';
import { useSimulated } from '../support/simulator';
import { contextFor } from './support';

const registry = new Registry(loadCommands());
const shipped = (file: string) => readPlaybook(join(SHIPPED_PLAYBOOKS, file));
const ADD_HIGH_RISK = shipped('playbook-Code42_Add_High_Risk_Employee.yml');
const OFFBOARDING = shipped('playbook-Code42_Departing_Employee_Offboarding.yml');
const TRIAGE = shipped('playbook-Code42_Triage_Alert.yml');

// Every playbook changes the tenant: each test gets a fresh one.
const demo = useSimulated({ per: 'test' });

function run(playbook: Parameters<typeof runPlaybook>[0], options: Partial<RunOptions>): Promise<RunReport> {
  return runPlaybook(playbook, { registry, commandContext: contextFor(demo.client), ...options });
}

const ran = (report: RunReport) => report.tasks.map((task) => task.id);
const user = (username: string) => demo.sim.tenant.userByUsername(username)!;
const watchlistMembers = (match: (title: string | null, type: string) => boolean) =>
  [...demo.sim.tenant.watchlists.find((w) => match(w.title, w.listType))!.included.keys()];

describe('Code42 - Add High Risk Employee', () => {
  test('puts the incident’s user on the list with the note, the risk tags and the first tag’s watchlist', async () => {
    const grace = user(DEMO_USERS.grace);
    const report = await run(ADD_HIGH_RISK, {
      incident: { name: 'HR referral', CustomFields: { code42username: DEMO_USERS.grace } },
      inputs: { RiskTags: 'FLIGHT_RISK, PERFORMANCE_CONCERNS' },
    });
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '2', '3', '4', '6', '7', '8']);
    expect(demo.sim.tenant.highRisk.has(grace.userUid)).toBe(true);
    expect(grace.riskFactors).toEqual(expect.arrayContaining(['FLIGHT_RISK', 'PERFORMANCE_CONCERNS']));
    expect(grace.profileNotes).toBe('Added by the Code42 - Add High Risk Employee playbook.');
    expect(watchlistMembers((_, type) => type === 'FLIGHT_RISK')).toContain(grace.userUid);
    expect(report.context).toEqual({
      Code42: {
        HighRiskEmployee: {
          UserID: grace.userUid,
          Username: DEMO_USERS.grace,
          Note: 'Added by the Code42 - Add High Risk Employee playbook.',
          RiskTags: expect.arrayContaining(['FLIGHT_RISK', 'PERFORMANCE_CONCERNS']),
        },
        UsersAddedToWatchlists: { Watchlist: 'FLIGHT_RISK', Username: DEMO_USERS.grace, Success: true },
      },
    });
    expect(report.outputs['Code42.UsersAddedToWatchlists.Watchlist']).toBe('FLIGHT_RISK');
  });

  test('without risk tags it adds the user to the watchlist given by title and skips the tags', async () => {
    const frank = user(DEMO_USERS.frank);
    const report = await run(ADD_HIGH_RISK, { inputs: { Username: DEMO_USERS.frank, Watchlist: DEMO_CUSTOM_WATCHLISTS.falcon, Note: 'Copied payroll data.' } });
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '2', '4', '5', '7', '8']);
    expect(report.tasks.find((t) => t.id === '4')?.branch).toBe('given');
    expect(watchlistMembers((title) => title === DEMO_CUSTOM_WATCHLISTS.falcon)).toContain(frank.userUid);
    expect(frank.riskFactors).toEqual([]);
    expect(frank.profileNotes).toBe('Copied payroll data.');
  });

  test('a user already on the list stops the playbook at the first task, with Code42’s answer', async () => {
    const report = await run(ADD_HIGH_RISK, { inputs: { Username: DEMO_USERS.carol, RiskTags: 'FLIGHT_RISK' } });
    expect(report.status).toBe('failed');
    expect(report.error).toBe(
      `Task 1 (Add to the High Risk Employee List) failed: Failed to execute command code42-highriskemployee-add command. Error: User ${DEMO_USERS.carol} is already on the High Risk Employee List.`,
    );
    expect(user(DEMO_USERS.carol).riskFactors).not.toContain('FLIGHT_RISK');
  });
});

describe('Code42 - Departing Employee Offboarding', () => {
  test('adds the departure to the list, watchlist and risk profile, and puts the employee on legal hold', async () => {
    const heidi = user(DEMO_USERS.heidi);
    const report = await run(OFFBOARDING, {
      incident: { CustomFields: { code42username: DEMO_USERS.heidi } },
      inputs: { DepartureDate: '2030-06-30', LegalHold: 'true', LegalHoldMatter: DEMO_MATTERS.falcon },
    });
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(demo.sim.tenant.departing.get(heidi.userUid)?.departureDate).toBe('2030-06-30');
    expect(heidi.endDate).toEqual({ year: 2030, month: 6, day: 30 });
    expect(watchlistMembers((_, type) => type === 'DEPARTING_EMPLOYEE')).toContain(heidi.userUid);
    const matter = demo.sim.tenant.matters.find((m) => m.name === DEMO_MATTERS.falcon)!;
    expect(matter.memberships.get(heidi.userUid)?.active).toBe(true);
    expect(report.outputs).toEqual({
      'Code42.DepartingEmployee.UserID': heidi.userUid,
      'Code42.DepartingEmployee.DepartureDate': '2030-06-30',
      'Code42.UpdatedUserRiskProfiles.EndDate': { year: 2030, month: 6, day: 30 },
      'Code42.LegalHold.MatterID': matter.matterId,
    });
  });

  test('without LegalHold the employee is not put on any matter', async () => {
    const heidi = user(DEMO_USERS.heidi);
    const report = await run(OFFBOARDING, { inputs: { Username: DEMO_USERS.heidi, DepartureDate: '2030-06-30' } });
    expect(report.status).toBe('completed');
    expect(report.tasks.find((t) => t.id === '4')?.branch).toBe('#default#');
    expect(demo.sim.tenant.matters.some((m) => m.memberships.has(heidi.userUid))).toBe(false);
    expect(demo.sim.tenant.departing.has(heidi.userUid)).toBe(true);
  });
});

describe('Code42 - Triage Alert', () => {
  const openAlert = (severities: string[]): SimAlert => demo.sim.tenant.alerts.all().find((a) => a.state === 'OPEN' && severities.includes(a.riskSeverity))!;

  async function fetchedIncident(alert: SimAlert) {
    const [details] = await demo.client.alerts.details([alert.id]);
    return toIncident(details, { incidentType: 'Code42 Security Alert', alertUrl: demo.client.alertUrl(alert.id) }) as unknown as Record<string, unknown>;
  }

  test('a low-severity open alert from fetch-incidents gets the note, is resolved, and the incident is closed', async () => {
    const alert = openAlert(['LOW', 'NO_RISK_INDICATED']);
    const report = await run(TRIAGE, { incident: await fetchedIncident(alert) });
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '2', '3', '4', '5', '7', '8']);
    expect(demo.sim.tenant.alert(alert.id)).toMatchObject({ state: 'RESOLVED', note: { message: 'Triaged by the Code42 - Triage Alert playbook.' } });
    expect(report.incident).toMatchObject({ status: 2, closeReason: 'Resolved', closeNotes: `The Code42 alert ${alert.id} is resolved.` });
    expect(report.context).toEqual({ Code42: { SecurityAlert: expect.objectContaining({ ID: alert.id, State: 'RESOLVED' }) } });
    expect(report.outputs['Code42.SecurityAlert.State']).toBe('RESOLVED');
  });

  test('a high-severity open alert is marked in progress and the incident stays open', async () => {
    const alert = openAlert(['HIGH', 'CRITICAL']);
    const report = await run(TRIAGE, { inputs: { AlertID: alert.id } });
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '2', '3', '4', '6', '8']);
    expect(demo.sim.tenant.alert(alert.id)?.state).toBe('IN_PROGRESS');
    expect(report.incident.status).toBeUndefined();
  });

  test('an alert already resolved in Code42 is left as it is and the incident is closed', async () => {
    const alert = demo.sim.tenant.alerts.all().find((a) => a.state === 'RESOLVED')!;
    const noteBefore = alert.note;
    const report = await run(TRIAGE, { incident: { CustomFields: { code42alertid: alert.id } } });
    expect(ran(report)).toEqual(['0', '1', '2', '7', '8']);
    expect(demo.sim.tenant.alert(alert.id)?.note).toEqual(noteBefore);
    expect(report.incident.status).toBe(2);
  });

  test('an alert id Code42 does not know is reported, not closed', async () => {
    const report = await run(TRIAGE, { inputs: { AlertID: 'no-such-alert' } });
    expect(report.status).toBe('completed');
    expect(ran(report)).toEqual(['0', '1', '2', '9', '8']);
    expect(report.tasks[3].entries[0].HumanReadable).toBe('No Code42 alert found with ID no-such-alert.');
    expect(report.incident.status).toBeUndefined();
  });
});
