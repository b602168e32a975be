// `first_fetch`: where the very first fetch starts (xsoar-conventions §3.5, §2.7 arg_to_datetime). Accepted:
// "<n> <unit>" counted back from now (minutes … years, singular or plural, an optional "ago"), an ISO 8601
// date or date-time (UTC unless it carries an offset), or epoch digits (seconds; milliseconds above 2e9).
// All arithmetic is in UTC so the answer never depends on the host's time zone. A value beyond what a Date
// holds ("100000000000000000000 days", "10000 years") is refused with the range, never turned into an
// invalid date or a year before Christ.
import { FetchParamsError } from './errors';

export type FirstFetchUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years';

export type FirstFetch =
  | { kind: 'relative'; amount: number; unit: FirstFetchUnit; text: string }
  | { kind: 'absolute'; at: Date; text: string };

/** XSOAR's arg_to_datetime rule: epoch values above this are milliseconds, below it seconds. */
const EPOCH_MS_THRESHOLD = 2e9;

// Written out rather than imported from date-fns/constants: every one-shot command reads the parameters, and
// resolving any date-fns entry point parses its 200 kB package.json (exports map) first.
const FIXED_UNIT_MS: Partial<Record<FirstFetchUnit, number>> = {
  minutes: 60_000,
  hours: 60 * 60_000,
  days: 24 * 60 * 60_000,
  weeks: 7 * 24 * 60 * 60_000,
};

const RELATIVE = /^(\d+)\s*(minute|hour|day|week|month|year)s?(?:\s+ago)?$/i;
const EPOCH = /^\d+(?:\.\d+)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** A zone designator after the time part (the date part's dashes are not offsets). */
const HAS_ZONE = /[T ]\d[^Z+-]*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * How far back first_fetch may reach: a century, far more than Code42 keeps, and small enough that every
 * start is an ordinary date after 1870 (decided here; the sources set no bound).
 */
export const MAX_FIRST_FETCH_DAYS = 36_525;
const DAYS_PER_UNIT: Record<FirstFetchUnit, number> = { minutes: 1 / 1440, hours: 1 / 24, days: 1, weeks: 7, months: 36_525 / 1200, years: 365.25 };

/** The range in words, for every message about it. */
export const FIRST_FETCH_RANGE = 'it may reach back at most 100 years (36525 days, 1200 months), and a date must be from 1970-01-01 on';

/** A first_fetch of a valid form but outside FIRST_FETCH_RANGE. */
export class FirstFetchRangeError extends FetchParamsError {
  constructor(name: string, text: string) {
    super(name, `Invalid ${name} "${text}": ${FIRST_FETCH_RANGE}.`);
    this.name = 'FirstFetchRangeError';
  }
}

const outOfRange = (name: string, text: string): FetchParamsError => new FirstFetchRangeError(name, text);

const invalid = (name: string, text: string): FetchParamsError =>
  new FetchParamsError(
    name,
    `Invalid ${name} "${text}": use "<number> <unit>" with minutes, hours, days, weeks, months or years (e.g. "3 days"), ` +
      `an ISO 8601 date or date-time (e.g. 2024-05-01 or 2024-05-01T12:00:00Z) or epoch seconds.`,
  );

/** The last instant a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

function parseAbsolute(text: string): Date | undefined {
  if (EPOCH.test(text)) {
    const value = Number(text);
    const ms = Math.floor(value > EPOCH_MS_THRESHOLD ? value : value * 1000);
    return new Date(ms > MAX_DATE_MS ? NaN : ms);
  }
  // parseISO reads a value without an offset as local time; XSOAR reads it as UTC.
  const iso = DATE_ONLY.test(text) ? `${text}T00:00:00Z` : HAS_ZONE.test(text) ? text : `${text}Z`;
  if (!/^\d{4}-/.test(text)) return undefined;
  // Required for an absolute first_fetch only: every one-shot command reads the parameters, few give a date.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parseISO } = require('date-fns/parseISO') as typeof import('date-fns/parseISO');
  const { isValid } = require('date-fns/isValid') as typeof import('date-fns/isValid');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const date = parseISO(iso);
  return isValid(date) ? date : undefined;
}

/** Parses `first_fetch` (set as `name`); throws FetchParamsError when it is none of the accepted forms. */
export function parseFirstFetch(value: string, name = 'first_fetch'): FirstFetch {
  const text = value.trim();
  const relative = RELATIVE.exec(text);
  if (relative) {
    const amount = Number(relative[1]);
    const unit = `${relative[2].toLowerCase()}s` as FirstFetchUnit;
    if (amount * DAYS_PER_UNIT[unit] > MAX_FIRST_FETCH_DAYS) throw outOfRange(name, text);
    return { kind: 'relative', amount, unit, text };
  }
  const at = parseAbsolute(text);
  if (at && Number.isNaN(at.getTime())) throw outOfRange(name, text);
  if (!at) throw invalid(name, value);
  if (at.getTime() < 0) throw outOfRange(name, text);
  return { kind: 'absolute', at, text };
}

/** `date` moved back by whole calendar months in UTC, the day clamped to the target month's length. */
function subUtcMonths(date: Date, months: number): Date {
  const target = new Date(date.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const daysInTarget = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, daysInTarget));
  return target;
}

/** The instant the first fetch starts from, for a run at `now`. */
export function firstFetchStart(firstFetch: FirstFetch, now: Date): Date {
  if (firstFetch.kind === 'absolute') return firstFetch.at;
  const fixed = FIXED_UNIT_MS[firstFetch.unit];
  if (fixed !== undefined) return new Date(now.getTime() - firstFetch.amount * fixed);
  return subUtcMonths(now, firstFetch.unit === 'years' ? firstFetch.amount * 12 : firstFetch.amount);
}
