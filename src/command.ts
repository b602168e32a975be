// A command is one declaration: name, argument schema, context outputs, kind and handler together
// (architecture.md §4). Everything else — validation, OpenAPI, integration.yml, README — is derived from it.
import type { Logger } from 'pino';
import type { Code42Api } from './code42/api';
import { parameter } from './parameters';
import type { ArgsOf, ArgsSchema } from './xsoar/args';
import type { CommandResult, Entry, FileResult } from './xsoar/entry';

export type OutputType = 'String' | 'Number' | 'Boolean' | 'Date' | 'Unknown';

export interface OutputField {
  type: OutputType;
  description: string;
}

export interface OutputsSpec {
  /** Context path the outputs are written under, e.g. `Code42.SecurityAlert`. */
  prefix: string;
  /** Key field(s) that make reruns update rather than duplicate: `Prefix(val.K && val.K == obj.K)`. */
  key?: string | string[];
  /** Field name (may be a dotted sub-path, e.g. `EndDate.year`) -> type and description. */
  fields: Record<string, OutputField>;
  /** More prefixes the same rows are written under, with the same key and fields (integration.yml lists each). */
  alsoUnder?: string[];
}

/** A file saved by a command (download-file), with what XSOAR's `File.*` context needs. */
export interface StoredFile {
  fileId: string;
  name: string;
  path: string;
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
  /** The ssdeep fuzzy hash, as XSOAR's server computes it for every file entry (File.SSDeep); absent past ~192 GiB, where ssdeep gives none. */
  ssdeep?: string;
}

export interface FileStore {
  save(name: string, body: NodeJS.ReadableStream): Promise<StoredFile>;
  /** Deletes a saved file (e.g. one a command refused after saving it); an unknown id is not an error. */
  remove(fileId: string): Promise<void>;
}

/** The instance settings commands read (built from the parameter table, src/parameters.ts); never the credentials: handlers get a logged-in client instead. */
export interface CommandSettings {
  /** Title of the CUSTOM watchlist that is the seed-era High Risk Employee List (created on first use). */
  highRiskWatchlistTitle: string;
}

/** The settings of an instance where nothing is configured: the parameter table's defaults. */
export const DEFAULT_SETTINGS: CommandSettings = { highRiskWatchlistTitle: String(parameter('service', 'high_risk_watchlist_title').default) };

/** What a handler may use. The incident and context are those of the war room the command runs in. */
export interface CommandContext {
  code42: Code42Api;
  log: Logger;
  settings: CommandSettings;
  files: FileStore;
  incident?: Record<string, unknown>;
  context?: Record<string, unknown>;
  /** The overall deadline of one command, every Code42 call and retry included (default 5 minutes). */
  deadlineMs?: number;
}

export type HandlerOutcome = CommandResult | FileResult | Entry | (CommandResult | FileResult | Entry)[];

export interface CommandDefinition<S extends ArgsSchema = ArgsSchema> {
  name: string;
  description: string;
  /** `write` commands change Code42 state (XSOAR `execution: true`). */
  kind: 'read' | 'write';
  args: S;
  outputs?: OutputsSpec;
  /** Hidden from integration.yml `commands` (test-module is a reserved XSOAR command). */
  reserved?: boolean;
  handler(ctx: CommandContext, args: ArgsOf<S>): Promise<HandlerOutcome>;
}

export type AnyCommand = CommandDefinition<ArgsSchema>;

/** Declares a command; commands/index.ts lists every declaration, which is how the registry finds it. */
export function defineCommand<const S extends ArgsSchema>(definition: CommandDefinition<S>): CommandDefinition<S> {
  const defaults = Object.entries(definition.args).filter(([, spec]) => spec.default);
  if (defaults.length > 1) throw new Error(`${definition.name}: at most one argument may be the default argument.`);
  return definition;
}

/** An argument a handler finds wrong beyond its declaration (e.g. two dates in the wrong order): one sentence naming it. */
export { ArgumentError } from './xsoar/args';

/** An error a handler raises on purpose: its message is the sentence shown to the user. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}
