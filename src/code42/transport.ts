// The one way this project talks to Code42: the global fetch over an undici pool, an OAuth token cache,
// retries that never repeat a write the server may have acted on, timeouts and a deadline per command,
// a cap on response size, and one Code42Error sentence for every failure (never a secret or a token).
import { PassThrough, Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import { currentDeadline, type Deadline, formatDuration, remainingMs } from './deadline';
import { createDispatcher } from './dispatcher';
import { Code42Error } from './errors';
import { code42TextOf, isHtml } from './error-text';
import { errorCodes, type Failure, type FailureContext, httpError, networkFailure, statusLine } from './failures';
import { BodyTooLargeError, formatBytes, readCapped } from './response-body';
import { backoffDelay, DEFAULT_RETRY, mayRetry, parseRetryAfter, RETRYABLE_STATUSES, type RetryOptions, type RetryPolicy, sleep } from './retry';
import { type IssuedToken, TokenCache, tenantUidOf } from './token-cache';
import { buildUrl, normalizeBaseUrl, type QueryValue } from './urls';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** `console` requests go to the console URL and their `{"data": ...}` envelope is unwrapped. */
  host?: 'api' | 'console';
  method: HttpMethod;
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** `read` requests (searches included) may be re-sent; `write` requests only if they never left this host. */
  kind: 'read' | 'write';
  /** What is being done, as it reads after "Could not": `add the user to the high risk employee list`. */
  operation: string;
  /** `json` (default; an empty body is undefined), `text`, `stream` (a Node Readable, not buffered), `empty`. */
  responseType?: 'json' | 'text' | 'stream' | 'empty';
}

export interface TransportTimeouts {
  /** TCP + TLS connection set-up (default 10 s). */
  connectMs?: number;
  /** Until the response headers arrive (default 60 s). */
  headersMs?: number;
  /** Longest silence while the body arrives (default 60 s). */
  bodyMs?: number;
  /** Budget of one request, retries included, when no `withDeadline` is in force (default 5 min). */
  commandMs?: number;
}

export interface TransportOptions {
  apiUrl: string;
  consoleUrl: string;
  clientId: string;
  clientSecret: string;
  insecure?: boolean;
  proxy?: boolean;
  logger?: Logger;
  retry?: RetryOptions;
  timeouts?: TransportTimeouts;
  /** Largest body read into memory (default 50 MiB); streams are not capped. */
  maxResponseBytes?: number;
  /** Jitter source, replaceable in tests. */
  random?: () => number;
}

export const DEFAULT_TIMEOUTS: Required<TransportTimeouts> = { connectMs: 10_000, headersMs: 60_000, bodyMs: 60_000, commandMs: 300_000 };
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

const USER_AGENT = 'code42-soar';
const TOKEN_OPERATION = 'get a Code42 access token';
/** Error bodies are read for Code42's text only; a megabyte is far more than any error says. */
const ERROR_BODY_LIMIT = 1024 * 1024;

/** One request as the retry loop sees it. */
interface Exchange extends RequestOptions {
  auth: 'bearer' | 'basic';
  /** A sentence for an error status that says more than the generic one (the token request's). */
  describeStatus?: (status: number, statusText: string, body: string, contentType: string | null) => Code42Error | undefined;
}

/** Why one attempt failed, and what the retry loop needs to decide what comes next. */
class AttemptFailed extends Error {
  constructor(
    readonly failure: Failure,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly rejectedToken?: string,
  ) {
    super(failure.error.message);
  }
}

/** Arms the command deadline for one attempt: aborts the fetch (and a body stream) when it passes. */
function armDeadline(deadline: Deadline): { signal: AbortSignal; expired: () => boolean; disarm: () => void } {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new Error('deadline'));
  }, remainingMs(deadline));
  timer.unref?.();
  return { signal: controller.signal, expired: () => expired, disarm: () => clearTimeout(timer) };
}

export class Transport {
  readonly apiUrl: string;
  readonly consoleUrl: string;
  private readonly dispatcher: Dispatcher;
  private readonly tokens: TokenCache;
  private readonly retryPolicy: RetryPolicy;
  private readonly timeouts: Required<TransportTimeouts>;
  private readonly maxResponseBytes: number;
  private readonly basicAuth: string;

  constructor(private readonly options: TransportOptions) {
    this.apiUrl = normalizeBaseUrl(options.apiUrl);
    this.consoleUrl = normalizeBaseUrl(options.consoleUrl);
    this.retryPolicy = { ...DEFAULT_RETRY, ...definedOnly(options.retry) };
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...definedOnly(options.timeouts) };
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.basicAuth = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
    this.dispatcher = createDispatcher({
      insecure: options.insecure ?? false,
      proxy: options.proxy ?? false,
      connectTimeoutMs: this.timeouts.connectMs,
      headersTimeoutMs: this.timeouts.headersMs,
      bodyTimeoutMs: this.timeouts.bodyMs,
    });
    this.tokens = new TokenCache(() => this.issueToken());
  }

  /** Sends one Code42 request (with a token, retries and the deadline) and returns the decoded answer. */
  request<T>(options: RequestOptions): Promise<T> {
    return this.exchange<T>({ ...options, auth: 'bearer' });
  }

  /** The tenant id: the `tenantUid` claim of the access token. */
  async tenantId(): Promise<string> {
    const tenantUid = tenantUidOf(await this.tokens.get());
    if (!tenantUid) {
      const operation = 'read the Code42 tenant id';
      throw new Code42Error(`Could not ${operation}: the access token Code42 issued carries no tenantUid claim.`, { kind: 'protocol', operation });
    }
    return tenantUid;
  }

  /** Forgets the cached token, so the next request authenticates again. */
  forgetToken(): void {
    this.tokens.clear();
  }

  async close(): Promise<void> {
    this.tokens.clear();
    await this.dispatcher.close();
  }

  private async exchange<T>(exchange: Exchange): Promise<T> {
    const deadline = currentDeadline() ?? { at: Date.now() + this.timeouts.commandMs, ms: this.timeouts.commandMs };
    let retries = 0;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt<T>(exchange, deadline, attempt);
      } catch (error) {
        if (!(error instanceof AttemptFailed)) throw this.scrubbed(error);
        if (error.rejectedToken && !reauthenticated) {
          // A 401 means Code42 did not act, so even a write may go again — once, with a new token.
          reauthenticated = true;
          this.tokens.invalidate(error.rejectedToken);
          continue;
        }
        const wait = retries < this.retryPolicy.maxRetries && mayRetry(error.failure.retryability, exchange.kind) ? (error.retryAfterMs ?? backoffDelay(retries + 1, this.retryPolicy, this.options.random)) : undefined;
        if (wait === undefined || wait >= remainingMs(deadline)) {
          const suffix = error.rejectedToken ? ' even with a new access token' : attempt > 1 ? ` after ${attempt} attempts` : '';
          throw this.scrubbed(withSuffix(error.failure.error, suffix));
        }
        this.log(exchange, { attempt, waitMs: wait, status: error.status }, 'Code42 request will be retried');
        await sleep(wait);
        retries++;
      }
    }
  }

  private async attempt<T>(exchange: Exchange, deadline: Deadline, attempt: number): Promise<T> {
    const url = buildUrl(exchange.host === 'console' ? this.consoleUrl : this.apiUrl, exchange.path, exchange.query);
    const token = exchange.auth === 'bearer' ? await this.tokens.get() : undefined;
    const timer = armDeadline(deadline);
    let duringBody = false;
    const failure = (error: unknown): AttemptFailed => new AttemptFailed(this.wireFailure(error, { operation: exchange.operation, url, duringBody }, timer.expired(), deadline));
    let streaming = false;
    const started = Date.now();
    try {
      let response: Response;
      try {
        response = await fetch(url, {
          method: exchange.method,
          headers: this.headers(exchange, token),
          body: exchange.body === undefined ? undefined : JSON.stringify(exchange.body),
          redirect: 'manual',
          signal: timer.signal,
          // undici 7's pool drives Node 20's bundled fetch; their type packages differ, the protocol does not.
          dispatcher: this.dispatcher as unknown as RequestInit['dispatcher'],
        });
      } catch (error) {
        this.log(exchange, { attempt, durationMs: Date.now() - started, error: errorCodes(error)[0] }, 'Code42 request failed');
        throw failure(error);
      }
      this.log(exchange, { attempt, durationMs: Date.now() - started, status: response.status }, 'Code42 request');
      duringBody = true;
      if (response.status >= 300) throw await this.statusFailure(exchange, url, response, token);
      if (exchange.responseType === 'stream') {
        streaming = true;
        return this.streamBody(response, timer, failure) as T;
      }
      return await this.decode<T>(exchange, url, response, failure);
    } finally {
      if (!streaming) timer.disarm();
    }
  }

  private headers(exchange: Exchange, token: string | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      accept: exchange.responseType === 'stream' ? '*/*' : 'application/json',
      'user-agent': USER_AGENT,
      authorization: token === undefined ? `Basic ${this.basicAuth}` : `Bearer ${token}`,
    };
    if (exchange.body !== undefined) headers['content-type'] = 'application/json';
    return headers;
  }

  private async statusFailure(exchange: Exchange, url: URL, response: Response, token: string | undefined): Promise<AttemptFailed> {
    const { status, statusText } = response;
    if (status < 400) {
      await response.body?.cancel().catch(() => undefined);
      const location = safeOrigin(response.headers.get('location'));
      const error = new Code42Error(`Could not ${exchange.operation}: ${url.host} answered ${statusLine(status, statusText)}${location ? ` redirecting to ${location}` : ''} instead of a Code42 answer - check that the URL points to the Code42 API.`, { kind: 'protocol', operation: exchange.operation, status });
      return new AttemptFailed({ error, retryability: 'final' }, status);
    }
    // The status says enough when the error body cannot be read; only Code42's extra words are lost.
    const body = await readCapped(response, Math.min(this.maxResponseBytes, ERROR_BODY_LIMIT)).then(
      (bytes) => bytes.toString('utf8'),
      () => '',
    );
    const contentType = response.headers.get('content-type');
    const error = exchange.describeStatus?.(status, statusText, body, contentType) ?? httpError(exchange.operation, url, status, statusText, body, contentType);
    if (status === 401 && token !== undefined) return new AttemptFailed({ error, retryability: 'final' }, status, undefined, token);
    const retryability = RETRYABLE_STATUSES.has(status) ? 'transient' : 'final';
    return new AttemptFailed({ error, retryability }, status, parseRetryAfter(response.headers.get('retry-after')));
  }

  private async decode<T>(exchange: Exchange, url: URL, response: Response, failure: (e: unknown) => AttemptFailed): Promise<T> {
    let bytes: Buffer;
    try {
      bytes = await readCapped(response, this.maxResponseBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        const message = `Could not ${exchange.operation}: the answer from ${url.host} is larger than the ${formatBytes(error.limit)} limit.`;
        throw new AttemptFailed({ error: new Code42Error(message, { kind: 'protocol', operation: exchange.operation, status: response.status }), retryability: 'final' });
      }
      throw failure(error);
    }
    if (exchange.responseType === 'empty') return undefined as T;
    const text = bytes.toString('utf8');
    if (exchange.responseType === 'text') return text as T;
    if (!text.trim()) return undefined as T;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      const what = isHtml(text, response.headers.get('content-type')) ? 'an HTML page' : 'a body that is not JSON';
      const message = `Could not ${exchange.operation}: ${url.host} answered ${statusLine(response.status, response.statusText)} with ${what} - check that the URL points to the Code42 API.`;
      throw new AttemptFailed({ error: new Code42Error(message, { kind: 'protocol', operation: exchange.operation, status: response.status }), retryability: 'final' });
    }
    return (exchange.host === 'console' ? unwrapConsole(parsed) : parsed) as T;
  }

  /** The body as a Node stream; the deadline stays armed until it ends, and its failures are Code42Errors. */
  private streamBody(response: Response, timer: ReturnType<typeof armDeadline>, failure: (e: unknown) => AttemptFailed): Readable {
    const out = new PassThrough();
    if (!response.body) {
      timer.disarm();
      out.end();
      return out;
    }
    const source = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    source.on('error', (error) => {
      timer.disarm();
      out.destroy(this.scrubbed(failure(error).failure.error));
    });
    source.on('end', timer.disarm);
    out.on('close', () => {
      timer.disarm();
      source.destroy();
    });
    source.pipe(out);
    return out;
  }

  private wireFailure(error: unknown, where: Pick<FailureContext, 'operation' | 'url' | 'duringBody'>, deadlinePassed: boolean, deadline: Deadline): Failure {
    const { operation, url } = where;
    if (deadlinePassed) {
      const message = `Could not ${operation}: the command's time limit of ${formatDuration(deadline.ms)} ran out before ${url.host} answered.`;
      return { error: new Code42Error(message, { kind: 'timeout', operation }), retryability: 'final' };
    }
    return networkFailure(error, {
      ...where,
      proxy: this.options.proxy ?? false,
      connectTimeoutMs: this.timeouts.connectMs,
      headersTimeoutMs: this.timeouts.headersMs,
      bodyTimeoutMs: this.timeouts.bodyMs,
    });
  }

  private async issueToken(): Promise<IssuedToken> {
    const text = await this.exchange<string>({
      method: 'POST',
      path: '/v1/oauth',
      query: { grant_type: 'client_credentials' },
      kind: 'read',
      operation: TOKEN_OPERATION,
      responseType: 'text',
      auth: 'basic',
      describeStatus: (status, statusText, body, contentType) => this.tokenStatusError(status, statusText, body, contentType),
    });
    let answer: { access_token?: unknown; expires_in?: unknown } | undefined;
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      answer = undefined;
    }
    if (typeof answer?.access_token !== 'string' || !answer.access_token) throw notCode42Host(this.apiUrl, isHtml(text) ? 'answered with an HTML page' : 'answered without an access token');
    const expiresIn = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 900;
    return { accessToken: answer.access_token, expiresIn };
  }

  private tokenStatusError(status: number, statusText: string, body: string, contentType: string | null): Code42Error | undefined {
    const text = code42TextOf(body, contentType);
    if (status === 400 || status === 401 || status === 403) {
      const message = `Could not ${TOKEN_OPERATION}: Code42 refused the API client ID or secret (${statusLine(status, statusText)}${text ? `: ${text}` : ''}) - check the API Client ID and Secret in the integration configuration.`;
      return new Code42Error(message, { kind: 'auth', operation: TOKEN_OPERATION, status, code42Text: text });
    }
    if (status === 404 || status === 405 || isHtml(body, contentType)) return notCode42Host(this.apiUrl, `answered ${statusLine(status, statusText)}${isHtml(body, contentType) ? ' with an HTML page' : ''}`, status);
    return undefined;
  }

  /** Defence in depth: the secret and the tokens never leave in a message, whatever Code42 echoed. */
  private scrubbed<E>(error: E): E | Code42Error {
    if (!(error instanceof Code42Error)) return error;
    const secrets = [this.options.clientSecret, this.basicAuth, ...this.tokens.recentTokens()].filter((s) => s.length >= 4);
    const scrub = (text: string): string => secrets.reduce((t, s) => t.split(s).join('[REDACTED]'), text);
    const message = scrub(error.message);
    const code42Text = error.code42Text === undefined ? undefined : scrub(error.code42Text);
    if (message === error.message && code42Text === error.code42Text) return error;
    return new Code42Error(message, { kind: error.kind, operation: error.operation, status: error.status, code42Text });
  }

  private log(exchange: Exchange, fields: Record<string, unknown>, message: string): void {
    this.options.logger?.debug({ method: exchange.method, host: exchange.host ?? 'api', path: exchange.path, ...fields }, message);
  }
}

function notCode42Host(apiUrl: string, what: string, status?: number): Code42Error {
  const message = `Could not ${TOKEN_OPERATION}: ${apiUrl} does not look like a Code42 API host (${new URL(apiUrl).host}/v1/oauth ${what}) - check the Code42 API URL, e.g. https://api.us.code42.com.`;
  return new Code42Error(message, { kind: 'protocol', operation: TOKEN_OPERATION, status });
}

/** The same error with `suffix` added to the end of its sentence. */
function withSuffix(error: Code42Error, suffix: string): Code42Error {
  if (!suffix) return error;
  const message = `${error.message.replace(/\.$/, '')}${suffix}.`;
  return new Code42Error(message, { kind: error.kind, operation: error.operation, status: error.status, code42Text: error.code42Text });
}

/** Console answers are wrapped as `{"data": ..., "error": null}` (code42-api.md §1.3). */
function unwrapConsole(parsed: unknown): unknown {
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'data' in parsed ? (parsed as { data: unknown }).data : parsed;
}

function safeOrigin(location: string | null): string | undefined {
  if (!location) return undefined;
  try {
    return new URL(location).origin;
  } catch {
    return undefined;
  }
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
