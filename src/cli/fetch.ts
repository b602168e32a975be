// `code42-soar fetch [--state FILE] [--sink FILE|URL] [--config FILE]`: one scheduled-fetch run — new alerting
// sessions as incidents delivered to the sink, then the checkpoint saved (see src/fetch/store.ts for why in
// that order, and why it is safe beside a running `serve` sharing data/). With DATABASE_URL (or PGHOST /
// PGDATABASE) the run is one more replica's run on PostgreSQL (src/store): the same lease, the same
// one-transaction commit into the same table, the same shared Code42 request budget, so a CLI fetch beside
// `serve` replicas never delivers a session twice. Exit 0 when the run completed, 1 when it failed (the
// checkpoint is then unchanged) or another fetcher holds the state, 2 for a usage or configuration error.
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
import { requestBudgetLimit, REQUEST_BUDGET_ENV, type BudgetLimit } from '../store/budget';
import { DATABASE_URL_ENV, DatabaseError, databaseSettings, type DatabaseSettings } from '../store/database-settings';
import type { PostgresState } from '../store/postgres-state';
import type { ReplicaFetchStore } from '../store/replica-store';
import { SettingsError, WEBHOOK_URL_ENV, webhookUrl } from '../server/settings';
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
  `With ${DATABASE_URL_ENV} (or PGHOST / PGDATABASE) set, the run shares the state of \`serve\` replicas in PostgreSQL:`,
  '  the checkpoint and the incidents table are there (so --state and --sink do not apply), the fetch lease keeps',
  `  it from running beside a replica's run, ${REQUEST_BUDGET_ENV} is the Code42 request budget they share, and`,
  `  ${WEBHOOK_URL_ENV} is the webhook each new incident is POSTed to through their outbox.`,
  '',
  FETCH_PARAMETERS_HELP,
  LOG_ENVIRONMENT,
  '',
].join('\n');

class UsageError extends Error {}

interface FetchRequest {
  help: boolean;
  /** As given; the defaults apply in file mode only (with a database, giving either is an error). */
  stateFile?: string;
  sink?: string;
  configFile?: string;
}

/** Where the run keeps its state: files (the default) or the replicas' PostgreSQL. */
type Target =
  | { kind: 'files'; stateFile: string; sink: string }
  | { kind: 'database'; database: DatabaseSettings; budget: BudgetLimit; webhookUrl?: string };

const OPTIONS = { '--state': 'stateFile', '--sink': 'sink', '--config': 'configFile' } as const;

function parseArgv(argv: string[]): FetchRequest {
  const request: FetchRequest = { help: false };
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
  if (request.sink !== undefined && !isUsableSink(request.sink)) throw new UsageError(`--sink takes a file path or an http(s) URL, not "${request.sink}".`);
  return request;
}

/**
 * Files, or the database the environment names. With a database, --state and --sink are refused rather than
 * ignored: the checkpoint must be the replicas' one, and a webhook must be the one their outbox retries for
 * (deliveries are keyed by destination), so it comes from CODE42_SOAR_WEBHOOK_URL as for `serve`.
 */
function targetOf(request: FetchRequest, env: NodeJS.ProcessEnv): Target {
  const database = databaseSettings(env);
  if (!database) return { kind: 'files', stateFile: request.stateFile ?? DEFAULT_STATE_FILE, sink: request.sink ?? DEFAULT_SINK };
  if (request.stateFile !== undefined) {
    throw new UsageError(`--state does not apply with ${DATABASE_URL_ENV} set: the checkpoint is the one the replicas share in PostgreSQL ${database.description}.`);
  }
  if (request.sink !== undefined) {
    throw new UsageError(
      `--sink does not apply with ${DATABASE_URL_ENV} set: incidents go to the incidents table in PostgreSQL ${database.description}, and to a webhook through ${WEBHOOK_URL_ENV}.`,
    );
  }
  return { kind: 'database', database, budget: requestBudgetLimit(env), webhookUrl: webhookUrl(env) };
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
  let target: Target;
  let config: InstanceConfig;
  let logger: Logger;
  try {
    request = parseArgv(argv);
    if (request.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    target = targetOf(request, io.env);
    config = loadConfig({ env: io.env, file: request.configFile });
    parseFetchParams(config);
    logger = cliLogger(io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof FetchParamsError || error instanceof DatabaseError || error instanceof SettingsError) {
      return usageFailure(io, error.message);
    }
    throw error;
  }
  return target.kind === 'files' ? fetchIntoFiles(io, target, config, logger) : fetchIntoDatabase(io, target, config, logger);
}

/** The file-mode sentence, and the database-mode one: what was fetched, where it went, where the checkpoint is. */
function summary(fetched: number, delivery: { delivered: number; skipped: number }, into: string, checkpoint: string): string {
  if (fetched === 0) return `No new alerts; checkpoint saved to ${checkpoint}.\n`;
  return (
    `Fetched ${fetched} incidents: ${delivery.delivered} delivered to ${into}` +
    (delivery.skipped > 0 ? `, ${delivery.skipped} already there` : '') +
    `; checkpoint saved to ${checkpoint}.\n`
  );
}

function runFailure(io: CliIO, error: unknown): number {
  io.stderr.write(`code42-soar fetch: ${(error as Error).message.split('\n')[0]}\n`);
  return 1;
}

async function fetchIntoFiles(io: CliIO, target: Extract<Target, { kind: 'files' }>, config: InstanceConfig, logger: Logger): Promise<number> {
  // Loaded here, not at the top: the runtime pulls in the Code42 client and the simulator.
  const { openRuntime } = await import('../runtime');
  let runtime: Runtime | undefined;
  let store: FileFetchStore | undefined;
  try {
    // The data directory of every subcommand: a demo run's tenant is the one `run` and `serve` see.
    runtime = await openRuntime({ config, logger, dataDir: dataDirectory(io.env) });
    store = new FileFetchStore({ stateFile: target.stateFile, sink: openSink(target.sink, logger), logger });
    const scheduler = new Scheduler({ client: runtime.context.code42, params: runtime.config, store, intervalMinutes: runtime.config.incidentFetchInterval });
    const report = await scheduler.runOnce();
    io.stdout.write(summary(report.fetched, report, store.sink.description, target.stateFile));
    return 0;
  } catch (error) {
    return runFailure(io, error);
  } finally {
    await store?.close();
    await runtime?.close();
  }
}

/**
 * One replica run on PostgreSQL, then the webhook outbox drained once (this process has no timer to come
 * back): what it posts includes deliveries other runs left due. A post the webhook refuses stays in the
 * outbox for the next run or any replica, and does not fail this run — its incidents and checkpoint are
 * committed — but is reported on stderr.
 */
async function fetchIntoDatabase(io: CliIO, target: Extract<Target, { kind: 'database' }>, config: InstanceConfig, logger: Logger): Promise<number> {
  // Loaded here, not at the top: pg, the Code42 client and the simulator cost a file-mode run nothing.
  const [{ openRuntime }, { PostgresState: State }, { replicaName }] = await Promise.all([import('../runtime'), import('../store/postgres-state'), import('../store/lease')]);
  const postgres: PostgresState = new State(target.database, { budget: target.budget, logger });
  let runtime: Runtime | undefined;
  let replica: ReplicaFetchStore | undefined;
  try {
    runtime = await openRuntime({ config, logger, dataDir: dataDirectory(io.env), budget: postgres.budgetFor });
    const intervalMs = runtime.config.incidentFetchInterval * 60_000;
    replica = postgres.fetchStore({ intervalMs, webhookUrl: target.webhookUrl, holder: `code42-soar fetch ${replicaName()}` });
    const scheduler = new Scheduler({ client: runtime.context.code42, params: runtime.config, store: replica, intervalMinutes: runtime.config.incidentFetchInterval });
    const report = await scheduler.runOnce();
    io.stdout.write(summary(report.fetched, report, `the incidents table in ${postgres.description}`, postgres.description));
    if (replica.outbox) {
      const posted = await replica.outbox.drain();
      if (posted.delivered > 0 || posted.failed === 0) io.stdout.write(`Posted ${posted.delivered} incidents to the webhook ${replica.outbox.destination}.\n`);
      if (posted.failed > 0) {
        io.stderr.write(
          `code42-soar fetch: the webhook ${replica.outbox.destination} did not take ${posted.failed} incidents; they stay in the outbox, retried by the next run or any replica.\n`,
        );
      }
    }
    return 0;
  } catch (error) {
    return runFailure(io, error);
  } finally {
    await replica?.close();
    await runtime?.close();
    await postgres.close();
  }
}
