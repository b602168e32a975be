// The one way this project talks to Code42: undici's fetch over an undici pool (one undici major for both), a
// request budget that keeps the process under Code42's rate limit, an OAuth token cache, retries that never
// repeat a write the server may have acted on, short connect/header timeouts and a deadline per command, a cap
// on response size, answers decoded against schemas, and one Code42Error sentence for every failure (never a
// secret or a token).
import { PassThrough, Readable } from 'node:stream';
import { inspect } from 'node:util';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import { type ReleaseTurn, sharedBudget, type RequestBudget } from './budget';
import { type Decoder, decoder, NUMBER, object, STRING } from './decode';
import { currentDeadline, type Deadline, formatDuration, remainingMs, withDeadline } from './deadline';
import { createDispatcher } from './dispatcher';
import { fetch as undiciFetch } from './undici';
import { type Endpoint, endpointLabel, ENDPOINTS, fillPath } from './endpoints';
import { Code42Error } from './errors';
import { code42TextOf, isHtml } from './error-text';
import { errorCodes, type Failure, type FailureContext, httpError, networkFailure, statusLine } from './failures';
import { BodyTooLargeError, formatBytes, readCapped, type WireBody } from './response-body';
import { backoffDelay, DEFAULT_RETRY, mayRetry, parseRetryAfter, RETRYABLE_STATUSES, type Retryability, type RetryOptions, type RetryPolicy, sleep } from './retry';
import { type IssuedToken, TokenCache } from './token-cache';
import { buildUrl, normalizeBaseUrl, type QueryValue } from './urls';

/** What the transport reads of a fetch response: undici's and the global fetch's both fit. */
export interface WireResponse extends WireBody {
  status: number;
  statusText: string;
}

export interface WireRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  redirect: 'manual';
  signal: AbortSignal;
  dispatcher: Dispatcher;
}

/** A fetch implementation: undici's own by default; tests inject the global fetch so nock can intercept it. */
export type FetchFunction = (url: string, init: WireRequestInit) => Promise<WireResponse>;

/** One Code42 request, named by its entry in ENDPOINTS. */
export interface Call {
  endpoint: Endpoint;
  /** Values of the endpoint's `{name}` path parameters. */
  params?: Readonly<Record<string, string | number>>;
  /** Array values repeat the key (`state=OPEN&state=OPEN_NEW_DATA`); undefined values are left out. */
  query?: Readonly<Record<string, QueryValue>>;
  /** Sent as JSON. */
  body?: unknown;
  /** What is being done, as it reads after "Could not": `add the actors to the watchlist`. */
  operation: string;
}

export interface TransportTimeouts {
  /** TCP + TLS connection set-up (default 5 s). */
  connectMs?: number;
  /** Until the response headers arrive (default 20 s). */
  headersMs?: number;
  /** Longest silence while the body arrives (default 30 s). */
  bodyMs?: number;
  /** Budget of one request, retries included, when no `withDeadline` is in force (default 5 min). */
  commandMs?: number;
  /**
   * The token request, its retries included, from the moment it gets its turn under the budget (default 8 s):
   * a Code42 that accepts connections and never answers is reported within seconds, not after the command's
   * whole time limit.
   */
  tokenMs?: number;
}

export interface TransportOptions {
  apiUrl: string;
  /** The Code42 console, for links a person opens (session pages); never sent a request. */
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
  /** Pacing under Code42's rate limit; default: the process-wide budget of this API client on this host. */
  budget?: RequestBudget;
  /** Default: undici's fetch, the same undici that builds the connection pool. */
  fetch?: FetchFunction;
}

/**
 * Connect and header timeouts are seconds: Code42 answers a healthy request in well under a second, and its
 * slowest documented call (a 10,000-event file-event page) starts answering long before 20 s. The body may
 * pause longer between chunks (a large file download through a slow proxy).
 */
export const DEFAULT_TIMEOUTS: Required<TransportTimeouts> = { connectMs: 5_000, headersMs: 20_000, bodyMs: 30_000, commandMs: 300_000, tokenMs: 8_000 };
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

const USER_AGENT = 'code42-soar';
const TOKEN_OPERATION = 'get a Code42 access token';
/** Error bodies are read for Code42's text only; a megabyte is far more than any error says. */
const ERROR_BODY_LIMIT = 1024 * 1024;

interface TokenAnswer {
  access_token: string;
  expires_in?: number;
}
const tokenAnswer = decoder<TokenAnswer>(object({ access_token: { type: 'string', minLength: 1 } }, { expires_in: NUMBER, token_type: STRING }));

/** How the body of a successful answer is taken. */
type Answer = { type: 'json'; decoder: Decoder<unknown> } | { type: 'text' } | { type: 'ignore' } | { type: 'stream' };

/** One request as the retry loop sees it. */
interface Exchange extends Call {
  answer: Answer;
  auth: 'bearer' | 'basic';
  /** A sentence for an error status that says more than the generic one (the token request's). */
  describeStatus?: (status: number, statusText: string, body: string, contentType: string | null) => Code42Error | undefined;
  /** The first attempt's turn under the budget, when taken beforehand (the token request takes it before its deadline starts). */
  firstTurn?: { release: ReleaseTurn | void };
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

/** Arms the deadline for one attempt: aborts the budget wait, the fetch and a body stream when it passes. */
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

const limitOf = (deadline: Deadline): string => `${deadline.label ?? "the command's time limit"} of ${formatDuration(deadline.ms)}`;

export class Transport {
  readonly apiUrl: string;
  readonly consoleUrl: string;
  private readonly dispatcher: Dispatcher;
  private readonly fetch: FetchFunction;
  private readonly budget: RequestBudget;
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
    this.budget = options.budget ?? sharedBudget(this.apiUrl, options.clientId);
    // undici's fetch and undici's Agent come from the same package: Node 20's global fetch is undici 6 and
    // would be driving an undici 7 pool.
    this.fetch = options.fetch ?? undiciFetch;
    this.dispatcher = createDispatcher({
      insecure: options.insecure ?? false,
      proxy: options.proxy ?? false,
      connectTimeoutMs: this.timeouts.connectMs,
      headersTimeoutMs: this.timeouts.headersMs,
      bodyTimeoutMs: this.timeouts.bodyMs,
    });
    this.tokens = new TokenCache(() => this.issueToken());
  }

  /**
   * What JSON.stringify (and so pino) and util.inspect (console.log) show of a transport: where it talks to,
   * never the options, the Basic credentials or the tokens it holds. Every API object carries the transport,
   * so logging a handler's whole context would otherwise print the client secret.
   */
  toJSON(): { apiUrl: string; consoleUrl: string } {
    return { apiUrl: this.apiUrl, consoleUrl: this.consoleUrl };
  }

  [inspect.custom](): { apiUrl: string; consoleUrl: string } {
    return this.toJSON();
  }

  /** Sends the call and returns its JSON answer once `decoder` accepts it. */
  async json<T>(call: Call, answerDecoder: Decoder<T>): Promise<T> {
    return (await this.exchange({ ...call, auth: 'bearer', answer: { type: 'json', decoder: answerDecoder as Decoder<unknown> } })) as T;
  }

  /** Sends the call for its effect; whatever body a success carries is read and dropped. */
  async send(call: Call): Promise<void> {
    await this.exchange({ ...call, auth: 'bearer', answer: { type: 'ignore' } });
  }

  /** Sends the call and hands back the body as a Node stream (not buffered) with the response headers. */
  async stream(call: Call): Promise<{ body: Readable; headers: WireResponse['headers'] }> {
    return (await this.exchange({ ...call, auth: 'bearer', answer: { type: 'stream' } })) as { body: Readable; headers: WireResponse['headers'] };
  }

  /** A token, fetched now (not from the cache): proves the configured credentials as they are today. */
  async freshToken(): Promise<void> {
    this.tokens.clear();
    await this.tokens.get();
  }

  async close(): Promise<void> {
    this.tokens.clear();
    await this.dispatcher.close();
  }

  private async exchange(exchange: Exchange): Promise<unknown> {
    const deadline = currentDeadline() ?? { at: Date.now() + this.timeouts.commandMs, ms: this.timeouts.commandMs };
    const label = endpointLabel(exchange.endpoint);
    let retries = 0;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(exchange, deadline, attempt);
      } catch (error) {
        if (!(error instanceof AttemptFailed)) throw this.scrubbed(error);
        if (error.rejectedToken && !reauthenticated) {
          // A 401 means Code42 did not act, so even a write may go again — once, with a new token.
          reauthenticated = true;
          this.tokens.invalidate(error.rejectedToken);
          continue;
        }
        if (error.status === 429 && error.retryAfterMs !== undefined) this.budget.throttled?.(error.retryAfterMs);
        const wait = retries < this.retryPolicy.maxRetries && mayRetry(error.failure.retryability, exchange.endpoint.kind) ? (error.retryAfterMs ?? backoffDelay(retries + 1, this.retryPolicy, this.options.random)) : undefined;
        if (wait === undefined || wait >= remainingMs(deadline)) {
          const suffix = error.rejectedToken ? ' even with a new access token' : attempt > 1 ? ` after ${attempt} attempts` : '';
          throw this.scrubbed(withSuffix(error.failure.error, suffix));
        }
        // At the default level: a command that is waiting should say why, not look hung.
        const reason = this.scrubbed(error.failure.error).message;
        const when = `${error.retryAfterMs !== undefined ? 'as Code42 asked (Retry-After) ' : ''}in ${formatDuration(wait)}`;
        this.options.logger?.warn(
          { method: exchange.endpoint.method, path: exchange.endpoint.path, attempt, retryInMs: wait, status: error.status },
          `Code42 request ${label} failed (${reason.replace(/\.$/, '')}); sending it again ${when}, attempt ${attempt + 1} of ${this.retryPolicy.maxRetries + 1}.`,
        );
        await sleep(wait);
        retries++;
      }
    }
  }

  private async attempt(exchange: Exchange, deadline: Deadline, attempt: number): Promise<unknown> {
    const url = buildUrl(this.apiUrl, fillPath(exchange.endpoint, exchange.params ?? {}, exchange.operation), exchange.query);
    const token = exchange.auth === 'bearer' ? await this.tokens.get() : undefined;
    const timer = armDeadline(deadline);
    let duringBody = false;
    const failure = (error: unknown): AttemptFailed => new AttemptFailed(this.wireFailure(error, { operation: exchange.operation, url, duringBody }, timer.expired(), deadline));
    let streaming = false;
    try {
      const release = attempt === 1 && exchange.firstTurn ? exchange.firstTurn.release : await this.takeTurn(exchange, deadline, timer);
      const started = Date.now();
      let response: WireResponse;
      try {
        response = await this.fetch(url.toString(), {
          method: exchange.endpoint.method,
          headers: this.headers(exchange, token),
          body: exchange.body === undefined ? undefined : JSON.stringify(exchange.body),
          redirect: 'manual',
          signal: timer.signal,
          dispatcher: this.dispatcher,
        });
      } catch (error) {
        this.log(exchange, { attempt, durationMs: Date.now() - started, error: errorCodes(error)[0] }, 'Code42 request failed');
        throw failure(error);
      } finally {
        // Code42 has received the request (or never will): the budget may count it from now.
        release?.();
      }
      this.log(exchange, { attempt, durationMs: Date.now() - started, status: response.status }, 'Code42 request');
      duringBody = true;
      if (response.status >= 300) throw await this.statusFailure(exchange, url, response, token);
      if (exchange.answer.type === 'stream') {
        streaming = true;
        return { body: this.streamBody(response, timer, failure), headers: response.headers };
      }
      return await this.readAnswer(exchange, url, response, failure);
    } finally {
      if (!streaming) timer.disarm();
    }
  }

  /** Waits for this request's turn under the budget; the wait counts against the deadline. */
  private async takeTurn(exchange: Exchange, deadline: Deadline, timer: ReturnType<typeof armDeadline>): Promise<ReleaseTurn | void> {
    try {
      return await this.budget.acquire(timer.signal);
    } catch (error) {
      if (!timer.expired()) {
        // A shared budget (a database) that fails: say so, and send nothing rather than risk Code42's limit.
        const reason = error instanceof Error ? error.message : String(error);
        const message = `Could not ${exchange.operation}: the request budget that keeps this API client under Code42's rate limit failed (${reason.replace(/\.$/, '')}).`;
        throw new AttemptFailed({ error: new Code42Error(message, { kind: 'network', operation: exchange.operation, cause: error }), retryability: 'final' });
      }
      const message = `Could not ${exchange.operation}: ${limitOf(deadline)} ran out while the request waited for its turn under Code42's rate limit.`;
      throw new AttemptFailed({ error: new Code42Error(message, { kind: 'timeout', operation: exchange.operation }), retryability: 'final' });
    }
  }

  private headers(exchange: Exchange, token: string | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      accept: exchange.answer.type === 'stream' ? '*/*' : 'application/json',
      'user-agent': USER_AGENT,
      authorization: token === undefined ? `Basic ${this.basicAuth}` : `Bearer ${token}`,
    };
    if (exchange.body !== undefined) headers['content-type'] = 'application/json';
    return headers;
  }

  private async statusFailure(exchange: Exchange, url: URL, response: WireResponse, token: string | undefined): Promise<AttemptFailed> {
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
    // A 429 was refused before Code42 acted on it, so a write may go again too.
    const retryability: Retryability = status === 429 ? 'unsent' : RETRYABLE_STATUSES.has(status) ? 'transient' : 'final';
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    if (status === 429) {
      this.options.logger?.warn(
        { method: exchange.endpoint.method, path: exchange.endpoint.path, status, retryAfterMs },
        `Code42 answered 429 Too Many Requests to ${endpointLabel(exchange.endpoint)}${retryAfterMs === undefined ? '' : ` and asked to wait ${formatDuration(retryAfterMs)}`}: another client or process shares this API client's limit of requests per minute.`,
      );
    }
    return new AttemptFailed({ error, retryability }, status, retryAfterMs);
  }

  private async readAnswer(exchange: Exchange, url: URL, response: WireResponse, failure: (e: unknown) => AttemptFailed): Promise<unknown> {
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
    const { answer } = exchange;
    const text = bytes.toString('utf8');
    const notDocumented = (what: string, advice = ''): AttemptFailed => {
      const message = `Could not ${exchange.operation}: Code42's answer to ${endpointLabel(exchange.endpoint)} is not what the API documents: ${what}${advice}.`;
      return new AttemptFailed({ error: new Code42Error(message, { kind: 'protocol', operation: exchange.operation, status: response.status }), retryability: 'final' });
    };
    const html = isHtml(text, response.headers.get('content-type'));
    const notCode42 = (): AttemptFailed => notDocumented(html ? `it is an HTML page from ${url.host}, not JSON` : 'it is not JSON', ' - check that the URL points to the Code42 API and that no proxy answers in its place');
    // A write answered 200 with a web page (a proxy's login or notice page) did not reach Code42: not a success.
    if (answer.type === 'ignore') {
      if (html) throw notCode42();
      return undefined;
    }
    if (answer.type !== 'json') return text;
    if (!text.trim()) throw notDocumented('it is empty');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw notCode42();
    }
    const checked = answer.decoder.check(parsed);
    if (!checked.ok) throw notDocumented(checked.problem);
    return checked.value;
  }

  /** The body as a Node stream; the deadline stays armed until it ends, and its failures are Code42Errors. */
  private streamBody(response: WireResponse, timer: ReturnType<typeof armDeadline>, failure: (e: unknown) => AttemptFailed): Readable {
    const out = new PassThrough();
    if (!response.body) {
      timer.disarm();
      out.end();
      return out;
    }
    const source = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
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
      const message = `Could not ${operation}: ${limitOf(deadline)} ran out before ${url.host} answered.`;
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

  /**
   * The token request counts against the budget like any other: Code42 limits requests per API client and
   * documents no exception for /v1/oauth, and at one request per ~14 minutes it costs nothing. Its short
   * deadline starts once it has its turn, so a busy budget (a long fetch run) delays it but does not fail it,
   * while a Code42 that never answers fails it within `tokenMs`.
   */
  private async issueToken(): Promise<IssuedToken> {
    const outer = currentDeadline() ?? { at: Date.now() + this.timeouts.commandMs, ms: this.timeouts.commandMs };
    const exchange: Exchange = {
      endpoint: ENDPOINTS.token,
      query: { grant_type: 'client_credentials' },
      operation: TOKEN_OPERATION,
      answer: { type: 'text' },
      auth: 'basic',
      describeStatus: (status, statusText, body, contentType) => this.tokenStatusError(status, statusText, body, contentType),
    };
    const waiting = armDeadline(outer);
    try {
      exchange.firstTurn = { release: await this.takeTurn(exchange, outer, waiting) };
    } catch (error) {
      throw error instanceof AttemptFailed ? error.failure.error : error;
    } finally {
      waiting.disarm();
    }
    const text = (await withDeadline(this.timeouts.tokenMs, () => this.exchange(exchange), "the access token request's time limit")) as string;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const checked = tokenAnswer.check(parsed);
    if (!checked.ok) throw notCode42Host(this.apiUrl, isHtml(text) ? 'answered with an HTML page' : 'answered without an access token');
    const { access_token: accessToken, expires_in: expiresIn } = checked.value;
    return { accessToken, expiresIn: expiresIn !== undefined && expiresIn > 0 ? expiresIn : 900 };
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
    this.options.logger?.debug({ method: exchange.endpoint.method, path: exchange.endpoint.path, ...fields }, message);
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
