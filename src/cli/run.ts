// `code42-soar run <command> [name=value ...] [--json] [--config FILE]`: one command, printed the way the
// XSOAR war room shows its entries. Exit 0 success, 1 an error entry, 2 a usage or configuration error.
import type { CliIO } from '../cli';
import { ConfigError, type InstanceConfig, loadConfig } from '../config';
import { createLogger } from '../log';
import { getRegistry, type RegisteredCommand, UnknownCommandError } from '../registry';
import type { Runtime } from '../runtime';
import { type Entry, isError } from '../xsoar/entry';

export const summary = 'Run one command: run <command> [name=value ...] [--json] [--config FILE].';

const USAGE = [
  'Usage: code42-soar run <command> [name=value ...] [--json] [--config FILE]',
  '',
  '  name=value     an argument, as XSOAR passes it (a string; "name=" gives an empty value)',
  '  value          the command\'s default argument, where it has one',
  '  --json         print the entries as JSON instead of the war-room view',
  '  --config FILE  instance parameters from a JSON or YAML file (CODE42_* env vars win over it)',
  '',
  'List the commands with: code42-soar commands',
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
}

function parseArgv(argv: string[]): RunRequest {
  const request: RunRequest = { pairs: [], bare: [], json: false, help: false };
  let flagsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!flagsEnded && token.startsWith('-')) {
      if (token === '--') flagsEnded = true;
      else if (token === '--json') request.json = true;
      else if (token === '--help' || token === '-h') request.help = true;
      else if (token === '--config' || token.startsWith('--config=')) {
        const file = token === '--config' ? argv[++i] : token.slice('--config='.length);
        if (!file) throw new UsageError('--config needs a file name, e.g. --config code42.yaml.');
        request.configFile = file;
      } else throw new UsageError(`Unknown option "${token}": run accepts --json, --config FILE and --help.`);
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

const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

/** What the war room shows for an entry. */
export function warRoomText(entry: Entry, filePath: (fileId: string) => string): string {
  if (isError(entry)) return String(entry.Contents);
  if (entry.FileID) return filePath(entry.FileID);
  if (typeof entry.HumanReadable === 'string' && entry.HumanReadable !== '') return entry.HumanReadable;
  return typeof entry.Contents === 'string' ? entry.Contents : JSON.stringify(entry.Contents, null, 2);
}

function printEntries(entries: Entry[], json: boolean, io: CliIO, filePath: (fileId: string) => string): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return;
  }
  entries.forEach((entry, index) => {
    const separator = index > 0 ? '\n' : '';
    (isError(entry) ? io.stderr : io.stdout).write(separator + withNewline(warRoomText(entry, filePath)));
  });
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
  try {
    config = loadConfig({ env: io.env, file: request.configFile });
  } catch (error) {
    if (error instanceof ConfigError) return usageFailure(io, error.message);
    throw error;
  }

  const logger = createLogger({ destination: io.stderr, level: io.env.LOG_LEVEL });
  // Loaded here, not at the top: the runtime pulls in the Code42 client and the simulator.
  const { openRuntime } = await import('../runtime');
  let runtime: Runtime;
  try {
    runtime = await openRuntime({ config, logger, registry });
  } catch (error) {
    io.stderr.write(`code42-soar run: could not start: ${(error as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  try {
    const entries = await registry.execute(command.definition.name, args, runtime.context);
    const files = runtime.files;
    printEntries(entries, request.json, io, (fileId) => files.pathOf(fileId));
    return entries.some(isError) ? 1 : 0;
  } finally {
    await runtime.close();
  }
}
