// Pacing under Code42's rate limit: 120 requests per minute per API client (incydr-api.md §2.1). Every request
// a process sends for one API client — commands, fetch-incidents, the token request — draws from one budget
// and waits its turn instead of drawing a 429. The budget is an interface so that replicas sharing one API
// client can plug in a budget they share (e.g. in PostgreSQL); the default paces one process.

/** Code42's documented limit (DEV search_file_events, "API limits"). */
export const CODE42_RATE_LIMIT = { requests: 120, windowMs: 60_000 } as const;

export interface RequestBudget {
  /** Resolves when one more request may be sent (and counts it); rejects with `signal.reason` once aborted. */
  acquire(signal: AbortSignal): Promise<void>;
  /**
   * Code42 answered 429 and asked for `retryAfterMs` of quiet: a budget may hold back every request until
   * then, since the others would only draw 429s too. Optional: a budget may rely on its own count.
   */
  throttled?(retryAfterMs: number): void;
}

export interface SlidingWindowOptions {
  requests: number;
  windowMs: number;
  /**
   * Extra wait beyond the window before a slot counts as free. Code42 counts a request when it arrives, we
   * count it when it leaves, and arrival times jitter by the network's latency; the margin absorbs that.
   * Default: 1 % of the window, at least 50 ms.
   */
  marginMs?: number;
  /** Clock, replaceable in tests. */
  now?: () => number;
}

interface Waiter {
  grant(): void;
}

/**
 * At most `requests` sends in any `windowMs` (plus margin): holds the send times of the last `requests`
 * requests, and lets the next waiter go when the oldest of them leaves the window. Waiters go first come,
 * first served, so a long fetch run cannot starve a command that queued after it.
 */
export class SlidingWindowBudget implements RequestBudget {
  private readonly sent: number[] = [];
  private readonly queue: Waiter[] = [];
  private readonly marginMs: number;
  private readonly now: () => number;
  private pausedUntil = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: SlidingWindowOptions) {
    if (!Number.isInteger(options.requests) || options.requests < 1) throw new RangeError(`A request budget needs a positive whole number of requests, got ${options.requests}.`);
    if (!(options.windowMs > 0)) throw new RangeError(`A request budget needs a positive window, got ${options.windowMs} ms.`);
    this.marginMs = options.marginMs ?? Math.max(50, Math.round(options.windowMs / 100));
    this.now = options.now ?? Date.now;
  }

  acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal.reason);
        this.pump();
      };
      const waiter: Waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  throttled(retryAfterMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterMs);
  }

  /** Requests waiting for a turn (for logs and tests). */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const { requests, windowMs } = this.options;
    while (this.queue.length > 0) {
      const now = this.now();
      while (this.sent.length > 0 && this.sent[0] + windowMs + this.marginMs <= now) this.sent.shift();
      const full = this.sent.length >= requests ? this.sent[0] + windowMs + this.marginMs - now : 0;
      const wait = Math.max(full, this.pausedUntil - now);
      if (wait > 0) {
        // Not unref'd: a process whose only work is a queued request must stay alive to send it.
        this.timer = setTimeout(() => this.pump(), wait);
        return;
      }
      this.sent.push(now);
      this.queue.shift()?.grant();
    }
  }
}

/** No pacing at all: for tests against a simulator without a rate limit, and for callers that pace themselves. */
export const unlimitedBudget: RequestBudget = {
  acquire: (signal) => (signal.aborted ? Promise.reject(signal.reason) : Promise.resolve()),
};

const shared = new Map<string, RequestBudget>();

/**
 * The process-wide budget of one API client on one Code42 host: every client created for the same pair
 * shares it, so commands and fetch-incidents in one process together stay under Code42's limit.
 */
export function sharedBudget(apiUrl: string, clientId: string): RequestBudget {
  const key = `${apiUrl}\n${clientId}`;
  let budget = shared.get(key);
  if (!budget) {
    budget = new SlidingWindowBudget(CODE42_RATE_LIMIT);
    shared.set(key, budget);
  }
  return budget;
}
