// The registry: every command listed in commands/index.ts, looked up by name (its module loaded only then) and
// executed so that nothing throws out of it — every failure becomes one XSOAR error entry. XSOAR's platform arguments (retries,
// timeout, instance and brand, output shaping) are applied here, once for every front end.
import { setTimeout as sleep } from 'node:timers/promises';
import { allCommands, COMMAND_INDEX, type CommandIndex } from '../commands/index';
import { type AnyCommand, CommandError, type CommandContext, type HandlerOutcome } from './command';
import { formatDuration, withDeadline } from './code42/deadline';
import { Code42Error } from './code42/errors';
import { ArgumentError, compileArgs, type ArgsValidator, type ArgsSchema, type PlatformArgs } from './xsoar/args';
import { type Entry, errorEntry, fileEntry, isError, resultToEntry, shapeEntries, type CommandResult, type FileResult } from './xsoar/entry';
import { isObject, shown } from './values';

export class UnknownCommandError extends Error {
  constructor(
    readonly commandName: string,
    readonly suggestion: string | undefined,
  ) {
    super(suggestion ? `Unknown command "${commandName}"; did you mean "${suggestion}"?` : `Unknown command "${commandName}".`);
    this.name = 'UnknownCommandError';
  }
}

/** The brand XSOAR knows this integration by (integration.yml `commonfields.id`); `using-brand` must name it. */
export const BRAND = 'Code42';

export const DEFAULT_COMMAND_DEADLINE_MS = 5 * 60_000;

export const failureMessage = (command: string, sentence: string): string => `Failed to execute command ${command} command. Error: ${sentence}`;

const isExpected = (error: unknown): boolean => error instanceof Code42Error || error instanceof CommandError || error instanceof ArgumentError;

export function sentenceOf(error: unknown): string {
  if (isExpected(error)) return (error as Error).message;
  // Anything else is a defect of ours: say so in one sentence, never with a stack trace.
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unexpected failure';
  return `Internal error: ${message.split('\n')[0]}`;
}

const isFileResult = (value: unknown): value is FileResult => isObject(value) && 'file' in value;
const isEntry = (value: unknown): value is Entry => isObject(value) && 'Type' in value && 'ContentsFormat' in value;

/** A name is suggested only when it is close: at most a third of its letters differ. */
function suggestion(name: string, names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  // Required for a mistyped name only, not on every command's start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { closest, distance } = require('fastest-levenshtein') as typeof import('fastest-levenshtein');
  const best = closest(name, names);
  return distance(name, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

export interface RegisteredCommand {
  definition: AnyCommand;
  args: ArgsValidator<ArgsSchema>;
}

/** The execution-timeout sentence; the deadline also cuts off the Code42 calls still under way. */
async function withinTimeout<T>(ms: number | undefined, work: () => Promise<T>): Promise<T> {
  if (ms === undefined) return work();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CommandError(`The command did not finish within its execution-timeout of ${formatDuration(ms)}.`)), ms);
  });
  try {
    return await Promise.race([withDeadline(ms, work), expired]);
  } finally {
    clearTimeout(timer);
  }
}

export class Registry {
  /** Name -> declaration, loaded on first use (a registry from the command index loads a module per command asked for). */
  private readonly index = new Map<string, () => AnyCommand>();
  private readonly commands = new Map<string, RegisteredCommand>();

  constructor(definitions: Iterable<AnyCommand>) {
    for (const definition of definitions) {
      if (this.index.has(definition.name)) throw new Error(`Command ${definition.name} is declared twice.`);
      this.index.set(definition.name, () => definition);
    }
  }

  /** The commands of an index, each module loaded when one of its commands is first asked for. */
  static fromIndex(index: CommandIndex): Registry {
    const registry = new Registry([]);
    for (const [name, load] of Object.entries(index)) registry.index.set(name, load);
    return registry;
  }

  list(): AnyCommand[] {
    return [...this.index.keys()].map((name) => this.get(name).definition).sort((a, b) => a.name.localeCompare(b.name));
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  /** The command, or an UnknownCommandError naming the closest command when one is close. */
  get(name: string): RegisteredCommand {
    const known = this.commands.get(name);
    if (known) return known;
    const load = this.index.get(name);
    if (!load) throw new UnknownCommandError(name, suggestion(name, [...this.index.keys()]));
    const definition = load();
    // A defect of the index, not of the user's input: it lists the command under another name.
    if (definition.name !== name) throw new Error(`The command index lists "${name}" for the declaration named "${definition.name}".`);
    const command = { definition, args: compileArgs(definition.args) };
    this.commands.set(name, command);
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
    let platform: PlatformArgs;
    let args: Record<string, unknown>;
    try {
      ({ args, platform } = command.args.parseInvocation(rawArgs));
      checkTarget(platform);
    } catch (error) {
      return [errorEntry(failureMessage(name, sentenceOf(error)))];
    }
    // XSOAR's retry-count / retry-interval: a failed run is run again. Bad arguments never get better, so
    // they were refused above and are not retried. One deadline covers every attempt and the waits between
    // them: a retry that could not start before it is not made.
    const deadlineMs = ctx.deadlineMs ?? DEFAULT_COMMAND_DEADLINE_MS;
    const endsAt = Date.now() + deadlineMs;
    return withDeadline(deadlineMs, async () => {
      for (let attempt = 0; ; attempt++) {
        const entries = await this.run(command, args, ctx, platform);
        if (!entries.some(isError) || attempt >= platform.retryCount || Date.now() + platform.retryIntervalMs >= endsAt) return entries;
        if (platform.retryIntervalMs > 0) await sleep(platform.retryIntervalMs);
      }
    });
  }

  private async run(command: RegisteredCommand, args: Record<string, unknown>, ctx: CommandContext, platform: PlatformArgs): Promise<Entry[]> {
    const { definition } = command;
    try {
      const outcome = await withinTimeout(platform.executionTimeoutMs, () => definition.handler(ctx, args as never));
      return shapeEntries(this.toEntries(definition, outcome), platform);
    } catch (error) {
      if (!isExpected(error)) ctx.log.error({ command: definition.name, err: error }, 'command failed unexpectedly');
      return [errorEntry(failureMessage(definition.name, sentenceOf(error)))];
    }
  }

  private toEntries(definition: AnyCommand, outcome: HandlerOutcome): Entry[] {
    const items = Array.isArray(outcome) ? outcome : [outcome];
    const withDeclaredOutputs = (result: CommandResult): CommandResult => ({
      prefix: definition.outputs?.prefix,
      keyField: definition.outputs?.key,
      alsoUnder: definition.outputs?.alsoUnder,
      ...result,
    });
    return items.flatMap((item): Entry[] => {
      if (isEntry(item)) return [item];
      if (isFileResult(item)) return [fileEntry(item.file), ...(item.result ? [resultToEntry(withDeclaredOutputs(item.result))] : [])];
      return [resultToEntry(withDeclaredOutputs(item))];
    });
  }
}

/**
 * `using-brand` must name this integration: a playbook that asks for another brand wants another product,
 * and running ours instead would act on the wrong system. `using` names an instance; this process serves
 * exactly one, so any instance name reaches it (XSOAR routes by name before the command arrives here).
 */
function checkTarget(platform: PlatformArgs): void {
  if (platform.usingBrand !== undefined && platform.usingBrand.trim().toLowerCase() !== BRAND.toLowerCase()) {
    throw new ArgumentError('using-brand', `Invalid value ${shown(platform.usingBrand)} for argument "using-brand": this integration is ${BRAND}.`);
  }
}

/** Every command declaration, from the explicit index in commands/index.ts (loads every command module). */
export const loadCommands = (): AnyCommand[] => allCommands();

let defaultRegistry: Registry | undefined;
export function getRegistry(): Registry {
  defaultRegistry ??= Registry.fromIndex(COMMAND_INDEX);
  return defaultRegistry;
}
