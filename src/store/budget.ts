// Code42's request budget (120 per minute per API client) shared by every replica through PostgreSQL: each
// request is granted by one call of take_request_budget (migration 2), which keeps the slots of the last
// window in one row per API client under a row lock, so replicas together never exceed the limit. As in the
// process-local SlidingWindowBudget, a slot's window starts when the request's answer begins (the
// transport's release; one more statement, not awaited), by which time Code42 has surely counted it; until
// then it counts as answered IN_FLIGHT_MS after the grant, so a replica that dies mid-request loses no slot
// for good. Within a process requests queue first come, first served and one grant is asked at a time; a
// replica that gets none waits the time the database says the earliest slot needs to leave the window.
//
// While the database cannot be reached (three failures in a row; then for 10 s before asking it again), this
// process paces itself alone (a process-local sliding window of the full limit): commands must keep working
// without the database. Fetching needs the database and
// fails meanwhile, so what replicas then send together is their commands; should that exceed the limit,
// Code42's 429 and Retry-After (honoured by the transport, and shared here through `throttled`) hold it.
import type { Logger } from 'pino';
import { CODE42_RATE_LIMIT, SlidingWindowBudget, type ReleaseTurn, type RequestBudget } from '../code42/budget';
import type { Database } from './database';
import { DatabaseError, reasonOf } from './database-settings';
import { SCHEMA } from './migrations';

export const REQUEST_BUDGET_ENV = 'CODE42_SOAR_REQUEST_BUDGET';

export interface BudgetLimit {
  requests: number;
  windowMs: number;
}

/**
 * The limit replicas share: Code42's 120 requests per 60 s unless CODE42_SOAR_REQUEST_BUDGET says
 * "<requests>/<seconds>" — lower, to leave part of the API client's limit to other tools that use it.
 */
export function requestBudgetLimit(env: NodeJS.ProcessEnv): BudgetLimit {
  const text = env[REQUEST_BUDGET_ENV]?.trim();
  if (!text) return { ...CODE42_RATE_LIMIT };
  const match = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(text);
  const requests = match ? Number(match[1]) : NaN;
  const seconds = match ? Number(match[2]) : NaN;
  if (!(Number.isSafeInteger(requests) && requests >= 1 && seconds > 0)) {
    throw new DatabaseError(`${REQUEST_BUDGET_ENV} must be "<requests>/<seconds>" such as "120/60", not "${text}".`);
  }
  return { requests, windowMs: seconds * 1000 };
}

export interface PgBudgetOptions {
  /** Which budget: one per API client on one Code42 host. */
  apiUrl: string;
  clientId: string;
  requests?: number;
  windowMs?: number;
  /** As in SlidingWindowBudget: slack for the network's jitter between our count and Code42's. */
  marginMs?: number;
  logger?: Logger;
}

/**
 * The latest an answer can begin after its request is granted: the transport's connect (5 s) and headers
 * (20 s) timeouts, with room to spare.
 */
const IN_FLIGHT_MS = 30_000;
/** How soon to ask again when the slot to free is still in flight (its answer, due any moment, moves it). */
const IN_FLIGHT_RETRY_MS = 100;
const FAILURES_BEFORE_ALONE = 3;
const RETRY_MS = 100;
/** How long a replica paces itself alone once the database failed it, before it asks the database again. */
const ALONE_MS = 10_000;

interface Waiter {
  signal: AbortSignal;
  grant(release: ReleaseTurn | void): void;
}

export class PgRequestBudget implements RequestBudget {
  private readonly queue: Waiter[] = [];
  private readonly key: string;
  private readonly requests: number;
  private readonly windowMs: number;
  private readonly local: SlidingWindowBudget;
  private pumping = false;
  /** Database failures in a row; at FAILURES_BEFORE_ALONE the replica paces itself until aloneUntil. */
  private failures = 0;
  private aloneUntil = 0;
  private wake?: () => void;
  /** Grants asked of the database (one round trip each), for the replicas bench. */
  grantsAsked = 0;

  constructor(
    private readonly db: Database,
    private readonly options: PgBudgetOptions,
  ) {
    this.key = `${options.apiUrl} ${options.clientId}`;
    this.requests = options.requests ?? CODE42_RATE_LIMIT.requests;
    const windowMs = options.windowMs ?? CODE42_RATE_LIMIT.windowMs;
    this.windowMs = windowMs + (options.marginMs ?? Math.max(50, Math.round(windowMs / 100)));
    this.local = new SlidingWindowBudget({ requests: this.requests, windowMs, marginMs: options.marginMs });
  }

  acquire(signal: AbortSignal): Promise<ReleaseTurn | void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<ReleaseTurn | void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        // Nobody left to wait for: end the pump's wait now rather than keep the process alive for it.
        if (this.queue.length === 0) this.wake?.();
        reject(signal.reason);
      };
      const waiter: Waiter = {
        signal,
        grant: (release) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      void this.pump();
    });
  }

  throttled(retryAfterMs: number): void {
    this.local.throttled(retryAfterMs);
    this.db
      .query(`UPDATE ${SCHEMA}.request_budget SET paused_until = greatest(paused_until, clock_timestamp() + make_interval(secs => $2 / 1000.0)) WHERE client = $1`, [this.key, retryAfterMs])
      .catch(() => undefined);
  }

  /** Grants the queue's head, one at a time, until the queue is empty. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0];
        const { waitMs, release } = await this.take(head.signal);
        // The head may have been aborted while its grant was taken: the slot then goes to the next in line.
        if (waitMs === 0) this.queue.shift()?.grant(release);
        else if (this.queue.length > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = undefined;
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** waitMs 0 and the release when a request may go now (counted), else the milliseconds to wait. */
  private async take(signal: AbortSignal): Promise<{ waitMs: number; release?: ReleaseTurn | void }> {
    if (performance.now() < this.aloneUntil) return { waitMs: 0, release: await this.local.acquire(signal).catch(() => undefined) };
    this.grantsAsked++;
    let row: { wait_ms: number; slot: string | null };
    try {
      const { rows } = await this.db.query<{ wait_ms: number; slot: string | null }>(`SELECT wait_ms, slot::text FROM ${SCHEMA}.take_request_budget($1, $2, $3, $4, $5)`, [
        this.key,
        this.requests,
        this.windowMs,
        IN_FLIGHT_MS,
        IN_FLIGHT_RETRY_MS,
      ]);
      row = rows[0];
    } catch (error) {
      // A slow moment (a busy pool, a restart) is waited out: pacing alone may overrun the shared limit.
      // Only a database that keeps failing sends this replica to its own pacing, for a while.
      if (++this.failures < FAILURES_BEFORE_ALONE) return { waitMs: RETRY_MS * this.failures };
      this.failures = 0;
      this.aloneUntil = performance.now() + ALONE_MS;
      this.options.logger?.warn(
        { error: reasonOf(error) },
        `[Budget] The shared Code42 request budget is unavailable (${reasonOf(error)}); this replica paces itself alone for ${ALONE_MS / 1000} s.`,
      );
      return { waitMs: 0, release: await this.local.acquire(signal).catch(() => undefined) };
    }
    this.failures = 0;
    if (row.wait_ms > 0 || row.slot === null) return { waitMs: Math.max(1, row.wait_ms) };
    // As text, not a Date: a Date keeps milliseconds, the slot has microseconds, and release matches it exactly.
    const slot = row.slot;
    let released = false;
    const release: ReleaseTurn = () => {
      if (released) return;
      released = true;
      // A request of this process waiting for this very slot need not wait for its next poll.
      this.db.query(`SELECT ${SCHEMA}.release_request_budget($1, $2)`, [this.key, slot]).then(() => this.wake?.(), () => undefined);
    };
    return { waitMs: 0, release };
  }
}
