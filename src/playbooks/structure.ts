// Structural checks of a playbook beyond its schema (xsoar-conventions §4, demisto-sdk BA100/BA101/PB103/
// PB108/PB109/PB122/PB124): ids match their keys, taskid equals task.id and is a UUID, every branch goes to a
// task that exists, every task is reachable from the start task, condition labels and branches agree, error
// paths are wired both ways, and every `inputs.X` a task reads is declared. Each problem is one sentence.
//
// Some of them stop a run (a branch to nowhere, no start task, an undeclared input); the others are authoring
// rules that `playbook validate` reports but that do not keep a playbook from running — published XSOAR
// playbooks break a few of them (an old `version: 14`), and they must still run unchanged.
import { buildGraph } from './graph';
import { DEFAULT, ERROR, NONE, type Playbook, type TaskRecord, taskLabel } from './types';
import { isObject } from '../values';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Problems in the order found, each marked as stopping a run or not. */
class Problems {
  readonly all: { text: string; stopsRun: boolean }[] = [];

  /** An authoring rule: validate reports it, a run goes ahead. */
  rule(text: string): void {
    this.all.push({ text, stopsRun: false });
  }

  /** Something the runner cannot run past. */
  fatal(text: string): void {
    this.all.push({ text, stopsRun: true });
  }
}

function topLevelProblems(doc: Record<string, unknown>, problems: Problems): void {
  if (typeof doc.id === 'string' && typeof doc.name === 'string' && doc.id !== doc.name) problems.rule(`The playbook id "${doc.id}" must equal its name "${doc.name}".`);
  if (doc.version !== undefined && doc.version !== -1) problems.rule(`The playbook version must be -1, not ${JSON.stringify(doc.version)}.`);
}

function branchProblems(id: string, record: TaskRecord, tasks: Record<string, unknown>, problems: Problems): void {
  const who = taskLabel(id, record);
  const nexttasks = isObject(record.nexttasks) ? (record.nexttasks as Record<string, unknown>) : {};
  for (const [label, targets] of Object.entries(nexttasks)) {
    for (const target of Array.isArray(targets) ? targets : []) {
      if (!Object.hasOwn(tasks, String(target))) problems.fatal(`The "${label}" branch of ${who} goes to task ${String(target)}, which does not exist.`);
    }
  }
  const labels = Object.keys(nexttasks);
  const hasErrorBranch = labels.includes(ERROR);
  const errorPath = record.continueonerror === true && record.continueonerrortype === 'errorPath';
  if (hasErrorBranch && !errorPath) problems.rule(`${capitalized(who)} has an #error# branch, so it needs continueonerror: true and continueonerrortype: errorPath.`);
  if (!hasErrorBranch && record.continueonerrortype === 'errorPath') problems.rule(`${capitalized(who)} has continueonerrortype errorPath but no #error# branch.`);

  const branchLabels = labels.filter((label) => label !== DEFAULT && label !== ERROR);
  if (record.type !== 'condition') {
    const odd = branchLabels.find((label) => label !== NONE);
    if (odd !== undefined) problems.rule(`${capitalized(who)} is not a condition task, so its branches can only be #none# and #error#, not "${odd}".`);
    return;
  }
  if (record.task?.script || record.task?.scriptName) return;
  const conditions = Array.isArray(record.conditions) ? record.conditions : [];
  // Without conditions it is a manual condition: a person picks one of its branches.
  if (conditions.length === 0) {
    if (branchLabels.length === 0) problems.rule(`Condition ${who} has no conditions and no branches to choose from.`);
    return;
  }
  const conditionLabels = conditions.map((branch) => String(branch?.label));
  for (const label of conditionLabels.filter((l) => !branchLabels.includes(l))) problems.rule(`Condition ${who} has no branch for its condition label "${label}".`);
  for (const label of branchLabels.filter((l) => !conditionLabels.includes(l))) problems.rule(`Condition ${who} has a branch "${label}" that no condition defines.`);
}

function taskProblems(id: string, record: unknown, tasks: Record<string, unknown>, taskIds: Map<string, string>, problems: Problems): void {
  if (!isObject(record) || !isObject(record.task)) {
    problems.fatal(`Task ${id} must be a mapping with a task section.`);
    return;
  }
  const task = record as unknown as TaskRecord;
  const who = capitalized(taskLabel(id, task));
  if (String(task.id) !== id) problems.rule(`${who} has id "${String(task.id)}"; a task's id must equal its key.`);
  if (task.taskid !== task.task.id) problems.rule(`${who} has taskid ${String(task.taskid)} but task.id ${String(task.task.id)}; they must be the same.`);
  if (typeof task.taskid !== 'string' || !UUID.test(task.taskid)) problems.rule(`${who} has taskid "${String(task.taskid)}", which is not a UUID.`);
  else if (taskIds.has(task.taskid)) problems.rule(`Tasks ${taskIds.get(task.taskid)} and ${id} share the taskid ${task.taskid}.`);
  else taskIds.set(task.taskid, id);
  branchProblems(id, task, tasks, problems);
}

function inputProblems(playbook: Playbook, problems: Problems): void {
  const declared = new Set((playbook.inputs ?? []).map((input) => input?.key));
  for (const [id, record] of Object.entries(playbook.tasks)) {
    const text = JSON.stringify([record.scriptarguments, record.conditions]);
    const used = new Set([...text.matchAll(/\binputs\.([\w-]+)/g)].map((match) => match[1]));
    for (const key of used) {
      if (!declared.has(key)) problems.fatal(`${capitalized(taskLabel(id, record))} reads inputs.${key}, which the playbook does not declare.`);
    }
  }
}

function check(doc: unknown): Problems {
  const problems = new Problems();
  if (!isObject(doc)) {
    problems.fatal('A playbook must be a mapping of keys to values.');
    return problems;
  }
  if (!isObject(doc.tasks) || Object.keys(doc.tasks).length === 0) {
    problems.fatal('The playbook has no tasks.');
    return problems;
  }
  const tasks = doc.tasks;
  topLevelProblems(doc, problems);
  const start = doc.starttaskid === undefined ? undefined : String(doc.starttaskid);
  if (start === undefined) problems.fatal('The playbook has no starttaskid.');
  else if (!Object.hasOwn(tasks, start)) problems.fatal(`The start task ${start} does not exist.`);
  const taskIds = new Map<string, string>();
  for (const [id, record] of Object.entries(tasks)) taskProblems(id, record, tasks, taskIds, problems);
  if (problems.all.some((problem) => problem.stopsRun) || start === undefined) return problems;

  const playbook = doc as unknown as Playbook;
  const startTask = playbook.tasks[start];
  if (startTask.type !== 'start') problems.rule(`The start task ${start} must be of type start, not ${String(startTask.type)}.`);
  const { reachable } = buildGraph({ ...playbook, starttaskid: start });
  for (const [id, record] of Object.entries(playbook.tasks)) {
    if (!reachable.has(id)) problems.rule(`${capitalized(taskLabel(id, record))} is not connected: no path from the start task reaches it.`);
  }
  inputProblems(playbook, problems);
  return problems;
}

/** Every structural problem of a parsed playbook document (what `playbook validate` reports); empty when it is sound. */
export function structuralProblems(doc: unknown): string[] {
  return check(doc).all.map((problem) => problem.text);
}

/** The structural problems a run cannot go past; empty when the runner can run the document. */
export function runStoppingProblems(doc: unknown): string[] {
  return check(doc)
    .all.filter((problem) => problem.stopsRun)
    .map((problem) => problem.text);
}
