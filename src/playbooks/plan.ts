// What each task runs, and whether the runner can run all of it. `playbook validate` and `playbook run` ask
// the same question here, so validate reports everything run would refuse, and run refuses — listing every
// problem at once — before its first task changes anything in Code42.
import { UnknownCommandError, type Registry } from '../registry';
import { INTEGRATION_NAME } from '../xsoar/integration';
import { BUILTIN_COMMANDS, BUILTIN_SCRIPTS } from './builtins';
import { buildGraph } from './graph';
import { type Mock, type Mocks, splitBrand } from './mocks';
import { isSupportedOperator } from './operators';
import { isSupportedTransformer } from './transformers';
import { type ArgValue, type Comparison, ERROR, NONE, type Operand, type Playbook, type PlaybookInput, type TaskRecord, taskLabel } from './types';

/** The brand `modules` and IsIntegrationAvailable report for this integration: its name, "Code42". */
export const OUR_BRAND = INTEGRATION_NAME;
/**
 * The brands that mean this integration: its name (as the XSOAR Code42 integration is named, so published
 * playbooks bind to it), the display name it had before, and an empty brand (`|||command`).
 */
export const OUR_BRANDS: ReadonlySet<string> = new Set(['', OUR_BRAND, 'Code42 Incydr SOAR']);

/** What a run can call on: our commands, the mocks and the playbooks sub-playbook tasks name. */
export interface Toolbox {
  registry: Registry;
  mocks: Mocks;
  findPlaybook(name: string): Playbook | undefined;
}

export type Script =
  | { kind: 'nothing' }
  | { kind: 'mock'; key: string; mock: Mock }
  | { kind: 'command'; name: string }
  | { kind: 'builtin-command'; name: string }
  | { kind: 'builtin-script'; name: string }
  | { kind: 'unavailable'; why: string };

const BUILTIN_SCRIPT_NAMES = Object.keys(BUILTIN_SCRIPTS).join(', ');

function commandProblem(name: string, registry: Registry): string | undefined {
  try {
    registry.get(name);
    return undefined;
  } catch (error) {
    if (!(error instanceof UnknownCommandError)) throw error;
    const hint = error.suggestion ? `; did you mean ${error.suggestion}?` : '';
    return `runs ${name}, which is not a command of ${OUR_BRAND} and has no mock${hint}`;
  }
}

/**
 * What a task runs, from `task.script` (`brand|||command`) or `task.scriptName` (an automation). A mock
 * wins over everything, so a test can stand in for one of our own commands too.
 */
export function scriptOf(record: TaskRecord, toolbox: Pick<Toolbox, 'registry' | 'mocks'>): Script {
  const text = (record.task.script || record.task.scriptName || '').trim();
  if (text === '') return { kind: 'nothing' };
  const { brand, name } = splitBrand(text);
  const mocked = toolbox.mocks.find(brand, name);
  if (mocked) return { kind: 'mock', ...mocked };
  if (brand === undefined) {
    if (Object.hasOwn(BUILTIN_SCRIPTS, name)) return { kind: 'builtin-script', name };
    return { kind: 'unavailable', why: `runs the automation ${name}, which the runner does not provide (it provides ${BUILTIN_SCRIPT_NAMES}) and which has no mock` };
  }
  if (brand === 'Builtin') {
    if (Object.hasOwn(BUILTIN_COMMANDS, name)) return { kind: 'builtin-command', name };
    return { kind: 'unavailable', why: `runs the built-in command ${name}, which the runner does not provide (it provides ${Object.keys(BUILTIN_COMMANDS).join(', ')}) and which has no mock` };
  }
  if (OUR_BRANDS.has(brand)) {
    const problem = commandProblem(name, toolbox.registry);
    return problem ? { kind: 'unavailable', why: problem } : { kind: 'command', name };
  }
  return { kind: 'unavailable', why: `runs ${name} of the integration "${brand}", which has no mock` };
}

/** The branches a person can choose at a manual task: its labels but #error#, or #none# at an end. */
export function manualBranches(record: TaskRecord): string[] {
  const labels = Object.keys(record.nexttasks ?? {}).filter((label) => label !== ERROR);
  return labels.length ? labels : [NONE];
}

/**
 * Whether a person answers this task: a manual task, a manual condition (an Ask task too), or a data
 * collection. Decided here: the answer only chooses the branch; what XSOAR records of a survey's replies in
 * the context is not simulated.
 */
export function isManual(record: TaskRecord): boolean {
  if (record.type === 'collection') return true;
  const runsSomething = Boolean(record.task.script || record.task.scriptName);
  if (record.type === 'condition') return !runsSomething && !(record.conditions ?? []).length;
  return (record.type === 'regular' || record.type === 'standard') && !runsSomething;
}

/** The branch an answer names, or undefined. Decided here: `yes` answers a branch `Yes` when no label is exactly `yes`. */
export function answeredBranch(record: TaskRecord, answer: string): string | undefined {
  const branches = manualBranches(record);
  return branches.find((branch) => branch === answer) ?? branches.find((branch) => branch.toLowerCase() === answer.trim().toLowerCase());
}

function kindOfManual(record: TaskRecord): string {
  if (record.type === 'collection') return 'a data collection task';
  if (record.type !== 'condition') return 'a manual task';
  return record.message ? 'an Ask task (a survey)' : 'a manual condition task';
}

export function missingAnswer(path: string, record: TaskRecord): string {
  return `${capital(taskLabel(path, record))} is ${kindOfManual(record)}: answer it with --answer ${path}=<branch>, where <branch> is one of ${manualBranches(record).join(', ')}.`;
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The sub-playbook a task names. */
export const subPlaybookName = (record: TaskRecord): string => record.task.playbookName || record.task.playbookId || '';

/** A loop the runner can run: forEach over list inputs, or repeat until its built-in condition holds. */
export interface Loop {
  forEach: boolean;
  until?: Comparison[][];
  /** Most iterations (XSOAR's `max`; 0 or absent = no cap of its own, the step limit still applies). */
  max: number;
}

export function loopOf(record: TaskRecord): Loop | undefined {
  const loop = record.loop;
  if (!loop) return undefined;
  const until = Array.isArray(loop.builtincondition) && loop.builtincondition.length ? (loop.builtincondition as Comparison[][]) : undefined;
  const max = typeof loop.max === 'number' && loop.max > 0 ? loop.max : 0;
  if (loop.forEach !== true && !until) return undefined;
  return { forEach: loop.forEach === true, until, max };
}

interface Names {
  operators: string[];
  transformers: string[];
}

/** The operators and transformers a value uses, anywhere inside it. */
function valueNames(value: ArgValue | null | undefined, found: Names): void {
  const complex = value?.complex;
  if (!complex) return;
  for (const group of complex.filters ?? []) comparisonNames(group, found);
  for (const transformer of complex.transformers ?? []) {
    found.transformers.push(transformer.operator);
    for (const operand of Object.values(transformer.args ?? {})) operandNames(operand, found);
  }
}

function operandNames(operand: Operand | null | undefined, found: Names): void {
  valueNames(operand?.value, found);
}

function comparisonNames(group: Comparison[], found: Names): void {
  for (const comparison of group ?? []) {
    found.operators.push(comparison.operator);
    operandNames(comparison.left, found);
    operandNames(comparison.right, found);
  }
}

function unsupportedNames(found: Names): string[] {
  const sentences = [...new Set(found.operators)].filter((o) => !isSupportedOperator(o)).map((o) => `uses the condition operator "${o}", which is not supported`);
  return [...sentences, ...[...new Set(found.transformers)].filter((t) => !isSupportedTransformer(t)).map((t) => `uses the transformer "${t}", which is not supported`)];
}

/** Whether the integration or script a task needs is there; a task with skipunavailable may do without. */
function taskProblem(record: TaskRecord, toolbox: Toolbox): string | undefined {
  switch (record.type) {
    case 'start':
    case 'title':
    case 'section':
      return undefined;
    case 'playbook': {
      const name = subPlaybookName(record);
      return toolbox.findPlaybook(name) || toolbox.mocks.find(undefined, name) ? undefined : `runs the sub-playbook "${name}", which was not found and has no mock`;
    }
    default: {
      if (isManual(record)) return undefined;
      const script = scriptOf(record, toolbox);
      return script.kind === 'unavailable' ? script.why : undefined;
    }
  }
}

function inputNames(inputs: PlaybookInput[] | null | undefined): Names {
  const found: Names = { operators: [], transformers: [] };
  for (const input of inputs ?? []) valueNames(input?.value, found);
  return found;
}

/** Whether an input has a default value of its own (a template or a context path, not nothing). */
export const hasDefault = (input: PlaybookInput): boolean =>
  input.value?.complex !== undefined || (input.value?.simple !== undefined && input.value.simple !== null && input.value.simple !== '');

export interface PlanOptions {
  /** `--answer <task path>=<branch>`: task paths as the run reports them (`4`, or `12.3` inside a sub-playbook). */
  answers?: ReadonlyMap<string, string>;
  /** Input values given for the top playbook: names it does not declare are problems. */
  inputs?: Readonly<Record<string, unknown>>;
}

export interface Plan {
  /** What is wrong with the playbook, or with the answers and inputs given for it. */
  problems: string[];
  /** What a run still needs from the command line: answers to manual tasks, required inputs without a default. */
  needs: string[];
}

/**
 * Why the runner cannot run this playbook (and the sub-playbooks it runs), one sentence each; both lists empty
 * when it can. Input values that depend on the incident are checked by the runner itself (checkRunnable).
 */
export function runProblems(playbook: Playbook, toolbox: Toolbox, options: PlanOptions = {}): Plan {
  const problems: string[] = [];
  const needs: string[] = [];
  const answered = new Set<string>();
  const walk = (current: Playbook, prefix: string, nested: boolean, stack: Playbook[]): void => {
    const { reachable } = buildGraph(current);
    for (const id of [...reachable].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))) {
      const record = current.tasks[id];
      const path = `${prefix}${id}`;
      const who = `${nested ? `In ${current.name}, t` : 'T'}${taskLabel(path, record).slice(1)}`;
      const skippable = record.skipunavailable === true;
      const problem = taskProblem(record, toolbox);
      if (problem && !skippable) problems.push(`${who} ${problem}${/[.?!]$/.test(problem) ? '' : '.'}`);
      if (isManual(record)) {
        const answer = options.answers?.get(path);
        if (answer === undefined) needs.push(missingAnswer(path, record));
        else if (answeredBranch(record, answer) === undefined) {
          problems.push(`The answer "${answer}" to ${taskLabel(path, record)} is not one of its branches (${manualBranches(record).join(', ')}).`);
        }
        answered.add(path);
      }
      if (record.type === 'playbook' && record.loop?.exitCondition) {
        problems.push(`${who} loops until the automation ${String(record.loop.exitCondition)} says so, which the runner does not support; use a built-in loop condition.`);
      }
      const found: Names = { operators: [], transformers: [] };
      for (const value of Object.values(record.scriptarguments ?? {})) valueNames(value, found);
      for (const branch of record.conditions ?? []) for (const group of branch.condition ?? []) comparisonNames(group, found);
      for (const group of loopOf(record)?.until ?? []) comparisonNames(group, found);
      for (const sentence of unsupportedNames(found)) problems.push(`${who} ${sentence}.`);
      const child = record.type === 'playbook' ? toolbox.findPlaybook(subPlaybookName(record)) : undefined;
      if (child && !stack.includes(child)) walk(child, `${path}.`, true, [...stack, child]);
    }
    for (const sentence of unsupportedNames(inputNames(current.inputs))) problems.push(`The inputs of ${current.name} ${sentence.replace(/^uses/, 'use')}.`);
  };
  walk(playbook, '', false, [playbook]);

  for (const path of options.answers?.keys() ?? []) {
    if (!answered.has(path)) problems.push(`--answer ${path} names no manual, manual condition or data collection task the playbook reaches.`);
  }
  const declared = (playbook.inputs ?? []).map((input) => input?.key).filter(Boolean);
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!declared.includes(name)) {
      const accepted = declared.length ? `its inputs are ${declared.join(', ')}` : 'it has no inputs';
      problems.push(`The playbook ${playbook.name} has no input "${name}"; ${accepted}.`);
    }
  }
  for (const input of playbook.inputs ?? []) {
    if (input?.required && !hasDefault(input) && !Object.hasOwn(options.inputs ?? {}, input.key)) {
      needs.push(`The required input ${input.key} of ${playbook.name} has no value and no default: give it with --input ${input.key}=<value>.`);
    }
  }
  return { problems, needs };
}
