// `playbook test`: an expectation file says how a playbook must run — with which inputs, incident, context and
// answers — and what must hold afterwards: the run's status, the tasks taken (in order), the branches chosen,
// context paths, declared outputs and incident fields. A case may run the playbook several times in a row on
// the same tenant (`runs:`), each run with its own expectations: the way to show a playbook is idempotent.
//
// ```yaml
// playbook: ../playbook-Code42_Respond_To_Alert.yml   # optional: the CLI can name it
// cases:
//   - name: an open alert is resolved and filed in a case
//     inputs: { Username: alice@example.com }
//     incident: { name: Alert }                       # optional; also context:, answers: { "4": "Yes" }
//     expect:
//       status: completed                             # the default
//       tasks: ["0", "1", "2", "3"]                   # exactly these, in this order; notTasks: [...] never ran
//       branches: { "2": "yes" }
//       context: { Code42.SecurityAlert.State: CLOSED_TP, Code42.Case.Number: { $exists: true } }
//       outputs: { ... }
//       incident: { status: 2 }
// ```
// A value is compared as JSON (a one-item list reads as its item, as DT paths do); `{$exists: bool}`,
// `{$contains: x}`, `{$matches: regex}` and `{$length: n}` test it instead.
import type { CommandContext } from '../command';
import type { Registry } from '../registry';
import { type Context } from './context';
import { readPath, unwrap } from './dt-path';
import { incidentView } from './incident';
import { parseYamlDocument, readText } from './load';
import type { Mocks } from './mocks';
import { type RunReport, runPlaybook, type TaskReport } from './runner';
import { type Playbook, PlaybookError } from './types';
import { isObject } from '../values';

export interface Expectation {
  status?: RunReport['status'];
  /** Text the run's error must contain. */
  error?: string;
  tasks?: string[];
  notTasks?: string[];
  branches?: Record<string, string>;
  context?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  incident?: Record<string, unknown>;
}

export interface Setup {
  inputs?: Record<string, unknown>;
  incident?: Record<string, unknown>;
  context?: Context;
  answers?: Record<string, string>;
}

export interface TestCase extends Setup {
  name: string;
  /** One expectation per run, in order (a case with `expect:` runs once). */
  runs: Expectation[];
}

export interface TestFile {
  /** The playbook file, resolved against the expectation file's directory. */
  playbook?: string;
  mocks?: string;
  cases: TestCase[];
}

const EXPECT_KEYS = ['status', 'error', 'tasks', 'notTasks', 'branches', 'context', 'outputs', 'incident'];
const CASE_KEYS = ['name', 'inputs', 'incident', 'context', 'answers', 'expect', 'runs'];
const STATUSES = ['completed', 'failed', 'error'];

function mapping(value: unknown, where: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new PlaybookError(`${where} must be a mapping.`);
  return value;
}

function stringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new PlaybookError(`${where} must be a list of task ids.`);
  return value.map(String);
}

function expectation(value: unknown, where: string): Expectation {
  const doc = mapping(value, where) ?? {};
  const unknown = Object.keys(doc).find((key) => !EXPECT_KEYS.includes(key));
  if (unknown !== undefined) throw new PlaybookError(`${where} has the key "${unknown}"; it takes ${EXPECT_KEYS.join(', ')}.`);
  if (doc.status !== undefined && !STATUSES.includes(String(doc.status))) throw new PlaybookError(`${where}: status must be one of ${STATUSES.join(', ')}, not "${String(doc.status)}".`);
  const branches = mapping(doc.branches, `${where}: branches`);
  return {
    ...(doc.status !== undefined ? { status: doc.status as RunReport['status'] } : {}),
    ...(doc.error !== undefined ? { error: String(doc.error) } : {}),
    ...(doc.tasks !== undefined ? { tasks: stringList(doc.tasks, `${where}: tasks`) } : {}),
    ...(doc.notTasks !== undefined ? { notTasks: stringList(doc.notTasks, `${where}: notTasks`) } : {}),
    ...(branches ? { branches: Object.fromEntries(Object.entries(branches).map(([id, label]) => [id, String(label)])) } : {}),
    ...(doc.context !== undefined ? { context: mapping(doc.context, `${where}: context`) } : {}),
    ...(doc.outputs !== undefined ? { outputs: mapping(doc.outputs, `${where}: outputs`) } : {}),
    ...(doc.incident !== undefined ? { incident: mapping(doc.incident, `${where}: incident`) } : {}),
  };
}

function testCase(value: unknown, index: number, source: string): TestCase {
  const where = `${source}: case ${index + 1}`;
  const doc = mapping(value, where)!;
  const unknown = Object.keys(doc).find((key) => !CASE_KEYS.includes(key));
  if (unknown !== undefined) throw new PlaybookError(`${where} has the key "${unknown}"; a case takes ${CASE_KEYS.join(', ')}.`);
  if (typeof doc.name !== 'string' || doc.name.trim() === '') throw new PlaybookError(`${where} needs a name.`);
  if ((doc.expect === undefined) === (doc.runs === undefined)) throw new PlaybookError(`${where} (${doc.name}) needs either expect: or runs:, not both.`);
  let runs: Expectation[];
  if (doc.runs !== undefined) {
    if (!Array.isArray(doc.runs) || doc.runs.length === 0) throw new PlaybookError(`${where} (${doc.name}): runs must be a list of { expect: ... }.`);
    runs = doc.runs.map((run, i) => expectation(mapping(run, `${where} run ${i + 1}`)?.expect, `${where} (${doc.name}) run ${i + 1}: expect`));
  } else runs = [expectation(doc.expect, `${where} (${doc.name}): expect`)];
  const answers = mapping(doc.answers, `${where}: answers`);
  return {
    name: doc.name,
    runs,
    ...(doc.inputs !== undefined ? { inputs: mapping(doc.inputs, `${where}: inputs`) } : {}),
    ...(doc.incident !== undefined ? { incident: mapping(doc.incident, `${where}: incident`) } : {}),
    ...(doc.context !== undefined ? { context: mapping(doc.context, `${where}: context`) } : {}),
    ...(answers ? { answers: Object.fromEntries(Object.entries(answers).map(([id, label]) => [id, String(label)])) } : {}),
  };
}

export function toTestFile(doc: unknown, source: string): TestFile {
  const root = mapping(doc, source);
  if (!root || !Array.isArray(root.cases) || root.cases.length === 0) throw new PlaybookError(`${source} must have cases: a list of test cases.`);
  const unknown = Object.keys(root).find((key) => !['playbook', 'mocks', 'cases'].includes(key));
  if (unknown !== undefined) throw new PlaybookError(`${source} has the key "${unknown}"; it takes playbook, mocks and cases.`);
  return {
    ...(root.playbook !== undefined ? { playbook: String(root.playbook) } : {}),
    ...(root.mocks !== undefined ? { mocks: String(root.mocks) } : {}),
    cases: root.cases.map((item, index) => testCase(item, index, source)),
  };
}

export const readTestFile = (file: string): TestFile => toTestFile(parseYamlDocument(readText(file), file), file);

// Not values.shown: a test report quotes expected and found values whole, since a cut could hide the difference.
const described = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

/** JSON with object keys sorted: context values are JSON data, compared as such (key order aside). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** Why `actual` does not meet `wanted`, or undefined when it does. */
function mismatch(wanted: unknown, actual: unknown): string | undefined {
  if (isObject(wanted) && Object.keys(wanted).length === 1 && Object.keys(wanted)[0].startsWith('$')) {
    const [operator, operand] = Object.entries(wanted)[0];
    switch (operator) {
      case '$exists':
        return (actual !== undefined) === Boolean(operand) ? undefined : operand ? 'expected a value, found nothing' : `expected nothing, found ${described(actual)}`;
      case '$contains': {
        const holds = typeof actual === 'string' ? actual.includes(String(operand)) : Array.isArray(actual) ? actual.some((item) => same(item, operand)) : same(actual, operand);
        return holds ? undefined : `expected something containing ${described(operand)}, found ${described(actual)}`;
      }
      case '$matches': {
        let pattern: RegExp;
        try {
          pattern = new RegExp(String(operand));
        } catch {
          return `/${String(operand)}/ is not a valid regular expression`;
        }
        return typeof actual === 'string' && pattern.test(actual) ? undefined : `expected text matching /${String(operand)}/, found ${described(actual)}`;
      }
      case '$length': {
        const length = Array.isArray(actual) ? actual.length : actual === undefined ? 0 : 1;
        return length === Number(operand) ? undefined : `expected ${String(operand)} item(s), found ${length}: ${described(actual)}`;
      }
      default:
        return `"${operator}" is not a test; use $exists, $contains, $matches or $length`;
    }
  }
  return same(unwrap(wanted), unwrap(actual)) ? undefined : `expected ${described(wanted)}, found ${described(actual)}`;
}

/** Every task that ran, sub-playbook tasks included, in the order they ran. */
export function tasksTaken(tasks: TaskReport[]): TaskReport[] {
  return tasks.flatMap((task) => [task, ...tasksTaken(task.subtasks ?? [])]);
}

/** Every way the run differs from the expectation, one sentence each; empty when it meets it. */
export function check(report: RunReport, expected: Expectation): string[] {
  const failures: string[] = [];
  const status = expected.status ?? 'completed';
  if (report.status !== status) failures.push(`status: expected ${status}, found ${report.status}${report.error ? ` (${report.error})` : ''}`);
  if (expected.error !== undefined && !(report.error ?? '').includes(expected.error)) failures.push(`error: expected it to contain ${described(expected.error)}, found ${described(report.error)}`);
  const taken = tasksTaken(report.tasks);
  const ids = taken.map((task) => task.id);
  if (expected.tasks && !same(expected.tasks, ids)) failures.push(`tasks: expected ${expected.tasks.join(' > ')}, found ${ids.join(' > ')}`);
  for (const id of expected.notTasks ?? []) if (ids.includes(id)) failures.push(`tasks: task ${id} ran, and it should not have`);
  for (const [id, label] of Object.entries(expected.branches ?? {})) {
    const branches = taken.filter((task) => task.id === id).map((task) => task.branch);
    if (branches.length === 0) failures.push(`branches: task ${id} did not run, so it chose no branch (expected ${described(label)})`);
    else if (!branches.every((branch) => branch === label)) failures.push(`branches: task ${id} took ${branches.map(described).join(', ')}, expected ${described(label)}`);
  }
  const groups: [string, Record<string, unknown> | undefined, (path: string) => unknown][] = [
    ['context', expected.context, (path) => readPath(report.context, path)],
    ['outputs', expected.outputs, (path) => report.outputs[path]],
    ['incident', expected.incident, (path) => readPath(incidentView(report.incident), path)],
  ];
  for (const [group, wanted, read] of groups) {
    for (const [path, value] of Object.entries(wanted ?? {})) {
      const why = mismatch(value, read(path));
      if (why) failures.push(`${group} ${path}: ${why}`);
    }
  }
  return failures;
}

export interface CaseResult {
  name: string;
  /** Failures of each run, in order; a run that could not start has its one sentence. */
  runs: string[][];
  /** Milliseconds the case took (for the JUnit report; nothing asserts on it). */
  millis: number;
}

export const passed = (result: CaseResult): boolean => result.runs.every((failures) => failures.length === 0);

/** The readable report: one line per case, the failures of failing runs indented under it. */
export function textReport(playbook: string, results: CaseResult[]): string {
  const lines = [`${playbook}`];
  for (const result of results) {
    lines.push(`  ${passed(result) ? 'PASS' : 'FAIL'} ${result.name}${result.runs.length > 1 ? ` (${result.runs.length} runs)` : ''}`);
    result.runs.forEach((failures, index) => {
      for (const failure of failures) lines.push(`       ${result.runs.length > 1 ? `run ${index + 1}: ` : ''}${failure}`);
    });
  }
  const failed = results.filter((result) => !passed(result)).length;
  lines.push(`${results.length - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

/** Characters XML 1.0 allows (tab, newline, carriage return and the printable planes); others are left out. */
const xmlAllowed = (code: number): boolean => code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code > 0xffff;

const xml = (text: string): string =>
  [...text]
    .filter((ch) => xmlAllowed(ch.codePointAt(0)!))
    .join('')
    .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** JUnit XML, the format CI servers read: one testsuite per playbook, one testcase per case. */
export function junitReport(playbook: string, results: CaseResult[]): string {
  const failures = results.filter((result) => !passed(result)).length;
  const seconds = (millis: number) => (millis / 1000).toFixed(3);
  const total = results.reduce((sum, result) => sum + result.millis, 0);
  const cases = results.map((result) => {
    const open = `    <testcase classname="${xml(playbook)}" name="${xml(result.name)}" time="${seconds(result.millis)}"`;
    if (passed(result)) return `${open}/>`;
    const text = result.runs.flatMap((list, index) => list.map((failure) => (result.runs.length > 1 ? `run ${index + 1}: ${failure}` : failure)));
    return `${open}>\n      <failure message="${xml(text[0])}">${xml(text.join('\n'))}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${results.length}" failures="${failures}" time="${seconds(total)}">`,
    `  <testsuite name="${xml(playbook)}" tests="${results.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Where cases run: `open()` gives each case a fresh tenant (the CLI: a new embedded simulator). */
export interface CaseEnvironment {
  registry: Registry;
  mocks?: Mocks;
  playbooks?: ReadonlyMap<string, Playbook>;
  open(): Promise<{ commandContext: CommandContext; close(): Promise<void> }>;
}

/** Runs every case, each on a fresh tenant, its runs one after the other on that tenant. */
export async function runCases(playbook: Playbook, cases: TestCase[], environment: CaseEnvironment): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const testCase of cases) {
    const started = Date.now();
    const tenant = await environment.open();
    const runs: string[][] = [];
    try {
      for (const expected of testCase.runs) {
        try {
          const report = await runPlaybook(playbook, {
            registry: environment.registry,
            commandContext: tenant.commandContext,
            mocks: environment.mocks,
            playbooks: environment.playbooks,
            incident: testCase.incident,
            inputs: testCase.inputs,
            context: testCase.context,
            answers: new Map(Object.entries(testCase.answers ?? {})),
          });
          runs.push(check(report, expected));
        } catch (error) {
          if (!(error instanceof PlaybookError)) throw error;
          runs.push([`the run was refused: ${error.message}`]);
        }
      }
    } finally {
      await tenant.close();
    }
    results.push({ name: testCase.name, runs, millis: Date.now() - started });
  }
  return results;
}
