// What each task runs, and whether the runner can run all of it. Checked before the first task so that a
// playbook needing something the runner lacks (a manual task, another integration, an unknown transformer)
// is refused up front with one sentence, rather than failing half-way after changing Code42.
import { UnknownCommandError, type Registry } from '../registry';
import { INTEGRATION_NAME } from '../xsoar/integration';
import { BUILTIN_COMMANDS, BUILTIN_SCRIPTS } from './builtins';
import { buildGraph } from './graph';
import { isKnownOperator } from './operators';
import { isKnownTransformer } from './transformers';
import { type ArgValue, type Comparison, type Operand, type Playbook, type TaskRecord, taskLabel } from './types';

export type Script =
  | { kind: 'nothing' }
  | { kind: 'command'; name: string }
  | { kind: 'builtin-command'; name: string }
  | { kind: 'builtin-script'; name: string }
  | { kind: 'unsupported'; why: string };

const BUILTIN_SCRIPT_NAMES = Object.keys(BUILTIN_SCRIPTS).join(', ');

/** What a regular task runs, from `task.script` (`brand|||command`) or `task.scriptName` (an automation). */
export function scriptOf(record: TaskRecord): Script {
  const script = (record.task.script || record.task.scriptName || '').trim();
  if (script === '') return { kind: 'nothing' };
  const pipes = script.indexOf('|||');
  if (pipes < 0) {
    if (Object.hasOwn(BUILTIN_SCRIPTS, script)) return { kind: 'builtin-script', name: script };
    return { kind: 'unsupported', why: `runs the automation ${script}, which the runner does not provide (it provides ${BUILTIN_SCRIPT_NAMES})` };
  }
  const brand = script.slice(0, pipes).trim();
  const name = script.slice(pipes + 3).trim();
  if (brand === 'Builtin') {
    if (Object.hasOwn(BUILTIN_COMMANDS, name)) return { kind: 'builtin-command', name };
    return { kind: 'unsupported', why: `runs the built-in command ${name}, which the runner does not provide (it provides ${Object.keys(BUILTIN_COMMANDS).join(' and ')})` };
  }
  if (brand === '' || brand === INTEGRATION_NAME) return { kind: 'command', name };
  return { kind: 'unsupported', why: `runs ${name} of the integration "${brand}", and the runner only has ${INTEGRATION_NAME}` };
}

/** The operators and transformers a value uses, anywhere inside it. */
function valueNames(value: ArgValue | null | undefined, found: { operators: string[]; transformers: string[] }): void {
  const complex = value?.complex;
  if (!complex) return;
  for (const group of complex.filters ?? []) comparisonNames(group, found);
  for (const transformer of complex.transformers ?? []) {
    found.transformers.push(transformer.operator);
    for (const operand of Object.values(transformer.args ?? {})) operandNames(operand, found);
  }
}

function operandNames(operand: Operand | null | undefined, found: { operators: string[]; transformers: string[] }): void {
  valueNames(operand?.value, found);
}

function comparisonNames(group: Comparison[], found: { operators: string[]; transformers: string[] }): void {
  for (const comparison of group ?? []) {
    found.operators.push(comparison.operator);
    operandNames(comparison.left, found);
    operandNames(comparison.right, found);
  }
}

function loops(record: TaskRecord): boolean {
  const loop = record.loop;
  if (!loop) return false;
  const builtin = loop.builtincondition;
  return loop.forEach === true || (typeof loop.exitCondition === 'string' && loop.exitCondition !== '') || (Array.isArray(builtin) && builtin.length > 0);
}

function commandProblem(name: string, registry: Registry): string | undefined {
  try {
    registry.get(name);
    return undefined;
  } catch (error) {
    if (!(error instanceof UnknownCommandError)) throw error;
    const hint = error.suggestion ? `; did you mean ${error.suggestion}?` : '';
    return `runs ${name}, which is not a command of ${INTEGRATION_NAME}${hint}`;
  }
}

function taskProblem(record: TaskRecord, registry: Registry, findPlaybook: (name: string) => Playbook | undefined): string | undefined {
  switch (record.type) {
    case 'start':
    case 'title':
    case 'section':
      return undefined;
    case 'collection':
      return 'asks people for data (a data collection task), which the runner cannot answer';
    case 'condition':
      if (record.task.script || record.task.scriptName) return `decides with the automation ${record.task.script || record.task.scriptName}, which the runner does not provide`;
      return undefined;
    case 'playbook': {
      const name = record.task.playbookName || record.task.playbookId || '';
      if (!findPlaybook(name)) return `runs the sub-playbook "${name}", which was not found`;
      if (loops(record)) return 'loops over its sub-playbook, which the runner does not support';
      return undefined;
    }
    default: {
      const script = scriptOf(record);
      if (script.kind === 'nothing') return 'is a manual task, which the runner cannot complete';
      if (script.kind === 'unsupported') return script.why;
      return script.kind === 'command' ? commandProblem(script.name, registry) : undefined;
    }
  }
}

/** Why the runner cannot run this playbook or a sub-playbook it runs, one sentence each; empty when it can. */
export function runProblems(
  playbook: Playbook,
  registry: Registry,
  findPlaybook: (name: string) => Playbook | undefined,
  checked: Set<Playbook> = new Set(),
  nested = false,
): string[] {
  checked.add(playbook);
  const problems: string[] = [];
  const { reachable } = buildGraph(playbook);
  for (const id of reachable) {
    const record = playbook.tasks[id];
    const who = `${nested ? `In ${playbook.name}, t` : 'T'}${taskLabel(id, record).slice(1)}`;
    const child = record.type === 'playbook' ? findPlaybook(record.task.playbookName || record.task.playbookId || '') : undefined;
    if (child && !checked.has(child)) problems.push(...runProblems(child, registry, findPlaybook, checked, true));
    const problem = taskProblem(record, registry, findPlaybook);
    if (problem) problems.push(`${who} ${problem}${/[.?!]$/.test(problem) ? '' : '.'}`);
    const found = { operators: [] as string[], transformers: [] as string[] };
    for (const value of Object.values(record.scriptarguments ?? {})) valueNames(value, found);
    for (const branch of record.conditions ?? []) for (const group of branch.condition ?? []) comparisonNames(group, found);
    for (const operator of found.operators.filter((o) => !isKnownOperator(o))) problems.push(`${who} uses the condition operator "${operator}", which is not supported.`);
    for (const transformer of found.transformers.filter((t) => !isKnownTransformer(t))) problems.push(`${who} uses the transformer "${transformer}", which is not supported.`);
  }
  for (const input of playbook.inputs ?? []) {
    const found = { operators: [] as string[], transformers: [] as string[] };
    valueNames(input?.value, found);
    const unknown = [...found.operators.filter((o) => !isKnownOperator(o)), ...found.transformers.filter((t) => !isKnownTransformer(t))];
    if (unknown.length) problems.push(`The input ${input.key} of ${playbook.name} uses "${unknown[0]}", which is not supported.`);
  }
  return problems;
}
