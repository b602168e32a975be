// The instance parameters, declared once, as defineCommand declares a command: name, XSOAR type, aliases,
// default, validation, secret or not, help text. Config loading (file, CODE42_* env vars, overrides), the
// fetch route's body schema, integration.yml's `configuration`, the README tables and the CLI usage texts
// are all derived from this table, and the readers below (readBoolean, readInteger, ...) are the one validator,
// with one wording, behind all of them. Each parameter is found by one grep of its name.
import { FIRST_FETCH_RANGE, FirstFetchRangeError, firstFetchStart, parseFirstFetch } from './fetch/first-fetch';
import { isBlank, parseYesNo, shown } from './values';

/**
 * Where a parameter is read:
 * - `service`: the code42-soar service's own instance (a config file key and a CODE42_* environment variable);
 * - `xsoar`: a field of the XSOAR instance (integration.yml `configuration`, the README's XSOAR table);
 * - `fetch`: overridable per fetch-incidents call (`params` of POST /v1/fetch-incidents; the XSOAR bridge
 *   forwards these from its instance).
 */
export type Surface = 'service' | 'xsoar' | 'fetch';

export type ParameterKind =
  | { kind: 'text' }
  | { kind: 'url' }
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max?: number; unit?: string }
  | { kind: 'choices'; choices: readonly string[] }
  | { kind: 'time-range' }
  | { kind: 'credentials' };

export interface ParameterSpec {
  /** The XSOAR name (integration.yml) and the config file key. */
  name: string;
  /** Other names accepted for it: those of the official XSOAR Code42 integration. The name wins over an alias. */
  aliases?: readonly string[];
  /** The environment variable(s) of the service surface; credentials take two (id, secret). */
  env?: string | { identifier: string; password: string };
  type: ParameterKind;
  /** XSOAR's parameter type number (xsoar-conventions §1.3). */
  xsoarType: 0 | 8 | 9 | 13 | 16 | 19;
  /** XSOAR's label for it. */
  display: string;
  /** For credentials: the label of the secret field. */
  displaypassword?: string;
  /** For credentials: an API key only, no user field. */
  hiddenusername?: boolean;
  /** What it does: the README row, the OpenAPI description, integration.yml's additionalinfo. */
  help: string;
  default?: string | number | boolean;
  /** Never logged, printed or quoted in a message. */
  secret?: boolean;
  /** Required in the XSOAR instance. */
  required?: boolean;
  section: 'Connect' | 'Collect';
  advanced?: boolean;
  surfaces: readonly Surface[];
}

export const SEVERITIES = ['Critical', 'High', 'Moderate', 'Low'] as const;

export const DEFAULT_API_URL = 'https://api.us.code42.com';

/** In table order; integration.yml lists the XSOAR ones in this order. */
export const PARAMETERS = [
  {
    name: 'service_url',
    type: { kind: 'url' },
    xsoarType: 0,
    display: 'Service URL (code42-soar)',
    help: 'Base URL of the code42-soar service (code42-soar serve) that holds the Code42 API client.',
    required: true,
    section: 'Connect',
    surfaces: ['xsoar'],
  },
  {
    // XSOAR's side of the service API key: the same value as the service's CODE42_SOAR_API_KEY setting.
    name: 'credentials',
    type: { kind: 'credentials' },
    xsoarType: 9,
    display: 'Service API key',
    displaypassword: 'Service API key',
    hiddenusername: true,
    help: 'The bearer API key of the code42-soar service (CODE42_SOAR_API_KEY).',
    secret: true,
    required: true,
    section: 'Connect',
    surfaces: ['xsoar'],
  },
  {
    name: 'console_url',
    env: 'CODE42_CONSOLE_URL',
    type: { kind: 'url' },
    xsoarType: 0,
    display: 'Code42 console URL',
    help: 'The Code42 console, e.g. https://console.us.code42.com; derives api_url (console.X becomes api.X).',
    section: 'Connect',
    surfaces: ['service'],
  },
  {
    name: 'api_url',
    env: 'CODE42_API_URL',
    type: { kind: 'url' },
    xsoarType: 0,
    display: 'Code42 API URL',
    help: `The Code42 API gateway (default ${DEFAULT_API_URL} when neither URL is set); derives console_url.`,
    section: 'Connect',
    surfaces: ['service'],
  },
  {
    // The service's Code42 API client. Neither half and no URL set: demo mode against the embedded simulator.
    name: 'credentials',
    env: { identifier: 'CODE42_CLIENT_ID', password: 'CODE42_CLIENT_SECRET' },
    type: { kind: 'credentials' },
    xsoarType: 9,
    display: 'API Client ID',
    displaypassword: 'API Client Secret',
    help: 'The Code42 API client (identifier = client id key-..., password = secret). None and no URL: demo mode.',
    secret: true,
    section: 'Connect',
    surfaces: ['service'],
  },
  {
    name: 'insecure',
    env: 'CODE42_INSECURE',
    type: { kind: 'boolean' },
    xsoarType: 8,
    display: 'Trust any certificate (not secure)',
    help: 'Skip TLS certificate checks (XSOAR: toward the service; the service: toward Code42).',
    default: false,
    section: 'Connect',
    advanced: true,
    surfaces: ['service', 'xsoar'],
  },
  {
    name: 'proxy',
    env: 'CODE42_PROXY',
    type: { kind: 'boolean' },
    xsoarType: 8,
    display: 'Use system proxy settings',
    help: 'Use the HTTP(S)_PROXY and NO_PROXY environment variables.',
    default: false,
    section: 'Connect',
    advanced: true,
    surfaces: ['service', 'xsoar'],
  },
  {
    name: 'isFetch',
    type: { kind: 'boolean' },
    xsoarType: 8,
    display: 'Fetch incidents',
    help: 'XSOAR calls fetch-incidents on the service every incidentFetchInterval.',
    section: 'Collect',
    surfaces: ['xsoar'],
  },
  {
    name: 'incidentType',
    env: 'CODE42_INCIDENT_TYPE',
    type: { kind: 'text' },
    xsoarType: 13,
    display: 'Incident type',
    help: 'The XSOAR incident type of the fetched incidents.',
    default: 'Code42 Security Alert',
    section: 'Collect',
    surfaces: ['service', 'xsoar', 'fetch'],
  },
  {
    name: 'alert_severity',
    env: 'CODE42_ALERT_SEVERITY',
    type: { kind: 'choices', choices: SEVERITIES },
    xsoarType: 16,
    display: 'Alert severities to fetch when fetching incidents',
    help: `${SEVERITIES.join(', ')} (a comma-separated list); none selected fetches every severity.`,
    section: 'Collect',
    surfaces: ['service', 'xsoar', 'fetch'],
  },
  {
    name: 'first_fetch',
    aliases: ['fetch_time'],
    env: 'CODE42_FIRST_FETCH',
    type: { kind: 'time-range' },
    xsoarType: 0,
    display: 'First fetch time range (<number> <time unit>, e.g., 1 hour, 30 minutes)',
    help: 'How far back the first fetch looks: "3 days", "12 hours", an ISO 8601 date or epoch seconds.',
    default: '24 hours',
    section: 'Collect',
    surfaces: ['service', 'xsoar', 'fetch'],
  },
  {
    name: 'max_fetch',
    aliases: ['fetch_limit'],
    env: 'CODE42_MAX_FETCH',
    type: { kind: 'integer', min: 1, max: 200 },
    xsoarType: 0,
    display: 'Alerts to fetch per run',
    help: 'Most incidents one fetch returns.',
    default: 10,
    section: 'Collect',
    surfaces: ['service', 'xsoar', 'fetch'],
  },
  {
    name: 'include_files',
    env: 'CODE42_INCLUDE_FILES',
    type: { kind: 'boolean' },
    xsoarType: 8,
    display: 'Include the list of files in returned incidents',
    help: 'Attach the file events of each alert to its incident.',
    default: false,
    section: 'Collect',
    surfaces: ['service', 'xsoar', 'fetch'],
  },
  {
    // The official integration's "Use v2 file events" checkbox. Code42 retired v1 file events, so v2 is
    // the only model there is: the value is accepted (true or false) so existing instances keep working,
    // and changes nothing. The sources at hand give its label, not its key: `v2_events` is our decision.
    name: 'v2_events',
    env: 'CODE42_V2_EVENTS',
    type: { kind: 'boolean' },
    xsoarType: 8,
    display: 'Use v2 file events',
    help: 'Always on: Code42 serves only v2 file events now; accepted for compatibility and ignored.',
    default: true,
    section: 'Collect',
    advanced: true,
    surfaces: ['service', 'xsoar', 'fetch'],
  },
  {
    name: 'fetch_lookback',
    env: 'CODE42_FETCH_LOOKBACK',
    // A day of overlap is already far more than any indexing delay; more only bloats lastRun.
    type: { kind: 'integer', min: 0, max: 1440, unit: ' of minutes' },
    xsoarType: 0,
    display: 'Look-back minutes for late-indexed alerts',
    help: 'Minutes of overlap with the previous fetch, for alerts Code42 indexes late.',
    default: 5,
    section: 'Collect',
    advanced: true,
    surfaces: ['service', 'xsoar', 'fetch'],
  },
  {
    name: 'incidentFetchInterval',
    env: 'CODE42_FETCH_INTERVAL',
    type: { kind: 'integer', min: 1, unit: ' of minutes' },
    xsoarType: 19,
    display: 'Incidents Fetch Interval',
    help: 'Minutes between scheduled fetches.',
    default: 1,
    section: 'Collect',
    surfaces: ['service', 'xsoar'],
  },
  {
    // Service-only: the commands run in the service, which is where the list's title must be known.
    name: 'high_risk_watchlist_title',
    env: 'CODE42_HIGH_RISK_WATCHLIST_TITLE',
    type: { kind: 'text' },
    xsoarType: 0,
    display: 'High-risk employee watchlist title',
    help: 'Title of the CUSTOM watchlist that is the high-risk employee list (created on first use).',
    default: 'High Risk Employees',
    section: 'Collect',
    surfaces: ['service'],
  },
] as const satisfies readonly ParameterSpec[];

type TableEntry = (typeof PARAMETERS)[number];
type OnSurface<P, S extends Surface> = P extends { surfaces: readonly (infer X)[] } ? (S extends X ? P : never) : never;
type ValueOfKind<K> = K extends { kind: 'boolean' } ? boolean : K extends { kind: 'integer' } ? number : K extends { kind: 'choices' } ? string[] : string;

/** The typed values of the service's parameters (credentials aside, which config loading pairs), by name. */
export type ServiceParameterValues = {
  [P in OnSurface<TableEntry, 'service'> as P['type'] extends { kind: 'credentials' } ? never : P['name']]: ValueOfKind<P['type']>;
};

/** The parameters read on one surface, in table order. */
export function parametersOf(surface: Surface): readonly ParameterSpec[] {
  return (PARAMETERS as readonly ParameterSpec[]).filter((p) => p.surfaces.includes(surface));
}

/** A parameter of one surface by its name. */
export function parameter(surface: Surface, name: string): ParameterSpec {
  const spec = parametersOf(surface).find((p) => p.name === name);
  if (!spec) throw new Error(`No ${surface} parameter ${name} in the parameter table.`);
  return spec;
}

/** Every name a surface accepts, aliases included, each mapped to its parameter. */
export function acceptedNames(surface: Surface): Map<string, ParameterSpec> {
  const names = new Map<string, ParameterSpec>();
  for (const spec of parametersOf(surface)) for (const name of [spec.name, ...(spec.aliases ?? [])]) names.set(name, spec);
  return names;
}

/** A parameter value that cannot be used, in one sentence naming the parameter as the user set it. */
export class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParameterError';
  }
}

/** A raw value and where it came from (the env var, the alias or file key), for the message to point at. */
export interface RawValue {
  value: unknown;
  source: string;
}

const label = (spec: ParameterSpec, raw: RawValue): string => (raw.source === spec.name ? spec.name : `${spec.name} (${raw.source})`);

const EXAMPLE_URL = 'https://console.us.code42.com';

/** Scheme (https when missing), host and port; a path pasted from the browser is dropped. */
function readOrigin(spec: ParameterSpec, raw: RawValue): string {
  if (typeof raw.value !== 'string') throw new ParameterError(spec.name, `${label(spec, raw)} must be a URL such as ${EXAMPLE_URL}.`);
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
    throw new ParameterError(spec.name, `${label(spec, raw)} must be an http(s) URL such as ${EXAMPLE_URL}, not ${what}.`);
  }
  if (url.username || url.password) {
    throw new ParameterError(spec.name, `${label(spec, raw)} must not contain a user name or password; put the API client in the credentials.`);
  }
  return url.origin;
}

// ---- the one validator: a reader per kind, each a value or a ParameterError in this wording ----
// A blank value (unset, as XSOAR hands it over) is the table's default.

function kindOf<K extends ParameterKind['kind']>(spec: ParameterSpec, kind: K): Extract<ParameterKind, { kind: K }> {
  if (spec.type.kind !== kind) throw new Error(`${spec.name} is a ${spec.type.kind} parameter, not ${kind}.`);
  return spec.type as Extract<ParameterKind, { kind: K }>;
}

const given = (raw: RawValue | undefined): raw is RawValue => raw !== undefined && !isBlank(raw.value);

export function readBoolean(spec: ParameterSpec, raw: RawValue | undefined): boolean {
  kindOf(spec, 'boolean');
  if (!given(raw)) return spec.default === true;
  const value = parseYesNo(raw.value);
  if (value === undefined) throw new ParameterError(spec.name, `${label(spec, raw)} must be true or false (yes or no), not ${shown(raw.value)}.`);
  return value;
}

export function readInteger(spec: ParameterSpec, raw: RawValue | undefined): number {
  const type = kindOf(spec, 'integer');
  if (!given(raw)) {
    if (typeof spec.default !== 'number') throw new Error(`${spec.name} has no default.`);
    return spec.default;
  }
  const value = typeof raw.value === 'string' && /^\s*\d+\s*$/.test(raw.value) ? Number(raw.value) : raw.value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= type.min && (type.max === undefined || value <= type.max)) return value;
  const range = type.max === undefined ? `of at least ${type.min}` : `from ${type.min} to ${type.max}`;
  throw new ParameterError(spec.name, `${label(spec, raw)} must be a whole number${type.unit ?? ''} ${range}, not ${shown(raw.value)}.`);
}

export function readText(spec: ParameterSpec, raw: RawValue | undefined): string {
  kindOf(spec, 'text');
  if (!given(raw)) return typeof spec.default === 'string' ? spec.default : '';
  if (typeof raw.value !== 'string') throw new ParameterError(spec.name, `${label(spec, raw)} must be text, not ${shown(raw.value)}.`);
  return raw.value.trim();
}

/** The origin (scheme, host, port) of a URL parameter, or undefined when it is not set. */
export function readUrl(spec: ParameterSpec, raw: RawValue | undefined): string | undefined {
  kindOf(spec, 'url');
  return given(raw) ? readOrigin(spec, raw) : undefined;
}

/** The chosen values in their canonical spelling, without repeats; none set is []. */
export function readChoices(spec: ParameterSpec, raw: RawValue | undefined): string[] {
  const { choices } = kindOf(spec, 'choices');
  if (!given(raw)) return [];
  const items = Array.isArray(raw.value) ? raw.value : typeof raw.value === 'string' ? raw.value.split(',') : [raw.value];
  const chosen: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' && item.trim() === '') continue;
    const choice = typeof item === 'string' ? choices.find((c) => c.toLowerCase() === item.trim().toLowerCase()) : undefined;
    if (!choice) throw new ParameterError(spec.name, `${label(spec, raw)} accepts ${choices.join(', ')} (a comma-separated list), not ${shown(item)}.`);
    if (!chosen.includes(choice)) chosen.push(choice);
  }
  return chosen;
}

/** A first-fetch time range as text, checked to parse and not to lie in the future (at `now`). */
export function readTimeRange(spec: ParameterSpec, raw: RawValue | undefined, now: Date = new Date()): string {
  kindOf(spec, 'time-range');
  if (!given(raw)) {
    if (typeof spec.default !== 'string') throw new Error(`${spec.name} has no default.`);
    return spec.default;
  }
  const text = typeof raw.value === 'number' ? String(raw.value) : typeof raw.value === 'string' ? raw.value.trim() : undefined;
  let start: Date | undefined;
  try {
    start = text === undefined ? undefined : firstFetchStart(parseFirstFetch(text, spec.name), now);
  } catch (error) {
    // A well-formed value beyond the range a fetch may reach back is told the range, not the accepted forms.
    if (error instanceof FirstFetchRangeError) throw new ParameterError(spec.name, `${label(spec, raw)} is out of range: ${FIRST_FETCH_RANGE}, not ${shown(raw.value)}.`);
    start = undefined;
  }
  if (text === undefined || start === undefined) {
    throw new ParameterError(
      spec.name,
      `${label(spec, raw)} must be a time range such as "3 days", "12 hours" or "30 minutes", an ISO 8601 date such as 2024-05-01, or epoch seconds, not ${shown(raw.value)}.`,
    );
  }
  if (start.getTime() > now.getTime()) throw new ParameterError(spec.name, `${label(spec, raw)} must not be in the future, but ${shown(text)} is.`);
  return text;
}

/** Any parameter but credentials, through the reader of its kind: a new parameter needs only its table row. */
export function readValue(spec: ParameterSpec, raw: RawValue | undefined): string | number | boolean | string[] | undefined {
  switch (spec.type.kind) {
    case 'boolean':
      return readBoolean(spec, raw);
    case 'integer':
      return readInteger(spec, raw);
    case 'text':
      return readText(spec, raw);
    case 'url':
      return readUrl(spec, raw);
    case 'choices':
      return readChoices(spec, raw);
    case 'time-range':
      return readTimeRange(spec, raw);
    case 'credentials':
      throw new Error(`${spec.name} is read by config loading, which pairs the id and the secret.`);
  }
}

/**
 * The value of `spec` in `input` under its name, else under an alias (the name wins), with the key it was
 * found under; undefined when every accepted key is blank.
 */
export function rawValueOf(spec: ParameterSpec, input: Record<string, unknown>): RawValue | undefined {
  for (const key of [spec.name, ...(spec.aliases ?? [])]) {
    if (Object.hasOwn(input, key) && !isBlank(input[key])) return { value: input[key], source: key };
  }
  return undefined;
}

/**
 * What a parameter does, with its accepted range and its other accepted names where it has them: the help
 * every derived document shows.
 */
export function helpText(spec: ParameterSpec): string {
  const parts = [/[.!?]$/.test(spec.help) ? spec.help : `${spec.help}.`];
  if (spec.type.kind === 'integer') parts.push(`${spec.type.max === undefined ? `At least ${spec.type.min}` : `From ${spec.type.min} to ${spec.type.max}`}.`);
  if (spec.aliases?.length) parts.push(`Also accepted as ${spec.aliases.join(', ')} (the official Code42 integration's name).`);
  return parts.join(' ');
}

/** The default as XSOAR and the README write it (text), or undefined. */
export function defaultText(spec: ParameterSpec): string | undefined {
  return spec.default === undefined ? undefined : String(spec.default);
}

/** The environment variable(s) of a service parameter, for messages and the README. */
export function envNames(spec: ParameterSpec): string[] {
  if (spec.env === undefined) return [];
  return typeof spec.env === 'string' ? [spec.env] : [spec.env.identifier, spec.env.password];
}

/** The environment variables that point the service at a tenant (URLs, API client): none set is demo mode. */
export function tenantEnvironment(): string[] {
  return parametersOf('service')
    .filter((spec) => spec.type.kind === 'url' || spec.type.kind === 'credentials')
    .flatMap(envNames);
}

// ---- derived: the JSON Schema of the fetch route's per-call overrides ----

type JsonSchema = Record<string, unknown>;

// Strings first: XSOAR sends instance parameters as text, and the validator reads both forms. null is an
// unset parameter, as XSOAR hands it over.
function overrideSchema(spec: ParameterSpec): JsonSchema {
  // The default is said in words, not as a JSON Schema `default`: the service's ajv fills those in, and an
  // override filled with the table default would replace the instance's own value (and beat an alias).
  const fallback = defaultText(spec) === undefined ? '' : ` Unset: the instance's value (default ${defaultText(spec)}).`;
  const described = (schema: JsonSchema): JsonSchema => ({ description: `${helpText(spec)}${fallback}`, ...schema });
  const native: Record<ParameterKind['kind'], JsonSchema | undefined> = {
    boolean: { type: 'boolean' },
    integer: { type: 'integer' },
    choices: { type: 'array', items: { type: 'string' } },
    'time-range': { type: 'integer' },
    text: undefined,
    url: undefined,
    credentials: undefined,
  };
  const other = native[spec.type.kind];
  return described(other ? { anyOf: [{ type: 'string' }, other, { type: 'null' }] } : { type: ['string', 'null'] });
}

/** The body schema of fetch-incidents' `params`: every fetch parameter under its name and each alias. */
export function fetchOverridesSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const spec of parametersOf('fetch')) {
    properties[spec.name] = overrideSchema(spec);
    for (const alias of spec.aliases ?? []) properties[alias] = { ...overrideSchema(spec), description: `Alias of ${spec.name} (the official Code42 integration's name).` };
  }
  return {
    type: 'object',
    description: "Overrides of the instance's fetch parameters for this call, under their XSOAR names; unset (null or empty) keeps the instance's value.",
    properties,
    additionalProperties: false,
  };
}
