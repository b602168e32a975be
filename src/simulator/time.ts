// Timestamp formats the simulator answers and parsing of file-event filter values.

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const US_PER_DAY = MS_PER_DAY * 1000;

/** `2024-05-01T10:00:00.123Z` */
export function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}

/** `2024-05-01` */
export function isoDate(ms: number): string {
  return isoMs(ms).slice(0, 10);
}

export interface ParsedTimestamp {
  /** Microseconds since the epoch. */
  us: number;
  /** The value had no time part (`yyyy-MM-dd`). */
  dateOnly: boolean;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses `yyyy-MM-dd` or an ISO timestamp with up to 9 fraction digits; undefined when it is neither. */
export function parseTimestamp(value: string): ParsedTimestamp | undefined {
  const m = TIMESTAMP.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  const check = new Date(ms);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h ?? 0) > 23) return undefined;
  let offsetMs = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMs = sign * (Number(digits.slice(0, 2)) * MS_PER_HOUR + Number(digits.slice(2)) * MS_PER_MINUTE);
  }
  const micros = frac ? Number(frac.padEnd(6, '0').slice(0, 6)) : 0;
  return { us: (ms - offsetMs) * 1000 + micros, dateOnly: h === undefined };
}

export function startOfDayUs(us: number): number {
  return Math.floor(us / US_PER_DAY) * US_PER_DAY;
}

/** An ISO-8601 duration such as PT15M, PT1H, P1D, P2W in milliseconds; undefined when malformed. */
export function parseDurationMs(value: string): number | undefined {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const [, w, d, h, mi, s] = m.map((part) => Number(part ?? 0));
  return (w * 7 + d) * MS_PER_DAY + h * MS_PER_HOUR + mi * MS_PER_MINUTE + s * 1000;
}
