// The optional request limit (Code42 documents 120 requests per minute per API client): at most `requests`
// API requests in any sliding window of `windowMs`; above it the answer is 429 with Retry-After. It runs on
// the real monotonic clock, not the simulator clock, so tests with a frozen simulator clock still see the
// window pass. Token requests (POST /v1/oauth) are not counted (inference: no source says whether they are).
export interface RateLimit {
  requests: number;
  windowMs: number;
}

export class RateLimiter {
  private limit: RateLimit | undefined;
  /** Times (performance.now) of the requests admitted within the current window, oldest first. */
  private admitted: number[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  configure(limit: RateLimit | undefined): void {
    if (limit !== undefined && (!Number.isInteger(limit.requests) || limit.requests < 1 || !(limit.windowMs > 0))) {
      throw new Error('A rate limit needs requests (a positive integer) and windowMs (a positive number).');
    }
    this.limit = limit;
    this.admitted = [];
  }

  get current(): RateLimit | undefined {
    return this.limit;
  }

  /** Admits a request, or answers how many ms until one would be admitted. */
  take(): { ok: true } | { ok: false; retryAfterMs: number } {
    if (!this.limit) return { ok: true };
    const now = this.now();
    const windowStart = now - this.limit.windowMs;
    while (this.admitted.length > 0 && this.admitted[0] <= windowStart) this.admitted.shift();
    if (this.admitted.length >= this.limit.requests) return { ok: false, retryAfterMs: this.admitted[0] + this.limit.windowMs - now };
    this.admitted.push(now);
    return { ok: true };
  }
}
