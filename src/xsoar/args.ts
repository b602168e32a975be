// Command arguments: XSOAR sends every argument as a string (xsoar-conventions §2.7). One declaration per
// argument drives coercion, ajv validation, the HTTP/OpenAPI schema, integration.yml and the README.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMatch } from 'date-fns';

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
  /** Allowed values, compared case-sensitively as XSOAR does. */
  predefined?: readonly string[];
  /** `date`: a real calendar date written YYYY-MM-DD. `date-or-empty`: the same, or "" (clear the field). */
  format?: 'date' | 'date-or-empty';
  /** "" is a value of its own (e.g. "clear the notes") rather than "not given". */
  allowEmpty?: boolean;
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

const isCalendarDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && isMatch(value, 'yyyy-MM-dd');

const ajv = new Ajv({ allErrors: false, coerceTypes: true, useDefaults: true, strict: false });
ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
ajv.addFormat('date-or-empty', { type: 'string', validate: (v: string) => v === '' || isCalendarDate(v) });

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
function argToBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const lower = value.trim().toLowerCase();
  if (lower === 'true' || lower === 'yes') return true;
  if (lower === 'false' || lower === 'no') return false;
  return value;
}

function coerce(spec: ArgSpec, value: unknown): unknown {
  if (spec.type === 'list') return argToList(value);
  if (spec.type === 'boolean') return argToBoolean(value);
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

const shown = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

function sentenceFor(error: ErrorObject, schema: ArgsSchema, input: Record<string, unknown>): ArgumentError {
  if (error.keyword === 'required') {
    const name = (error.params as { missingProperty: string }).missingProperty;
    return new ArgumentError(name, `Missing required argument "${name}": expected ${describeAllowed(schema[name])}.`);
  }
  if (error.keyword === 'additionalProperty' || error.keyword === 'additionalProperties') {
    const name = (error.params as { additionalProperty: string }).additionalProperty;
    const known = Object.keys(schema);
    const accepted = known.length ? `accepted arguments are ${known.join(', ')}` : 'this command takes no arguments';
    return new ArgumentError(name, `Unknown argument "${name}": ${accepted}.`);
  }
  const path = error.instancePath.split('/').filter(Boolean);
  const name = path[0] ?? '';
  const spec = schema[name];
  const value = path.length > 1 ? (input[name] as unknown[])[Number(path[1])] : input[name];
  return new ArgumentError(name, `Invalid value ${shown(value)} for argument "${name}": expected ${describeAllowed(spec)}.`);
}

export interface ArgsValidator<S extends ArgsSchema> {
  schema: JsonSchema;
  /** Coerces XSOAR string arguments and validates them; throws ArgumentError with one sentence. */
  parse(input: Record<string, unknown>): ArgsOf<S>;
}

export function compileArgs<S extends ArgsSchema>(schema: S): ArgsValidator<S> {
  const jsonSchema = argsJsonSchema(schema);
  const validate: ValidateFunction = ajv.compile(jsonSchema);
  return {
    schema: jsonSchema,
    parse(input) {
      const values: Record<string, unknown> = {};
      for (const [name, raw] of Object.entries(input)) {
        const spec = schema[name];
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
        throw sentenceFor(validate.errors![0], schema, values);
      }
      return values as ArgsOf<S>;
    },
  };
}
