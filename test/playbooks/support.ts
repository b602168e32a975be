// Test playbooks built in code (structurally checked like any YAML playbook) and a registry of small
// commands whose outputs make the runner's semantics visible without Code42.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Code42Api } from '../../src/code42/api';
import { type CommandContext, CommandError, DEFAULT_SETTINGS, defineCommand } from '../../src/command';
import { toPlaybook } from '../../src/playbooks/load';
import { type RunOptions, type RunReport, runPlaybook } from '../../src/playbooks/runner';
import type { ArgValue, ConditionBranch, Playbook, PlaybookInput, PlaybookOutput, TaskType } from '../../src/playbooks/types';
import { Registry } from '../../src/registry';

export interface TaskDef {
  type?: TaskType;
  name?: string;
  script?: string;
  scriptName?: string;
  playbookName?: string;
  separatecontext?: boolean;
  args?: Record<string, ArgValue>;
  next?: Record<string, string[]>;
  conditions?: ConditionBranch[];
  continueonerror?: boolean;
  errorPath?: boolean;
  loop?: Record<string, unknown>;
  skipunavailable?: boolean;
}

export interface PlaybookExtras {
  name?: string;
  inputs?: PlaybookInput[];
  outputs?: PlaybookOutput[];
}

/** A playbook from task definitions, structurally checked; task "0" is the start task. */
export function playbook(tasks: Record<string, TaskDef>, extras: PlaybookExtras = {}): Playbook {
  const doc = playbookDoc(tasks, extras);
  return toPlaybook(doc, doc.name);
}

/** The same playbook document, unchecked: for playbooks that are broken on purpose. */
export function playbookDoc(tasks: Record<string, TaskDef>, extras: PlaybookExtras = {}): Playbook {
  const name = extras.name ?? 'Test Playbook';
  const records = Object.fromEntries(
    Object.entries(tasks).map(([id, def]) => {
      const taskid = randomUUID();
      const type = def.type ?? (def.conditions ? 'condition' : def.playbookName ? 'playbook' : 'regular');
      return [
        id,
        {
          id,
          taskid,
          type,
          task: {
            id: taskid,
            version: -1,
            name: def.name ?? `Task ${id}`,
            description: '',
            ...(def.script ? { script: def.script } : {}),
            ...(def.scriptName ? { scriptName: def.scriptName } : {}),
            ...(def.playbookName ? { playbookName: def.playbookName } : {}),
            iscommand: Boolean(def.script?.includes('|||')),
            brand: '',
          },
          ...(def.next ? { nexttasks: def.next } : {}),
          ...(def.args ? { scriptarguments: def.args } : {}),
          ...(def.conditions ? { conditions: def.conditions } : {}),
          ...(def.continueonerror !== undefined ? { continueonerror: def.continueonerror } : {}),
          ...(def.errorPath ? { continueonerrortype: 'errorPath' } : {}),
          separatecontext: def.separatecontext ?? false,
          ...(def.loop ? { loop: def.loop } : {}),
          ...(def.skipunavailable !== undefined ? { skipunavailable: def.skipunavailable } : {}),
        },
      ];
    }),
  );
  return { id: name, version: -1, name, description: '', starttaskid: '0', tasks: records, inputs: extras.inputs, outputs: extras.outputs } as Playbook;
}

export const simple = (value: string): ArgValue => ({ simple: value });
export const start = (...next: string[]): TaskDef => ({ type: 'start', name: '', next: { '#none#': next } });
export const title = (name: string, ...next: string[]): TaskDef => ({ type: 'title', name, ...(next.length ? { next: { '#none#': next } } : {}) });
export const command = (name: string, args: Record<string, ArgValue> = {}, ...next: string[]): TaskDef => ({
  script: `|||${name}`,
  args,
  ...(next.length ? { next: { '#none#': next } } : {}),
});

/** Every command a test task ran, with the arguments it got (XSOAR-style strings). */
export const calls: { command: string; args: Record<string, unknown>; context?: Record<string, unknown>; incident?: Record<string, unknown> }[] = [];

const record =
  (command: string) =>
  (ctx: CommandContext, args: Record<string, unknown>): void => {
    calls.push({ command, args, context: ctx.context, incident: ctx.incident });
  };

export const testRegistry = new Registry([
  defineCommand({
    name: 'test-item',
    description: 'Writes one item keyed by ID.',
    kind: 'write',
    args: { id: { type: 'string', required: true, description: 'Key.' }, value: { type: 'string', description: 'Value.' } },
    outputs: { prefix: 'Test.Item', key: 'ID', fields: {} },
    async handler(ctx, args) {
      record('test-item')(ctx, args);
      return { title: 'Item', outputs: { ID: args.id, ...(args.value === undefined ? {} : { Value: args.value }) } };
    },
  }),
  defineCommand({
    name: 'test-plain',
    description: 'Writes values under an unkeyed prefix.',
    kind: 'write',
    args: { value: { type: 'string', required: true, description: 'Value.' } },
    outputs: { prefix: 'Test.Plain', fields: {} },
    async handler(ctx, args) {
      record('test-plain')(ctx, args);
      return { title: 'Plain', outputs: { Value: args.value } };
    },
  }),
  defineCommand({
    name: 'test-args',
    description: 'Records its arguments.',
    kind: 'read',
    args: {
      text: { type: 'string', description: 'Text.' },
      list: { type: 'list', description: 'List.' },
      other: { type: 'string', description: 'Other.' },
    },
    async handler(ctx, args) {
      record('test-args')(ctx, args);
      return { readable: 'recorded', outputs: null };
    },
  }),
  defineCommand({
    name: 'test-fail',
    description: 'Always fails.',
    kind: 'write',
    args: {},
    async handler(ctx, args) {
      record('test-fail')(ctx, args);
      throw new CommandError('It broke.');
    },
  }),
]);

/** What the playbooks' commands run with: `code42`, the default settings, no logs and no file store. */
export function contextFor(code42: Code42Api): CommandContext {
  return {
    code42,
    settings: DEFAULT_SETTINGS,
    log: pino({ level: 'silent' }),
    files: { save: () => Promise.reject(new Error('no files in these tests')), remove: () => Promise.reject(new Error('no files in these tests')) },
  };
}

export const commandContext = contextFor({} as Code42Api);

/** Runs a test playbook on the test registry; `calls` is emptied first. */
export function run(target: Playbook, options: Partial<RunOptions> = {}): Promise<RunReport> {
  calls.length = 0;
  return runPlaybook(target, { registry: testRegistry, commandContext, ...options });
}

/** The ids of the tasks that ran, in order. */
export const ran = (report: RunReport): string[] => report.tasks.map((task) => task.id);
