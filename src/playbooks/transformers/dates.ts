// Dates as XSOAR's date transformers and filters read and write them. The date scripts of XSOAR's
// FiltersAndTransformers pack are Python: DateStringToISOFormat is dateutil.parser.parse, ModifyDateTime and
// FormattedDateToEpoch are dateparser, FormattedDateToEpoch with a formatter is datetime.strptime, and they
// answer with datetime.isoformat(). This module reads the same texts the way dateutil does (its day/month/year
// resolution rules are followed step by step) and writes isoformat's text, so a playbook gets the strings it
// gets in XSOAR. A date keeps its wall-clock time and, when the text had one, its UTC offset: isoformat writes
// the offset only then ("2020-01-01T00:00:00" vs "...+00:00").
import { millisecondsInDay, millisecondsInHour, millisecondsInMinute, millisecondsInSecond, millisecondsInWeek } from 'date-fns/constants';
import { shown } from '../../values';
import { PlaybookError } from '../types';

export interface WrittenDate {
  /** The wall-clock time to the whole second, in ms as if it were UTC. */
  wall: number;
  /** Microseconds within the second (isoformat writes them when not 0). */
  micro: number;
  /** Minutes east of UTC, when the text said; a date without one is "naive" in Python's words. */
  offset?: number;
}

export interface ReadOptions {
  /** dateutil's dayfirst: 01/05/09 is 1 May. */
  dayFirst?: boolean;
  /** dateutil's yearfirst: 01/05/09 starts with the year. */
  yearFirst?: boolean;
  /** dateutil's fuzzy: words that are no part of a date are skipped instead of failing. */
  fuzzy?: boolean;
}

const MS = { second: millisecondsInSecond, minute: millisecondsInMinute, hour: millisecondsInHour, day: millisecondsInDay, week: millisecondsInWeek } as const;

/** The moment a date names; a naive date is read as UTC, as XSOAR's script containers run in UTC. */
export const instantOf = (date: WrittenDate): number => date.wall + Math.floor(date.micro / 1000) - (date.offset ?? 0) * MS.minute;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAY = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|rsday|urday)?$/;
/** dateutil's "jump" words: allowed between date parts even without fuzzy. */
const JUMP_WORDS = new Set(['at', 'on', 'and', 'of', 't', 'ad']);
/** The zone names dateutil and Go's layouts (UnixDate, RFC822, RFC1123) write; others are not read. */
const ZONES: Record<string, number> = { Z: 0, UTC: 0, GMT: 0, UT: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420 };

function monthOf(word: string): number | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (lower === 'sept') return 9;
  const index = lower.length === 3 ? MONTHS.indexOf(lower) : FULL_MONTHS.indexOf(lower);
  return index < 0 ? undefined : index + 1;
}

const TIME = /(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([ap])\.?m\b\.?)?/i;
const ZONE_AFTER_TIME = /^\s*(?:(Z|UTC|GMT|UT|[ECMP][SD]T)\b)?\s*(?:([+-])(\d{2}):?(\d{2})?)?/;

interface Clock {
  hours: number;
  minutes: number;
  seconds: number;
  micro: number;
  offset?: number;
}

/** The first `H:MM[:SS[.ffffff]] [AM|PM] [zone]` in the text, and the text without it. */
function takeTime(text: string): { clock?: Clock; rest: string } | undefined {
  const found = TIME.exec(text);
  if (!found) return { rest: text };
  let hours = Number(found[1]);
  const [minutes, seconds] = [Number(found[2]), Number(found[3] ?? 0)];
  const micro = found[4] ? Number(found[4].slice(0, 6).padEnd(6, '0')) : 0;
  if (found[5]) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (found[5].toLowerCase() === 'p' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const end = found.index + found[0].length;
  const zone = ZONE_AFTER_TIME.exec(text.slice(end))!;
  let offset: number | undefined;
  if (zone[1]) offset = ZONES[zone[1]];
  if (zone[2]) offset = (offset ?? 0) + (zone[2] === '-' ? -1 : 1) * (Number(zone[3]) * 60 + Number(zone[4] ?? 0));
  // "2020-06-11T17:34": the T belongs to the time, not to the date.
  const start = found.index > 0 && /\dT$/i.test(text.slice(0, found.index)) ? found.index - 1 : found.index;
  return { clock: { hours, minutes, seconds, micro, offset }, rest: `${text.slice(0, start)} ${text.slice(end + zone[0].length)}` };
}

/** Python's %y rule (and POSIX's): 69–99 are 1969–1999, 00–68 are 2000–2068. */
const fullYear = (token: string, value: number): number => (token.length <= 2 ? value + (value >= 69 ? 1900 : 2000) : value);

interface Part {
  value: number;
  token: string;
  isMonthName: boolean;
}

/**
 * dateutil's _ymd.resolve_ymd for three parts (and two, where a month name is one of them): which is the
 * year, the month and the day. A 4-digit part is known to be the year; a month name is known to be the month.
 */
function resolveParts(parts: Part[], options: ReadOptions): { year: number; month: number; day: number } | undefined {
  const values = parts.map((part) => part.value);
  const monthAt = parts.findIndex((part) => part.isMonthName);
  const yearAt = parts.findIndex((part) => part.token.length > 2 && !part.isMonthName);
  const year = (index: number) => fullYear(parts[index].token, values[index]);
  const ymd = (y: number, m: number, d: number) => ({ year: year(y), month: values[m], day: values[d] });
  if (parts.length === 3) {
    const [a, b, c] = values;
    if (monthAt === 0) return b > 31 ? ymd(1, 0, 2) : ymd(2, 0, 1);
    if (monthAt === 1) return a > 31 || (options.yearFirst && c <= 31) ? ymd(0, 1, 2) : ymd(2, 1, 0);
    if (monthAt === 2) return b > 31 ? ymd(1, 2, 0) : ymd(0, 2, 1);
    if (a > 31 || yearAt === 0 || (options.yearFirst && b <= 12 && c <= 31)) return options.dayFirst && c <= 12 ? ymd(0, 2, 1) : ymd(0, 1, 2);
    if (a > 12 || (options.dayFirst && b <= 12)) return ymd(2, 1, 0);
    return ymd(2, 0, 1);
  }
  // Two parts name a date only with a month name and a year ("June 2020"); dateutil would take the missing
  // day (or year) from today, which no test could pin, so here the day is the 1st and a missing year fails.
  if (parts.length === 2 && monthAt >= 0) {
    const other = 1 - monthAt;
    if (values[other] > 31 || parts[other].token.length > 2) return { year: year(other), month: values[monthAt], day: 1 };
  }
  if (parts.length === 1 && /^\d{8}$/.test(parts[0].token)) {
    const token = parts[0].token;
    return { year: Number(token.slice(0, 4)), month: Number(token.slice(4, 6)), day: Number(token.slice(6, 8)) };
  }
  return undefined;
}

/**
 * Reads a date written in any of the usual ways: ISO 8601, RFC 1123/2822/850 and Go's ANSIC/UnixDate
 * layouts ("Tue, 02 Jan 2019 15:04:05 MST", "Jan  2 15:04:05 2019"), month names ("June 21st 2020",
 * "1 June 2020"), and numeric dates (01/05/2020, 2020.05.01) resolved as dateutil resolves them.
 * Undefined when the text is no date. A time alone is no date here (dateutil would put it on today).
 */
export function readDate(text: string, options: ReadOptions = {}): WrittenDate | undefined {
  const taken = takeTime(text.trim());
  if (!taken) return undefined;
  const parts: Part[] = [];
  let offset = taken.clock?.offset;
  for (const token of taken.rest.split(/[\s,;/\-.]+/).filter(Boolean)) {
    const ordinal = /^(\d+)(st|nd|rd|th)$/i.exec(token);
    const month = monthOf(token);
    if (/^\d+$/.test(token) || ordinal) parts.push({ value: Number(ordinal ? ordinal[1] : token), token: ordinal ? ordinal[1] : token, isMonthName: false });
    else if (month !== undefined) parts.push({ value: month, token, isMonthName: true });
    else if (Object.hasOwn(ZONES, token)) offset = ZONES[token];
    else if (!WEEKDAY.test(token.toLowerCase()) && !JUMP_WORDS.has(token.toLowerCase()) && !options.fuzzy) return undefined;
  }
  if (parts.filter((part) => part.isMonthName).length > 1 || parts.length > 3) return undefined;
  const ymd = resolveParts(parts, options);
  if (!ymd || ymd.month < 1 || ymd.month > 12 || ymd.day < 1) return undefined;
  const clock = taken.clock ?? { hours: 0, minutes: 0, seconds: 0, micro: 0 };
  const wall = Date.UTC(ymd.year, ymd.month - 1, ymd.day, clock.hours, clock.minutes, clock.seconds);
  // Date.UTC rolls 31 April over to 1 May; dateutil refuses such a day, and so does this.
  if (new Date(wall).getUTCDate() !== ymd.day) return undefined;
  return { wall: ymd.year < 100 ? setFullYear(wall, ymd.year) : wall, micro: clock.micro, ...(offset !== undefined ? { offset } : {}) };
}

/** Date.UTC reads years 0–99 as 1900–1999; a written year 0050 means the year 50. */
function setFullYear(wall: number, year: number): number {
  const date = new Date(wall);
  date.setUTCFullYear(year);
  return date.getTime();
}

/** Python's datetime.isoformat(): microseconds only when not 0, the offset only when the date has one. */
export function isoFormat(date: WrittenDate): string {
  const base = new Date(date.wall).toISOString().slice(0, 19);
  const micro = date.micro ? `.${String(date.micro).padStart(6, '0')}` : '';
  if (date.offset === undefined) return base + micro;
  const sign = date.offset < 0 ? '-' : '+';
  const minutes = Math.abs(date.offset);
  return `${base}${micro}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Epoch seconds or milliseconds, told apart as XSOAR's TimeStampToDate does: below 10^10 they are seconds. */
export const epochMs = (value: number): number => (Math.abs(value) < 10_000_000_000 ? value * 1000 : value);

// --- ModifyDateTime's variations (dateparser's relative dates) -----------------------------------------------

type Unit = keyof typeof MS | 'month' | 'year';

const UNITS: Record<string, Unit> = {
  s: 'second', sec: 'second', secs: 'second', second: 'second', seconds: 'second',
  m: 'minute', min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour',
  d: 'day', day: 'day', days: 'day',
  w: 'week', week: 'week', weeks: 'week',
  mo: 'month', month: 'month', months: 'month',
  y: 'year', yr: 'year', yrs: 'year', year: 'year', years: 'year',
};

const NAMED: Record<string, [number, Unit]> = { now: [0, 'second'], today: [0, 'day'], yesterday: [-1, 'day'], tomorrow: [1, 'day'] };

/** Adds whole months the way dateutil's relativedelta does: 31 March minus a month is 29 February. */
function addMonths(wall: number, months: number): number {
  const date = new Date(wall);
  const target = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), target + 1, 0)).getUTCDate();
  date.setUTCMonth(target, Math.min(date.getUTCDate(), lastDay));
  return date.getTime();
}

function shift(wall: number, amount: number, unit: Unit): number {
  if (unit === 'month') return addMonths(wall, amount);
  if (unit === 'year') return addMonths(wall, amount * 12);
  return wall + amount * MS[unit];
}

/**
 * ModifyDateTime's `variation`, as dateparser reads relative dates against a base: "in 1 day" and "+2h" are
 * later, "3 months ago", "-15m" and a bare "15m" are earlier (dateparser reads a bare amount as past, which
 * ModifyDateTime's own tests record), "yesterday"/"tomorrow", "next week"/"last month". Several amounts may
 * follow each other ("1 day 2 hours ago").
 */
export function applyVariation(date: WrittenDate, variation: string): WrittenDate | undefined {
  let text = variation.trim().toLowerCase();
  if (Object.hasOwn(NAMED, text)) return { ...date, wall: shift(date.wall, ...NAMED[text]) };
  const nextOrLast = /^(next|last)\s+([a-z]+)$/.exec(text);
  if (nextOrLast) {
    const unit = UNITS[nextOrLast[2]];
    return unit ? { ...date, wall: shift(date.wall, nextOrLast[1] === 'next' ? 1 : -1, unit) } : undefined;
  }
  let direction = -1;
  if (/^in\s/.test(text) || text.startsWith('+')) direction = 1;
  text = text.replace(/^in\s+/, '').replace(/\s+ago$/, '').replace(/^[+-]\s*/, '');
  const amounts = [...text.matchAll(/(\d+|an?)\s*([a-z]+)\s*/g)];
  if (amounts.length === 0 || amounts.map((found) => found[0]).join('').trim() !== text) return undefined;
  let wall = date.wall;
  for (const [, count, word] of amounts) {
    const unit = UNITS[word];
    if (!unit) return undefined;
    wall = shift(wall, direction * (/^\d+$/.test(count) ? Number(count) : 1), unit);
  }
  return { ...date, wall };
}

// --- FormattedDateToEpoch's formatter (Python's strptime directives) ------------------------------------------
// Read here rather than with date-fns' parse: date-fns builds every date in the machine's local time, where a
// time inside a spring-forward gap (02:30 on a DST morning) moves by an hour; strptime has no such gap.

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const FULL_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const alternatives = (words: string[]): string => `(${words.join('|')})`;

/** Each directive: the text it matches, and what that text sets. */
const STRPTIME: Record<string, { pattern: string; set?: (fields: StrptimeFields, text: string) => void }> = {
  Y: { pattern: '(\\d{4})', set: (f, t) => (f.year = Number(t)) },
  y: { pattern: '(\\d{2})', set: (f, t) => (f.year = fullYear(t, Number(t))) },
  m: { pattern: '(\\d{1,2})', set: (f, t) => (f.month = Number(t)) },
  d: { pattern: '(\\d{1,2})', set: (f, t) => (f.day = Number(t)) },
  H: { pattern: '(\\d{1,2})', set: (f, t) => (f.hour = Number(t)) },
  I: { pattern: '(\\d{1,2})', set: (f, t) => (f.hour12 = Number(t)) },
  M: { pattern: '(\\d{1,2})', set: (f, t) => (f.minute = Number(t)) },
  S: { pattern: '(\\d{1,2})', set: (f, t) => (f.second = Number(t)) },
  f: { pattern: '(\\d{1,6})', set: (f, t) => (f.micro = Number(t.padEnd(6, '0'))) },
  p: { pattern: '(am|pm)', set: (f, t) => (f.pm = t.toLowerCase() === 'pm') },
  b: { pattern: alternatives(MONTHS), set: (f, t) => (f.month = MONTHS.indexOf(t.toLowerCase()) + 1) },
  B: { pattern: alternatives(FULL_MONTHS), set: (f, t) => (f.month = FULL_MONTHS.indexOf(t.toLowerCase()) + 1) },
  a: { pattern: alternatives(WEEKDAYS) },
  A: { pattern: alternatives(FULL_WEEKDAYS) },
  z: { pattern: '(Z|[+-]\\d{2}:?\\d{2})', set: (f, t) => (f.offset = t === 'Z' ? 0 : (t[0] === '-' ? -1 : 1) * (Number(t.slice(1, 3)) * 60 + Number(t.slice(-2)))) },
  j: { pattern: '(\\d{1,3})', set: (f, t) => (f.dayOfYear = Number(t)) },
};

interface StrptimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  hour12?: number;
  pm?: boolean;
  minute: number;
  second: number;
  micro: number;
  offset?: number;
  dayOfYear?: number;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** datetime.strptime(value, formatter): the moment, in ms (a text without %z is read as UTC). */
export function readWithFormat(value: string, formatter: string): number | undefined {
  const setters: ((fields: StrptimeFields, text: string) => void)[] = [];
  let source = '';
  for (const [, directive, plain] of formatter.matchAll(/%([\s\S])|([^%]+)/g)) {
    if (plain !== undefined || directive === '%') {
      // As in strptime, whitespace in the format matches any run of whitespace (or none).
      source += (plain ?? '%').split(/(\s+)/).map((part) => (/^\s+$/.test(part) ? '\\s*' : escapeRegex(part))).join('');
      continue;
    }
    if (!Object.hasOwn(STRPTIME, directive)) throw new PlaybookError(`The FormattedDateToEpoch formatter ${shown(formatter)} uses %${directive}, which is not supported; use %Y %y %m %d %H %I %M %S %f %p %b %B %a %A %z %j.`);
    const { pattern, set } = STRPTIME[directive];
    source += set ? pattern : pattern.replace('(', '(?:');
    if (set) setters.push(set);
  }
  const found = new RegExp(`^${source}$`, 'i').exec(value);
  if (!found) return undefined;
  // strptime's defaults: 1900-01-01 00:00:00.
  const fields: StrptimeFields = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, micro: 0 };
  setters.forEach((set, index) => set(fields, found[index + 1]));
  if (fields.hour12 !== undefined) {
    if (fields.hour12 < 1 || fields.hour12 > 12) return undefined;
    fields.hour = (fields.hour12 % 12) + (fields.pm ? 12 : 0);
  }
  const wall = fields.dayOfYear !== undefined ? Date.UTC(fields.year, 0, fields.dayOfYear) : Date.UTC(fields.year, fields.month - 1, fields.day);
  const date = new Date(wall);
  const fits = fields.dayOfYear !== undefined ? date.getUTCFullYear() === fields.year : date.getUTCMonth() === fields.month - 1 && date.getUTCDate() === fields.day;
  if (!fits || fields.hour > 23 || fields.minute > 59 || fields.second > 61) return undefined;
  return wall + ((fields.hour * 60 + fields.minute - (fields.offset ?? 0)) * 60 + fields.second) * 1000 + Math.floor(fields.micro / 1000);
}
