// Playbooks written the way the XSOAR Code42 pack writes them (fixtures modelled on its "Code42 Security Alert",
// "Get Code42 Employee Information", "Close Related XSOAR and Incydr Incidents" and "Check Incydr Status and
// Close XSOAR Incident": `Code42|||` brands, sub-playbooks with loop settings, forEach, a manual task,
// incident labels, extend-context and ignore-outputs, RegexExtractAll conditions, setIncident and
// closeInvestigation with an incident id) run on our integration against the simulator, foreign commands
// mocked. The pack's own files are not copied here; each fixture says which one it models.
import { join } from 'node:path';
import { sessionIncident } from '../../src/fetch/incident';
import { readMocks } from '../../src/playbooks/mocks';
import { playbookLibrary, readPlaybook, SHIPPED_PLAYBOOKS } from '../../src/playbooks/load';
import { type RunOptions, RunRefusedError, runPlaybook } from '../../src/playbooks/runner';
import { getRegistry } from '../../src/registry';
import { useSimulated } from '../support/simulator';
import { contextFor } from './support';

const FIXTURES = join(__dirname, 'fixtures');
const library = playbookLibrary([FIXTURES]);
const mocks = readMocks(join(FIXTURES, 'pack.mocks.yml'));
const SECURITY_ALERT = readPlaybook(join(FIXTURES, 'pack-alert.yml'));
const CLOSE_RELATED = readPlaybook(join(FIXTURES, 'pack-close.yml'));
// Demo tenant (seed 42): heidi's open critical alert (pack.mocks.yml also names frank's closed 7db6d708).
const HEIDI_ALERT = '38ff55aa-48b0-40d0-a5f4-6677b2e19c8b';

const demo = useSimulated({ per: 'test' });
const run = (playbook: typeof SECURITY_ALERT, options: Partial<RunOptions>) =>
  runPlaybook(playbook, { registry: getRegistry(), commandContext: contextFor(demo.client), mocks, playbooks: library, ...options });

const fetched = { id: '31', name: 'Code42 - heidi', labels: [{ type: 'id', value: HEIDI_ALERT }], CustomFields: { code42username: 'heidi.hr@example.com' } };

test('the security alert playbook resolves the alert its incident label names, after the person investigating answers', async () => {
  const report = await run(SECURITY_ALERT, { incident: fetched, answers: new Map([['4', '#none#']]) });
  expect(report.status).toBe('completed');
  expect(report.tasks.map((task) => task.id)).toEqual(['0', '1', '12', '3', '4', '5', '6', '11']);
  // The sub-playbook took the email branch, queried Active Directory (mocked) and set the employee fields; the
  // manager query's extend-context (ManagerAccount=.) read the mock's raw response (the same person here).
  expect(report.tasks[2].subtasks?.map((task) => [task.id, task.branch ?? task.state])).toEqual([
    ['12.0', 'completed'],
    ['12.1', 'Email'],
    ['12.2', 'completed'],
    ['12.9', 'completed'],
    ['12.12', 'yes'],
    ['12.11', 'completed'],
    ['12.10', 'yes'],
    ['12.8', 'completed'],
    ['12.5', 'yes'],
    ['12.6', 'completed'],
    ['12.7', 'completed'],
  ]);
  expect(report.incident).toMatchObject({ id: '31', status: 2, closeReason: 'Resolved', CustomFields: { tags: 'Incydr', employeeemail: 'heidi.hr@example.com', employeedepartment: 'People', employeemanageremail: 'heidi.hr@example.com' } });
  const session = demo.sim.tenant.session(HEIDI_ALERT)!;
  expect(demo.sim.tenant.stateOf(session)).toBe('CLOSED_TP');
});

test('without an answer for its manual task it refuses to start, naming the task and its branch', async () => {
  const attempt = run(SECURITY_ALERT, { incident: fetched });
  await expect(attempt).rejects.toBeInstanceOf(RunRefusedError);
  await expect(run(SECURITY_ALERT, { incident: fetched })).rejects.toThrow('Task 4 (Investigate the alert) is a manual task: answer it with --answer 4=<branch>, where <branch> is one of #none#.');
  expect(demo.sim.tenant.stateOf(demo.sim.tenant.session(HEIDI_ALERT)!)).toBe('OPEN');
});

test('the close-related job checks each incident\'s alert in Code42 (forEach) and closes those whose alert is closed', async () => {
  const report = await run(CLOSE_RELATED, { incident: { id: '1', name: 'Job' } });
  expect(report.status).toBe('completed');
  expect(report.tasks.find((task) => task.id === '13')?.iterations).toBe(2);
  expect(report.tasks.find((task) => task.id === '13')?.subtasks?.filter((task) => task.id === '13.1').map((task) => task.branch)).toEqual(['Yes', '#default#']);
  expect(report.context.Log).toEqual([`Closed incident #7: the Code42 alert is CLOSED.`, `Left incident #8 open: the Code42 alert is OPEN.`]);
  expect(report.context.incydr_status).toBeUndefined();
  expect(report.incident).toMatchObject({ id: '1', status: 2, closeReason: 'Done' });
});

test('an incident as our fetch-incidents makes it feeds the shipped Respond To Alert through its custom fields', async () => {
  const session = await demo.client.sessions.get(HEIDI_ALERT);
  const incident = sessionIncident(session, { actor: 'heidi.hr@example.com', ruleNames: [] }, { incidentType: '', sessionUrl: 'https://console.example.com/s', now: new Date() });
  const report = await run(readPlaybook(join(SHIPPED_PLAYBOOKS, 'playbook-Code42_Respond_To_Alert.yml')), { incident: incident as unknown as Record<string, unknown> });
  expect(report.status).toBe('completed');
  expect(report.context).toMatchObject({ AlertID: HEIDI_ALERT, Code42: { Case: { Subject: 'heidi.hr@example.com' } } });
  expect(demo.sim.tenant.stateOf(demo.sim.tenant.session(HEIDI_ALERT)!)).toBe('CLOSED_TP');
});
