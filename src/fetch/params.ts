// The fetch parameters of one run, read from the fetch surface of the parameter table (src/parameters.ts)
// with its one validator: XSOAR names, the official integration's aliases (fetch_time, fetch_limit),
// strings as XSOAR sends them or typed values as an InstanceConfig holds them. Every problem is one sentence.
import { SESSION_SEVERITIES, type SessionSeverityLabel } from '../code42/api';
import {
  parameter,
  ParameterError,
  rawValueOf,
  readBoolean,
  readChoices,
  readInteger,
  readText,
  readTimeRange,
  type ParameterSpec,
  type RawValue,
} from '../parameters';
import { FetchParamsError } from './errors';
import { parseFirstFetch, type FirstFetch } from './first-fetch';

/** The fetch surface's parameters by XSOAR name or alias, as one call (strings) or an InstanceConfig gives them. */
export type FetchParamsInput = object;

export interface FetchParams {
  /** Session severities to fetch (the labels of SESSION_SEVERITIES); empty = every severity. */
  severities: SessionSeverityLabel[];
  firstFetch: FirstFetch;
  maxFetch: number;
  includeFiles: boolean;
  incidentType: string;
  lookbackMinutes: number;
}

/** A reader of the one validator on a fetch parameter, its sentence as a FetchParamsError. */
function read<T>(reader: (spec: ParameterSpec, raw: RawValue | undefined) => T, name: string, input: Record<string, unknown>): T {
  const spec = parameter('fetch', name);
  const raw = rawValueOf(spec, input);
  try {
    return reader(spec, raw);
  } catch (error) {
    if (error instanceof ParameterError) throw new FetchParamsError(raw?.source ?? name, error.message);
    throw error;
  }
}

/** Validates every fetch parameter before anything else happens; throws FetchParamsError. */
export function parseFetchParams(params: FetchParamsInput, now: Date = new Date()): FetchParams {
  const input: Record<string, unknown> = { ...params };
  const firstFetch = read((spec, raw) => readTimeRange(spec, raw, now), 'first_fetch', input);
  // v2 is the only file event model Code42 serves: the value is checked (a typo is still a typo) and unused.
  read(readBoolean, 'v2_events', input);
  return {
    severities: read(readChoices, 'alert_severity', input).flatMap((choice) => SESSION_SEVERITIES.filter((label) => label === choice.toUpperCase())),
    firstFetch: parseFirstFetch(firstFetch),
    maxFetch: read(readInteger, 'max_fetch', input),
    includeFiles: read(readBoolean, 'include_files', input),
    incidentType: read(readText, 'incidentType', input),
    lookbackMinutes: read(readInteger, 'fetch_lookback', input),
  };
}
