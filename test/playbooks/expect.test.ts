// The expectation checks of `playbook test`, one at a time, on a hand-made run report (no run needed).
import { check, junitReport, textReport, toTestFile } from '../../src/playbooks/expect';
import type { RunReport, TaskReport } from '../../src/playbooks/runner';

const task = (id: string, extra: Partial<TaskReport> = {}): TaskReport => ({ id, name: `Task ${id}`, type: 'regular', state: 'completed', entries: [], ...extra });

const report: RunReport = {
  playbook: 'P',
  status: 'completed',
  tasks: [task('0'), task('1', { type: 'condition', branch: 'yes' }), task('2', { type: 'playbook', subtasks: [task('2.0'), task('2.1', { branch: 'No' })] })],
  context: { Code42: { Alert: [{ ID: 'a', State: 'OPEN' }, { ID: 'b', State: 'CLOSED' }] }, Note: 'Filed in case 12.', One: ['x'] },
  outputs: { 'Code42.Alert.ID': ['a', 'b'] },
  incident: { id: '1', status: 2, CustomFields: { code42alertid: 'a' }, labels: [{ type: 'Email', value: 'e@example.com' }] },
};

test('a run that meets every expectation has no failures', () => {
  expect(
    check(report, {
      status: 'completed',
      tasks: ['0', '1', '2', '2.0', '2.1'],
      notTasks: ['3'],
      branches: { '1': 'yes', '2.1': 'No' },
      context: { "Code42.Alert(val.ID == 'b').State": 'CLOSED', Note: { $matches: '^Filed in case \\d+\\.$' }, One: 'x', 'Code42.Alert.ID': { $contains: 'b' }, Missing: { $exists: false } },
      outputs: { 'Code42.Alert.ID': { $length: 2 } },
      incident: { code42alertid: 'a', 'labels.Email': 'e@example.com', status: 2 },
    }),
  ).toEqual([]);
});

test('every difference is one sentence naming what was expected and what was found', () => {
  expect(
    check(report, {
      status: 'failed',
      tasks: ['0', '1'],
      notTasks: ['2.1'],
      branches: { '1': 'no', '7': 'yes' },
      context: { Note: { $matches: '^Closed' }, 'Code42.Alert.State': ['OPEN'], Missing: { $exists: true }, One: { $approx: 1 }, 'Code42.Alert.ID': { $matches: '(' } },
      incident: { status: 1 },
    }),
  ).toEqual([
    'status: expected failed, found completed',
    'tasks: expected 0 > 1, found 0 > 1 > 2 > 2.0 > 2.1',
    'tasks: task 2.1 ran, and it should not have',
    'branches: task 1 took "yes", expected "no"',
    'branches: task 7 did not run, so it chose no branch (expected "yes")',
    'context Note: expected text matching /^Closed/, found "Filed in case 12."',
    'context Code42.Alert.State: expected ["OPEN"], found ["OPEN","CLOSED"]',
    'context Missing: expected a value, found nothing',
    'context One: "$approx" is not a test; use $exists, $contains, $matches or $length',
    'context Code42.Alert.ID: /(/ is not a valid regular expression',
    'incident status: expected 1, found 2',
  ]);
});

test.each([
  [{ cases: [] }, 'e.yml must have cases: a list of test cases.'],
  [{ cases: [{ expect: {} }] }, 'e.yml: case 1 needs a name.'],
  [{ cases: [{ name: 'x', expect: {}, runs: [] }] }, 'e.yml: case 1 (x) needs either expect: or runs:, not both.'],
  [{ cases: [{ name: 'x', expect: { status: 'done' } }] }, 'e.yml: case 1 (x): expect: status must be one of completed, failed, error, not "done".'],
  [{ cases: [{ name: 'x', expect: {} }], mock: 'm.yml' }, 'e.yml has the key "mock"; it takes playbook, mocks and cases.'],
])('a broken expectation file is one sentence: %j', (doc, sentence) => {
  expect(() => toTestFile(doc, 'e.yml')).toThrow(sentence);
});

test('the readable report and the JUnit XML list every case, failures under their case', () => {
  const results = [
    { name: 'passes', runs: [[]], millis: 5 },
    { name: 'fails <twice>', runs: [[], ['status: expected completed, found failed']], millis: 1500 },
  ];
  expect(textReport('P', results)).toBe('P\n  PASS passes\n  FAIL fails <twice> (2 runs)\n       run 2: status: expected completed, found failed\n1 passed, 1 failed\n');
  expect(junitReport('P', results)).toBe(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites tests="2" failures="1" time="1.505">',
      '  <testsuite name="P" tests="2" failures="1" errors="0" skipped="0" time="1.505">',
      '    <testcase classname="P" name="passes" time="0.005"/>',
      '    <testcase classname="P" name="fails &lt;twice&gt;" time="1.500">',
      '      <failure message="run 2: status: expected completed, found failed">run 2: status: expected completed, found failed</failure>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'),
  );
});
