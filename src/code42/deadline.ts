// The overall deadline of one command: every Code42 request made while `fn` runs (retries and back-off
// waits included) must finish before it, so a command never hangs however many calls it makes.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Deadline {
  /** Epoch milliseconds. */
  at: number;
  /** The budget it was set with, for the error sentence. */
  ms: number;
  /** How the limit reads in a sentence: `the command's time limit` unless the setter says otherwise. */
  label?: string;
}

const storage = new AsyncLocalStorage<Deadline>();

/** Runs `fn` with a deadline `ms` from now; a nested call can only shorten the deadline, never extend it. */
export function withDeadline<T>(ms: number, fn: () => Promise<T>, label?: string): Promise<T> {
  const outer = storage.getStore();
  const at = Date.now() + ms;
  const deadline = outer && outer.at <= at ? outer : { at, ms, label };
  return storage.run(deadline, fn);
}

/** The deadline set by the innermost `withDeadline`, if any. */
export const currentDeadline = (): Deadline | undefined => storage.getStore();

/** Milliseconds left, never negative. */
export const remainingMs = (deadline: Deadline): number => Math.max(0, deadline.at - Date.now());

/** `90 s`, `2 min`, `500 ms`: durations as they read in an error sentence. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}
