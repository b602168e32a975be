// Refused requests (401 without a valid key, 429 over the rate limit) are logged summarised: the first of a
// window in full, the rest counted and written as one line when the window ends. A flood of unauthenticated
// requests must not become a flood of log lines (one line each wrote 49 MB in 30 seconds).
import type { FastifyBaseLogger } from 'fastify';

export const REFUSAL_WINDOW_MS = 10_000;

interface Window {
  started: number;
  count: number;
  byStatus: Map<number, number>;
  addresses: Set<string>;
}

/** At most this many addresses are remembered per window, so the summary itself stays small. */
const MAX_ADDRESSES = 1000;

export class RefusalLog {
  private window: Window | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly windowMs = REFUSAL_WINDOW_MS,
  ) {}

  /** Records one refused request; returns true when it is the one to log in full. */
  record(status: number, address: string): boolean {
    if (!this.window) {
      this.window = { started: Date.now(), count: 0, byStatus: new Map(), addresses: new Set() };
      this.timer = setTimeout(() => this.flush(), this.windowMs);
      this.timer.unref();
      return true;
    }
    this.window.count++;
    this.window.byStatus.set(status, (this.window.byStatus.get(status) ?? 0) + 1);
    if (this.window.addresses.size < MAX_ADDRESSES) this.window.addresses.add(address);
    return false;
  }

  /** Writes the summary of the window in progress, if anything was counted; the next refusal starts a new one. */
  flush(): void {
    clearTimeout(this.timer);
    const window = this.window;
    this.window = undefined;
    if (!window || window.count === 0) return;
    const statuses = [...window.byStatus].map(([status, n]) => `${n} x ${status}`).join(', ');
    const seconds = Math.max(1, Math.ceil((Date.now() - window.started) / 1000));
    const addresses = window.addresses.size >= MAX_ADDRESSES ? `${MAX_ADDRESSES} or more addresses` : `${window.addresses.size} address${window.addresses.size === 1 ? '' : 'es'}`;
    this.log.warn(
      { refused: window.count, statuses: Object.fromEntries(window.byStatus), addresses: window.addresses.size },
      `Refused ${window.count} more requests (${statuses}) from ${addresses} in the last ${seconds} second${seconds === 1 ? '' : 's'}; only the first of each window is logged in full.`,
    );
  }
}
