// `code42-soar playbook run|validate|test|graph`: war-room output per task, exit codes 0 / 1 / 2, one-sentence
// errors. Runs go through openRuntime in demo mode (no credentials), so the embedded simulator serves them,
// its tenant kept in a data directory of each test's own.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { run } from '../../src/cli/playbook';
import { SHIPPED_PLAYBOOKS } from '../../src/playbooks/load';
import { captureIO } from '../foundation/helpers';
import { playbook, simple, start } from './support';

const TRIAGE = join(SHIPPED_PLAYBOOKS, 'playbook-Code42_Triage_Alert.yml');
const directory = mkdtempSync(join(tmpdir(), 'playbook-cli-'));
// Demo tenant facts (seed 42): an open alert of low severity.
const LOW_OPEN_ALERT = 'c2a976ec-abb1-4f45-baef-ef56f9341473';

function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

async function cli(...argv: string[]) {
  const io = captureIO({ CODE42_SOAR_DATA_DIR: mkdtempSync(join(directory, 'data-')), LOG_LEVEL: 'warn' });
  const code = await run(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe('playbook run', () => {
  test('prints each task with its war-room output and exits 0 when the playbook completes', async () => {
    const { code, stdout } = await cli('run', TRIAGE, '--input', 'AlertID=no-such-alert');
    expect(code).toBe(0);
    expect(stdout).toContain('== [1] Get the Code42 alert\n');
    expect(stdout).toContain('== [2] What state is the alert in? -> #default#\n');
    expect(stdout).toContain('== [9] Report the missing alert\nNo Code42 alert found with ID no-such-alert.\n');
    expect(stdout).toContain('Playbook "Code42 - Triage Alert" completed (5 tasks ran).');
  });

  test('--json prints the whole run report, inputs taken from --incident', async () => {
    const incident = file('incident.json', JSON.stringify({ name: 'Low alert', CustomFields: { code42alertid: LOW_OPEN_ALERT } }));
    const { code, stdout } = await cli('run', TRIAGE, '--incident', incident, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ playbook: 'Code42 - Triage Alert', status: 'completed', outputs: { 'Code42.SecurityAlert.State': 'CLOSED_TP' }, incident: { status: 2 } });
    expect(report.tasks.map((t: { id: string }) => t.id)).toEqual(['0', '1', '2', '10', '3', '4', '5', '7', '8']);
  });

  test('a task can run a shipped playbook as a sub-playbook, found by its name; its tasks are numbered under the task', async () => {
    const parent = playbook(
      { '0': start('1'), '1': { playbookName: 'Code42 - Triage Alert', separatecontext: true, args: { AlertID: simple('no-such-alert') } } },
      { name: 'Code42 - Parent' },
    );
    const { code, stdout } = await cli('run', file('parent.yml', stringify(parent)));
    expect(code).toBe(0);
    expect(stdout).toContain('== [1.9] Report the missing alert\nNo Code42 alert found with ID no-such-alert.\n');
    expect(stdout).toContain('Playbook "Code42 - Parent" completed (2 tasks ran).');
  });

  test('--context gives the context the run starts from', async () => {
    const { code, stdout } = await cli('run', TRIAGE, '--context', file('context.json', JSON.stringify({ Start: { ID: 'no-such-alert' } })), '--input', 'AlertID=no-such-alert', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).context).toEqual({ Start: { ID: 'no-such-alert' } });
  });

  test('manual tasks take the branch --answer gives them', async () => {
    const manual = playbook({ '0': start('1'), '1': { type: 'condition', name: 'Escalate?', next: { Yes: ['2'], No: ['3'] } }, '2': { scriptName: 'Print', args: { value: simple('escalated') } }, '3': { scriptName: 'Print', args: { value: simple('kept') } } }, { name: 'Manual' });
    const { code, stdout } = await cli('run', file('manual.yml', stringify(manual)), '--answer', '1=No');
    expect(code).toBe(0);
    expect(stdout).toContain('== [1] Escalate? -> No\n\n== [3] Task 3\nkept\n');
  });

  test('every problem that refuses a run is listed at once, and it exits 2 before any task', async () => {
    const broken = playbook(
      {
        '0': start('1', '2', '3'),
        '1': { script: 'Jira V3|||jira-create-issue' },
        '2': { scriptName: 'SendEmailReply' },
        '3': { type: 'condition', name: 'Approve?', next: { Yes: [], No: [] } },
      },
      { name: 'Broken' },
    );
    const { code, stdout, stderr } = await cli('run', file('broken-run.yml', stringify(broken)));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('broken-run.yml: 3 problems:\n');
    expect(stderr).toContain('- Task 1 (Task 1) runs jira-create-issue of the integration "Jira V3", which has no mock.\n');
    expect(stderr).toContain('- Task 2 (Task 2) runs the automation SendEmailReply');
    expect(stderr).toContain('- Task 3 (Approve?) is a manual condition task: answer it with --answer 3=<branch>, where <branch> is one of Yes, No.\n');
  });

  test('a required input with no value exits 2 and says how to give it', async () => {
    const { code, stderr } = await cli('run', TRIAGE);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'code42-soar playbook: The required input AlertID of Code42 - Triage Alert has no value (its default ${incident.code42alertid} reads nothing): give it with --input AlertID=<value> or an --incident that has it.\n',
    );
  });

  test.each([
    ['a YAML error', () => [file('broken.yml', 'id: [unclosed\n')], /^code42-soar playbook: .*broken\.yml is not valid YAML: .+\.\n$/],
    [
      'a branch to a missing task',
      () => [file('missing.yml', readFileSync(TRIAGE, 'utf8').replace("'#none#':\n        - \"2\"", "'#none#':\n        - \"42\""))],
      /The "#none#" branch of task 1 \(Get the Code42 alert\) goes to task 42, which does not exist/,
    ],
    ['an input the playbook does not have', () => [TRIAGE, '--input', 'Alert=1'], /has no input "Alert"; its inputs are AlertID, Note\./],
    ['an answer that is not name=value', () => [TRIAGE, '--answer', '3'], /^code42-soar playbook: --answer needs task=value, not "3"\.\n$/],
    ['a mocks file that is not a map', () => [TRIAGE, '--mocks', file('mocks.yml', '- a\n')], /mocks\.yml must be a mapping from command or script names to mocks\./],
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
  test('an invalid playbook exits 1 and lists every schema and structural problem', async () => {
    const text = readFileSync(TRIAGE, 'utf8').replace('version: -1\nname:', 'version: 2\nname:').replace('    note: false\n', '    note: false\n    colour: red\n');
    const { code, stderr } = await cli('validate', file('invalid.yml', text));
    expect(code).toBe(1);
    expect(stderr).toContain('invalid.yml: 2 problems:\n');
    expect(stderr).toContain('- tasks.0 has the key "colour", which the playbook schema does not allow.\n');
    expect(stderr).toContain('- The playbook version must be -1, not 2.\n');
  });

  test('a schema file that does not exist fails the validation; it is never a pass', async () => {
    const { code, stderr } = await cli('validate', TRIAGE, '--schema', join(directory, 'no-schema.json'));
    expect(code).toBe(1);
    expect(stderr).toContain(`- The playbook schema ${join(directory, 'no-schema.json')} does not exist.\n`);
  });

  test('a missing file exits 2; an unknown action prints the usage and exits 2', async () => {
    expect(await cli('validate', join(directory, 'nope.yml'))).toMatchObject({ code: 2, stderr: expect.stringContaining('does not exist.') });
    expect(await cli('lint', TRIAGE)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown action "lint"') });
  });
});

describe('playbook test', () => {
  const expectations = (cases: unknown[]) => file(`expect-${cases.length}-${Math.random().toString(36).slice(2)}.yml`, stringify({ playbook: TRIAGE, cases }));

  test('a passing case prints PASS, exits 0 and writes JUnit XML when asked', async () => {
    const junit = join(directory, 'junit-pass.xml');
    const spec = expectations([{ name: 'unknown alert', inputs: { AlertID: 'no-such-alert' }, expect: { tasks: ['0', '1', '2', '9', '8'], branches: { '2': '#default#' } } }]);
    const { code, stdout } = await cli('test', '--expect', spec, '--junit', junit);
    expect(code).toBe(0);
    expect(stdout).toBe('Code42 - Triage Alert\n  PASS unknown alert\n1 passed, 0 failed\n');
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuite name="Code42 - Triage Alert" tests="1" failures="0" errors="0" skipped="0" time="[\d.]+">\n {4}<testcase classname="Code42 - Triage Alert" name="unknown alert" time="[\d.]+"\/>/);
  });

  test('a mismatch names what differs, exits 1, and the JUnit XML carries it as a failure', async () => {
    const junit = join(directory, 'junit-fail.xml');
    const spec = expectations([
      {
        name: 'expects the wrong branch & state',
        inputs: { AlertID: LOW_OPEN_ALERT },
        expect: { branches: { '2': 'closed' }, context: { 'Code42.SecurityAlert.State': 'OPEN' } },
      },
    ]);
    const { code, stdout } = await cli('test', TRIAGE, '--expect', spec, '--junit', junit);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        'Code42 - Triage Alert',
        '  FAIL expects the wrong branch & state',
        '       branches: task 2 took "open", expected "closed"',
        '       context Code42.SecurityAlert.State: expected "OPEN", found "CLOSED_TP"',
        '0 passed, 1 failed',
        '',
      ].join('\n'),
    );
    expect(readFileSync(junit, 'utf8')).toContain('<failure message="branches: task 2 took &quot;open&quot;, expected &quot;closed&quot;">');
  });

  test('a JUnit file that cannot be written is one sentence and exit 2, after the readable report', async () => {
    const spec = expectations([{ name: 'unknown alert', inputs: { AlertID: 'no-such-alert' }, expect: { tasks: ['0', '1', '2', '9', '8'] } }]);
    const { code, stdout, stderr } = await cli('test', '--expect', spec, '--junit', join(directory, 'no-such-dir', 'out.xml'));
    expect(code).toBe(2);
    expect(stdout).toContain('PASS unknown alert');
    expect(stderr).toBe(`code42-soar playbook: Cannot write the JUnit report ${join(directory, 'no-such-dir', 'out.xml')}: its directory does not exist.\n`);
  });

  test('a broken expectation file is one sentence and exit 2', async () => {
    const spec = file('bad-expect.yml', stringify({ playbook: TRIAGE, cases: [{ name: 'x', expect: { taks: [] } }] }));
    const { code, stderr } = await cli('test', '--expect', spec);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad-expect\.yml: case 1 \(x\): expect has the key "taks"; it takes status, error, tasks, notTasks, branches, context, outputs, incident\.\n$/);
  });
});

describe('playbook graph', () => {
  test('prints the playbook as a Mermaid flowchart', async () => {
    const { code, stdout } = await cli('graph', TRIAGE);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^flowchart TD\n {2}t0\(\("Start"\)\)\n/);
    expect(stdout).toContain('  t2 -->|"closed"| t7\n');
  });
});
