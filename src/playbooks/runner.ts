// Runs an XSOAR playbook against the registry (xsoar-conventions §4): from the start task along `nexttasks`,
// commands through `registry.execute`, their EntryContext merged into the investigation context as XSOAR
// merges it, conditions choosing a branch, errors stopping the run or taking the `#error#` path.
//
// Joins work as in XSOAR: a task with several incoming branches waits until every one of them has either
// arrived or been ruled out (its source skipped it: another condition label, the error path, or a source
// that was itself skipped), and then runs once if any arrived. Branches are run in order, one task at a time.
import type { CommandContext } from '../command';
import { type Registry, sentenceOf } from '../registry';
import { type Entry, isError } from '../xsoar/entry';
import { BUILTIN_COMMANDS, BUILTIN_SCRIPTS } from './builtins';
import { type Context, mergeEntryContext, setContextValue } from './context';
import { asText, joinedText, readPath } from './dt-path';
import { buildGraph, edgeKey, forwardReach, type TaskGraph } from './graph';
import { type Incident, incidentView, normalizeIncident } from './incident';
import { runProblems, scriptOf } from './plan';
import { ERROR, NONE, type Playbook, PlaybookError, type TaskRecord, type TaskType, taskLabel } from './types';
import { chooseBranch, resolveArguments, resolveValue, type Scope } from './values';

export interface TaskReport {
  id: string;
  name: string;
  type: TaskType;
  /** `failed` tasks with continueonerror let the run go on; without it the run stops there. */
  state: 'completed' | 'failed';
  /** The branch label a condition task took. */
  branch?: string;
  entries: Entry[];
  error?: string;
  /** The tasks of a sub-playbook, in the order they ran. */
  subtasks?: TaskReport[];
}

export type RunStatus = 'completed' | 'failed' | 'error';

export interface RunReport {
  playbook: string;
  /** completed: reached its end; failed: a task failed without continueonerror; error: the run could not go on. */
  status: RunStatus;
  error?: string;
  tasks: TaskReport[];
  context: Context;
  /** The playbook's declared outputs, read from the context at the end. */
  outputs: Record<string, unknown>;
  incident: Incident;
}

export interface RunOptions {
  registry: Registry;
  /** The Code42 client, configuration and logger commands run with; the runner adds incident and context. */
  commandContext: CommandContext;
  incident?: Incident;
  /** Values for the playbook's inputs, overriding their defaults. */
  inputs?: Record<string, unknown>;
  /** The investigation context to start from (default empty). */
  context?: Context;
  /** Task runs before the run is stopped as a runaway loop (default 1000, sub-playbooks included). */
  maxSteps?: number;
  /** Playbooks sub-playbook tasks may run, by name or id. */
  playbooks?: ReadonlyMap<string, Playbook>;
  /** Called as each task finishes (the CLI prints from it). */
  onTask?(task: TaskReport): void;
  now?(): Date;
}

/** A required input has no value: the caller can say how to give one. */
export class MissingInputError extends PlaybookError {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'MissingInputError';
  }
}

export const DEFAULT_MAX_STEPS = 1000;
const MAX_DEPTH = 10;

interface Budget {
  steps: number;
  readonly max: number;
}

interface Outcome {
  report: TaskReport;
  /** The branch labels to follow; undefined stops the run. */
  labels?: Set<string>;
}

/** XSOAR passes command arguments as strings: lists comma-joined, objects as JSON. */
function commandArgs(args: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(args).map(([name, value]) => [name, joinedText(value)]));
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The playbook's inputs: given values, else their defaults; throws PlaybookError for an unknown or missing one. */
function resolveInputs(playbook: Playbook, given: Record<string, unknown>, scope: Scope): Record<string, unknown> {
  const declared = (playbook.inputs ?? []).filter((input) => input?.key);
  const names = declared.map((input) => input.key);
  const unknown = Object.keys(given).find((name) => !names.includes(name));
  if (unknown !== undefined) {
    const accepted = names.length ? `its inputs are ${names.join(', ')}` : 'it has no inputs';
    throw new PlaybookError(`The playbook ${playbook.name} has no input "${unknown}"; ${accepted}.`);
  }
  const inputs: Record<string, unknown> = {};
  for (const input of declared) {
    const value = Object.hasOwn(given, input.key) ? given[input.key] : resolveValue(input.value, scope);
    if (value !== undefined && value !== null && value !== '') inputs[input.key] = value;
    else if (input.required) {
      const from = input.value?.simple ? ` (its default ${String(input.value.simple)} reads nothing)` : '';
      throw new MissingInputError(input.key, `The required input ${input.key} of ${playbook.name} has no value${from}.`);
    }
  }
  return inputs;
}

/** What the playbook can read before its first task: the starting context, the incident and no inputs yet. */
function startingScope(context: Context, incident: Incident): Scope {
  return { read: (path) => readPath({ ...context, inputs: {}, incident: incidentView(incident) }, path) };
}

/**
 * Everything that can refuse a run before any task changes Code42: what the runner cannot run, unknown
 * inputs, required inputs without a value. Throws PlaybookError (MissingInputError for the last).
 */
export function checkRunnable(playbook: Playbook, options: Pick<RunOptions, 'registry' | 'incident' | 'inputs' | 'context' | 'playbooks'>): void {
  const problems = runProblems(playbook, options.registry, (name) => options.playbooks?.get(name));
  if (problems.length) throw new PlaybookError(problems[0]);
  resolveInputs(playbook, options.inputs ?? {}, startingScope(options.context ?? {}, normalizeIncident(options.incident)));
}

class PlaybookRun {
  private readonly graph: TaskGraph;
  private readonly context: Context;
  private readonly incident: Incident;
  private inputs: Record<string, unknown> = {};
  private readonly reports: TaskReport[] = [];
  private readonly queue: string[] = [];
  /** Per task: queued, done or skipped in the current pass; absent = not decided yet. */
  private readonly status = new Map<string, 'queued' | 'done' | 'skipped'>();
  /** Per task, per parent: whether that branch arrived or was ruled out. */
  private readonly arrivals = new Map<string, Map<string, 'arrived' | 'ruled-out'>>();

  constructor(
    private readonly playbook: Playbook,
    private readonly options: RunOptions,
    private readonly budget: Budget,
    private readonly depth: number,
    shared: { context: Context; incident: Incident },
  ) {
    this.graph = buildGraph(playbook);
    this.context = shared.context;
    this.incident = shared.incident;
  }

  private readonly scope: Scope = {
    read: (path) => readPath({ ...this.context, inputs: this.inputs, incident: incidentView(this.incident) }, path),
  };

  resolveInputs(given: Record<string, unknown>): void {
    this.inputs = resolveInputs(this.playbook, given, this.scope);
  }

  async run(): Promise<RunReport> {
    this.enqueue(this.playbook.starttaskid);
    while (this.queue.length) {
      const id = this.queue.shift()!;
      const record = this.playbook.tasks[id];
      if (++this.budget.steps > this.budget.max) {
        return this.finish('error', `The playbook was stopped after ${this.budget.max} task runs, at ${taskLabel(id, record)}: a loop that never ends?`);
      }
      const outcome = await this.execute(id, record);
      this.reports.push(outcome.report);
      this.options.onTask?.(outcome.report);
      if (!outcome.labels) return this.finish('failed', `${capital(taskLabel(id, record))} failed: ${outcome.report.error}`);
      this.status.set(id, 'done');
      this.follow(id, outcome.labels);
    }
    return this.finish('completed');
  }

  private enqueue(id: string): void {
    this.status.set(id, 'queued');
    this.queue.push(id);
  }

  /** Takes the chosen branches of a finished task and rules out the others. */
  private follow(id: string, labels: Set<string>): void {
    const edges = this.graph.outgoing.get(id) ?? [];
    const chosen = new Set(edges.filter((edge) => labels.has(edge.label)).map((edge) => edge.target));
    const targets = [...new Set(edges.map((edge) => edge.target))];
    const loopsBack = targets.some((target) => chosen.has(target) && this.graph.loopEdges.has(edgeKey(id, target)));
    for (const target of targets) {
      if (this.graph.loopEdges.has(edgeKey(id, target))) {
        if (chosen.has(target)) this.restartLoop(target);
      } else if (chosen.has(target)) {
        this.arrive(target, id, 'arrived');
      } else if (!loopsBack) {
        // Going round a loop again decides nothing yet about the ways out of it.
        this.arrive(target, id, 'ruled-out');
      }
    }
  }

  private arrive(target: string, source: string, how: 'arrived' | 'ruled-out'): void {
    const arrivals = this.arrivals.get(target) ?? new Map<string, 'arrived' | 'ruled-out'>();
    arrivals.set(source, how);
    this.arrivals.set(target, arrivals);
    const state = this.status.get(target);
    if (state === 'queued' || state === 'done') return;
    const parents = this.graph.parents.get(target) ?? [];
    if (parents.some((parent) => !arrivals.has(parent))) return;
    if ([...arrivals.values()].includes('arrived')) {
      this.enqueue(target);
    } else {
      this.status.set(target, 'skipped');
      this.follow(target, new Set());
    }
  }

  /** A loop edge was taken: the loop body runs again from `target`, its earlier decisions forgotten. */
  private restartLoop(target: string): void {
    const body = forwardReach(this.graph, target);
    for (const id of body) {
      this.status.delete(id);
      const arrivals = this.arrivals.get(id);
      for (const source of body) arrivals?.delete(source);
    }
    this.enqueue(target);
  }

  private finish(status: RunStatus, error?: string): RunReport {
    const outputs: Record<string, unknown> = {};
    for (const output of this.playbook.outputs ?? []) {
      const value = output?.contextPath ? this.scope.read(output.contextPath) : undefined;
      if (value !== undefined) outputs[output.contextPath] = value;
    }
    return {
      playbook: this.playbook.name,
      status,
      ...(error ? { error } : {}),
      tasks: this.reports,
      context: this.context,
      outputs,
      incident: this.incident,
    };
  }

  private async execute(id: string, record: TaskRecord): Promise<Outcome> {
    const report: TaskReport = { id, name: record.task.name ?? '', type: record.type, state: 'completed', entries: [] };
    try {
      switch (record.type) {
        case 'start':
        case 'title':
        case 'section':
          return { report, labels: new Set([NONE]) };
        case 'condition': {
          const label = chooseBranch(record.conditions ?? [], this.scope);
          return { report: { ...report, branch: label }, labels: new Set([label]) };
        }
        case 'playbook':
          return await this.runSubPlaybook(record, report);
        default:
          return await this.runScript(record, report);
      }
    } catch (error) {
      return this.failed(record, report, error instanceof PlaybookError ? error.message : sentenceOf(error));
    }
  }

  private failed(record: TaskRecord, report: TaskReport, error: string): Outcome {
    const failedReport: TaskReport = { ...report, state: 'failed', error };
    if (record.continueonerror !== true) return { report: failedReport };
    const errorPath = record.continueonerrortype === 'errorPath' && Object.hasOwn(record.nexttasks ?? {}, ERROR);
    return { report: failedReport, labels: new Set([errorPath ? ERROR : NONE]) };
  }

  private async runScript(record: TaskRecord, report: TaskReport): Promise<Outcome> {
    const script = scriptOf(record);
    const args = resolveArguments(record.scriptarguments, this.scope);
    let entries: Entry[];
    if (script.kind === 'command') {
      entries = await this.options.registry.execute(script.name, commandArgs(args), {
        ...this.options.commandContext,
        // Only an incident the run was given: commands such as code42-file-events-table tell "none" apart.
        incident: this.options.incident ? structuredClone(this.incident) : undefined,
        context: structuredClone(this.context),
      });
      for (const entry of entries) mergeEntryContext(this.context, entry.EntryContext);
    } else if (script.kind === 'builtin-command' || script.kind === 'builtin-script') {
      const builtin = script.kind === 'builtin-command' ? BUILTIN_COMMANDS[script.name] : BUILTIN_SCRIPTS[script.name];
      entries = builtin(args, { context: this.context, incident: this.incident, now: this.options.now ?? (() => new Date()) });
    } else {
      // runProblems refuses these before the run starts.
      throw new PlaybookError(script.kind === 'nothing' ? 'It is a manual task.' : `It ${script.why}.`);
    }
    const failure = entries.find(isError);
    const done = { ...report, entries };
    return failure ? this.failed(record, done, asText(failure.Contents)) : { report: done, labels: new Set([NONE]) };
  }

  private async runSubPlaybook(record: TaskRecord, report: TaskReport): Promise<Outcome> {
    const name = record.task.playbookName || record.task.playbookId || '';
    const child = this.options.playbooks?.get(name);
    if (!child) throw new PlaybookError(`The sub-playbook "${name}" was not found.`);
    if (this.depth >= MAX_DEPTH) throw new PlaybookError(`Sub-playbooks are nested more than ${MAX_DEPTH} deep.`);
    // With separatecontext the sub-playbook works in a context of its own and hands back its outputs.
    const separate = record.separatecontext === true;
    // Its tasks are reported as they finish under ids like 3.1, so they read apart from the parent's.
    const onTask = this.options.onTask && ((task: TaskReport) => this.options.onTask?.({ ...task, id: `${String(record.id)}.${task.id}` }));
    const childRun = new PlaybookRun(child, { ...this.options, onTask }, this.budget, this.depth + 1, {
      context: separate ? {} : this.context,
      incident: this.incident,
    });
    childRun.resolveInputs(resolveArguments(record.scriptarguments, this.scope));
    const result = await childRun.run();
    if (separate) for (const [path, value] of Object.entries(result.outputs)) setContextValue(this.context, path, value, false);
    const done: TaskReport = { ...report, entries: result.tasks.flatMap((task) => task.entries), subtasks: result.tasks };
    if (result.status !== 'completed') return this.failed(record, done, `The sub-playbook ${child.name} stopped: ${result.error}`);
    return { report: done, labels: new Set([NONE]) };
  }
}

/**
 * Runs a structurally sound playbook (see readPlaybook). Throws PlaybookError — before any task runs — when
 * the runner cannot run it or an input is wrong; otherwise the report says how the run went.
 */
export async function runPlaybook(playbook: Playbook, options: RunOptions): Promise<RunReport> {
  checkRunnable(playbook, options);
  const run = new PlaybookRun(playbook, options, { steps: 0, max: options.maxSteps ?? DEFAULT_MAX_STEPS }, 0, {
    context: structuredClone(options.context ?? {}),
    incident: normalizeIncident(options.incident),
  });
  run.resolveInputs(options.inputs ?? {});
  return run.run();
}
