// The fetch parameters under their XSOAR instance names (architecture §5), with the official Code42
// integration's names (`fetch_time`, `fetch_limit`) accepted as aliases. XSOAR sends text fields as strings
// and checkboxes as booleans; a typed InstanceConfig works as well. Every problem is one sentence.
import type { RiskSeverity } from '../code42/api';
import { argToList } from '../xsoar/args';
import { FetchParamsError } from './errors';
import { DEFAULT_FIRST_FETCH, parseFirstFetch, type FirstFetch } from './first-fetch';

export interface FetchParamsInput {
  alert_severity?: unknown;
  first_fetch?: unknown;
  /** Alias of first_fetch (official Code42 integration). */
  fetch_time?: unknown;
  max_fetch?: unknown;
  /** Alias of max_fetch (official Code42 integration). */
  fetch_limit?: unknown;
  include_files?: unknown;
  incidentType?: unknown;
  fetch_lookback?: unknown;
}

export interface FetchParams {
  /** Code42 riskSeverity values to fetch; empty = every severity. */
  severities: RiskSeverity[];
  firstFetch: FirstFetch;
  maxFetch: number;
  includeFiles: boolean;
  /** Empty: the XSOAR instance's incident type decides. */
  incidentType: string;
  lookbackMinutes: number;
}

export const MAX_FETCH_LIMIT = 200;
export const DEFAULT_MAX_FETCH = 10;
export const DEFAULT_LOOKBACK_MINUTES = 5;
/** A day of overlap is already far more than any indexing delay; more only bloats lastRun. */
export const MAX_LOOKBACK_MINUTES = 1440;

const SEVERITY_CHOICES: Record<string, RiskSeverity> = { critical: 'CRITICAL', high: 'HIGH', moderate: 'MODERATE', low: 'LOW' };

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const shown = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

/** The value under the XSOAR name, else under the alias, with the name to blame in a message. */
function pick(input: FetchParamsInput, name: keyof FetchParamsInput, alias?: keyof FetchParamsInput): { value: unknown; name: string } | undefined {
  if (!isBlank(input[name])) return { value: input[name], name };
  if (alias && !isBlank(input[alias])) return { value: input[alias], name: alias };
  return undefined;
}

function wholeNumber(given: { value: unknown; name: string } | undefined, fallback: number, min: number, max: number): number {
  if (!given) return fallback;
  const value = typeof given.value === 'string' && /^\s*\d+\s*$/.test(given.value) ? Number(given.value) : given.value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new FetchParamsError(given.name, `Invalid ${given.name} ${shown(given.value)}: expected a whole number from ${min} to ${max}.`);
}

function bool(given: { value: unknown; name: string } | undefined): boolean {
  if (!given) return false;
  if (typeof given.value === 'boolean') return given.value;
  const text = typeof given.value === 'string' ? given.value.trim().toLowerCase() : '';
  if (text === 'true' || text === 'yes') return true;
  if (text === 'false' || text === 'no') return false;
  throw new FetchParamsError(given.name, `Invalid ${given.name} ${shown(given.value)}: expected true or false.`);
}

function severities(value: unknown): RiskSeverity[] {
  const chosen: RiskSeverity[] = [];
  for (const item of argToList(value)) {
    const severity = typeof item === 'string' ? SEVERITY_CHOICES[item.trim().toLowerCase()] : undefined;
    if (!severity) throw new FetchParamsError('alert_severity', `Invalid alert_severity ${shown(item)}: choose from Critical, High, Moderate, Low.`);
    if (!chosen.includes(severity)) chosen.push(severity);
  }
  return chosen;
}

function firstFetch(given: { value: unknown; name: string } | undefined): FirstFetch {
  if (!given) return parseFirstFetch(DEFAULT_FIRST_FETCH);
  if (typeof given.value === 'number') return parseFirstFetch(String(given.value), given.name);
  if (typeof given.value !== 'string') throw new FetchParamsError(given.name, `Invalid ${given.name} ${shown(given.value)}: expected text such as "3 days".`);
  return parseFirstFetch(given.value, given.name);
}

/** Validates every fetch parameter before anything else happens; throws FetchParamsError. */
export function parseFetchParams(input: FetchParamsInput): FetchParams {
  const incidentType = pick(input, 'incidentType');
  if (incidentType && typeof incidentType.value !== 'string') {
    throw new FetchParamsError('incidentType', `Invalid incidentType ${shown(incidentType.value)}: expected the name of an incident type.`);
  }
  return {
    severities: severities(input.alert_severity),
    firstFetch: firstFetch(pick(input, 'first_fetch', 'fetch_time')),
    maxFetch: wholeNumber(pick(input, 'max_fetch', 'fetch_limit'), DEFAULT_MAX_FETCH, 1, MAX_FETCH_LIMIT),
    includeFiles: bool(pick(input, 'include_files')),
    incidentType: incidentType ? (incidentType.value as string).trim() : '',
    lookbackMinutes: wholeNumber(pick(input, 'fetch_lookback'), DEFAULT_LOOKBACK_MINUTES, 0, MAX_LOOKBACK_MINUTES),
  };
}
