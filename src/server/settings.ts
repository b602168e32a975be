// Where and how the service listens and keeps its state, from the environment (SERVICE_ENVIRONMENT lists
// every variable, for serve --help). Anything unusable is refused with one sentence before anything starts.
import { DATA_DIR_ENV, DEFAULT_DATA_DIR, dataDirectory } from '../data-dir';
import { REQUEST_BUDGET_ENV, requestBudgetLimit, type BudgetLimit } from '../store/budget';
import { DATABASE_URL_ENV, DatabaseError, databaseSettings, type DatabaseSettings } from '../store/database-settings';
import { tenantEnvironment } from '../parameters';
import { API_KEY_ENV, apiKeyProblem, generateApiKey, isLoopbackHost } from './auth';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8042;

export interface ServiceSettings {
  host: string;
  port: number;
  apiKey: string;
  /** True when the key was made up for this run (none configured); it is then printed at start. */
  apiKeyGenerated: boolean;
  /** Where the fetch checkpoint, the incidents and downloaded files live. */
  dataDir: string;
  /** DATABASE_URL (or PGHOST / PGDATABASE): state in PostgreSQL, shared by replicas, instead of dataDir. */
  database?: DatabaseSettings;
  /** With a database: the Code42 request budget the replicas share (CODE42_SOAR_REQUEST_BUDGET). */
  requestBudget?: BudgetLimit;
  /** CODE42_SOAR_WEBHOOK_URL: scheduled fetching POSTs each new incident there (Idempotency-Key = session id). */
  webhookUrl?: string;
}

export const WEBHOOK_URL_ENV = 'CODE42_SOAR_WEBHOOK_URL';

/** CODE42_SOAR_WEBHOOK_URL, checked; also read by `code42-soar fetch` with a database (the replicas' outbox destination). */
export function webhookUrl(env: NodeJS.ProcessEnv): string | undefined {
  const text = env[WEBHOOK_URL_ENV]?.trim();
  if (!text) return undefined;
  let protocol: string | undefined;
  try {
    protocol = new URL(text).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new SettingsError(`${WEBHOOK_URL_ENV} must be an http:// or https:// URL.`);
  return text;
}

function storeSettings(env: NodeJS.ProcessEnv): Pick<ServiceSettings, 'database' | 'requestBudget'> {
  try {
    const database = databaseSettings(env);
    return database ? { database, requestBudget: requestBudgetLimit(env) } : {};
  } catch (error) {
    if (error instanceof DatabaseError) throw new SettingsError(error.message);
    throw error;
  }
}

/** A setting that cannot be used: the service does not start (exit code 2). */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

function port(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_PORT;
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(value >= 0 && value <= 65535)) throw new SettingsError(`PORT must be a port number from 0 to 65535, not "${text}".`);
  return value;
}

export function serviceSettings(env: NodeJS.ProcessEnv): ServiceSettings {
  const host = env.HOST?.trim() || DEFAULT_HOST;
  const configuredKey = env[API_KEY_ENV];
  if (configuredKey !== undefined && configuredKey !== '') {
    const problem = apiKeyProblem(configuredKey);
    if (problem) throw new SettingsError(problem);
  } else if (!isLoopbackHost(host)) {
    throw new SettingsError(
      `Refusing to listen on ${host} without an API key: set ${API_KEY_ENV} (at least 16 characters) or listen on 127.0.0.1 only (HOST=127.0.0.1).`,
    );
  }
  const apiKeyGenerated = configuredKey === undefined || configuredKey === '';
  return {
    host,
    port: port(env.PORT),
    apiKey: apiKeyGenerated ? generateApiKey() : configuredKey,
    apiKeyGenerated,
    dataDir: dataDirectory(env),
    ...storeSettings(env),
    webhookUrl: webhookUrl(env),
  };
}

export const DEMO_OPT_IN_ENV = 'CODE42_DEMO';

/**
 * Why demo mode may not listen on `host`, or undefined. Beyond loopback the demo needs CODE42_DEMO=1: a
 * deployment that lost its Code42 settings must not serve simulator data to its network by accident.
 */
export function demoExposureProblem(host: string, demo: boolean, env: NodeJS.ProcessEnv): string | undefined {
  if (!demo || isLoopbackHost(host) || env[DEMO_OPT_IN_ENV]?.trim() === '1') return undefined;
  return (
    `Refusing to serve demo data on ${host}: no Code42 URL or API client is configured, so the embedded simulator would answer. ` +
    `Configure the Code42 instance (${tenantEnvironment().join(', ')}), listen on 127.0.0.1, ` +
    `or set ${DEMO_OPT_IN_ENV}=1 to serve the demo beyond this machine on purpose.`
  );
}

/**
 * Every environment variable the service reads, with what it does: serve --help prints this table, so a new
 * setting is one row here beside its reader above.
 */
export const SERVICE_ENVIRONMENT: readonly { name: string; help: string }[] = [
  { name: 'HOST', help: `the address to listen on (default ${DEFAULT_HOST})` },
  { name: 'PORT', help: `the port to listen on (default ${DEFAULT_PORT})` },
  { name: API_KEY_ENV, help: 'the bearer key clients send, at least 16 characters (required beyond loopback; else one is generated per run)' },
  { name: DATA_DIR_ENV, help: `the fetch checkpoint, the incidents and the demo tenant (default ${DEFAULT_DATA_DIR})` },
  { name: DEMO_OPT_IN_ENV, help: '1 to serve demo mode beyond loopback' },
  {
    name: `${DATABASE_URL_ENV} (or PGHOST, PGDATABASE)`,
    help: 'postgres://user:password@host:5432/database: the state in PostgreSQL, shared by replicas (PGPORT, PGUSER, PGPASSWORD apply with PGHOST)',
  },
  { name: REQUEST_BUDGET_ENV, help: '<requests>/<seconds>: with a database, the Code42 request budget the replicas share (default 120/60)' },
  { name: WEBHOOK_URL_ENV, help: 'an http(s) URL scheduled fetching POSTs each new incident to, with its session id as Idempotency-Key' },
  { name: 'LOG_LEVEL', help: 'how much is logged (default info)' },
  { name: 'LOG_FORMAT', help: 'json (the default) or text' },
];
