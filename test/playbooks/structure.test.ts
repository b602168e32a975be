// `playbook validate`: the demisto-sdk schema (ajv) and the structural rules, each problem as one sentence.
import { join } from 'node:path';
import { parseYamlDocument, readText, toPlaybook } from '../../src/playbooks/load';
import { schemaProblems } from '../../src/playbooks/schema';
import { runStoppingProblems, structuralProblems } from '../../src/playbooks/structure';
import { PlaybookError } from '../../src/playbooks/types';

// The validated example of xsoar-conventions §4.8, kept with the tests.
const EXAMPLE = join(__dirname, 'fixtures', 'xsoar-playbook.example.yml');

type Doc = {
  id: string;
  name: string;
  version: number;
  starttaskid: string;
  inputs: { key: string }[];
  tasks: Record<string, { id: string; taskid: string; type: string; task: Record<string, unknown>; nexttasks?: Record<string, string[]> } & Record<string, unknown>>;
};

const example = (): Doc => parseYamlDocument(readText(EXAMPLE), EXAMPLE) as Doc;

/** The problems of the example playbook after `change`. */
function problemsAfter(change: (doc: Doc) => void): string[] {
  const doc = example();
  change(doc);
  return structuralProblems(doc);
}

test('the validated example playbook passes the schema and every structural rule', () => {
  const doc = example();
  expect(schemaProblems(doc)).toEqual([]);
  expect(structuralProblems(doc)).toEqual([]);
});

describe('structural problems, one sentence each', () => {
  test.each<[string, (doc: Doc) => void, string]>([
    ['a task id that differs from its key', (d) => (d.tasks['1'].id = '7'), 'Task 1 (Get Code42 alert) has id "7"; a task\'s id must equal its key.'],
    [
      'taskid and task.id that differ',
      (d) => (d.tasks['1'].task.id = '11111111-2222-4333-8444-555555555555'),
      'Task 1 (Get Code42 alert) has taskid 2a1d9b63-4e6f-4eab-8b62-1d2c3e4f5a61 but task.id 11111111-2222-4333-8444-555555555555; they must be the same.',
    ],
    [
      'a taskid that is not a UUID',
      (d) => {
        d.tasks['1'].taskid = 'task-one';
        d.tasks['1'].task.id = 'task-one';
      },
      'Task 1 (Get Code42 alert) has taskid "task-one", which is not a UUID.',
    ],
    [
      'two tasks with one taskid',
      (d) => {
        d.tasks['3'].taskid = d.tasks['1'].taskid;
        d.tasks['3'].task.id = d.tasks['1'].taskid;
      },
      'Tasks 1 and 3 share the taskid 2a1d9b63-4e6f-4eab-8b62-1d2c3e4f5a61.',
    ],
    ['a branch to a task that does not exist', (d) => (d.tasks['1'].nexttasks = { '#none#': ['9'] }), 'The "#none#" branch of task 1 (Get Code42 alert) goes to task 9, which does not exist.'],
    ['a task no path reaches', (d) => (d.tasks['2'].nexttasks = { '#default#': ['4'], yes: ['4'] }), 'Task 3 (Close alert as false positive) is not connected: no path from the start task reaches it.'],
    ['a condition label without a branch', (d) => (d.tasks['2'].nexttasks = { '#default#': ['4', '3'] }), 'Condition task 2 (Is the alert still open?) has no branch for its condition label "yes".'],
    ['a branch no condition defines', (d) => (d.tasks['2'].nexttasks = { '#default#': ['4'], yes: ['3'], maybe: ['4'] }), 'Condition task 2 (Is the alert still open?) has a branch "maybe" that no condition defines.'],
    [
      'an #error# branch without continueonerror',
      (d) => (d.tasks['1'].nexttasks = { '#none#': ['2'], '#error#': ['4'] }),
      'Task 1 (Get Code42 alert) has an #error# branch, so it needs continueonerror: true and continueonerrortype: errorPath.',
    ],
    ['errorPath without an #error# branch', (d) => Object.assign(d.tasks['1'], { continueonerror: true, continueonerrortype: 'errorPath' }), 'Task 1 (Get Code42 alert) has continueonerrortype errorPath but no #error# branch.'],
    ['a condition label on a regular task', (d) => (d.tasks['1'].nexttasks = { yes: ['2'] }), 'Task 1 (Get Code42 alert) is not a condition task, so its branches can only be #none# and #error#, not "yes".'],
    ['a start task of another type', (d) => (d.tasks['0'].type = 'title'), 'The start task 0 must be of type start, not title.'],
    ['a start task that does not exist', (d) => (d.starttaskid = '42'), 'The start task 42 does not exist.'],
    ['an id that differs from the name', (d) => (d.id = 'Other'), 'The playbook id "Other" must equal its name "Code42 Triage Alert".'],
    ['a version other than -1', (d) => (d.version = 3), 'The playbook version must be -1, not 3.'],
    ['an input read but not declared', (d) => (d.inputs = []), 'Task 1 (Get Code42 alert) reads inputs.AlertID, which the playbook does not declare.'],
  ])('%s', (_what, change, problem) => {
    expect(problemsAfter(change)).toEqual([problem]);
  });

  test('a playbook with no tasks says so', () => {
    expect(structuralProblems({ id: 'x', name: 'x', tasks: {} })).toEqual(['The playbook has no tasks.']);
  });

  test('loading a playbook with problems raises the first that stops a run and counts the rest', () => {
    const doc = example();
    doc.tasks['1'].nexttasks = { '#none#': ['9', '10'] };
    expect(() => toPlaybook(doc, 'pb.yml')).toThrow(
      new PlaybookError('pb.yml: The "#none#" branch of task 1 (Get Code42 alert) goes to task 9, which does not exist (1 more: run "code42-soar playbook validate pb.yml").'),
    );
  });

  test('authoring rules are reported but do not stop a run: published playbooks carry an old version number', () => {
    const doc = example();
    doc.version = 14;
    doc.tasks['1'].id = '7';
    expect(structuralProblems(doc)).toEqual(['The playbook version must be -1, not 14.', 'Task 1 (Get Code42 alert) has id "7"; a task\'s id must equal its key.']);
    expect(runStoppingProblems(doc)).toEqual([]);
    expect(toPlaybook(doc, 'pb.yml').version).toBe(14);
  });
});

describe('schema problems', () => {
  test('a key the schema does not know is named with its place', () => {
    const doc = example();
    doc.tasks['1'].bogus = true;
    expect(schemaProblems(doc)).toEqual(['tasks.1 has the key "bogus", which the playbook schema does not allow.']);
  });

  test('a missing required key is named', () => {
    const doc = example() as Partial<Doc>;
    delete doc.starttaskid;
    expect(schemaProblems(doc)).toContain('The playbook is missing the required key "starttaskid".');
  });
});

describe('YAML', () => {
  test('a duplicate key is a YAML error naming the file and the place', () => {
    expect(() => parseYamlDocument('id: a\nid: b\n', 'dup.yml')).toThrow(new PlaybookError('dup.yml is not valid YAML: Map keys must be unique at line 2, column 1.'));
  });
});
