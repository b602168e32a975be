// Structural checks of a playbook beyond its schema (xsoar-conventions §4, demisto-sdk PB103/PB108/PB109/
// PB122/PB124): ids match their keys, taskid equals task.id and is a UUID, every branch goes to a task that
// exists, every task is reachable from the start task, condition labels and branches agree, error paths are
// wired both ways, and every `inputs.X` a task reads is declared. Each problem is one sentence.
import { buildGraph } from './graph';
import { DEFAULT, ERROR, NONE, type Playbook, type TaskRecord, taskLabel } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function topLevelProblems(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof doc.id === 'string' && typeof doc.name === 'string' && doc.id !== doc.name) problems.push(`The playbook id "${doc.id}" must equal its name "${doc.name}".`);
  if (doc.version !== undefined && doc.version !== -1) problems.push(`The playbook version must be -1, not ${JSON.stringify(doc.version)}.`);
  return problems;
}

function branchProblems(id: string, record: TaskRecord, tasks: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const who = taskLabel(id, record);
  const nexttasks = isObject(record.nexttasks) ? (record.nexttasks as Record<string, unknown>) : {};
  for (const [label, targets] of Object.entries(nexttasks)) {
    for (const target of Array.isArray(targets) ? targets : []) {
      if (!Object.hasOwn(tasks, String(target))) problems.push(`The "${label}" branch of ${who} goes to task ${String(target)}, which does not exist.`);
    }
  }
  const labels = Object.keys(nexttasks);
  const hasErrorBranch = labels.includes(ERROR);
  const errorPath = record.continueonerror === true && record.continueonerrortype === 'errorPath';
  if (hasErrorBranch && !errorPath) problems.push(`${capitalized(who)} has an #error# branch, so it needs continueonerror: true and continueonerrortype: errorPath.`);
  if (!hasErrorBranch && record.continueonerrortype === 'errorPath') problems.push(`${capitalized(who)} has continueonerrortype errorPath but no #error# branch.`);

  const branchLabels = labels.filter((label) => label !== DEFAULT && label !== ERROR);
  if (record.type !== 'condition') {
    const odd = branchLabels.find((label) => label !== NONE);
    if (odd !== undefined) problems.push(`${capitalized(who)} is not a condition task, so its branches can only be #none# and #error#, not "${odd}".`);
    return problems;
  }
  const runsScript = Boolean(record.task?.script || record.task?.scriptName);
  if (runsScript) return problems;
  const conditions = Array.isArray(record.conditions) ? record.conditions : [];
  // Without conditions it is a manual condition: a person picks one of its branches.
  if (conditions.length === 0) return branchLabels.length ? problems : [...problems, `Condition ${who} has no conditions and no branches to choose from.`];
  const conditionLabels = conditions.map((branch) => String(branch?.label));
  for (const label of conditionLabels.filter((l) => !branchLabels.includes(l))) problems.push(`Condition ${who} has no branch for its condition label "${label}".`);
  for (const label of branchLabels.filter((l) => !conditionLabels.includes(l))) problems.push(`Condition ${who} has a branch "${label}" that no condition defines.`);
  return problems;
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function taskProblems(id: string, record: unknown, tasks: Record<string, unknown>, taskIds: Map<string, string>): string[] {
  if (!isObject(record) || !isObject(record.task)) return [`Task ${id} must be a mapping with a task section.`];
  const task = record as unknown as TaskRecord;
  const who = taskLabel(id, task);
  const problems: string[] = [];
  if (String(task.id) !== id) problems.push(`${capitalized(who)} has id "${String(task.id)}"; a task's id must equal its key.`);
  if (task.taskid !== task.task.id) problems.push(`${capitalized(who)} has taskid ${String(task.taskid)} but task.id ${String(task.task.id)}; they must be the same.`);
  if (typeof task.taskid !== 'string' || !UUID.test(task.taskid)) problems.push(`${capitalized(who)} has taskid "${String(task.taskid)}", which is not a UUID.`);
  else if (taskIds.has(task.taskid)) problems.push(`Tasks ${taskIds.get(task.taskid)} and ${id} share the taskid ${task.taskid}.`);
  else taskIds.set(task.taskid, id);
  return [...problems, ...branchProblems(id, task, tasks)];
}

function inputProblems(playbook: Playbook): string[] {
  const declared = new Set((playbook.inputs ?? []).map((input) => input?.key));
  const problems: string[] = [];
  for (const [id, record] of Object.entries(playbook.tasks)) {
    const text = JSON.stringify([record.scriptarguments, record.conditions]);
    const used = new Set([...text.matchAll(/\binputs\.([\w-]+)/g)].map((match) => match[1]));
    for (const key of used) {
      if (!declared.has(key)) problems.push(`${capitalized(taskLabel(id, record))} reads inputs.${key}, which the playbook does not declare.`);
    }
  }
  return problems;
}

/** Every structural problem of a parsed playbook document; empty when it is sound. */
export function structuralProblems(doc: unknown): string[] {
  if (!isObject(doc)) return ['A playbook must be a mapping of keys to values.'];
  if (!isObject(doc.tasks) || Object.keys(doc.tasks).length === 0) return ['The playbook has no tasks.'];
  const tasks = doc.tasks;
  const problems = topLevelProblems(doc);
  const start = doc.starttaskid === undefined ? undefined : String(doc.starttaskid);
  if (start === undefined) problems.push('The playbook has no starttaskid.');
  else if (!Object.hasOwn(tasks, start)) problems.push(`The start task ${start} does not exist.`);
  const taskIds = new Map<string, string>();
  for (const [id, record] of Object.entries(tasks)) problems.push(...taskProblems(id, record, tasks, taskIds));
  if (problems.length || start === undefined) return problems;

  const playbook = doc as unknown as Playbook;
  const startTask = playbook.tasks[start];
  if (startTask.type !== 'start') problems.push(`The start task ${start} must be of type start, not ${String(startTask.type)}.`);
  const { reachable } = buildGraph({ ...playbook, starttaskid: start });
  for (const [id, record] of Object.entries(playbook.tasks)) {
    if (!reachable.has(id)) problems.push(`${capitalized(taskLabel(id, record))} is not connected: no path from the start task reaches it.`);
  }
  return [...problems, ...inputProblems(playbook)];
}
