// Every failure answer is `{statusCode, error, message}` with `message` one sentence: never a stack
// trace, never an internal detail. Unexpected errors are logged in full and answered generically.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/**
 * Longest message an error answer carries. Values quoted in a message are already cut (src/values.ts shown);
 * this bounds whatever else a message may grow from, so a 1 MB request never gets a 1 MB answer.
 */
export const MAX_MESSAGE_CHARS = 1000;

/** The first line of a message, ending like a sentence, at most MAX_MESSAGE_CHARS long. */
export function sentence(message: string): string {
  const line = message.split('\n')[0].trim();
  if (line === '') return 'The request failed.';
  if (line.length > MAX_MESSAGE_CHARS) return `${line.slice(0, MAX_MESSAGE_CHARS - 4)}....`;
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/** A failure the service answers on purpose: its status and its sentence go to the caller as they are. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: sentence(message) };
}

export function sendError(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  return reply.code(statusCode).send(errorBody(statusCode, message));
}

const NOT_JSON = 'The request body is not valid JSON.';
const EMPTY_JSON = 'The request body is empty but its content type says JSON: send {} for no arguments.';

/** A key that could reach an object's prototype, and the path to it; undefined when there is none. */
function poisoningKey(value: unknown, path: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const where = path ? `${path}.${key}` : key;
    if (key === '__proto__') return where;
    if (key === 'constructor' && typeof child === 'object' && child !== null && Object.hasOwn(child, 'prototype')) return `${where}.prototype`;
    const found = poisoningKey(child, where);
    if (found) return found;
  }
  return undefined;
}

/**
 * The JSON body parser of every route. Valid JSON carrying `__proto__` (or `constructor.prototype`) is refused
 * in its own words: code merging such an object could change the prototype of every object on the server.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new HttpError(400, EMPTY_JSON);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, NOT_JSON);
  }
  const key = poisoningKey(value, '');
  if (key !== undefined) {
    throw new HttpError(
      400,
      `The request body holds the key "${key}", which is refused: keys named __proto__ (or constructor.prototype) can change the prototype of objects on the server (prototype pollution); rename or remove it.`,
    );
  }
  return value;
}

// Fastify's own wording names internals (content-type parser, media types); these read better to a caller.
const FRIENDLIER: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: NOT_JSON,
  FST_ERR_CTP_EMPTY_JSON_BODY: EMPTY_JSON,
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported content type: send the body as application/json.',
  FST_ERR_BAD_URL: 'The request URL is malformed: check its percent-encoding.',
};

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpError) return sendError(reply, error.statusCode, error.message);
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, status, status === 503 ? 'The service is not available right now.' : 'Internal server error: the request could not be completed.');
  }
  return sendError(reply, status, FRIENDLIER[error.code] ?? error.message);
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(reply, 404, `No route ${request.method} ${request.url.split('?')[0]}: see /docs for the API.`);
}

/** "a", "a or b", "a, b or c". */
const eitherOf = (words: string[]): string => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`);

/** JSON Schema types as a caller reads them. */
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/**
 * Every type the value at `instancePath` may have: a value failing `anyOf` fails one type check per branch, and
 * the first alone ("must be text") would hide that a number is accepted too.
 */
function acceptedTypes(errors: FastifySchemaValidationError[], instancePath: string): string[] {
  const types = errors
    .filter((error) => error.keyword === 'type' && error.instancePath === instancePath)
    .flatMap((error) => String((error.params as { type?: unknown }).type ?? '').split(','));
  return [...new Set(types.filter(Boolean).map((type) => TYPE_WORDS[type] ?? type))];
}

/** Where the value is, as a caller knows it: "The query parameter offset", "The body field lastRun.last_fetch". */
function place(dataVar: string, instancePath: string, property?: string): string {
  const path = [...instancePath.split('/').filter(Boolean), ...(property === undefined ? [] : [property])].join('.');
  const part = dataVar === 'querystring' ? 'query parameter' : dataVar === 'params' ? 'path parameter' : dataVar === 'headers' ? 'header' : 'body field';
  if (path === '') return dataVar === 'body' ? 'The request body' : `The ${part.replace(/ .*/, '')}`;
  return `The ${part} ${path}`;
}

/**
 * One sentence for a failed schema check, naming the value as the caller sent it and what is accepted:
 * "The query parameter offset must be at least 0." rather than ajv's "querystring.offset must be >= 0".
 */
export function schemaErrorFormatter(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const [first] = errors;
  const params = first.params as Record<string, unknown>;
  const where = place(dataVar, first.instancePath);
  switch (first.keyword) {
    case 'type':
      return new HttpError(400, `${where} must be ${eitherOf(acceptedTypes(errors, first.instancePath))}.`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const bound = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[first.keyword];
      return new HttpError(400, `${where} must be ${bound} ${String(params.limit)}.`);
    }
    case 'minLength':
    case 'maxLength':
      return new HttpError(400, `${where} must be ${first.keyword === 'minLength' ? 'at least' : 'at most'} ${String(params.limit)} characters long.`);
    case 'minItems':
    case 'maxItems':
      return new HttpError(400, `${where} must hold ${first.keyword === 'minItems' ? 'at least' : 'at most'} ${String(params.limit)} items.`);
    case 'enum':
      return new HttpError(400, `${where} must be one of ${Array.isArray(params.allowedValues) ? params.allowedValues.join(', ') : 'the documented values'}.`);
    case 'required':
      return new HttpError(400, `${place(dataVar, first.instancePath, String(params.missingProperty))} is required.`);
    case 'additionalProperties':
      return new HttpError(400, `${place(dataVar, first.instancePath, String(params.additionalProperty))} is not accepted: see /docs for the accepted fields.`);
    default:
      return new HttpError(400, `${where} is invalid: ${first.message ?? 'see /docs for what is accepted'}.`);
  }
}
