// Instance configuration: the service's instance parameters (src/parameters.ts, the one table of them) under
// their XSOAR names, read from a config file, then CODE42_* environment variables, then explicit overrides
// (each layer wins over the previous one). Every problem is one ConfigError sentence; the client secret never
// appears in a message or a printout.
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import {
  acceptedNames,
  DEFAULT_API_URL,
  parameter,
  parametersOf,
  ParameterError,
  readUrl,
  readValue,
  type ParameterSpec,
  type RawValue,
  type ServiceParameterValues,
} from './parameters';
import { isBlank, isObject } from './values';

export interface Credentials {
  /** API client id (`key-...`). */
  identifier: string;
  /** API client secret: never logged, never printed. */
  password: string;
}

/**
 * The service's instance: every service parameter of the table under its name, typed by its kind (console_url
 * and api_url always set, each derived from the other), the paired credentials, and whether demo mode runs.
 */
export interface InstanceConfig extends ServiceParameterValues {
  credentials: Credentials;
  /** True when no Code42 URL and no credentials are configured: the embedded simulator serves the API. */
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

/** Values as a config file or a caller gives them: XSOAR names (or the official aliases), strings or typed values. */
export type ConfigInput = { [name: string]: unknown; credentials?: Partial<Credentials> };

export interface LoadConfigOptions {
  /** Environment variables (CODE42_*); default `process.env`. Tests pass their own. */
  env?: NodeJS.ProcessEnv;
  /** A JSON or YAML file holding the XSOAR parameter names. */
  file?: string;
  overrides?: ConfigInput;
}

const REDACTED = '[REDACTED]';
const SERVICE = acceptedNames('service');
const CREDENTIALS = parameter('service', 'credentials');
const CREDENTIAL_ENV = CREDENTIALS.env as { identifier: string; password: string };

/** The raw values by parameter name (credentials as `credentials.identifier` / `credentials.password`). */
type RawParams = Record<string, RawValue>;

// ---- layers ----

function fromEnv(env: NodeJS.ProcessEnv): RawParams {
  const params: RawParams = {};
  for (const spec of parametersOf('service')) {
    if (spec.type.kind === 'credentials') {
      for (const field of ['identifier', 'password'] as const) {
        const variable = CREDENTIAL_ENV[field];
        if (!isBlank(env[variable])) params[`credentials.${field}`] = { value: env[variable], source: variable };
      }
    } else if (typeof spec.env === 'string' && !isBlank(env[spec.env])) {
      params[spec.name] = { value: env[spec.env], source: spec.env };
    }
  }
  return params;
}

function fromInput(input: Record<string, unknown>, where: string): RawParams {
  const params: RawParams = {};
  const set = (name: string, key: string, value: unknown): void => {
    if (isBlank(value)) return;
    if (params[name]) throw new ConfigError(`${where} sets both ${params[name].source} and ${key}; keep only one of them.`);
    params[name] = { value, source: key };
  };
  for (const [key, value] of Object.entries(input)) {
    const spec = SERVICE.get(key);
    if (!spec) throw new ConfigError(`Unknown parameter "${key}" in ${where}: accepted parameters are ${[...SERVICE.keys()].join(', ')}.`);
    if (spec.type.kind !== 'credentials') {
      set(spec.name, key, value);
      continue;
    }
    if (isBlank(value)) continue;
    if (!isObject(value)) throw new ConfigError(`credentials in ${where} must be a mapping with identifier (API client id) and password (API client secret).`);
    for (const [field, fieldValue] of Object.entries(value)) {
      if (field !== 'identifier' && field !== 'password') {
        throw new ConfigError(`Unknown field "${field}" under credentials in ${where}: accepted fields are identifier and password.`);
      }
      set(`credentials.${field}`, `credentials.${field}`, fieldValue);
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
    // Loaded only when a file is given: the YAML parser is a tenth of a one-shot command's start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('yaml') as typeof import('yaml');
    parsed = parse(text);
  } catch (error) {
    const where = (error as Error).message.split('\n')[0].replace(/:$/, '');
    throw new ConfigError(`Config file ${file} is not valid JSON or YAML: ${where}.`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isObject(parsed)) throw new ConfigError(`Config file ${file} must hold a mapping of XSOAR parameter names to values.`);
  return fromInput(parsed, `config file ${file}`);
}

// ---- values ----

/** A reader of src/parameters.ts (the one validator) on a service parameter, its sentence as a ConfigError. */
function read<T>(reader: (spec: ParameterSpec, raw: RawValue | undefined) => T, name: string, params: RawParams): T {
  try {
    return reader(parameter('service', name), params[name]);
  } catch (error) {
    if (error instanceof ParameterError) throw new ConfigError(error.message);
    throw error;
  }
}

// ---- URLs ----

/** `console.X` <-> `api.X` with the same scheme and port; any other host serves both. */
function swapFirstLabel(origin: string, from: string, to: string): string {
  const url = new URL(origin);
  const [first, ...rest] = url.hostname.split('.');
  if (first !== from || rest.length === 0) return origin;
  url.hostname = [to, ...rest].join('.');
  return url.origin;
}

function toUrls(params: RawParams): { console_url: string; api_url: string } {
  const consoleUrl = read(readUrl, 'console_url', params);
  const apiUrl = read(readUrl, 'api_url', params);
  if (consoleUrl && apiUrl) return { console_url: consoleUrl, api_url: apiUrl };
  if (consoleUrl) return { console_url: consoleUrl, api_url: swapFirstLabel(consoleUrl, 'console', 'api') };
  const api = apiUrl ?? DEFAULT_API_URL;
  return { console_url: swapFirstLabel(api, 'api', 'console'), api_url: api };
}

// ---- credentials and demo mode ----

/**
 * Demo mode only when nothing points at a tenant: no credentials and no URL. A URL without credentials is a
 * deployment that lost its secret, and must fail loudly rather than serve demo data.
 */
function toCredentials(params: RawParams): { credentials: Credentials; demo: boolean } {
  const identifier = params['credentials.identifier'];
  const password = params['credentials.password'];
  if (!identifier && !password) {
    const url = params.console_url ?? params.api_url;
    if (url) {
      throw new ConfigError(
        `${url.source} is set but no Code42 API client is: set ${CREDENTIAL_ENV.identifier} and ${CREDENTIAL_ENV.password} (credentials.identifier and credentials.password), or unset the URL to use the embedded demo simulator.`,
      );
    }
    return { credentials: { identifier: '', password: '' }, demo: true };
  }
  if (!identifier || !password) {
    const [given, missing] = identifier ? [identifier.source, CREDENTIAL_ENV.password] : [password.source, CREDENTIAL_ENV.identifier];
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
function protectConfig(config: InstanceConfig): InstanceConfig {
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
    ...(options.overrides ? fromInput(options.overrides, 'the overrides') : {}),
  };
  const urls = toUrls(params);
  const { credentials, demo } = toCredentials(params);
  // Every other service parameter of the table through its kind's reader; the table types the result.
  const values: Record<string, unknown> = {};
  for (const spec of parametersOf('service')) {
    if (spec.type.kind !== 'credentials' && spec.type.kind !== 'url') values[spec.name] = read(readValue, spec.name, params);
  }
  return protectConfig({
    ...(values as Omit<ServiceParameterValues, 'console_url' | 'api_url'>),
    ...urls,
    credentials,
    demo,
  });
}
