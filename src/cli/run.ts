// `code42-soar run <command> [name=value ...] [--json] [--config FILE] [--incident FILE] [--context FILE]`:
// one command, printed the way the XSOAR war room shows its entries, optionally in the war room of an
// incident. Exit 0 success, 1 an error entry, 2 a usage or configuration error.
import type { Logger } from 'pino';
import type { CliIO } from '../cli';
import { ConfigError, type InstanceConfig, loadConfig } from '../config';
import { getRegistry, type RegisteredCommand, UnknownCommandError } from '../registry';
import { type Entry, isError } from '../xsoar/entry';
import { cliLogger, LOG_ENVIRONMENT } from './_shared/logging';
import { InputFileError, readObjectFile, withRuntime } from './_shared/one-shot';
import { CONFIG_HELP } from './_shared/parameters';
import { type FilePath, writeEntry } from './_shared/war-room';

const USAGE = [
  'Usage: code42-soar run <command> [name=value ...] [--json] [--config FILE] [--incident FILE] [--context FILE]',
  '',
  '  name=value       an argument, as XSOAR passes it (a string; "name=" gives an empty value)',
  '  value            the command\'s default argument, where it has one',
  '  --json           print the entries as JSON instead of the war-room view',
  '  --config FILE    instance parameters from a JSON or YAML file (CODE42_* env vars win over it)',
  '  --incident FILE  the incident whose war room the command runs in (JSON), e.g. a line fetch delivered',
  '  --context FILE   that incident\'s context (JSON), e.g. {"Code42": {"FileEvents": [...]}}',
  '',
  'List the commands with: code42-soar commands',
  CONFIG_HELP,
  LOG_ENVIRONMENT,
  '',
].join('\n');

class UsageError extends Error {}

interface RunRequest {
  command?: string;
  /** `name=value` pairs in order, then bare values for the default argument. */
  pairs: [string, string][];
  bare: string[];
  json: boolean;
  help: boolean;
  configFile?: string;
  incidentFile?: string;
  contextFile?: string;
}

/** The options that take a file, and the example their usage error gives. */
const FILE_OPTIONS = {
  '--config': { key: 'configFile', example: 'code42.yaml' },
  '--incident': { key: 'incidentFile', example: 'incident.json' },
  '--context': { key: 'contextFile', example: 'context.json' },
} as const;

function parseArgv(argv: string[]): RunRequest {
  const request: RunRequest = { pairs: [], bare: [], json: false, help: false };
  let flagsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    const flag = token.split('=')[0];
    if (!flagsEnded && token.startsWith('-')) {
      if (token === '--') flagsEnded = true;
      else if (token === '--json') request.json = true;
      else if (token === '--help' || token === '-h') request.help = true;
      else if (Object.hasOwn(FILE_OPTIONS, flag)) {
        const { key, example } = FILE_OPTIONS[flag as keyof typeof FILE_OPTIONS];
        const file = token === flag ? argv[++i] : token.slice(flag.length + 1);
        if (!file) throw new UsageError(`${flag} needs a file name, e.g. ${flag} ${example}.`);
        request[key] = file;
      } else throw new UsageError(`Unknown option "${token}": run accepts --json, --config FILE, --incident FILE, --context FILE and --help.`);
    } else if (request.command === undefined) {
      request.command = token;
    } else {
      const equals = token.indexOf('=');
      if (equals === 0) throw new UsageError(`Argument "${token}" has no name; write it as name=value.`);
      if (equals > 0) request.pairs.push([token.slice(0, equals), token.slice(equals + 1)]);
      else request.bare.push(token);
    }
  }
  return request;
}

/** XSOAR string arguments; a bare value fills the command's default argument (`!cmd value`). */
function commandArgs(request: RunRequest, command: RegisteredCommand): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [name, value] of request.pairs) {
    if (name in args) throw new UsageError(`Argument "${name}" is given twice.`);
    args[name] = value;
  }
  if (request.bare.length === 0) return args;
  const defaultArg = Object.entries(command.definition.args).find(([, spec]) => spec.default)?.[0];
  if (!defaultArg || request.bare.length > 1) {
    throw new UsageError(`Argument "${request.bare[defaultArg ? 1 : 0]}" must be written as name=value.`);
  }
  if (defaultArg in args) throw new UsageError(`Argument "${defaultArg}" is given twice.`);
  args[defaultArg] = request.bare[0];
  return args;
}

function printEntries(entries: Entry[], json: boolean, io: CliIO, filePath: FilePath): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return;
  }
  entries.forEach((entry, index) => writeEntry(io, entry, filePath, index > 0 ? '\n' : ''));
}

/** The war room the command runs in: the incident and its context, each only when given. */
function warRoom(request: RunRequest): { incident?: Record<string, unknown>; context?: Record<string, unknown> } {
  return {
    ...(request.incidentFile === undefined ? {} : { incident: readObjectFile(request.incidentFile, 'incident') }),
    ...(request.contextFile === undefined ? {} : { context: readObjectFile(request.contextFile, 'incident context') }),
  };
}

function usageFailure(io: CliIO, sentence: string): number {
  io.stderr.write(`code42-soar run: ${sentence}\n`);
  return 2;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let request: RunRequest;
  try {
    request = parseArgv(argv);
  } catch (error) {
    return usageFailure(io, (error as Error).message);
  }
  if (request.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (request.command === undefined) {
    io.stderr.write(USAGE);
    return 2;
  }

  // Resolved before any configuration or network, so a typo is answered at once.
  const registry = io.registry ?? getRegistry();
  let command: RegisteredCommand;
  let args: Record<string, string>;
  try {
    command = registry.get(request.command);
    args = commandArgs(request, command);
  } catch (error) {
    if (error instanceof UnknownCommandError || error instanceof UsageError) return usageFailure(io, error.message);
    throw error;
  }

  let config: InstanceConfig;
  let logger: Logger;
  let room: ReturnType<typeof warRoom>;
  try {
    room = warRoom(request);
    config = loadConfig({ env: io.env, file: request.configFile });
    logger = cliLogger(io);
  } catch (error) {
    if (error instanceof InputFileError || error instanceof ConfigError) return usageFailure(io, error.message);
    throw error;
  }

  return withRuntime(io, 'run', { config, logger, registry }, async (runtime) => {
    const entries = await registry.execute(command.definition.name, args, { ...runtime.context, ...room });
    const files = runtime.files;
    printEntries(entries, request.json, io, (fileId) => files.pathOf(fileId));
    return entries.some(isError) ? 1 : 0;
  });
}
