// The subset of XSOAR playbook YAML the runner reads (xsoar-conventions §4). Everything else in a
// playbook (view positions, notes, timers...) is layout for the XSOAR editor and is ignored here.

/** An argument or operand value: a literal/template (`simple`) or a context expression (`complex`). */
export interface ArgValue {
  simple?: string | number | boolean | null;
  complex?: ComplexValue;
}

export interface ComplexValue {
  /** A context path without `${}`, e.g. `Code42.SecurityAlert` or `inputs.Username`. */
  root: string;
  /** A sub-path read from every item the root (after filters) yields. */
  accessor?: string;
  /** Outer list AND, inner list OR, as in conditions (§4.6). */
  filters?: Comparison[][] | null;
  transformers?: Transformer[] | null;
}

export interface Transformer {
  operator: string;
  args?: Record<string, Operand | null> | null;
}

export interface Operand {
  value?: ArgValue | null;
  /** True: `value.simple` is a context path to read, not a literal. */
  iscontext?: boolean;
}

export interface Comparison {
  operator: string;
  left?: Operand | null;
  right?: Operand | null;
  ignorecase?: boolean;
}

export interface ConditionBranch {
  label: string;
  condition: Comparison[][];
}

export interface TaskSpec {
  id: string;
  name?: string;
  description?: string;
  /** `|||<command>`, `<brand>|||<command>`, `Builtin|||setIncident`, or an automation name. */
  script?: string;
  scriptName?: string;
  playbookName?: string;
  playbookId?: string;
  iscommand?: boolean;
  brand?: string;
  type?: string;
}

export type TaskType = 'start' | 'regular' | 'condition' | 'playbook' | 'title' | 'section' | 'standard' | 'collection';

export interface TaskRecord {
  id: string | number;
  taskid: string;
  type: TaskType;
  task: TaskSpec;
  /** Label -> ids of the next tasks (`#none#`, condition labels, `#default#`, `#error#`). */
  nexttasks?: Record<string, string[] | null> | null;
  scriptarguments?: Record<string, ArgValue | null> | null;
  conditions?: ConditionBranch[] | null;
  continueonerror?: boolean | null;
  continueonerrortype?: string | null;
  separatecontext?: boolean | null;
  loop?: Record<string, unknown> | null;
  /** An Ask task's survey (a condition task that asks people, its replies being its branches). */
  message?: Record<string, unknown> | null;
  /** Skip the task, rather than refuse the playbook, when its integration, script or sub-playbook is not there. */
  skipunavailable?: boolean | null;
}

export interface PlaybookInput {
  key: string;
  value?: ArgValue | null;
  required?: boolean | null;
  description?: string | null;
}

export interface PlaybookOutput {
  contextPath: string;
  type?: string | null;
  description?: string | null;
}

export interface Playbook {
  id: string;
  name: string;
  version?: number;
  description?: string;
  starttaskid: string;
  tasks: Record<string, TaskRecord>;
  inputs?: PlaybookInput[] | null;
  outputs?: PlaybookOutput[] | null;
}

/** Labels with a fixed meaning in `nexttasks`. */
export const NONE = '#none#';
export const DEFAULT = '#default#';
export const ERROR = '#error#';

/** A problem with a playbook itself (not with a command it runs): said in one sentence. */
export class PlaybookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaybookError';
  }
}

/** The way users name a task in messages: `task 3 (Get the alert)`. */
export function taskLabel(id: string, record: TaskRecord | undefined): string {
  const name = record?.task?.name;
  return name ? `task ${id} (${name})` : `task ${id}`;
}
