// `code42-soar playbook run <file.yml> [--incident FILE] [--input name=value ...] [--json] [--config FILE]`
// runs an XSOAR playbook against the integration's commands (the demo simulator when no credentials are
// set), printing each task and its war-room output; `code42-soar playbook validate <file.yml>` checks a
// playbook against the demisto-sdk schema and the structural rules. Exit 0 completed / valid, 1 failed /
// invalid, 2 a usage, YAML or playbook problem found before any task ran.
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { CliIO } from '../cli';
import { ConfigError, type InstanceConfig, loadConfig } from '../config';
import { SHIPPED_PLAYBOOKS, parseYamlDocument, playbookLibrary, readPlaybook, readText } from '../playbooks/load';
import { checkRunnable, MissingInputError, type RunReport, runPlaybook, type TaskReport } from '../playbooks/runner';
import { DEFAULT_SCHEMA, schemaProblems } from '../playbooks/schema';
import { structuralProblems } from '../playbooks/structure';
import { type Playbook, PlaybookError } from '../playbooks/types';
import { getRegistry } from '../registry';
import { cliLogger, LOG_ENVIRONMENT } from './_shared/logging';
import { InputFileError, readObjectFile, withRuntime } from './_shared/one-shot';
import { type FilePath, writeEntry } from './_shared/war-room';

export const summary = 'Run or validate an XSOAR playbook: playbook run <file.yml> [options] | playbook validate <file.yml>.';

const USAGE = [
  'Usage: code42-soar playbook run <file.yml> [--incident FILE] [--input name=value ...] [--json] [--config FILE] [--max-steps N]',
  '       code42-soar playbook validate <file.yml> [--schema FILE]',
  '',
  '  --incident FILE     the incident the playbook runs for (JSON): its fields feed ${incident.x}',
  '  --input name=value  a playbook input, overriding its default (repeatable)',
  '  --json              print the run report (tasks, entries, context, outputs) as JSON',
  '  --config FILE       instance parameters (CODE42_* env vars win); none = the embedded demo simulator',
  '  --max-steps N       stop a run after N task runs (default 1000)',
  '  --schema FILE       the playbook JSON Schema (default ../shared/schemas/derived/playbook.schema.json)',
  '',
  LOG_ENVIRONMENT,
  '',
].join('\n');

class UsageError extends Error {}

interface Request {
  action?: string;
  file?: string;
  incidentFile?: string;
  inputs: Record<string, string>;
  json: boolean;
  help: boolean;
  configFile?: string;
  schemaFile?: string;
  maxSteps?: number;
}

const VALUE_OPTIONS = ['--incident', '--input', '--config', '--schema', '--max-steps'];

function applyOption(request: Request, option: string, value: string): void {
  switch (option) {
    case '--incident':
      request.incidentFile = value;
      return;
    case '--config':
      request.configFile = value;
      return;
    case '--schema':
      request.schemaFile = value;
      return;
    case '--max-steps':
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--max-steps needs a whole number of at least 1, not "${value}".`);
      request.maxSteps = Number(value);
      return;
    default: {
      const equals = value.indexOf('=');
      if (equals <= 0) throw new UsageError(`--input needs name=value, not "${value}".`);
      const name = value.slice(0, equals);
      if (Object.hasOwn(request.inputs, name)) throw new UsageError(`The input "${name}" is given twice.`);
      request.inputs[name] = value.slice(equals + 1);
    }
  }
}

function parseArgv(argv: string[]): Request {
  const request: Request = { inputs: {}, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    const [flag, inline] = token.startsWith('--') && token.includes('=') ? [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)] : [token, undefined];
    if (token === '--json') request.json = true;
    else if (token === '--help' || token === '-h') request.help = true;
    else if (VALUE_OPTIONS.includes(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value.`);
      applyOption(request, flag, value);
    } else if (token.startsWith('-')) throw new UsageError(`Unknown option "${token}".`);
    else if (request.action === undefined) request.action = token;
    else if (request.file === undefined) request.file = token;
    else throw new UsageError(`Unexpected "${token}": give one playbook file.`);
  }
  return request;
}

function printTask(task: TaskReport, io: CliIO, filePath: FilePath): void {
  if (task.type === 'start') return;
  const branch = task.branch === undefined ? '' : ` -> ${task.branch}`;
  const title = task.name || `(${task.type})`;
  io.stdout.write(`\n== [${task.id}] ${title}${branch}\n`);
  // A sub-playbook's entries were printed with its own tasks.
  const entries = task.subtasks ? [] : task.entries;
  for (const entry of entries) writeEntry(io, entry, filePath);
  if (task.state === 'failed') io.stderr.write(`Task ${task.id} failed: ${task.error}\n`);
}

function printSummary(report: RunReport, io: CliIO): void {
  const ran = `${report.tasks.length} task${report.tasks.length === 1 ? '' : 's'} ran`;
  if (report.status === 'completed') io.stdout.write(`\nPlaybook "${report.playbook}" completed (${ran}).\n`);
  else io.stderr.write(`\nPlaybook "${report.playbook}" ${report.status === 'failed' ? 'failed' : 'stopped'} (${ran}): ${report.error}\n`);
  const outputs = Object.entries(report.outputs);
  if (outputs.length === 0) return;
  io.stdout.write('Outputs:\n');
  for (const [path, value] of outputs) io.stdout.write(`  ${path}: ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
}

function failure(io: CliIO, sentence: string, code: number): number {
  io.stderr.write(`code42-soar playbook: ${sentence}\n`);
  return code;
}

async function runCommand(request: Request, file: string, io: CliIO): Promise<number> {
  const registry = io.registry ?? getRegistry();
  let playbook: Playbook;
  let incident: Record<string, unknown> | undefined;
  let config: InstanceConfig;
  let logger: Logger;
  const library = playbookLibrary([dirname(file), SHIPPED_PLAYBOOKS]);
  try {
    playbook = readPlaybook(file);
    incident = request.incidentFile ? readObjectFile(request.incidentFile, 'incident') : undefined;
    // Answered before the runtime starts, so a playbook that cannot run changes nothing and costs nothing.
    checkRunnable(playbook, { registry, incident, inputs: request.inputs, playbooks: library });
    config = loadConfig({ env: io.env, file: request.configFile });
    logger = cliLogger(io);
  } catch (error) {
    if (error instanceof MissingInputError) return failure(io, `${error.message} Give it with --input ${error.input}=<value> or an --incident that has it.`, 2);
    if (error instanceof PlaybookError || error instanceof InputFileError || error instanceof ConfigError) return failure(io, error.message, 2);
    throw error;
  }

  return withRuntime(io, 'playbook', { config, logger, registry }, async (runtime) => {
    const filePath = (fileId: string) => runtime.files.pathOf(fileId);
    const report = await runPlaybook(playbook, {
      registry,
      commandContext: runtime.context,
      incident,
      inputs: request.inputs,
      maxSteps: request.maxSteps,
      playbooks: library,
      onTask: request.json ? undefined : (task) => printTask(task, io, filePath),
    });
    if (request.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printSummary(report, io);
    return report.status === 'completed' ? 0 : 1;
  });
}

function validateCommand(request: Request, file: string, io: CliIO): number {
  let doc: unknown;
  try {
    doc = parseYamlDocument(readText(file), file);
  } catch (error) {
    if (!(error instanceof PlaybookError)) throw error;
    return failure(io, error.message, error.message.startsWith('Cannot read') ? 2 : 1);
  }
  const problems: string[] = [];
  try {
    problems.push(...schemaProblems(doc, request.schemaFile ?? DEFAULT_SCHEMA));
  } catch (error) {
    if (!(error instanceof PlaybookError)) throw error;
    // Without the schema the structural rules still say a lot; the skip is reported, not hidden.
    io.stderr.write(`code42-soar playbook: skipped the schema check: ${error.message}\n`);
  }
  problems.push(...structuralProblems(doc));
  if (problems.length === 0) {
    const { name, tasks } = doc as Playbook;
    io.stdout.write(`${file}: "${name}" is a valid playbook (${Object.keys(tasks).length} tasks).\n`);
    return 0;
  }
  io.stderr.write(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `- ${p}\n`).join('')}`);
  return 1;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let request: Request;
  try {
    request = parseArgv(argv);
  } catch (error) {
    if (error instanceof UsageError) return failure(io, error.message, 2);
    throw error;
  }
  if (request.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if ((request.action !== 'run' && request.action !== 'validate') || request.file === undefined) {
    io.stderr.write(request.action && request.action !== 'run' && request.action !== 'validate' ? `code42-soar playbook: unknown action "${request.action}".\n${USAGE}` : USAGE);
    return 2;
  }
  return request.action === 'run' ? runCommand(request, request.file, io) : validateCommand(request, request.file, io);
}
