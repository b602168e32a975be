// `playbook validate` and `playbook run` report the same problems, all at once, on a set of broken playbooks:
// unknown commands and scripts (minus mocks), unsupported operators and transformers, undeclared inputs,
// missing sub-playbooks, unanswered manual tasks, structural faults. Run refuses before its first task.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { run } from '../../src/cli/playbook';
import type { Playbook } from '../../src/playbooks/types';
import { captureIO } from '../foundation/helpers';
import { command, playbookDoc as playbook, simple, start, title } from './support';

const directory = mkdtempSync(join(tmpdir(), 'playbook-agree-'));

function write(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : stringify(content));
  return path;
}

async function cli(...argv: string[]) {
  const io = captureIO({ CODE42_SOAR_DATA_DIR: join(directory, 'data') });
  const code = await run(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

/** The problem sentences a validate or run printed: a "- " list, or the one sentence after the prefix. */
function sentences(stderr: string): string[] {
  const listed = [...stderr.matchAll(/^- (.+)$/gm)].map((match) => match[1]);
  return listed.length ? listed : [stderr.replace(/^code42-soar playbook: /, '').trim()];
}

// The schema wants what the runner does not read (views, descriptions): broken playbooks are built in code,
// schema-valid, so that both commands judge the same things.
const withViews = (target: Playbook): Playbook => ({
  ...target,
  fromversion: '6.10.0',
  view: '{}',
  ...(target.inputs ? { inputs: target.inputs.map((input) => ({ value: {}, description: 'An input.', ...input })) } : {}),
  tasks: Object.fromEntries(Object.entries(target.tasks).map(([id, task]) => [id, { ...task, view: '{}' }])),
} as Playbook);

const cases: [string, () => Playbook, string[], string[]][] = [
  [
    'unknown commands and scripts, named all at once',
    () => playbook({ '0': start('1', '2', '3'), '1': command('code42-alert-gett'), '2': { script: 'Jira V3|||jira-create-issue' }, '3': { scriptName: 'SendEmailReply' } }),
    [],
    [
      'Task 1 (Task 1) runs code42-alert-gett, which is not a command of Code42 and has no mock; did you mean code42-alert-get?',
      'Task 2 (Task 2) runs jira-create-issue of the integration "Jira V3", which has no mock.',
      expect.stringMatching(/^Task 3 \(Task 3\) runs the automation SendEmailReply, which the runner does not provide \(it provides .+\) and which has no mock\.$/),
    ],
  ],
  [
    'mocked commands and scripts are not problems, the rest still are',
    () => playbook({ '0': start('1', '2', '3'), '1': { script: 'Jira V3|||jira-create-issue' }, '2': { scriptName: 'SendEmailReply' }, '3': { script: 'ServiceNow v2|||servicenow-create-ticket' } }),
    ['--mocks', 'MOCKS'],
    ['Task 3 (Task 3) runs servicenow-create-ticket of the integration "ServiceNow v2", which has no mock.'],
  ],
  [
    'unsupported operators and transformers',
    () =>
      playbook({
        '0': start('1', '2'),
        '1': command('code42-alert-get', { id: { complex: { root: 'X', transformers: [{ operator: 'Base64Encode' }] } } }),
        '2': { conditions: [{ label: 'yes', condition: [[{ operator: 'isIdenticalIncident', left: { value: simple('X'), iscontext: true } }]] }], next: { yes: [] } },
      }),
    [],
    ['Task 1 (Task 1) uses the transformer "Base64Encode", which is not supported.', 'Task 2 (Task 2) uses the condition operator "isIdenticalIncident", which is not supported.'],
  ],
  [
    'an undeclared input a task reads',
    () => playbook({ '0': start('1'), '1': command('code42-alert-get', { id: simple('${inputs.AlertId}') }) }, { inputs: [{ key: 'AlertID' }] }),
    [],
    ['Task 1 (Task 1) reads inputs.AlertId, which the playbook does not declare.'],
  ],
  [
    'an undeclared input given on the command line',
    () => playbook({ '0': start('1'), '1': command('code42-alert-get', { id: simple('${inputs.AlertID}') }) }, { inputs: [{ key: 'AlertID' }] }),
    ['--input', 'Alert=1'],
    ['The playbook Test Playbook has no input "Alert"; its inputs are AlertID.'],
  ],
  [
    'unanswered and wrongly answered manual tasks, and a missing sub-playbook',
    () =>
      playbook({
        '0': start('1', '2', '3'),
        '1': { name: 'Investigate' },
        '2': { type: 'condition', name: 'Malicious?', next: { Yes: ['4'], No: ['4'] } },
        '3': { playbookName: 'Not Installed' },
        '4': title('Done'),
      }),
    ['--answer', '2=Maybe'],
    [
      'Task 1 (Investigate) is a manual task: answer it with --answer 1=<branch>, where <branch> is one of #none#.',
      'The answer "Maybe" to task 2 (Malicious?) is not one of its branches (Yes, No).',
      'Task 3 (Task 3) runs the sub-playbook "Not Installed", which was not found and has no mock.',
    ],
  ],
  [
    'a loop the runner cannot run and a required input with no default',
    () => playbook({ '0': start('1'), '1': { playbookName: 'Code42 - Triage Alert', loop: { exitCondition: 'IsAlertClosed', max: 5 }, args: { AlertID: simple('${inputs.ID}') } } }, { inputs: [{ key: 'ID', required: true }] }),
    [],
    [
      'Task 1 (Task 1) loops until the automation IsAlertClosed says so, which the runner does not support; use a built-in loop condition.',
      'The required input ID of Test Playbook has no value and no default: give it with --input ID=<value>.',
    ],
  ],
];

const MOCKS = write('mocks.yml', { 'Jira V3|||jira-create-issue': { readable: 'created' }, SendEmailReply: { readable: 'sent' } });

describe.each(cases)('%s', (name, build, options, problems) => {
  const file = write(`${name.replace(/\W+/g, '-')}.yml`, withViews(build()));
  const flags = options.map((option) => (option === 'MOCKS' ? MOCKS : option));
  const same = (printed: string) => {
    expect(sentences(printed)).toHaveLength(problems.length);
    expect(sentences(printed)).toEqual(expect.arrayContaining(problems));
  };

  test('validate lists every problem and exits 1', async () => {
    const validated = await cli('validate', file, ...flags);
    expect(validated.code).toBe(1);
    same(validated.stderr);
  });

  test('run refuses with the same problems before any task, and exits 2', async () => {
    const ran = await cli('run', file, ...flags);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    same(ran.stderr);
  });
});
