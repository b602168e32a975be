// Decoding at the edge: every Code42 answer is checked against a JSON schema of the fields the code reads
// before any code touches it, so a wrong shape is one sentence naming the field ("watchlists[0].watchlistId is
// missing") instead of a TypeError three calls later. Schemas allow fields they do not name (Code42 adds fields
// over time) and are compiled once, on first use, by one ajv instance.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

export type Schema = Record<string, unknown>;

// allowUnionTypes: `{type: ['string', 'null']}` is how Code42's nullable fields are written here. verbose: an
// error carries its schema, so a field with two accepted spellings is named in the sentence. validateSchema: the
// schemas are this module's constants, and checking them against the meta-schema compiled ajv's meta-schema on the
// first decode of every CLI run (~0.27 s); strict mode still refuses unknown keywords at compile time.
const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true, verbose: true, validateSchema: false });

/** A compiled schema for `T`: `check` returns the value typed, or a phrase saying what is wrong with it. */
export class Decoder<T> {
  private compiled?: ValidateFunction<T>;

  constructor(private readonly schema: Schema) {}

  check(value: unknown): { ok: true; value: T } | { ok: false; problem: string } {
    this.compiled ??= ajv.compile<T>(this.schema);
    if (this.compiled(value)) return { ok: true, value };
    // A failed anyOf lists its branches' errors first; the anyOf itself says more (both spellings of a field).
    const errors = this.compiled.errors ?? [];
    return { ok: false, problem: describeError(errors.find((e) => e.keyword === 'anyOf') ?? errors[0], value) };
  }
}

export const decoder = <T>(schema: Schema): Decoder<T> => new Decoder<T>(schema);

// ---- schema vocabulary ----
export const STRING: Schema = { type: 'string' };
export const NUMBER: Schema = { type: 'number' };
export const INTEGER: Schema = { type: 'integer' };
export const BOOLEAN: Schema = { type: 'boolean' };
/** Any JSON value: present for the reader, shape not relied upon. */
export const ANY: Schema = {};

/** `schema` or null. */
export function nullable(schema: Schema): Schema {
  const type = schema.type;
  if (typeof type === 'string') return { ...schema, type: [type, 'null'] };
  if (Array.isArray(type)) return { ...schema, type: [...(type as string[]), 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}

export const NULLABLE_STRING = nullable(STRING);
export const NULLABLE_NUMBER = nullable(NUMBER);

export const arrayOf = (items: Schema): Schema => ({ type: 'array', items });

/** An object with the `required` fields and, when present, the `optional` ones; other fields are allowed. */
export function object(required: Record<string, Schema>, optional: Record<string, Schema> = {}): Schema {
  return { type: 'object', required: Object.keys(required), properties: { ...optional, ...required } };
}

// ---- the sentence ----

/** `watchlists[0].watchlistId` from ajv's `/watchlists/0/watchlistId`. */
function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  let path = '';
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : path ? `.${part}` : part;
  return path;
}

function valueAt(root: unknown, instancePath: string): unknown {
  let value = root;
  for (const part of instancePath.split('/').slice(1)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return `${String(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

function expectedType(type: unknown): string {
  const types = (Array.isArray(type) ? type : String(type).split(',')) as string[];
  return types.map((t) => TYPE_NAMES[t] ?? t).join(' or ');
}

function describeError(error: ErrorObject | undefined, root: unknown): string {
  if (!error) return 'it does not match the documented shape';
  const where = fieldPath(error.instancePath);
  const subject = where || 'the answer';
  const actual = valueAt(root, error.instancePath);
  switch (error.keyword) {
    case 'required':
      return `${fieldPath(error.instancePath, String((error.params as { missingProperty: string }).missingProperty))} is missing`;
    case 'type':
      return `${subject} is ${kindOf(actual)}, not ${expectedType((error.params as { type: unknown }).type)}`;
    case 'anyOf': {
      // `anyOf: [{required: [a]}, {required: [b]}]`: one of two spellings of a field (legal-hold matters).
      const names = (Array.isArray(error.schema) ? (error.schema as { required?: string[] }[]) : []).map((branch) => branch.required?.[0]);
      if (names.length > 0 && names.every(Boolean)) return `${fieldPath(error.instancePath, names[0])} is missing (also accepted as ${names.slice(1).join(', ')})`;
      return `${subject} does not match the documented shape`;
    }
    case 'enum':
      return `${subject} is ${kindOf(actual)}, not one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String).join(', ')}`;
    default:
      return `${subject} ${error.message ?? 'does not match the documented shape'}`;
  }
}
