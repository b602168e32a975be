// `code42-soar playbook run|validate`: war-room output per task, exit codes 0 / 1 / 2, one-sentence errors.
// Runs go through openRuntime in demo mode (no credentials), so the embedded simulator serves them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { run } from '../../src/cli/playbook';
import { SHIPPED_PLAYBOOKS } from '../../src/playbooks/load';
import { DEMO_USERS } from '../../src/simulator';
import { captureIO } from '../foundation/helpers';
import { playbook, simple, start } from './support';

const TRIAGE = join(SHIPPED_PLAYBOOKS, 'playbook-Code42_Triage_Alert.yml');
const ADD_HIGH_RISK = join(SHIPPED_PLAYBOOKS, 'playbook-Code42_Add_High_Risk_Employee.yml');
const directory = mkdtempSync(join(tmpdir(), 'playbook-cli-'));

function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

async function cli(...argv: string[]) {
  const io = captureIO({});
  const code = await run(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe('playbook run', () => {
  test('prints each task with its war-room output and exits 0 when the playbook completes', async () => {
    const { code, stdout } = await cli('run', TRIAGE, '--input', 'AlertID=no-such-alert');
    expect(code).toBe(0);
    expect(stdout).toContain('== [1] Get the Code42 alert\nNo results found\n');
    expect(stdout).toContain('== [2] What state is the alert in? -> #default#\n');
    expect(stdout).toContain('== [9] Report the missing alert\nNo Code42 alert found with ID no-such-alert.\n');
    expect(stdout).toContain('Playbook "Code42 - Triage Alert" completed (5 tasks ran).');
  });

  test('exits 1 and names the failed task when a command fails', async () => {
    const { code, stdout, stderr } = await cli('run', ADD_HIGH_RISK, `--input=Username=${DEMO_USERS.carol}`);
    expect(code).toBe(1);
    expect(stdout).toContain('== [1] Add to the High Risk Employee List\n');
    expect(stderr).toContain(
      `Playbook "Code42 - Add High Risk Employee" failed (2 tasks ran): Task 1 (Add to the High Risk Employee List) failed: Failed to execute command code42-highriskemployee-add command. Error: User ${DEMO_USERS.carol} is already on the High Risk Employee List.`,
    );
  });

  test('--json prints the whole run report, inputs taken from --incident', async () => {
    const incident = file('incident.json', JSON.stringify({ name: 'HR referral', CustomFields: { code42username: DEMO_USERS.grace } }));
    const { code, stdout } = await cli('run', ADD_HIGH_RISK, '--incident', incident, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ playbook: 'Code42 - Add High Risk Employee', status: 'completed', outputs: { 'Code42.HighRiskEmployee.Username': DEMO_USERS.grace } });
    expect(report.tasks.map((t: { id: string }) => t.id)).toEqual(['0', '1', '2', '4', '7', '8']);
  });

  test('a task can run a shipped playbook as a sub-playbook, found by its name', async () => {
    const parent = playbook(
      { '0': start('1'), '1': { playbookName: 'Code42 - Triage Alert', separatecontext: true, args: { AlertID: simple('no-such-alert') } } },
      { name: 'Code42 - Parent' },
    );
    const { code, stdout } = await cli('run', file('parent.yml', stringify(parent)));
    expect(code).toBe(0);
    expect(stdout).toContain('== [1.9] Report the missing alert\nNo Code42 alert found with ID no-such-alert.\n');
    expect(stdout).toContain('== [1.8] Done\n\n== [1] Task 1\n\nPlaybook "Code42 - Parent" completed (2 tasks ran).');
  });

  test('a required input with no value exits 2 and says how to give it', async () => {
    const { code, stderr } = await cli('run', TRIAGE);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'code42-soar playbook: The required input AlertID of Code42 - Triage Alert has no value (its default ${incident.code42alertid} reads nothing). Give it with --input AlertID=<value> or an --incident that has it.\n',
    );
  });

  test.each([
    ['a YAML error', () => [file('broken.yml', 'id: [unclosed\n')], /^code42-soar playbook: .*broken\.yml is not valid YAML: .+\.\n$/],
    [
      'a branch to a missing task',
      () => [file('missing.yml', readFileSync(TRIAGE, 'utf8').replace("'#none#':\n      - \"2\"", "'#none#':\n      - \"42\""))],
      /The "#none#" branch of task 1 \(Get the Code42 alert\) goes to task 42, which does not exist/,
    ],
    [
      'a task the runner cannot run',
      () => [file('manual.yml', readFileSync(TRIAGE, 'utf8').replace(/ +script: 'Code42 Incydr SOAR\|\|\|code42-alert-get'\n/, ''))],
      /^code42-soar playbook: Task 1 \(Get the Code42 alert\) is a manual task, which the runner cannot complete\.\n$/,
    ],
    ['an input the playbook does not have', () => [TRIAGE, '--input', 'Alert=1'], /has no input "Alert"; its inputs are AlertID, Note\./],
    ['an incident file that is not one object', () => [TRIAGE, '--incident', file('list.json', '[]')], /list\.json must hold one incident \(a JSON object\)\./],
    ['an unknown option', () => [TRIAGE, '--fast'], /^code42-soar playbook: Unknown option "--fast"\.\n$/],
  ])('%s exits 2 with one sentence, before any task runs', async (_what, args, message) => {
    const { code, stdout, stderr } = await cli('run', ...args());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});

describe('playbook validate', () => {
  test('every shipped playbook is valid', async () => {
    for (const name of ['playbook-Code42_Triage_Alert.yml', 'playbook-Code42_Add_High_Risk_Employee.yml', 'playbook-Code42_Departing_Employee_Offboarding.yml']) {
      const { code, stdout } = await cli('validate', join(SHIPPED_PLAYBOOKS, name));
      expect(code).toBe(0);
      expect(stdout).toMatch(/is a valid playbook \(\d+ tasks\)\.\n$/);
    }
  });

  test('an invalid playbook exits 1 and lists every schema and structural problem', async () => {
    const text = readFileSync(TRIAGE, 'utf8').replace('version: -1\nname:', 'version: 2\nname:').replace('    note: false\n', '    note: false\n    colour: red\n');
    const { code, stderr } = await cli('validate', file('invalid.yml', text));
    expect(code).toBe(1);
    expect(stderr).toContain('invalid.yml: 2 problems:\n');
    expect(stderr).toContain('- tasks.0 has the key "colour", which the playbook schema does not allow.\n');
    expect(stderr).toContain('- The playbook version must be -1, not 2.\n');
  });

  test('a missing file exits 2; a missing action prints the usage and exits 2', async () => {
    expect(await cli('validate', join(directory, 'nope.yml'))).toMatchObject({ code: 2, stderr: expect.stringContaining('does not exist.') });
    expect(await cli('lint', TRIAGE)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown action "lint"') });
  });
});
