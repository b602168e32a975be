// Every failure answer is `{statusCode, error, message}` with `message` one sentence: never a stack
// trace, never an internal detail. Unexpected errors are logged in full and answered generically.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/** The first line of a message, ending like a sentence. */
export function sentence(message: string): string {
  const line = message.split('\n')[0].trim();
  if (line === '') return 'The request failed.';
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

// Fastify's own wording names internals (content-type parser, media types); these read better to a caller.
const FRIENDLIER: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty but its content type says JSON: send {} for no arguments.',
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

/**
 * Every type the value at `instancePath` may have: a value failing `anyOf` fails one type check per branch, and
 * the first alone ("must be string") would hide that a number is accepted too.
 */
function acceptedTypes(errors: FastifySchemaValidationError[], instancePath: string): string[] {
  const types = errors
    .filter((error) => error.keyword === 'type' && error.instancePath === instancePath)
    .flatMap((error) => String((error.params as { type?: unknown }).type ?? '').split(','));
  return [...new Set(types.filter(Boolean))];
}

/** One sentence for a failed schema check, naming the field: `body.params.max_fetch must be string, integer or null.` */
export function schemaErrorFormatter(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const [first] = errors;
  const where = `${dataVar}${first.instancePath.replace(/\//g, '.')}`;
  if (first.keyword === 'type') return new Error(sentence(`${where} must be ${eitherOf(acceptedTypes(errors, first.instancePath))}`));
  const params = first.params as Record<string, unknown>;
  const detail =
    first.keyword === 'additionalProperties'
      ? `: "${String(params.additionalProperty)}" is not accepted`
      : first.keyword === 'enum' && Array.isArray(params.allowedValues)
        ? ` (${params.allowedValues.join(', ')})`
        : '';
  return new Error(sentence(`${where} ${first.message ?? 'is invalid'}${detail}`));
}
