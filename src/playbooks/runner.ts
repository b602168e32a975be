// Runs an XSOAR playbook against the registry (xsoar-conventions §4): from the start task along `nexttasks`,
// commands through `registry.execute`, their EntryContext merged into the investigation context as XSOAR
// merges it, conditions choosing a branch, errors stopping the run or taking the `#error#` path.
//
// Manual tasks, manual conditions and data collections take the branch `--answer` gives them; sub-playbooks
// run once, once per item (forEach) or until their loop condition holds; a task with skipunavailable whose
// integration, script or sub-playbook is missing is skipped. `modules` and IsIntegrationAvailable answer
// from what the run has: this integration plus the integrations the mocks stand for.
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
import { mockEntry, type Mocks, NO_MOCKS, shapedMockEntry } from './mocks';
import { groupsHold } from './operators';
import { answeredBranch, hasDefault, isManual, loopOf, OUR_BRAND, OUR_BRANDS, runProblems, scriptOf, subPlaybookName, type Toolbox } from './plan';
import { DEFAULT, ERROR, NONE, type Playbook, PlaybookError, type TaskRecord, type TaskType, taskLabel } from './types';
import { chooseBranch, resolveArguments, resolveOperand, resolveValue, type Scope } from './values';

export interface TaskReport {
  /** The task's path: its id, or `<parent task>.<id>` inside a sub-playbook. */
  id: string;
  name: string;
  type: TaskType;
  /** `failed` tasks with continueonerror let the run go on; without it the run stops there. `skipped`: skipunavailable. */
  state: 'completed' | 'failed' | 'skipped';
  /** The branch label a condition, manual or data collection task took. */
  branch?: string;
  entries: Entry[];
  error?: string;
  /** The tasks of a sub-playbook, in the order they ran (every iteration of a loop). */
  subtasks?: TaskReport[];
  /** How many times a looping sub-playbook ran. */
  iterations?: number;
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
  /** What other integrations' commands and missing automations return (`--mocks`). */
  mocks?: Mocks;
  /** The branch each manual, manual condition or data collection task takes, by task path (`--answer`). */
  answers?: ReadonlyMap<string, string>;
  /** Task runs before the run is stopped as a runaway loop (default 1000, sub-playbooks included). */
  maxSteps?: number;
  /** Playbooks sub-playbook tasks may run, by name or id. */
  playbooks?: ReadonlyMap<string, Playbook>;
  /** Called as each task finishes (the CLI prints from it). */
  onTask?(task: TaskReport): void;
  now?(): Date;
}

/** The run was refused before its first task: every reason, one sentence each. */
export class RunRefusedError extends PlaybookError {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `The playbook cannot run (${problems.length} problems):\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'RunRefusedError';
  }
}

export const DEFAULT_MAX_STEPS = 1000;
const MAX_DEPTH = 10;
/** XSOAR's default cap of a loop that runs until a condition holds. */
const DEFAULT_LOOP_MAX = 100;

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

/** The playbook's inputs: given values, else their defaults; a required one left without a value is a PlaybookError. */
function resolveInputs(playbook: Playbook, given: Record<string, unknown>, scope: Scope): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const input of (playbook.inputs ?? []).filter((candidate) => candidate?.key)) {
    const value = Object.hasOwn(given, input.key) ? given[input.key] : resolveValue(input.value, scope);
    if (value !== undefined && value !== null && value !== '') inputs[input.key] = value;
    else if (input.required) {
      const from = input.value?.simple ? ` (its default ${String(input.value.simple)} reads nothing)` : '';
      throw new PlaybookError(`The required input ${input.key} of ${playbook.name} has no value${from}: give it with --input ${input.key}=<value> or an --incident that has it.`);
    }
  }
  return inputs;
}

/** What `modules` reads: one active instance per integration the run has. */
function modulesOf(mocks: Mocks): Record<string, unknown>[] {
  return [OUR_BRAND, ...mocks.brands().filter((brand) => !OUR_BRANDS.has(brand))].map((brand) => ({ brand, name: brand, state: 'active' }));
}

function scopeOver(state: () => { context: Context; inputs: Record<string, unknown>; incident: Incident; modules: unknown }): Scope {
  return {
    read: (path) => {
      const { context, inputs, incident, modules } = state();
      return readPath({ ...context, modules, inputs, incident: incidentView(incident) }, path);
    },
  };
}

function toolboxOf(options: Pick<RunOptions, 'registry' | 'mocks' | 'playbooks'>): Toolbox {
  return { registry: options.registry, mocks: options.mocks ?? NO_MOCKS, findPlaybook: (name) => options.playbooks?.get(name) };
}

/**
 * Everything that can refuse a run before any task changes Code42, all at once: what the runner cannot run,
 * unanswered manual tasks, unknown inputs, required inputs without a value. Throws RunRefusedError.
 */
export function checkRunnable(
  playbook: Playbook,
  options: Pick<RunOptions, 'registry' | 'mocks' | 'answers' | 'incident' | 'inputs' | 'context' | 'playbooks' | 'now'>,
): void {
  const given = options.inputs ?? {};
  const plan = runProblems(playbook, toolboxOf(options), { answers: options.answers, inputs: given });
  const problems = [...plan.problems, ...plan.needs];
  const incident = normalizeIncident(options.incident, (options.now ?? (() => new Date()))());
  const scope = scopeOver(() => ({ context: options.context ?? {}, inputs: {}, incident, modules: modulesOf(options.mocks ?? NO_MOCKS) }));
  // Required inputs given or with a default are judged here, against the incident; runProblems names the rest.
  for (const input of (playbook.inputs ?? []).filter((candidate) => candidate?.key && candidate.required)) {
    if (!Object.hasOwn(given, input.key) && !hasDefault(input)) continue;
    try {
      resolveInputs({ ...playbook, inputs: [input] }, given, scope);
    } catch (error) {
      if (!(error instanceof PlaybookError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length) throw new RunRefusedError(problems);
}

interface Shared {
  context: Context;
  incident: Incident;
  modules: unknown;
}

class PlaybookRun {
  private readonly graph: TaskGraph;
  private readonly context: Context;
  private readonly incident: Incident;
  private readonly toolbox: Toolbox;
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
    /** `12.` inside the sub-playbook task 12; empty at the top. */
    private readonly prefix: string,
    private readonly shared: Shared,
  ) {
    this.graph = buildGraph(playbook);
    this.context = shared.context;
    this.incident = shared.incident;
    this.toolbox = toolboxOf(options);
  }

  private readonly scope: Scope = scopeOver(() => ({ context: this.context, inputs: this.inputs, incident: this.incident, modules: this.shared.modules }));

  private get depth(): number {
    return this.prefix.split('.').length - 1;
  }

  resolveInputs(given: Record<string, unknown>): void {
    this.inputs = resolveInputs(this.playbook, given, this.scope);
  }

  async run(): Promise<RunReport> {
    this.enqueue(this.playbook.starttaskid);
    while (this.queue.length) {
      const id = this.queue.shift()!;
      const record = this.playbook.tasks[id];
      if (++this.budget.steps > this.budget.max) {
        return this.finish('error', `The playbook was stopped after ${this.budget.max} task runs, at ${taskLabel(this.prefix + id, record)}: a loop that never ends?`);
      }
      const outcome = await this.execute(id, record);
      this.reports.push(outcome.report);
      this.options.onTask?.(outcome.report);
      if (!outcome.labels) return this.finish('failed', `${capital(taskLabel(this.prefix + id, record))} failed: ${outcome.report.error}`);
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
    const report: TaskReport = { id: this.prefix + id, name: record.task.name ?? '', type: record.type, state: 'completed', entries: [] };
    try {
      if (isManual(record)) return this.answer(record, report);
      switch (record.type) {
        case 'start':
        case 'title':
        case 'section':
          return { report, labels: new Set([NONE]) };
        case 'condition':
          if (record.task.script || record.task.scriptName) return await this.conditionScript(record, report);
          return this.branch(report, chooseBranch(record.conditions ?? [], this.scope));
        case 'playbook':
          return await this.runSubPlaybook(record, report);
        default:
          return await this.runScript(record, report);
      }
    } catch (error) {
      return this.failed(record, report, error instanceof PlaybookError ? error.message : sentenceOf(error));
    }
  }

  private branch(report: TaskReport, label: string): Outcome {
    return { report: { ...report, branch: label }, labels: new Set([label]) };
  }

  /** A person's answer from `--answer`; checkRunnable refuses a run that lacks one, so a missing one is a defect. */
  private answer(record: TaskRecord, report: TaskReport): Outcome {
    const given = this.options.answers?.get(report.id);
    const label = given === undefined ? undefined : answeredBranch(record, given);
    if (label === undefined) throw new PlaybookError(`${capital(taskLabel(report.id, record))} has no answer.`);
    return this.branch(report, label);
  }

  private failed(record: TaskRecord, report: TaskReport, error: string): Outcome {
    const failedReport: TaskReport = { ...report, state: 'failed', error };
    if (record.continueonerror !== true) return { report: failedReport };
    const errorPath = record.continueonerrortype === 'errorPath' && Object.hasOwn(record.nexttasks ?? {}, ERROR);
    return { report: failedReport, labels: new Set([errorPath ? ERROR : NONE]) };
  }

  private skipped(report: TaskReport): Outcome {
    return { report: { ...report, state: 'skipped' }, labels: new Set([NONE]) };
  }

  /** The entries of what a regular or condition task runs; undefined when it is unavailable. */
  private async entriesOf(record: TaskRecord): Promise<Entry[] | undefined> {
    const script = scriptOf(record, this.toolbox);
    const args = resolveArguments(record.scriptarguments, this.scope);
    switch (script.kind) {
      case 'mock': {
        const entry = shapedMockEntry(script.mock, args);
        mergeEntryContext(this.context, entry.EntryContext);
        return [entry];
      }
      case 'command': {
        const entries = await this.options.registry.execute(script.name, commandArgs(args), {
          ...this.options.commandContext,
          // Only an incident the run was given: commands such as code42-file-events-table tell "none" apart.
          incident: this.options.incident ? structuredClone(this.incident) : undefined,
          context: structuredClone(this.context),
        });
        for (const entry of entries) mergeEntryContext(this.context, entry.EntryContext);
        return entries;
      }
      case 'builtin-command':
      case 'builtin-script': {
        const builtin = script.kind === 'builtin-command' ? BUILTIN_COMMANDS[script.name] : BUILTIN_SCRIPTS[script.name];
        return builtin(args, {
          context: this.context,
          incident: this.incident,
          now: this.options.now ?? (() => new Date()),
          isAvailable: (brand) => OUR_BRANDS.has(brand) || this.toolbox.mocks.brands().includes(brand),
        });
      }
      case 'nothing':
      case 'unavailable':
        return undefined;
    }
  }

  private async runScript(record: TaskRecord, report: TaskReport): Promise<Outcome> {
    const entries = await this.entriesOf(record);
    // checkRunnable refuses an unavailable task unless it may be skipped.
    if (entries === undefined) return this.skipped(report);
    const failure = entries.find(isError);
    const done = { ...report, entries };
    return failure ? this.failed(record, done, asText(failure.Contents)) : { report: done, labels: new Set([NONE]) };
  }

  /** A condition decided by a script: its answer (the entry's contents, e.g. "yes") names the branch. */
  private async conditionScript(record: TaskRecord, report: TaskReport): Promise<Outcome> {
    const entries = await this.entriesOf(record);
    if (entries === undefined) return this.branch(report, DEFAULT);
    const done = { ...report, entries };
    const failure = entries.find(isError);
    if (failure) return this.failed(record, done, asText(failure.Contents));
    const answer = asText(entries.at(-1)?.Contents).trim();
    const labels = Object.keys(record.nexttasks ?? {});
    const label = labels.find((candidate) => candidate === answer) ?? labels.find((candidate) => candidate.toLowerCase() === answer.toLowerCase()) ?? DEFAULT;
    return this.branch(done, label);
  }

  private async runSubPlaybook(record: TaskRecord, report: TaskReport): Promise<Outcome> {
    const name = subPlaybookName(record);
    const child = this.options.playbooks?.get(name);
    if (!child) {
      // A mocked sub-playbook runs once, its context standing for the outputs it would hand back.
      const mocked = this.toolbox.mocks.find(undefined, name);
      if (mocked) {
        const entry = mockEntry(mocked.mock);
        mergeEntryContext(this.context, entry.EntryContext);
        const done = { ...report, entries: [entry] };
        return isError(entry) ? this.failed(record, done, asText(entry.Contents)) : { report: done, labels: new Set([NONE]) };
      }
      if (record.skipunavailable === true) return this.skipped(report);
      throw new PlaybookError(`The sub-playbook "${name}" was not found.`);
    }
    if (this.depth >= MAX_DEPTH) throw new PlaybookError(`Sub-playbooks are nested more than ${MAX_DEPTH} deep.`);
    const loop = loopOf(record);
    const given = resolveArguments(record.scriptarguments, this.scope);
    // forEach: once per item of the list inputs, the i-th item of each; the longest list sets the count and a
    // list that reads nothing runs it no time at all. A loop with a condition runs until it holds or `max`.
    const items = Math.max(0, ...Object.values(given).map((value) => (Array.isArray(value) ? value.length : 1)));
    const times = loop === undefined ? 1 : Math.min(loop.forEach ? items : Infinity, loop.max || (loop.forEach ? Infinity : DEFAULT_LOOP_MAX));
    const subtasks: TaskReport[] = [];
    let ran = 0;
    while (ran < times) {
      const index = ran;
      const inputs = loop?.forEach ? Object.fromEntries(Object.entries(given).map(([key, value]) => [key, Array.isArray(value) ? value[index] : value])) : given;
      // Each iteration of a forEach adds its outputs to those of the iterations before.
      const result = await this.runChild(record, child, inputs, loop?.forEach === true && ran > 0);
      ran++;
      subtasks.push(...result.tasks);
      if (result.status !== 'completed') {
        const partial = { ...report, entries: subtasks.flatMap((task) => task.entries), subtasks, iterations: ran };
        return this.failed(record, partial, `The sub-playbook ${child.name} stopped: ${result.error}`);
      }
      if (loop?.until && groupsHold(loop.until, (operand) => resolveOperand(operand, this.scope))) break;
    }
    const done: TaskReport = { ...report, entries: subtasks.flatMap((task) => task.entries), subtasks, ...(loop ? { iterations: ran } : {}) };
    return { report: done, labels: new Set([NONE]) };
  }

  private async runChild(record: TaskRecord, child: Playbook, inputs: Record<string, unknown>, appendOutputs: boolean): Promise<RunReport> {
    // With separatecontext the sub-playbook works in a context of its own and hands back its outputs.
    const separate = record.separatecontext === true;
    const childRun = new PlaybookRun(child, this.options, this.budget, `${this.prefix}${String(record.id)}.`, {
      context: separate ? {} : this.context,
      incident: this.incident,
      modules: this.shared.modules,
    });
    childRun.resolveInputs(inputs);
    const result = await childRun.run();
    if (separate) for (const [path, value] of Object.entries(result.outputs)) setContextValue(this.context, path, value, appendOutputs);
    return result;
  }
}

/**
 * Runs a structurally sound playbook (see readPlaybook). Throws RunRefusedError — before any task runs —
 * when the runner cannot run it or an input is wrong; otherwise the report says how the run went.
 */
export async function runPlaybook(playbook: Playbook, options: RunOptions): Promise<RunReport> {
  checkRunnable(playbook, options);
  const run = new PlaybookRun(playbook, options, { steps: 0, max: options.maxSteps ?? DEFAULT_MAX_STEPS }, '', {
    context: structuredClone(options.context ?? {}),
    incident: normalizeIncident(options.incident, (options.now ?? (() => new Date()))()),
    modules: modulesOf(options.mocks ?? NO_MOCKS),
  });
  run.resolveInputs(options.inputs ?? {});
  return run.run();
}
