// Error bodies (Spring-style JSON `{timestamp, status, error, message, path}` as the gateway services answer;
// file events and cases have their own, see their routes) and request-reading helpers that answer a malformed
// request with one clear 400.
import type { FastifyReply, FastifyRequest } from 'fastify';

export type ErrorPayload = { kind: 'spring'; message: string } | { kind: 'json'; body: unknown };

export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly payload: ErrorPayload,
  ) {
    super(payload.kind === 'spring' ? payload.message : JSON.stringify(payload.body));
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}

/** Spring-style JSON `{timestamp, status, error, message, path}` (gateway services). */
export const springError = (status: number, message: string) => new SimHttpError(status, { kind: 'spring', message });
export const jsonError = (status: number, body: unknown) => new SimHttpError(status, { kind: 'json', body });

export function springBody(status: number, message: string, path: string): Record<string, unknown> {
  return { timestamp: new Date().toISOString(), status, error: reasonPhrase(status), message, path: path.split('?')[0] };
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: SimHttpError): FastifyReply {
  reply.code(error.status);
  const { payload } = error;
  if (payload.kind === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(payload.body));
  return reply.send(springBody(error.status, payload.message, request.url));
}

export type Fail = (message: string) => SimHttpError;
export const badRequest: Fail = (message) => springError(400, message);

export type JsonObject = Record<string, unknown>;

export function objectBody(request: FastifyRequest, fail: Fail = badRequest): JsonObject {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw fail('The request body must be a JSON object.');
  return body as JsonObject;
}

function optionalString(body: JsonObject, key: string, fail: Fail = badRequest): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fail(`${key} must be a string.`);
  return value;
}

export function requiredString(body: JsonObject, key: string, fail: Fail = badRequest): string {
  const value = optionalString(body, key, fail);
  if (value === undefined || value === '') throw fail(`${key} is required.`);
  return value;
}

export function stringArray(body: JsonObject, key: string, fail: Fail = badRequest): string[] {
  const value = body[key];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw fail(`${key} must be a list of strings.`);
  return value as string[];
}

/** An integer from a JSON body or query string (numbers may arrive as strings, e.g. `"pgSize":"20"`). */
export function parseInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export interface PageOptions {
  /** Names tried in order (e.g. `page_size`, `pageSize`). */
  sizeKeys: readonly string[];
  numberKey: string;
  defaultSize: number;
  maxSize?: number;
  /** 0 or 1. */
  firstPage: 0 | 1;
}

export interface Page {
  /** 0-based page index. */
  index: number;
  size: number;
}

export function readPage(source: JsonObject, options: PageOptions, fail: Fail = badRequest): Page {
  const rawNumber = source[options.numberKey];
  const number = rawNumber === undefined || rawNumber === '' ? options.firstPage : parseInteger(rawNumber);
  if (number === undefined || number < options.firstPage) throw fail(`${options.numberKey} must be an integer of at least ${options.firstPage}.`);
  const sizeKey = options.sizeKeys.find((k) => source[k] !== undefined && source[k] !== '');
  const size = sizeKey === undefined ? options.defaultSize : parseInteger(source[sizeKey]);
  const max = options.maxSize ?? Number.MAX_SAFE_INTEGER;
  if (size === undefined || size < 1 || size > max) {
    const name = sizeKey ?? options.sizeKeys[0];
    throw fail(options.maxSize ? `${name} must be an integer between 1 and ${options.maxSize}.` : `${name} must be a positive integer.`);
  }
  return { index: number - options.firstPage, size };
}

export function pageOf<T>(items: readonly T[], page: Page): T[] {
  return items.slice(page.index * page.size, page.index * page.size + page.size);
}

/** Query-string boolean filter: undefined when absent. */
export function booleanParam(value: unknown, name: string, fail: Fail = badRequest): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === true) return true;
  if (value === 'false' || value === false) return false;
  throw fail(`${name} must be true or false.`);
}

/** A query parameter that may repeat (`state=OPEN&state=CLOSED`); empty values are dropped. */
export function queryList(query: JsonObject, key: string): string[] {
  const value = query[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map(String).filter((v) => v !== '');
}

/** A single query parameter (the first when repeated); undefined when absent or empty. */
export function queryString(query: JsonObject, key: string): string | undefined {
  return queryList(query, key)[0];
}

/** Checks each value against the allowed ones; one sentence naming the parameter otherwise. */
export function oneOf<T extends string>(values: readonly string[], allowed: readonly T[], name: string): T[] {
  const bad = values.find((v) => !(allowed as readonly string[]).includes(v));
  if (bad !== undefined) throw badRequest(`${name} must be one of ${allowed.join(', ')}, not "${bad}".`);
  return values as T[];
}
