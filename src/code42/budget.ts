// Pacing under Code42's rate limit: 120 requests per minute per API client (incydr-api.md §2.1). Every request
// a process sends for one API client — commands, fetch-incidents, the token request — draws from one budget
// and waits its turn instead of drawing a 429. The budget is an interface so that replicas sharing one API
// client can plug in a budget they share (e.g. in PostgreSQL); the default paces one process.

/** Code42's documented limit (DEV search_file_events, "API limits"). */
export const CODE42_RATE_LIMIT = { requests: 120, windowMs: 60_000 } as const;

/** Called once the request's answer began to arrive (or the request failed): from then on Code42 has counted it. */
export type ReleaseTurn = () => void;

export interface RequestBudget {
  /**
   * Resolves when one more request may be sent (and counts it); rejects with `signal.reason` once aborted. It may
   * resolve with a release callback, which the transport calls when the answer's headers arrive or the request
   * fails: a budget can then count the request from that moment, by which time Code42 has surely received it.
   */
  acquire(signal: AbortSignal): Promise<ReleaseTurn | void>;
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
  grant(release: ReleaseTurn): void;
}

/**
 * At most `requests` requests in any `windowMs` (plus margin), counted where Code42 counts them. Code42 counts a
 * request when it arrives, somewhere between our send and the first byte of its answer, and sends delayed by a
 * new connection (TLS, a proxy) arrive late. So a slot is taken when the request is sent and held until its
 * answer begins (the release), and only then starts its window: whatever the delay, the next request Code42
 * sees from this slot comes at least a window after the last. Waiters go first come, first served, so a long
 * fetch run cannot starve a command that queued after it.
 */
export class SlidingWindowBudget implements RequestBudget {
  /** One entry per request of the last window: the time its answer began, or Infinity while it is in flight. */
  private readonly slots: number[] = [];
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

  acquire(signal: AbortSignal): Promise<ReleaseTurn> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<ReleaseTurn>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(signal.reason);
        this.pump();
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
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
    const span = windowMs + this.marginMs;
    while (this.queue.length > 0) {
      const now = this.now();
      for (let i = this.slots.length - 1; i >= 0; i--) if (this.slots[i] + span <= now) this.slots.splice(i, 1);
      // Full: wait for the earliest answered slot to leave the window; with every slot in flight, for a release.
      const full = this.slots.length >= requests ? Math.min(...this.slots) + span - now : 0;
      const wait = Math.max(full, this.pausedUntil - now);
      if (wait > 0) {
        // Not unref'd: a process whose only work is a queued request must stay alive to send it.
        if (Number.isFinite(wait)) this.timer = setTimeout(() => this.pump(), wait);
        return;
      }
      this.slots.push(Infinity);
      let released = false;
      const release: ReleaseTurn = () => {
        if (released) return;
        released = true;
        // In-flight slots are all alike (Infinity): answering any of them answers this one.
        this.slots[this.slots.indexOf(Infinity)] = this.now();
        this.pump();
      };
      this.queue.shift()?.grant(release);
    }
  }
}

/** No pacing at all: for tests against a simulator without a rate limit, and for callers that pace themselves. */
export const unlimitedBudget: RequestBudget = {
  acquire: (signal) => (signal.aborted ? Promise.reject(signal.reason) : Promise.resolve(undefined)),
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
