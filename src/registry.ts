// The registry: every command declared in commands/, looked up by name and executed so that nothing
// throws out of it — every failure becomes one XSOAR error entry.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { closest } from 'fastest-levenshtein';
import { type AnyCommand, type CommandContext, type HandlerOutcome, isCommandDefinition } from './command';
import { withDeadline } from './code42/deadline';
import { Code42Error } from './code42/errors';
import { ArgumentError, compileArgs, type ArgsValidator, type ArgsSchema } from './xsoar/args';
import { type Entry, errorEntry, fileEntry, resultToEntry, type CommandResult, type FileResult } from './xsoar/entry';

export class UnknownCommandError extends Error {
  constructor(
    readonly commandName: string,
    readonly suggestion: string | undefined,
  ) {
    super(suggestion ? `Unknown command "${commandName}"; did you mean "${suggestion}"?` : `Unknown command "${commandName}".`);
    this.name = 'UnknownCommandError';
  }
}

/** An error a handler raises on purpose: its message is the sentence shown to the user. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export const DEFAULT_COMMAND_DEADLINE_MS = 5 * 60_000;

export const failureMessage = (command: string, sentence: string): string => `Failed to execute command ${command} command. Error: ${sentence}`;

export function sentenceOf(error: unknown): string {
  if (error instanceof Code42Error || error instanceof CommandError || error instanceof ArgumentError) return error.message;
  // Anything else is a defect of ours: say so in one sentence, never with a stack trace.
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unexpected failure';
  return `Internal error: ${message.split('\n')[0]}`;
}

function isFileResult(value: unknown): value is FileResult {
  return typeof value === 'object' && value !== null && 'file' in value;
}

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && 'Type' in value && 'ContentsFormat' in value;
}

export interface RegisteredCommand {
  definition: AnyCommand;
  args: ArgsValidator<ArgsSchema>;
}

export class Registry {
  private readonly commands = new Map<string, RegisteredCommand>();

  constructor(definitions: Iterable<AnyCommand>) {
    for (const definition of definitions) {
      if (this.commands.has(definition.name)) throw new Error(`Command ${definition.name} is declared twice.`);
      this.commands.set(definition.name, { definition, args: compileArgs(definition.args) });
    }
  }

  list(): AnyCommand[] {
    return [...this.commands.values()].map((c) => c.definition).sort((a, b) => a.name.localeCompare(b.name));
  }

  has(name: string): boolean {
    return this.commands.has(name);
  }

  /** The command, or an UnknownCommandError naming the closest command. */
  get(name: string): RegisteredCommand {
    const command = this.commands.get(name);
    if (!command) throw new UnknownCommandError(name, this.commands.size ? closest(name, [...this.commands.keys()]) : undefined);
    return command;
  }

  /** Runs a command with XSOAR-style string arguments. Never throws: failures are error entries. */
  async execute(name: string, rawArgs: Record<string, unknown>, ctx: CommandContext): Promise<Entry[]> {
    let command: RegisteredCommand;
    try {
      command = this.get(name);
    } catch (error) {
      return [errorEntry((error as Error).message)];
    }
    const { definition } = command;
    try {
      const args = command.args.parse(rawArgs);
      const outcome = await withDeadline(ctx.deadlineMs ?? DEFAULT_COMMAND_DEADLINE_MS, () => definition.handler(ctx, args));
      return this.toEntries(definition, outcome);
    } catch (error) {
      if (!(error instanceof Code42Error || error instanceof CommandError || error instanceof ArgumentError)) {
        ctx.log.error({ command: name, err: error }, 'command failed unexpectedly');
      }
      return [errorEntry(failureMessage(name, sentenceOf(error)))];
    }
  }

  private toEntries(definition: AnyCommand, outcome: HandlerOutcome): Entry[] {
    const items = Array.isArray(outcome) ? outcome : [outcome];
    const withDeclaredOutputs = (result: CommandResult): CommandResult => ({
      prefix: definition.outputs?.prefix,
      keyField: definition.outputs?.key,
      ...result,
    });
    return items.flatMap((item): Entry[] => {
      if (isEntry(item)) return [item];
      if (isFileResult(item)) return [fileEntry(item.file), ...(item.result ? [resultToEntry(withDeclaredOutputs(item.result))] : [])];
      return [resultToEntry(withDeclaredOutputs(item))];
    });
  }
}

/** Collects every exported command declaration of the modules in `commands/` (compiled .js or .ts under jest). */
export function loadCommands(directory = join(__dirname, '..', 'commands')): AnyCommand[] {
  // tsc emits no dist/commands while commands/ is empty; an empty registry still answers (e.g. unknown command).
  if (!existsSync(directory)) return [];
  const files = readdirSync(directory).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.map'));
  const definitions: AnyCommand[] = [];
  for (const file of files.sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const moduleExports = require(join(directory, file)) as Record<string, unknown>;
    for (const value of Object.values(moduleExports)) if (isCommandDefinition(value)) definitions.push(value);
  }
  return definitions;
}

let defaultRegistry: Registry | undefined;
export function getRegistry(): Registry {
  defaultRegistry ??= new Registry(loadCommands());
  return defaultRegistry;
}
