// When and how long to wait before sending a request again. Reads are retried on throttling, gateway
// failures and dropped connections; writes only when the request provably never left this host.

export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** First back-off step (default 500 ms); each retry doubles it. */
  baseDelayMs?: number;
  /** Cap of one back-off wait (default 30 s). */
  maxDelayMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Code42's `Retry-After` is honoured up to this; a longer wait is not worth holding a command for. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Statuses that mean "not now" rather than "no": throttling and gateway trouble. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * How safe it is to send again after a failure:
 * - `unsent`: the request never reached the server (connect refused, DNS, connect timeout) — safe for writes;
 * - `transient`: the server may have seen it (throttled, gateway error, connection dropped) — reads only;
 * - `final`: sending again cannot help.
 */
export type Retryability = 'unsent' | 'transient' | 'final';

export function mayRetry(retryability: Retryability, kind: 'read' | 'write'): boolean {
  return retryability === 'unsent' || (retryability === 'transient' && kind === 'read');
}

/** `Retry-After` as milliseconds (seconds or an HTTP date), capped; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(value)) ms = Number(value) * 1000;
  else {
    const date = Date.parse(value);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS);
}

/** Exponential back-off with "equal jitter": half the step fixed, half random, so clients spread out. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Waits through the global timers (so jest fake timers drive it); rejects with the signal's reason on abort. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
