// `code42-soar playbook run|validate|test|graph`: run an XSOAR playbook against the integration's commands (the
// demo simulator when no credentials are set), printing each task and its war-room output; validate it
// (demisto-sdk schema, structure, and everything `run` would refuse); test it against expectation files on a
// fresh simulator per case; or print it as a Mermaid flowchart. Exit 0 completed / valid / passed, 1 failed /
// invalid / a mismatch, 2 a usage, YAML or playbook problem found before any task ran.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { CliIO } from '../cli';
import { ConfigError, type InstanceConfig, loadConfig } from '../config';
import { type CaseResult, junitReport, passed, readTestFile, runCases, textReport } from '../playbooks/expect';
import { parseYamlDocument, playbookLibrary, readText, SHIPPED_PLAYBOOKS, toPlaybook } from '../playbooks/load';
import { mermaid } from '../playbooks/mermaid';
import { playbookReadme } from '../playbooks/readme';
import { type Mocks, NO_MOCKS, readMocks } from '../playbooks/mocks';
import { runProblems } from '../playbooks/plan';
import { checkRunnable, RunRefusedError, type RunReport, runPlaybook, type TaskReport } from '../playbooks/runner';
import { DEFAULT_SCHEMA, schemaProblems } from '../playbooks/schema';
import { runStoppingProblems, structuralProblems } from '../playbooks/structure';
import { type Playbook, PlaybookError } from '../playbooks/types';
import { getRegistry, type Registry } from '../registry';
import { cliLogger, LOG_ENVIRONMENT } from './_shared/logging';
import { InputFileError, readObjectFile, withRuntime } from './_shared/one-shot';
import { type FilePath, writeEntry } from './_shared/war-room';

const USAGE = [
  'Usage: code42-soar playbook run <file.yml> [--incident FILE] [--context FILE] [--input name=value ...] [--answer task=branch ...] [--mocks FILE] [--json] [--config FILE] [--max-steps N]',
  '       code42-soar playbook validate <file.yml> [--mocks FILE] [--answer task=branch ...] [--input name=value ...] [--schema FILE]',
  '       code42-soar playbook test <file.yml> --expect FILE [--mocks FILE] [--junit FILE]',
  '       code42-soar playbook graph <file.yml> [--expand] [--readme]',
  '',
  '  --incident FILE      the incident the playbook runs for (JSON): its fields feed ${incident.x}',
  '  --context FILE       the investigation context the run starts from (JSON)',
  '  --input name=value   a playbook input, overriding its default (repeatable)',
  '  --answer task=branch the branch a manual, manual condition or data collection task takes, by task id',
  '                       (12.3 = task 3 of the sub-playbook run by task 12) (repeatable)',
  '  --mocks FILE         YAML: command or script name (optionally Brand|||name) -> context:, readable: or error:,',
  '                       for other integrations and automations the runner does not have',
  '  --json               print the run report (tasks, entries, context, outputs) as JSON',
  '  --config FILE        instance parameters (CODE42_* env vars win); none = the embedded demo simulator',
  '  --max-steps N        stop a run after N task runs (default 1000)',
  '  --schema FILE        the playbook JSON Schema (default: schemas/derived/playbook.schema.json of this package)',
  '  --expect FILE        test cases: inputs, incident, answers and what must hold after each run (see README)',
  '  --junit FILE         also write the test results as JUnit XML',
  '  --expand             draw each sub-playbook found (beside the file, or shipped) inside its task',
  '  --readme             print the playbook\'s whole README (dependencies, inputs, outputs, graph), not just the graph',
  '',
  LOG_ENVIRONMENT,
  '',
].join('\n');

class UsageError extends Error {}

const ACTIONS = ['run', 'validate', 'test', 'graph'];

interface Request {
  action?: string;
  file?: string;
  incidentFile?: string;
  contextFile?: string;
  inputs: Record<string, string>;
  answers: Map<string, string>;
  mocksFile?: string;
  json: boolean;
  readme: boolean;
  expand: boolean;
  help: boolean;
  configFile?: string;
  schemaFile?: string;
  expectFile?: string;
  junitFile?: string;
  maxSteps?: number;
}

const VALUE_OPTIONS = ['--incident', '--context', '--input', '--answer', '--mocks', '--config', '--schema', '--max-steps', '--expect', '--junit'];

function pair(option: string, value: string, what: string): [string, string] {
  const equals = value.indexOf('=');
  if (equals <= 0) throw new UsageError(`${option} needs ${what}=value, not "${value}".`);
  return [value.slice(0, equals).trim(), value.slice(equals + 1)];
}

function applyOption(request: Request, option: string, value: string): void {
  switch (option) {
    case '--incident':
      request.incidentFile = value;
      return;
    case '--context':
      request.contextFile = value;
      return;
    case '--mocks':
      request.mocksFile = value;
      return;
    case '--config':
      request.configFile = value;
      return;
    case '--schema':
      request.schemaFile = value;
      return;
    case '--expect':
      request.expectFile = value;
      return;
    case '--junit':
      request.junitFile = value;
      return;
    case '--max-steps':
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--max-steps needs a whole number of at least 1, not "${value}".`);
      request.maxSteps = Number(value);
      return;
    case '--answer': {
      const [task, branch] = pair(option, value, 'task');
      if (request.answers.has(task)) throw new UsageError(`Task ${task} is answered twice.`);
      request.answers.set(task, branch);
      return;
    }
    default: {
      const [name, given] = pair(option, value, 'name');
      if (Object.hasOwn(request.inputs, name)) throw new UsageError(`The input "${name}" is given twice.`);
      request.inputs[name] = given;
    }
  }
}

function parseArgv(argv: string[]): Request {
  const request: Request = { inputs: {}, answers: new Map(), json: false, readme: false, expand: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    const [flag, inline] = token.startsWith('--') && token.includes('=') ? [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)] : [token, undefined];
    if (token === '--json') request.json = true;
    else if (token === '--readme') request.readme = true;
    else if (token === '--expand') request.expand = true;
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
  const skipped = task.state === 'skipped' ? ' (skipped: not available)' : '';
  io.stdout.write(`\n== [${task.id}] ${title}${branch}${skipped}\n`);
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

function problemList(io: CliIO, file: string, problems: string[]): void {
  io.stderr.write(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `- ${p}\n`).join('')}`);
}

/** What a playbook file can call on: the shipped playbooks and its neighbours as sub-playbooks, and the mocks. */
function surroundings(file: string, mocksFile: string | undefined): { library: Map<string, Playbook>; mocks: Mocks } {
  return { library: playbookLibrary([dirname(file), SHIPPED_PLAYBOOKS]), mocks: mocksFile ? readMocks(mocksFile) : NO_MOCKS };
}

/** The playbook in `file`, or a RunRefusedError with every structural problem that stops a run (validate lists them too). */
function soundPlaybook(file: string): Playbook {
  const doc = parseYamlDocument(readText(file), file);
  const problems = runStoppingProblems(doc);
  if (problems.length) throw new RunRefusedError(problems);
  return toPlaybook(doc, file);
}

function refusal(io: CliIO, file: string, error: unknown): number {
  if (error instanceof RunRefusedError && error.problems.length > 1) {
    problemList(io, file, error.problems);
    return 2;
  }
  if (error instanceof PlaybookError || error instanceof InputFileError || error instanceof ConfigError) return failure(io, error.message, 2);
  throw error;
}

async function runCommand(request: Request, file: string, io: CliIO): Promise<number> {
  const registry = io.registry ?? getRegistry();
  let playbook: Playbook;
  let incident: Record<string, unknown> | undefined;
  let context: Record<string, unknown> | undefined;
  let config: InstanceConfig;
  let logger: Logger;
  let library: Map<string, Playbook>;
  let mocks: Mocks;
  try {
    ({ library, mocks } = surroundings(file, request.mocksFile));
    playbook = soundPlaybook(file);
    incident = request.incidentFile ? readObjectFile(request.incidentFile, 'incident') : undefined;
    context = request.contextFile ? readObjectFile(request.contextFile, 'context') : undefined;
    // Answered before the runtime starts, so a playbook that cannot run changes nothing and costs nothing.
    checkRunnable(playbook, { registry, mocks, answers: request.answers, incident, context, inputs: request.inputs, playbooks: library });
    config = loadConfig({ env: io.env, file: request.configFile });
    logger = cliLogger(io);
  } catch (error) {
    return refusal(io, file, error);
  }

  return withRuntime(io, 'playbook', { config, logger, registry }, async (runtime) => {
    const filePath = (fileId: string) => runtime.files.pathOf(fileId);
    const report = await runPlaybook(playbook, {
      registry,
      commandContext: runtime.context,
      incident,
      context,
      inputs: request.inputs,
      answers: request.answers,
      mocks,
      maxSteps: request.maxSteps,
      playbooks: library,
      onTask: request.json ? undefined : (task) => printTask(task, io, filePath),
    });
    if (request.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printSummary(report, io);
    return report.status === 'completed' ? 0 : 1;
  });
}

/**
 * Schema, structure and everything `run` refuses before its first task (given the same mocks, answers and
 * inputs): `problems` make the playbook invalid; `needs` (answers, required inputs) a run must be given.
 */
function validationProblems(
  doc: unknown,
  options: { registry: Registry; mocks: Mocks; library: ReadonlyMap<string, Playbook>; answers: ReadonlyMap<string, string>; inputs: Record<string, string>; schemaFile?: string },
): { problems: string[]; needs: string[] } {
  const problems: string[] = [];
  const needs: string[] = [];
  try {
    problems.push(...schemaProblems(doc, options.schemaFile ?? DEFAULT_SCHEMA));
  } catch (error) {
    // A schema that cannot be read is a failed check, never a pass.
    if (!(error instanceof PlaybookError)) throw error;
    problems.push(error.message);
  }
  problems.push(...structuralProblems(doc));
  if (runStoppingProblems(doc).length === 0) {
    const playbook = doc as Playbook;
    const plan = runProblems(playbook, { registry: options.registry, mocks: options.mocks, findPlaybook: (name) => options.library.get(name) }, { answers: options.answers, inputs: options.inputs });
    problems.push(...plan.problems);
    needs.push(...plan.needs);
  }
  return { problems, needs };
}

function validateCommand(request: Request, file: string, io: CliIO): number {
  let doc: unknown;
  let library: Map<string, Playbook>;
  let mocks: Mocks;
  try {
    doc = parseYamlDocument(readText(file), file);
    ({ library, mocks } = surroundings(file, request.mocksFile));
  } catch (error) {
    if (!(error instanceof PlaybookError)) throw error;
    return failure(io, error.message, error.message.startsWith('Cannot read') ? 2 : 1);
  }
  const registry = io.registry ?? getRegistry();
  const { problems, needs } = validationProblems(doc, { registry, mocks, library, answers: request.answers, inputs: request.inputs, schemaFile: request.schemaFile });
  if (problems.length === 0) {
    const { name, tasks } = doc as Playbook;
    io.stdout.write(`${file}: "${name}" is a valid playbook (${Object.keys(tasks).length} tasks).\n`);
    // Valid, but `run` would refuse it without these: said now, not at run time.
    if (needs.length) io.stdout.write(`To run it, give:\n${needs.map((need) => `- ${need}\n`).join('')}`);
    return 0;
  }
  problems.push(...needs);
  problemList(io, file, problems);
  return 1;
}

async function testCommand(request: Request, io: CliIO): Promise<number> {
  if (!request.expectFile) return failure(io, 'playbook test needs --expect FILE (the test cases).', 2);
  const registry = io.registry ?? getRegistry();
  let playbook: Playbook;
  let library: Map<string, Playbook>;
  let mocks: Mocks;
  let cases;
  let file: string;
  try {
    const tests = readTestFile(request.expectFile);
    const near = (path: string) => resolve(dirname(request.expectFile!), path);
    const given = request.file ?? (tests.playbook ? near(tests.playbook) : undefined);
    if (given === undefined) return failure(io, `Name the playbook: playbook test <file.yml> --expect ${request.expectFile}, or playbook: in the expectation file.`, 2);
    file = given;
    ({ library, mocks } = surroundings(file, request.mocksFile ?? (tests.mocks ? near(tests.mocks) : undefined)));
    playbook = soundPlaybook(file);
    cases = tests.cases;
  } catch (error) {
    return refusal(io, request.file ?? request.expectFile, error);
  }
  const logger = cliLogger(io);
  // Every case gets a fresh embedded simulator with the demo tenant (in a data directory of its own, removed
  // afterwards), so cases never see each other's changes nor those of earlier `playbook run`s.
  const { openRuntime } = await import('../runtime');
  let results: CaseResult[];
  try {
    results = await runCases(playbook, cases, {
      registry,
      mocks,
      playbooks: library,
      async open() {
        const dataDir = mkdtempSync(join(tmpdir(), 'code42-soar-playbook-test-'));
        try {
          const runtime = await openRuntime({ config: loadConfig({ env: {} }), logger: logger.child({}, { level: 'warn' }), registry, dataDir });
          return {
            commandContext: runtime.context,
            async close() {
              await runtime.close();
              rmSync(dataDir, { recursive: true, force: true });
            },
          };
        } catch (error) {
          rmSync(dataDir, { recursive: true, force: true });
          throw new PlaybookError(`Could not start the Code42 simulator for a test case: ${(error as Error).message.split('\n')[0]}`);
        }
      },
    });
  } catch (problem) {
    if (problem instanceof PlaybookError) return failure(io, problem.message, 1);
    throw problem;
  }
  io.stdout.write(textReport(playbook.name, results));
  if (request.junitFile) {
    try {
      writeFileSync(request.junitFile, junitReport(playbook.name, results));
    } catch (problem) {
      const code = (problem as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'its directory does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : 'it cannot be written';
      return failure(io, `Cannot write the JUnit report ${request.junitFile}: ${why}.`, 2);
    }
  }
  return results.every(passed) ? 0 : 1;
}

/** Where a playbook's test cases live: `tests/<name>.test.yml` beside it (shown from its directory's parent). */
function testFileOf(file: string): string | undefined {
  const name = `${basename(file).replace(/^playbook-/, '').replace(/\.ya?ml$/, '')}.test.yml`;
  return existsSync(join(dirname(file), 'tests', name)) ? `${basename(resolve(dirname(file)))}/tests/${name}` : undefined;
}

function graphCommand(request: Request, file: string, io: CliIO): number {
  let playbook: Playbook;
  try {
    playbook = soundPlaybook(file);
  } catch (error) {
    return refusal(io, file, error);
  }
  if (request.readme) io.stdout.write(playbookReadme(playbook, testFileOf(file)));
  else {
    const library = request.expand ? playbookLibrary([dirname(file), SHIPPED_PLAYBOOKS]) : undefined;
    io.stdout.write(mermaid(playbook, { findPlaybook: library && ((name) => library.get(name)) }));
  }
  return 0;
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
  if (request.action !== undefined && !ACTIONS.includes(request.action)) {
    io.stderr.write(`code42-soar playbook: unknown action "${request.action}".\n${USAGE}`);
    return 2;
  }
  if (request.action === 'test') return testCommand(request, io);
  if (request.action === undefined || request.file === undefined) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (request.action === 'run') return runCommand(request, request.file, io);
  if (request.action === 'graph') return graphCommand(request, request.file, io);
  return validateCommand(request, request.file, io);
}
