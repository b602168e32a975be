// JSON Schemas of the HTTP API. Request bodies are derived from each command's argument schema (the one
// ajv validates with), so OpenAPI documents exactly what the registry accepts.
import type { JsonSchema } from '../xsoar/args';

/** Reads as "what XSOAR sends": every argument may also be given as a string, coerced by the registry. */
function acceptingStrings(property: JsonSchema): JsonSchema {
  const { description, default: defaultValue, ...native } = property;
  if (native.type === 'string' || native.type === undefined) return property;
  const asText: JsonSchema =
    native.type === 'array'
      ? { type: 'string', description: 'Comma-separated values, or a JSON array written as a string.' }
      : { type: 'string', description: native.type === 'boolean' ? 'true, false, yes or no (any case).' : 'The number written as text.' };
  return { description, ...(defaultValue !== undefined ? { default: defaultValue } : {}), anyOf: [native, asText] };
}

/** The request body of `POST /v1/commands/<name>`: the command's arguments, native JSON or XSOAR strings. */
export function commandBodySchema(argsSchema: JsonSchema): JsonSchema {
  const properties = (argsSchema.properties ?? {}) as Record<string, JsonSchema>;
  return {
    ...argsSchema,
    properties: Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, acceptingStrings(property)])),
  };
}

export const errorSchema: JsonSchema = {
  $id: 'Error',
  type: 'object',
  description: 'A failure: `message` is one sentence saying what went wrong.',
  properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } },
  required: ['statusCode', 'error', 'message'],
};

export const entrySchema: JsonSchema = {
  $id: 'Entry',
  type: 'object',
  description: 'An XSOAR war-room entry. Type 1 is a result, 3 a file, 4 an error (Contents is then the sentence).',
  properties: {
    Type: { type: 'integer' },
    ContentsFormat: { type: 'string', enum: ['json', 'text', 'markdown'] },
    Contents: { description: 'The raw result (the Code42 response), or the error sentence.' },
    HumanReadable: { type: ['string', 'null'], description: 'Markdown as the war room shows it.' },
    EntryContext: { type: 'object', additionalProperties: true, description: 'Context outputs keyed as XSOAR merges them.' },
  },
  required: ['Type', 'ContentsFormat', 'Contents'],
  additionalProperties: true,
};

export const entriesSchema: JsonSchema = { type: 'array', items: { $ref: 'Entry#' } };

export const commandInfoSchema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    description: { type: 'string' },
    kind: { type: 'string', enum: ['read', 'write'] },
    arguments: { type: 'object', additionalProperties: true, description: 'JSON Schema of the arguments after coercion.' },
    outputs: {
      type: ['object', 'null'],
      additionalProperties: true,
      description: 'Context prefix, key field(s) and output fields, or null for commands without context outputs.',
    },
  },
  required: ['name', 'description', 'kind', 'arguments', 'outputs'],
};

const errorResponse = { $ref: 'Error#' };

/** The failure answers every authenticated route can give. */
export const authenticatedErrors = {
  401: { description: 'Missing or wrong API key.', ...errorResponse },
  429: { description: 'Too many requests.', ...errorResponse },
  500: { description: 'Internal error.', ...errorResponse },
};
