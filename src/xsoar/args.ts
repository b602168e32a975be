// Command arguments: XSOAR sends every argument as a string (xsoar-conventions §2.7). One declaration per
// argument drives coercion, ajv validation, the HTTP/OpenAPI schema, integration.yml and the README.
import type { default as Ajv, ErrorObject, ValidateFunction } from 'ajv';
// The per-function entry point: the date-fns index loads every function (about 0.3 s of CLI start).
import { parsePath } from '../playbooks/dt-path';
import { parseYesNo, shown } from '../values';

interface ArgBase {
  description: string;
  required?: boolean;
  /** XSOAR `default: true`: `!cmd value` fills this argument. At most one per command. */
  default?: boolean;
  secret?: boolean;
  /** Kept for playbook compatibility, hidden from docs. */
  deprecated?: boolean;
}

export interface StringArg extends ArgBase {
  type: 'string';
  defaultValue?: string;
  /** Allowed values. Matched ignoring case (tables print `CRITICAL`, users type `critical`); handlers get the declared spelling. */
  predefined?: readonly string[];
  /** `date`: a real calendar date written YYYY-MM-DD. `date-or-empty`: the same, or "" (clear the field). */
  format?: 'date' | 'date-or-empty';
  /** "" is a value of its own (e.g. "clear the notes") rather than "not given". */
  allowEmpty?: boolean;
  /** Most characters accepted (Code42's own limit, checked before anything is sent). */
  maxLength?: number;
}

export interface NumberArg extends ArgBase {
  type: 'number';
  defaultValue?: number;
  minimum?: number;
  maximum?: number;
  integer?: boolean;
}

export interface BooleanArg extends ArgBase {
  type: 'boolean';
  defaultValue?: boolean;
}

/** A comma-delimited list (`argToList`), or a JSON array. */
export interface ListArg extends ArgBase {
  type: 'list';
  predefined?: readonly string[];
  defaultValue?: readonly string[];
}

export type ArgSpec = StringArg | NumberArg | BooleanArg | ListArg;
export type ArgsSchema = Record<string, ArgSpec>;

type ValueOf<A extends ArgSpec> = A extends ListArg
  ? A['predefined'] extends readonly (infer P)[] ? P[] : string[]
  : A extends NumberArg
    ? number
    : A extends BooleanArg
      ? boolean
      : A extends StringArg
        ? A['predefined'] extends readonly (infer P)[] ? P : string
        : never;

type Present<A extends ArgSpec> = A extends { required: true } ? true : A extends { defaultValue: unknown } ? true : false;

/** The typed arguments a handler receives: required and defaulted arguments are always present. */
export type ArgsOf<S extends ArgsSchema> = { [K in keyof S as Present<S[K]> extends true ? K : never]: ValueOf<S[K]> } & {
  [K in keyof S as Present<S[K]> extends true ? never : K]?: ValueOf<S[K]>;
};

export interface JsonSchema {
  type?: string | string[];
  [keyword: string]: unknown;
}

function propertySchema(spec: ArgSpec): JsonSchema {
  const base: JsonSchema = { description: spec.description };
  switch (spec.type) {
    case 'string':
      return {
        ...base,
        type: 'string',
        ...(spec.predefined ? { enum: [...spec.predefined] } : {}),
        ...(spec.format ? { format: spec.format } : {}),
        ...(spec.maxLength !== undefined ? { maxLength: spec.maxLength } : {}),
        ...(spec.defaultValue !== undefined ? { default: spec.defaultValue } : {}),
      };
    case 'number':
      return {
        ...base,
        type: spec.integer ? 'integer' : 'number',
        ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}),
        ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}),
        ...(spec.defaultValue !== undefined ? { default: spec.defaultValue } : {}),
      };
    case 'boolean':
      return { ...base, type: 'boolean', ...(spec.defaultValue !== undefined ? { default: spec.defaultValue } : {}) };
    case 'list':
      return {
        ...base,
        type: 'array',
        items: spec.predefined ? { type: 'string', enum: [...spec.predefined] } : { type: 'string' },
        ...(spec.defaultValue !== undefined ? { default: [...spec.defaultValue] } : {}),
      };
  }
}

/** JSON Schema of a command's arguments after coercion: the HTTP body schema and the ajv validator. */
export function argsJsonSchema(args: ArgsSchema): JsonSchema {
  const required = Object.entries(args).filter(([, s]) => s.required).map(([n]) => n);
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(args).map(([name, spec]) => [name, propertySchema(spec)])),
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

/** A real day of the calendar (no 2024-02-30). date-fns' parser is required on the first date argument only: it is a tenth of a one-shot command's start. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isMatch } = require('date-fns/isMatch') as typeof import('date-fns/isMatch');
  return isMatch(value, 'yyyy-MM-dd');
}

// validateSchema off: these schemas are generated by argsJsonSchema, not written by hand, and checking them
// against the meta-schema compiles the meta-schema first, a third of a second of every one-shot CLI run.
// Made on the first validation: listing the commands (`code42-soar commands`, gen) validates nothing, and ajv is
// 63 modules, a fifth of such a start.
let argsAjv: Ajv | undefined;
function ajv(): Ajv {
  if (!argsAjv) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { default: AjvClass } = require('ajv') as typeof import('ajv');
    argsAjv = new AjvClass({ allErrors: false, coerceTypes: true, useDefaults: true, strict: false, validateSchema: false });
    argsAjv.addFormat('date', { type: 'string', validate: isCalendarDate });
    argsAjv.addFormat('date-or-empty', { type: 'string', validate: (v: string) => v === '' || isCalendarDate(v) });
  }
  return argsAjv;
}

/** `argToList`: "" -> [], "[...]" -> JSON, "a, b" -> ["a", "b"]. */
export function argToList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        // not JSON: fall through to comma splitting, as argToList does
      }
    }
    return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
  return [value];
}

/** `argToBoolean`: true/yes and false/no in any case; anything else is left for ajv to reject. */
const argToBoolean = (value: unknown): unknown => parseYesNo(value) ?? value;

/** The declared spelling of a predefined value given in any case; anything else is left for ajv to reject. */
function canonical(predefined: readonly string[] | undefined, value: unknown): unknown {
  if (!predefined || typeof value !== 'string') return value;
  const wanted = value.trim().toLowerCase();
  return predefined.find((allowed) => allowed.toLowerCase() === wanted) ?? value;
}

function coerce(spec: ArgSpec, value: unknown): unknown {
  if (spec.type === 'list') return argToList(value).map((item) => canonical(spec.predefined, item));
  if (spec.type === 'boolean') return argToBoolean(value);
  if (spec.type === 'string') return canonical(spec.predefined, value);
  if (spec.type === 'number' && typeof value === 'string') {
    const text = value.trim();
    // ajv would coerce "" to 0; an empty optional number means "not given".
    return text === '' ? undefined : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : value;
  }
  return value;
}

export class ArgumentError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArgumentError';
  }
}

function describeAllowed(spec: ArgSpec): string {
  switch (spec.type) {
    case 'string':
      if (spec.predefined) return `one of ${spec.predefined.join(', ')}`;
      if (spec.format === 'date') return 'a date written YYYY-MM-DD';
      if (spec.format === 'date-or-empty') return 'a date written YYYY-MM-DD, or an empty value to clear it';
      if (spec.maxLength !== undefined) return `a text of at most ${spec.maxLength} characters`;
      return 'a text value';
    case 'number': {
      const kind = spec.integer ? 'a whole number' : 'a number';
      if (spec.minimum !== undefined && spec.maximum !== undefined) return `${kind} from ${spec.minimum} to ${spec.maximum}`;
      if (spec.minimum !== undefined) return `${kind} of at least ${spec.minimum}`;
      if (spec.maximum !== undefined) return `${kind} of at most ${spec.maximum}`;
      return kind;
    }
    case 'boolean':
      return 'true, false, yes or no';
    case 'list':
      return spec.predefined ? `a comma-separated list of ${spec.predefined.join(', ')}` : 'a comma-separated list';
  }
}

/** The sentence of ajv's first complaint. `schema` is the command's own (the names an unknown argument is told about), `accepted` adds the platform's. */
function sentenceFor(error: ErrorObject, schema: ArgsSchema, accepted: ArgsSchema, input: Record<string, unknown>): ArgumentError {
  if (error.keyword === 'required') {
    const name = (error.params as { missingProperty: string }).missingProperty;
    return new ArgumentError(name, `Missing required argument "${name}": expected ${describeAllowed(accepted[name])}.`);
  }
  if (error.keyword === 'additionalProperty' || error.keyword === 'additionalProperties') {
    const name = (error.params as { additionalProperty: string }).additionalProperty;
    const known = Object.keys(schema);
    const accepted = known.length ? `accepted arguments are ${known.join(', ')}` : 'this command takes no arguments';
    return new ArgumentError(name, `Unknown argument "${name}": ${accepted}.`);
  }
  const path = error.instancePath.split('/').filter(Boolean);
  const name = path[0] ?? '';
  const spec = accepted[name];
  const value = path.length > 1 ? (input[name] as unknown[])[Number(path[1])] : input[name];
  if (error.keyword === 'maxLength' && typeof value === 'string') {
    return new ArgumentError(name, `The argument "${name}" has ${value.length} characters; at most ${(error.params as { limit: number }).limit} are allowed.`);
  }
  if (error.keyword === 'format' && spec.type === 'string' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // Well written but not on the calendar (2027-02-30): say that, not only the expected form.
    return new ArgumentError(name, `Invalid value ${shown(value)} for argument "${name}": it is not a date; expected ${describeAllowed(spec)}.`);
  }
  return new ArgumentError(name, `Invalid value ${shown(value)} for argument "${name}": expected ${describeAllowed(spec)}.`);
}

/**
 * XSOAR's own arguments, which every command accepts: the platform declares them, not the integration, so they
 * stay out of integration.yml. The registry applies them (see registry.ts) the way XSOAR does.
 */
export const PLATFORM_ARGS = {
  'ignore-outputs': { type: 'boolean', defaultValue: false, description: 'Write no context outputs of the command (only the keys extend-context names).' },
  'extend-context': {
    type: 'string',
    description: 'More context keys taken from the raw response: key=DT path, several joined by "::", e.g. state=.state::owner=.actorName.',
  },
  'execution-timeout': { type: 'number', minimum: 1, description: 'Seconds the command may run; past them it fails.' },
  // XSOAR leaves retries unbounded; ten keeps a mistyped count from hammering Code42 (our decision).
  'retry-count': { type: 'number', integer: true, minimum: 0, maximum: 10, defaultValue: 0, description: 'How many times a failed command is run again.' },
  'retry-interval': { type: 'number', minimum: 0, maximum: 3600, defaultValue: 5, description: 'Seconds to wait before each retry.' },
  using: { type: 'string', description: 'The integration instance to run the command on.' },
  'using-brand': { type: 'string', description: 'The integration (brand) to run the command on: Code42.' },
  'raw-response': { type: 'boolean', defaultValue: false, description: 'Show the raw Code42 response in the war room instead of the table.' },
} as const satisfies ArgsSchema;

export type PlatformArgName = keyof typeof PLATFORM_ARGS;
const PLATFORM_ARG_NAMES = Object.keys(PLATFORM_ARGS) as PlatformArgName[];

/** One `key=path` pair of extend-context: the context key and the DT path read from the raw response. */
export interface ContextExtension {
  key: string;
  /** Without the leading "." that marks the response root; "" is the whole response. */
  path: string;
}

/** The platform arguments of one run, parsed. */
export interface PlatformArgs {
  ignoreOutputs: boolean;
  extendContext: ContextExtension[];
  executionTimeoutMs?: number;
  retryCount: number;
  retryIntervalMs: number;
  using?: string;
  usingBrand?: string;
  rawResponse: boolean;
}

const EXTEND_CONTEXT_FORM = 'expected key=path pairs joined by "::", e.g. state=.state';

/** `a=.x::b=.y.z` -> [{key: a, path: x}, {key: b, path: y.z}]; each path is checked now, so a typo fails before Code42 is called. */
export function parseExtendContext(text: string): ContextExtension[] {
  return text
    .split('::')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const key = equals < 0 ? '' : pair.slice(0, equals).trim();
      if (key === '') throw new ArgumentError('extend-context', `Invalid value ${shown(pair)} for argument "extend-context": ${EXTEND_CONTEXT_FORM}.`);
      const path = pair.slice(equals + 1).trim().replace(/^\./, '');
      if (path !== '') {
        try {
          parsePath(path);
        } catch (error) {
          const why = (error as Error).message.replace(/\.$/, '');
          throw new ArgumentError('extend-context', `Invalid value ${shown(pair)} for argument "extend-context": ${why.charAt(0).toLowerCase()}${why.slice(1)}.`);
        }
      }
      return { key, path };
    });
}

function platformArgs(values: Record<string, unknown>): PlatformArgs {
  const text = (name: PlatformArgName): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const timeout = values['execution-timeout'];
  return {
    ignoreOutputs: values['ignore-outputs'] === true,
    extendContext: parseExtendContext(text('extend-context') ?? ''),
    ...(typeof timeout === 'number' ? { executionTimeoutMs: timeout * 1000 } : {}),
    retryCount: values['retry-count'] as number,
    retryIntervalMs: (values['retry-interval'] as number) * 1000,
    ...(text('using') !== undefined ? { using: text('using') } : {}),
    ...(text('using-brand') !== undefined ? { usingBrand: text('using-brand') } : {}),
    rawResponse: values['raw-response'] === true,
  };
}

export interface ArgsValidator<S extends ArgsSchema> {
  /** The command's arguments and the platform arguments, as the HTTP body schema documents them. */
  schema: JsonSchema;
  /** Coerces XSOAR string arguments and validates them; throws ArgumentError with one sentence. Platform arguments are checked and left out. */
  parse(input: Record<string, unknown>): ArgsOf<S>;
  /** As parse, with the platform arguments of the run. */
  parseInvocation(input: Record<string, unknown>): { args: ArgsOf<S>; platform: PlatformArgs };
}

export function compileArgs<S extends ArgsSchema>(schema: S): ArgsValidator<S> {
  const accepted: ArgsSchema = { ...PLATFORM_ARGS, ...schema };
  const jsonSchema = argsJsonSchema(accepted);
  // Compiled on first use: compiling every command's schema up front cost a one-shot CLI over a second.
  let validate: ValidateFunction | undefined;
  const parseInvocation = (input: Record<string, unknown>) => {
    validate ??= ajv().compile(jsonSchema);
    const values: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(input)) {
      const spec = Object.prototype.hasOwnProperty.call(accepted, name) ? accepted[name] : undefined;
      if (!spec) {
        values[name] = raw;
        continue;
      }
      const value = coerce(spec, raw);
      // XSOAR leaves optional arguments empty rather than absent; "" means "not given", except where "" is meaningful.
      const emptyMeansAbsent = !(spec.type === 'string' && (spec.format === 'date-or-empty' || spec.allowEmpty));
      if (value === undefined || (value === '' && emptyMeansAbsent) || (spec.type === 'list' && Array.isArray(value) && value.length === 0)) continue;
      values[name] = value;
    }
    if (!validate(values)) {
      throw sentenceFor(validate.errors![0], schema, accepted, values);
    }
    const platform = platformArgs(values);
    for (const name of PLATFORM_ARG_NAMES) delete values[name];
    return { args: values as ArgsOf<S>, platform };
  };
  return { schema: jsonSchema, parse: (input) => parseInvocation(input).args, parseInvocation };
}
