// Instance configuration: the XSOAR instance parameters of seed 003 under their XSOAR names, read from a
// config file, then environment variables, then explicit overrides (each layer wins over the previous one).
// Every problem is one ConfigError sentence; the client secret never appears in a message or a printout.
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { firstFetchStart, parseFirstFetch } from './fetch/first-fetch';

export interface Credentials {
  /** API client id (`key-...`). */
  identifier: string;
  /** API client secret: never logged, never printed. */
  password: string;
}

export interface InstanceConfig {
  /** Console URL, e.g. https://console.us.code42.com (derived from api_url when not given). */
  console_url: string;
  /** API gateway URL, e.g. https://api.us.code42.com (derived from console_url when not given). */
  api_url: string;
  credentials: Credentials;
  insecure: boolean;
  proxy: boolean;
  /** Risk severities to fetch (Critical, High, Moderate, Low); empty = all. */
  alert_severity: string[];
  first_fetch: string;
  max_fetch: number;
  include_files: boolean;
  incidentType: string;
  /** Minutes of overlap for late-indexed alerts. */
  fetch_lookback: number;
  /** Minutes between scheduled fetches. */
  incidentFetchInterval: number;
  /** True when no credentials were configured and the embedded simulator serves the API. */
  demo: boolean;
  /** What JSON.stringify prints: the configuration with the client secret replaced by `[REDACTED]`. */
  toJSON?(): RedactedConfig;
}

export type RedactedConfig = Omit<InstanceConfig, 'credentials' | 'toJSON'> & { credentials: { identifier: string; password: string } };

/** A configuration problem, said in one sentence that names the parameter and what is accepted. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Values as a config file or a caller gives them: XSOAR names, strings or typed values. */
export interface ConfigInput {
  console_url?: string;
  api_url?: string;
  credentials?: Partial<Credentials>;
  insecure?: boolean | string;
  proxy?: boolean | string;
  alert_severity?: string[] | string;
  first_fetch?: string;
  max_fetch?: number | string;
  include_files?: boolean | string;
  incidentType?: string;
  fetch_lookback?: number | string;
  incidentFetchInterval?: number | string;
}

export interface LoadConfigOptions {
  /** Environment variables (CODE42_*); default `process.env`. Tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** A JSON or YAML file holding the XSOAR parameter names. */
  file?: string;
  overrides?: ConfigInput;
}

export const SEVERITIES = ['Critical', 'High', 'Moderate', 'Low'] as const;
export const DEFAULT_API_URL = 'https://api.us.code42.com';
const REDACTED = '[REDACTED]';

const DEFAULTS = {
  first_fetch: '24 hours',
  max_fetch: 10,
  fetch_lookback: 5,
  incidentFetchInterval: 1,
  incidentType: 'Code42 Security Alert',
} as const;

type ParamName = Exclude<keyof ConfigInput, 'credentials'> | 'identifier' | 'password';

const ENV_NAMES: Record<ParamName, string> = {
  console_url: 'CODE42_CONSOLE_URL',
  api_url: 'CODE42_API_URL',
  identifier: 'CODE42_CLIENT_ID',
  password: 'CODE42_CLIENT_SECRET',
  insecure: 'CODE42_INSECURE',
  proxy: 'CODE42_PROXY',
  alert_severity: 'CODE42_ALERT_SEVERITY',
  first_fetch: 'CODE42_FIRST_FETCH',
  max_fetch: 'CODE42_MAX_FETCH',
  include_files: 'CODE42_INCLUDE_FILES',
  incidentType: 'CODE42_INCIDENT_TYPE',
  fetch_lookback: 'CODE42_FETCH_LOOKBACK',
  incidentFetchInterval: 'CODE42_FETCH_INTERVAL',
};

/** Names the official Code42 integration uses for the same parameters. */
const FILE_ALIASES: Record<string, Exclude<ParamName, 'identifier' | 'password'>> = { fetch_time: 'first_fetch', fetch_limit: 'max_fetch' };

/** A raw value and where it came from, so a message can point at the env var or file key to fix. */
interface Raw {
  value: unknown;
  source: string;
}
type RawParams = Partial<Record<ParamName, Raw>>;

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const label = (name: string, raw: Raw): string => (raw.source === name ? name : `${name} (${raw.source})`);

/** Quotes a bad value for a message; long values are cut so a pasted blob does not flood the terminal. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `"${text.length > 80 ? `${text.slice(0, 77)}...` : text}"`;
}

// ---- layers ----

function fromEnv(env: NodeJS.ProcessEnv): RawParams {
  const params: RawParams = {};
  for (const [name, variable] of Object.entries(ENV_NAMES) as [ParamName, string][]) {
    const value = env[variable];
    if (!isBlank(value)) params[name] = { value, source: variable };
  }
  return params;
}

function fromInput(input: Record<string, unknown>, where: string): RawParams {
  const params: RawParams = {};
  const set = (name: ParamName, key: string, value: unknown): void => {
    if (isBlank(value)) return;
    if (params[name]) throw new ConfigError(`${where} sets both ${params[name].source} and ${key}; keep only one of them.`);
    params[name] = { value, source: key };
  };
  const known = [...Object.keys(ENV_NAMES).filter((n) => n !== 'identifier' && n !== 'password'), 'credentials', ...Object.keys(FILE_ALIASES)];
  for (const [key, value] of Object.entries(input)) {
    if (key === 'credentials') {
      if (isBlank(value)) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new ConfigError(`credentials in ${where} must be a mapping with identifier (API client id) and password (API client secret).`);
      }
      for (const [field, fieldValue] of Object.entries(value as Record<string, unknown>)) {
        if (field !== 'identifier' && field !== 'password') {
          throw new ConfigError(`Unknown field "${field}" under credentials in ${where}: accepted fields are identifier and password.`);
        }
        set(field, `credentials.${field}`, fieldValue);
      }
    } else if (key in FILE_ALIASES) {
      set(FILE_ALIASES[key], key, value);
    } else if (known.includes(key)) {
      set(key as ParamName, key, value);
    } else {
      throw new ConfigError(`Unknown parameter "${key}" in ${where}: accepted parameters are ${known.join(', ')}.`);
    }
  }
  return params;
}

function readConfigFile(file: string): RawParams {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : 'it cannot be read';
    throw new ConfigError(`Cannot read config file ${file}: ${why}.`);
  }
  let parsed: unknown;
  try {
    // YAML 1.2 is a superset of JSON, so one parser serves both; its first message line names the place of the
    // problem without quoting the file (which may hold the secret).
    parsed = parseYaml(text);
  } catch (error) {
    const where = (error as Error).message.split('\n')[0].replace(/:$/, '');
    throw new ConfigError(`Config file ${file} is not valid JSON or YAML: ${where}.`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`Config file ${file} must hold a mapping of XSOAR parameter names to values.`);
  }
  return fromInput(parsed as Record<string, unknown>, `config file ${file}`);
}

// ---- values ----

function toBoolean(name: string, raw: Raw | undefined): boolean {
  if (!raw) return false;
  if (typeof raw.value === 'boolean') return raw.value;
  const text = typeof raw.value === 'string' ? raw.value.trim().toLowerCase() : '';
  if (text === 'true' || text === 'yes') return true;
  if (text === 'false' || text === 'no') return false;
  throw new ConfigError(`${label(name, raw)} must be true or false (yes or no), not ${shown(raw.value)}.`);
}

function toWholeNumber(name: string, raw: Raw | undefined, fallback: number, min: number, max: number | undefined, unit = ''): number {
  if (!raw) return fallback;
  const value = typeof raw.value === 'string' && /^\s*\d+\s*$/.test(raw.value) ? Number(raw.value) : raw.value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && (max === undefined || value <= max)) return value;
  const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
  throw new ConfigError(`${label(name, raw)} must be a whole number${unit} ${range}, not ${shown(raw.value)}.`);
}

function toText(name: string, raw: Raw | undefined, fallback: string): string {
  if (!raw) return fallback;
  if (typeof raw.value !== 'string') throw new ConfigError(`${label(name, raw)} must be text, not ${shown(raw.value)}.`);
  return raw.value.trim();
}

function toSeverities(raw: Raw | undefined): string[] {
  if (!raw) return [];
  const items = Array.isArray(raw.value) ? raw.value : typeof raw.value === 'string' ? raw.value.split(',') : [raw.value];
  const severities: string[] = [];
  for (const item of items) {
    const text = typeof item === 'string' ? item.trim() : '';
    if (typeof item === 'string' && text === '') continue;
    const severity = SEVERITIES.find((s) => s.toLowerCase() === text.toLowerCase());
    if (!severity) throw new ConfigError(`${label('alert_severity', raw)} accepts ${SEVERITIES.join(', ')} (a comma-separated list), not ${shown(item)}.`);
    if (!severities.includes(severity)) severities.push(severity);
  }
  return severities;
}

function toFirstFetch(raw: Raw | undefined): string {
  if (!raw) return DEFAULTS.first_fetch;
  const text = toText('first_fetch', raw, DEFAULTS.first_fetch);
  let start: Date;
  try {
    start = firstFetchStart(parseFirstFetch(text), new Date());
  } catch {
    throw new ConfigError(
      `${label('first_fetch', raw)} must be a time range such as "3 days", "12 hours" or "30 minutes", an ISO 8601 date such as 2024-05-01, or epoch seconds, not ${shown(text)}.`,
    );
  }
  if (start.getTime() > Date.now()) throw new ConfigError(`${label('first_fetch', raw)} must not be in the future, but ${shown(text)} is.`);
  return text;
}

// ---- URLs ----

const EXAMPLE_URL = 'https://console.us.code42.com';

/** Scheme (https when missing), host and port; a path pasted from the browser is dropped. */
function toOrigin(name: string, raw: Raw): string {
  if (typeof raw.value !== 'string') throw new ConfigError(`${label(name, raw)} must be a URL such as ${EXAMPLE_URL}.`);
  const text = raw.value.trim();
  let url: URL | undefined;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    url = undefined;
  }
  // A URL with user:password@ is not echoed: it may carry a secret.
  const what = text.includes('@') ? 'the given value' : shown(text);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
    throw new ConfigError(`${label(name, raw)} must be an http(s) URL such as ${EXAMPLE_URL}, not ${what}.`);
  }
  if (url.username || url.password) throw new ConfigError(`${label(name, raw)} must not contain a user name or password; put the API client in the credentials.`);
  return url.origin;
}

/** `console.X` <-> `api.X` with the same scheme and port; any other host serves both. */
function swapFirstLabel(origin: string, from: string, to: string): string {
  const url = new URL(origin);
  const [first, ...rest] = url.hostname.split('.');
  if (first !== from || rest.length === 0) return origin;
  url.hostname = [to, ...rest].join('.');
  return url.origin;
}

function toUrls(params: RawParams): { console_url: string; api_url: string } {
  const consoleUrl = params.console_url && toOrigin('console_url', params.console_url);
  const apiUrl = params.api_url && toOrigin('api_url', params.api_url);
  if (consoleUrl && apiUrl) return { console_url: consoleUrl, api_url: apiUrl };
  if (consoleUrl) return { console_url: consoleUrl, api_url: swapFirstLabel(consoleUrl, 'console', 'api') };
  const api = apiUrl ?? DEFAULT_API_URL;
  return { console_url: swapFirstLabel(api, 'api', 'console'), api_url: api };
}

// ---- credentials ----

function toCredentials(params: RawParams): { credentials: Credentials; demo: boolean } {
  const { identifier, password } = params;
  if (!identifier && !password) return { credentials: { identifier: '', password: '' }, demo: true };
  if (!identifier || !password) {
    const [given, missing] = identifier ? [identifier.source, ENV_NAMES.password] : [password!.source, ENV_NAMES.identifier];
    const missingFile = identifier ? 'credentials.password' : 'credentials.identifier';
    throw new ConfigError(
      `${given} is set but ${missing} (${missingFile}) is not: set both the API client id and secret, or neither to use the embedded demo simulator.`,
    );
  }
  if (typeof identifier.value !== 'string') throw new ConfigError(`${identifier.source} (the API client id) must be text.`);
  // Never echo the secret, not even a wrong one.
  if (typeof password.value !== 'string') throw new ConfigError(`${password.source} (the API client secret) must be text.`);
  return { credentials: protectCredentials({ identifier: identifier.value.trim(), password: password.value.trim() }), demo: false };
}

// ---- redaction ----

function redactedCredentials(credentials: Credentials): Credentials {
  return { identifier: credentials.identifier, password: credentials.password ? REDACTED : '' };
}

/** The configuration as it may be printed or logged: the client secret replaced by `[REDACTED]`. */
export function redactConfig(config: InstanceConfig): RedactedConfig {
  const { toJSON: _toJSON, credentials, ...rest } = config;
  return { ...rest, alert_severity: [...rest.alert_severity], credentials: redactedCredentials(credentials) };
}

// Non-enumerable, so spreading or comparing the object is unaffected while JSON.stringify, pino and
// console.log/util.inspect all see the redacted view.
function defineSafeView<T extends object>(target: T, view: () => unknown): T {
  Object.defineProperty(target, 'toJSON', { value: view, enumerable: false, configurable: true });
  Object.defineProperty(target, inspect.custom, { value: () => view(), enumerable: false, configurable: true });
  return target;
}

function protectCredentials(credentials: Credentials): Credentials {
  return defineSafeView(credentials, () => redactedCredentials(credentials));
}

/** Makes `config` print redacted (JSON.stringify, loggers, util.inspect); returns the same object. */
export function protectConfig(config: InstanceConfig): InstanceConfig {
  protectCredentials(config.credentials);
  return defineSafeView(config, () => redactConfig(config));
}

/** The same configuration pointed at other hosts (the demo simulator), still printing redacted. */
export function withEndpoints(config: InstanceConfig, urls: { console_url: string; api_url: string }): InstanceConfig {
  const { toJSON: _toJSON, ...rest } = config;
  return protectConfig({ ...rest, ...urls, credentials: { ...config.credentials }, alert_severity: [...config.alert_severity] });
}

// ---- loading ----

/** Reads and validates the instance parameters: file, then CODE42_* env vars, then overrides. */
export function loadConfig(options: LoadConfigOptions = {}): InstanceConfig {
  const params: RawParams = {
    ...(options.file ? readConfigFile(options.file) : {}),
    ...fromEnv(options.env ?? process.env),
    ...(options.overrides ? fromInput(options.overrides as Record<string, unknown>, 'the overrides') : {}),
  };
  const { credentials, demo } = toCredentials(params);
  return protectConfig({
    ...toUrls(params),
    credentials,
    insecure: toBoolean('insecure', params.insecure),
    proxy: toBoolean('proxy', params.proxy),
    alert_severity: toSeverities(params.alert_severity),
    first_fetch: toFirstFetch(params.first_fetch),
    max_fetch: toWholeNumber('max_fetch', params.max_fetch, DEFAULTS.max_fetch, 1, 200),
    include_files: toBoolean('include_files', params.include_files),
    incidentType: toText('incidentType', params.incidentType, DEFAULTS.incidentType) || DEFAULTS.incidentType,
    fetch_lookback: toWholeNumber('fetch_lookback', params.fetch_lookback, DEFAULTS.fetch_lookback, 0, 1440, ' of minutes'),
    incidentFetchInterval: toWholeNumber('incidentFetchInterval', params.incidentFetchInterval, DEFAULTS.incidentFetchInterval, 1, undefined, ' of minutes'),
    demo,
  });
}
