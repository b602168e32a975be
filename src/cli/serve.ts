// `code42-soar serve` (`npm start`): the HTTP service with scheduled fetching. Without Code42 credentials
// it runs in demo mode against the embedded simulator. Stops cleanly on SIGTERM / SIGINT.
import type { Logger } from 'pino';
import type { CliIO } from '../cli';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../log';
import { API_KEY_ENV } from '../server/auth';
import type { RunningService } from '../server/service';
import { demoExposureProblem, SERVICE_ENVIRONMENT, serviceSettings, SettingsError, type ServiceSettings } from '../server/settings';
import { logFormat } from './_shared/logging';
import { CONFIG_HELP } from './_shared/parameters';

const USAGE = [
  'Usage: code42-soar serve [--config FILE] [--fetch-interval-seconds N] [--no-fetch]',
  '',
  '  --config FILE                 instance parameters from a JSON or YAML file (CODE42_* env vars win over it)',
  '  --fetch-interval-seconds N    fetch every N seconds instead of every incidentFetchInterval minutes',
  '  --no-fetch                    serve commands only, without scheduled fetching',
  '',
  'Environment:',
  ...SERVICE_ENVIRONMENT.map(({ name, help }) => `  ${name}\n      ${help}`),
  '',
  CONFIG_HELP,
  '',
].join('\n');

class UsageError extends Error {}

interface ServeRequest {
  help: boolean;
  configFile?: string;
  fetch: boolean;
  fetchIntervalMs?: number;
}

function valueOf(argv: string[], i: number, flag: string, example: string): string {
  const token = argv[i];
  // The next option is not a value: `--config --no-fetch` would otherwise read a file named "--no-fetch".
  const value = token.includes('=') ? token.slice(token.indexOf('=') + 1) : argv[i + 1]?.startsWith('--') ? undefined : argv[i + 1];
  if (value === undefined || value === '') throw new UsageError(`${flag} needs a value, e.g. ${flag} ${example}.`);
  return value;
}

function parseArgv(argv: string[]): ServeRequest {
  const request: ServeRequest = { help: false, fetch: true };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    const flag = token.split('=')[0];
    if (token === '--help' || token === '-h') request.help = true;
    else if (token === '--no-fetch') request.fetch = false;
    else if (flag === '--config') {
      request.configFile = valueOf(argv, i, flag, 'code42.yaml');
      if (!token.includes('=')) i++;
    } else if (flag === '--fetch-interval-seconds') {
      const text = valueOf(argv, i, flag, '30');
      if (!token.includes('=')) i++;
      const seconds = Number(text);
      if (!(Number.isFinite(seconds) && seconds > 0)) throw new UsageError(`--fetch-interval-seconds must be a positive number of seconds, not "${text}".`);
      request.fetchIntervalMs = seconds * 1000;
    } else throw new UsageError(`Unknown option "${token}": serve accepts --config FILE, --fetch-interval-seconds N, --no-fetch and --help.`);
  }
  return request;
}

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

function every(ms: number): string {
  return ms % 60_000 === 0 ? plural(ms / 60_000, 'minute') : plural(ms / 1000, 'second');
}

/** What a new user needs to use the service right away: where, which key, and one command to paste. */
function banner(service: RunningService, settings: ServiceSettings): string {
  const { url, runtime, fetching } = service;
  const key = settings.apiKeyGenerated ? settings.apiKey : `$${API_KEY_ENV}`;
  const [command, body] = runtime.registry.has('code42-alert-search') ? ['code42-alert-search', '{"state": "OPEN", "results": "5"}'] : ['test-module', '{}'];
  const lines = [
    `code42-soar is serving on ${url}`,
    runtime.simulator
      ? `Demo mode: no Code42 credentials are configured, so commands run against the embedded Code42 simulator at ${runtime.simulator.url}.`
      : `Code42: ${runtime.config.api_url}`,
    settings.apiKeyGenerated
      ? `API key (generated for this run; set ${API_KEY_ENV} to choose your own): ${settings.apiKey}`
      : `API key: the value of ${API_KEY_ENV}.`,
    `API docs: ${url}/docs (OpenAPI document: ${url}/openapi.json)`,
    fetching
      ? `Scheduled fetching: every ${every(fetching.intervalMs)} into ${fetching.into}; see ${url}/v1/incidents`
      : 'Scheduled fetching: off.',
    '',
    'Try:',
    `  curl -s -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" -d '${body}' ${url}/v1/commands/${command}`,
    '',
  ];
  return lines.join('\n');
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let request: ServeRequest;
  let settings: ServiceSettings;
  try {
    request = parseArgv(argv);
    if (request.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    settings = serviceSettings(io.env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SettingsError) {
      io.stderr.write(`code42-soar serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  let logger: Logger;
  let service: RunningService;
  try {
    // Service logs are read by machines: JSON lines unless LOG_FORMAT says text.
    logger = createLogger({ destination: io.stderr, level: io.env.LOG_LEVEL, format: logFormat(io.env, 'json') });
    const config = loadConfig({ env: io.env, file: request.configFile });
    const exposure = demoExposureProblem(settings.host, config.demo, io.env);
    if (exposure) throw new SettingsError(exposure);
    // Loaded once the options are good: a usage error or --help never pays for fastify.
    const { startService } = await import('../server/service');
    service = await startService({ config, settings, logger, fetch: { enabled: request.fetch, intervalMs: request.fetchIntervalMs } });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SettingsError) {
      io.stderr.write(`code42-soar serve: ${error.message}\n`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      const why = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied' : 'no such address on this machine';
      io.stderr.write(`code42-soar serve: cannot listen on ${settings.host}:${settings.port}: ${why}; set HOST or PORT.\n`);
      return 1;
    }
    io.stderr.write(`code42-soar serve: the service could not start: ${(error as Error).message.split('\n')[0]}\n`);
    return 1;
  }

  io.stdout.write(banner(service, settings));
  const signal = await nextSignal();
  logger.info({ signal }, `${signal} received: finishing in-flight requests and the fetch run in progress, then stopping (send it again to stop at once).`);
  try {
    await service.close();
  } catch (error) {
    logger.error({ err: error }, 'the service did not stop cleanly');
    return 1;
  }
  logger.info('stopped');
  return 0;
}
