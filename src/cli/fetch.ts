// `code42-soar fetch [--state FILE] [--sink FILE|URL] [--config FILE]`: one scheduled-fetch run — new alerting
// sessions as incidents delivered to the sink, then the checkpoint saved (see src/fetch/store.ts for why in
// that order, and why it is safe beside a running `serve` sharing data/). Exit 0 when the run completed, 1 when it failed (the checkpoint is then unchanged), 2 for a usage
// or configuration error.
import type { Logger } from 'pino';
import type { CliIO } from '../cli';
import { ConfigError, type InstanceConfig, loadConfig } from '../config';
import { FetchParamsError } from '../fetch/errors';
import { isWebhookTarget, openSink } from '../fetch/open-sink';
import { parseFetchParams } from '../fetch/params';
import { Scheduler } from '../fetch/scheduler';
import { FileFetchStore } from '../fetch/store';
import { DEFAULT_SINK } from '../fetch/sink';
import { DEFAULT_STATE_FILE } from '../fetch/state-file';
import { dataDirectory } from '../data-dir';
import type { Runtime } from '../runtime';
import { cliLogger, LOG_ENVIRONMENT } from './_shared/logging';
import { FETCH_PARAMETERS_HELP } from './_shared/parameters';

const USAGE = [
  'Usage: code42-soar fetch [--state FILE] [--sink FILE|URL] [--config FILE]',
  '',
  `  --state FILE     the checkpoint (lastRun) between runs (default ${DEFAULT_STATE_FILE})`,
  `  --sink FILE|URL  a JSONL file to append incidents to (default ${DEFAULT_SINK}), or an http(s) webhook`,
  '                   that receives one POST per incident with the session id as Idempotency-Key',
  '  --config FILE    instance parameters from a JSON or YAML file (CODE42_* env vars win over it)',
  '',
  FETCH_PARAMETERS_HELP,
  LOG_ENVIRONMENT,
  '',
].join('\n');

class UsageError extends Error {}

interface FetchRequest {
  help: boolean;
  stateFile: string;
  sink: string;
  configFile?: string;
}

const OPTIONS = { '--state': 'stateFile', '--sink': 'sink', '--config': 'configFile' } as const;

function parseArgv(argv: string[]): FetchRequest {
  const request: FetchRequest = { help: false, stateFile: DEFAULT_STATE_FILE, sink: DEFAULT_SINK };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--help' || token === '-h') {
      request.help = true;
      continue;
    }
    const [flag, inline] = token.includes('=') ? [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)] : [token, undefined];
    if (!(flag in OPTIONS)) throw new UsageError(`Unknown option "${token}": fetch accepts --state FILE, --sink FILE|URL, --config FILE and --help.`);
    // The next option is not a value: `--state --sink x` would otherwise keep the checkpoint in "--sink".
    const value = inline ?? (argv[i + 1]?.startsWith('--') ? undefined : argv[++i]);
    if (!value) throw new UsageError(`${flag} needs a value, e.g. ${flag} ${flag === '--sink' ? DEFAULT_SINK : flag === '--state' ? DEFAULT_STATE_FILE : 'code42.yaml'}.`);
    request[OPTIONS[flag as keyof typeof OPTIONS]] = value;
  }
  if (!isUsableSink(request.sink)) throw new UsageError(`--sink takes a file path or an http(s) URL, not "${request.sink}".`);
  return request;
}

/** A file path, or a URL the webhook sink can POST to; any other scheme would silently become a file path. */
function isUsableSink(target: string): boolean {
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(target.trim())) return true;
  return isWebhookTarget(target) && URL.canParse(target.trim());
}

function usageFailure(io: CliIO, sentence: string): number {
  io.stderr.write(`code42-soar fetch: ${sentence}\n`);
  return 2;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let request: FetchRequest;
  let config: InstanceConfig;
  let logger: Logger;
  try {
    request = parseArgv(argv);
    if (request.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    config = loadConfig({ env: io.env, file: request.configFile });
    parseFetchParams(config);
    logger = cliLogger(io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof FetchParamsError) return usageFailure(io, error.message);
    throw error;
  }

  // Loaded here, not at the top: the runtime pulls in the Code42 client and the simulator.
  const { openRuntime } = await import('../runtime');
  let runtime: Runtime | undefined;
  let store: FileFetchStore | undefined;
  try {
    // The data directory of every subcommand: a demo run's tenant is the one `run` and `serve` see.
    runtime = await openRuntime({ config, logger, dataDir: dataDirectory(io.env) });
    store = new FileFetchStore({ stateFile: request.stateFile, sink: openSink(request.sink, logger), logger });
    const scheduler = new Scheduler({ client: runtime.context.code42, params: runtime.config, store, intervalMinutes: runtime.config.incidentFetchInterval });
    const report = await scheduler.runOnce();
    io.stdout.write(
      report.fetched === 0
        ? `No new alerts; checkpoint saved to ${request.stateFile}.\n`
        : `Fetched ${report.fetched} incidents: ${report.delivered} delivered to ${store.sink.description}` +
            (report.skipped > 0 ? `, ${report.skipped} already there` : '') +
            `; checkpoint saved to ${request.stateFile}.\n`,
    );
    return 0;
  } catch (error) {
    io.stderr.write(`code42-soar fetch: ${(error as Error).message.split('\n')[0]}\n`);
    return 1;
  } finally {
    await store?.close();
    await runtime?.close();
  }
}
