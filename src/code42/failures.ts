// Turns what went wrong on the wire into one Code42Error sentence — what was being done, what failed, why —
// and says whether sending again could help. Network sentences follow XSOAR's (xsoar-conventions.md §2.8).
import { STATUS_CODES } from 'node:http';
import { formatDuration } from './deadline';
import { Code42Error, type Code42ErrorKind } from './errors';
import { code42TextOf, isHtml } from './error-text';
import type { Retryability } from './retry';

export interface Failure {
  error: Code42Error;
  retryability: Retryability;
}

export interface FailureContext {
  operation: string;
  url: URL;
  /** True when requests go through the system proxy. */
  proxy: boolean;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** True when the failure came while reading the body, after Code42 had started answering. */
  duringBody?: boolean;
}

/** `400 Bad Request`. */
export const statusLine = (status: number, statusText?: string): string => `${status} ${statusText || STATUS_CODES[status] || 'Unknown Status'}`;

/** The error for a non-2xx answer, with Code42's own text when the body has any. */
export function httpError(operation: string, url: URL, status: number, statusText: string, body: string, contentType: string | null): Code42Error {
  const code42Text = code42TextOf(body, contentType);
  const who = isHtml(body, contentType) ? `${url.host} answered ${statusLine(status, statusText)} with an HTML page instead of a Code42 answer` : `Code42 answered ${statusLine(status, statusText)}`;
  return new Code42Error(`Could not ${operation}: ${who}${code42Text ? ` (${code42Text})` : ''}.`, { kind: status === 401 ? 'auth' : 'http', operation, status, code42Text });
}

interface WireError {
  code?: string;
  message?: string;
  hostname?: string;
  port?: number;
  syscall?: string;
}

/** The error objects of a failed fetch, outermost first (fetch wraps the socket error in `cause`). */
function errorChain(error: unknown): WireError[] {
  const chain: WireError[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && chain.length < 5) {
    chain.push(current as WireError);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;
/** The connection was never established, so the request was never sent. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

const UNREACHABLE_ADVICE = 'verify that the server URL parameter is correct and that you have access to the server from your host';

/** Classifies a fetch or body-read failure that was not an HTTP status. */
export function networkFailure(error: unknown, context: FailureContext): Failure {
  const chain = errorChain(error);
  const codes = errorCodes(error);
  const innermost = chain[chain.length - 1];
  const reason = (innermost?.message ?? (typeof error === 'string' ? error : 'unknown error')).replace(/\s+/g, ' ').trim();
  const host = context.url.host;
  const { operation } = context;
  const has = (code: string): boolean => codes.includes(code);
  const fail = (kind: Code42ErrorKind, retryability: Retryability, what: string): Failure => ({
    error: new Code42Error(`Could not ${operation}: ${what}.`, { kind, operation, cause: error }),
    retryability,
  });

  if (has('ERR_SSL_WRONG_VERSION_NUMBER') || /wrong version number/i.test(reason)) {
    return fail('network', 'final', `${host} does not speak HTTPS on this port (${reason}) - check the scheme and port of the URL`);
  }
  if (codes.some((c) => TLS_CODE.test(c)) || /certificate/i.test(reason)) {
    return fail('tls', 'final', `SSL Certificate Verification Failed for ${host} (${reason}) - try selecting 'Trust any certificate' checkbox in the integration configuration`);
  }
  const proxyHostFailed = chain.some((e) => (e.hostname !== undefined && e.hostname !== context.url.hostname) || (e.port !== undefined && String(e.port) !== effectivePort(context.url)));
  if (context.proxy && (/proxy/i.test(reason) || proxyHostFailed)) {
    return fail('network', 'final', `Proxy Error (${reason}) - if the 'Use system proxy' checkbox in the integration configuration is selected, try clearing the checkbox`);
  }
  const connectTimedOut = has('UND_ERR_CONNECT_TIMEOUT') || chain.some((e) => e.code === 'ETIMEDOUT' && e.syscall === 'connect');
  if (connectTimedOut || has('ETIMEDOUT')) {
    // Only a timeout while connecting proves the request never left; a stalled open connection may have delivered it.
    return fail('timeout', connectTimedOut ? 'unsent' : 'transient', `Connection Timeout Error - ${host} did not accept a connection within ${formatDuration(context.connectTimeoutMs)}; potential reasons might be that the Server URL parameter is incorrect or that the Server is not accessible from your host`);
  }
  if (has('UND_ERR_HEADERS_TIMEOUT')) {
    return fail('timeout', 'transient', `${host} did not start answering within ${formatDuration(context.headersTimeoutMs)}`);
  }
  if (has('UND_ERR_BODY_TIMEOUT')) {
    return fail('timeout', 'transient', `the answer from ${host} stalled for more than ${formatDuration(context.bodyTimeoutMs)}`);
  }
  if (has('ENOTFOUND')) {
    return fail('network', 'final', `${host} could not be reached (ENOTFOUND: the host name does not resolve) - ${UNREACHABLE_ADVICE}`);
  }
  const notConnected = codes.find((c) => NOT_CONNECTED.has(c));
  if (notConnected) return fail('network', 'unsent', `${host} could not be reached (${notConnected}: ${reason}) - ${UNREACHABLE_ADVICE}`);
  const detail = `${codes[0] && !reason.includes(codes[0]) ? `${codes[0]}: ` : ''}${reason}`;
  if (context.duringBody) return fail('network', 'transient', `the answer from ${host} was cut off before it was complete (${detail})`);
  return fail('network', 'transient', `the connection to ${host} failed before Code42 answered (${detail})`);
}

/** undici error class names, for errors that lost their `code` crossing into another realm (fetch re-wraps them). */
const UNDICI_ERROR_CODES: Record<string, string> = {
  ConnectTimeoutError: 'UND_ERR_CONNECT_TIMEOUT',
  HeadersTimeoutError: 'UND_ERR_HEADERS_TIMEOUT',
  BodyTimeoutError: 'UND_ERR_BODY_TIMEOUT',
  SocketError: 'UND_ERR_SOCKET',
};

/** The error codes along the cause chain (`ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`...), outermost first. */
export function errorCodes(error: unknown): string[] {
  return errorChain(error).flatMap(codesOf);
}

function codesOf(error: WireError & { name?: unknown }): string[] {
  const codes = typeof error.code === 'string' ? [error.code] : [];
  const names = [typeof error.name === 'string' ? error.name : '', /^(\w+Error):/.exec(error.message ?? '')?.[1] ?? ''];
  for (const name of names) if (UNDICI_ERROR_CODES[name]) codes.push(UNDICI_ERROR_CODES[name]);
  return codes;
}

function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}
