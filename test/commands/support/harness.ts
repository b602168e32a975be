// How the command suites run commands: as every front end does, through the registry with XSOAR-style string
// arguments, end to end against the simulator on 127.0.0.1 with a real Code42 client — and the checks they
// make of the entries that come back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type CommandContext, type CommandSettings, DEFAULT_SETTINGS } from '../../../src/command';
import { LocalFileStore } from '../../../src/file-store';
import { getRegistry } from '../../../src/registry';
import { type Entry, EntryType } from '../../../src/xsoar/entry';
import { type UseSimulatedOptions, useSimulated, type Simulated } from '../../support/simulator';

export const registry = getRegistry();

/** What a war room adds to a command run. */
export type WarRoom = Pick<CommandContext, 'incident' | 'context'>;

export type Run = (command: string, args?: Record<string, string>, warRoom?: WarRoom) => Promise<Entry[]>;

export interface Commands extends Simulated {
  files: LocalFileStore;
  run: Run;
}

/**
 * The simulator (per suite or per test), a file store in a temporary directory, and `run`, which executes a
 * command through the registry against it. Read the fields inside tests.
 */
export function useCommands(options: UseSimulatedOptions & { settings?: Partial<CommandSettings> } = {}): Commands {
  const { settings, ...simulated } = options;
  const s = useSimulated(simulated);
  let directory: string | undefined;
  let files: LocalFileStore | undefined;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'code42-commands-'));
    files = new LocalFileStore(directory);
  });
  afterAll(() => (directory ? rm(directory, { recursive: true, force: true }) : undefined));
  const log = pino({ level: 'silent' });
  return {
    get sim() {
      return s.sim;
    },
    get client() {
      return s.client;
    },
    get files() {
      if (!files) throw new Error('The file store is not open: read it inside a test.');
      return files;
    },
    async run(command, args = {}, warRoom = {}) {
      const ctx: CommandContext = { code42: s.client, log, files: this.files, settings: { ...DEFAULT_SETTINGS, ...settings }, ...warRoom };
      const entries = await registry.execute(command, args, ctx);
      if (!PLATFORM_SHAPING.some((name) => name in args)) expectDeclaredOutputs(command, entries);
      return entries;
    },
  };
}

/** Platform arguments that change the context a command writes (extend-context adds undeclared keys). */
export const PLATFORM_SHAPING = ['extend-context', 'ignore-outputs'];

/**
 * Every context row a command writes uses only the fields its declaration lists (under its prefix or an
 * `alsoUnder` one): integration.yml and the README are generated from that declaration, so a field written
 * but not declared would be undocumented. Checked on every run of every e2e suite.
 */
export function expectDeclaredOutputs(command: string, entries: Entry[]): void {
  const outputs = registry.get(command).definition.outputs;
  const declared = new Set(Object.keys(outputs?.fields ?? {}).map((field) => field.split('.')[0]));
  const prefixes = outputs ? [outputs.prefix, ...(outputs.alsoUnder ?? [])] : [];
  for (const entry of entries) {
    for (const [key, value] of Object.entries(entry.EntryContext ?? {})) {
      expect({ command, key, declared: prefixes.some((p) => key === p || key.startsWith(`${p}(`)) }).toEqual({ command, key, declared: true });
      const rows = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
      const undeclared = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((field) => !declared.has(field));
      expect({ command, undeclared }).toEqual({ command, undeclared: [] });
    }
  }
}

/** The only entry of a run, failing the test when there is not exactly one. */
export function single(entries: Entry[]): Entry {
  if (entries.length !== 1) throw new Error(`expected one entry, got ${entries.length}: ${JSON.stringify(entries).slice(0, 2000)}`);
  return entries[0];
}

export const failure = (command: string, sentence: string): string => `Failed to execute command ${command} command. Error: ${sentence}`;

export const keyed = (prefix: string, ...keys: string[]): string => `${prefix}(${keys.map((k) => `val.${k} && val.${k} == obj.${k}`).join(' && ')})`;

/** The single success entry of a run, checked for its readable title and its one context key; returns the context value. */
export function expectResult(entries: Entry[], contextKey: string, title: string): unknown {
  const entry = single(entries);
  if (entry.Type !== EntryType.note) throw new Error(`expected a result, got: ${String(entry.Contents)}`);
  expect(entry.HumanReadable?.startsWith(`### ${title}\n`)).toBe(true);
  expect(Object.keys(entry.EntryContext ?? {})).toEqual([contextKey]);
  return entry.EntryContext?.[contextKey];
}

/** As expectResult, and the sentence under the title says the change already held. */
export function expectAlreadyHeld(entries: Entry[], contextKey: string, title: string, sentence: string): unknown {
  const value = expectResult(entries, contextKey, title);
  expect(single(entries).HumanReadable).toMatch(new RegExp(`^### ${escape(title)}\\n${escape(sentence)}\\n\\|`));
  return value;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The single entry of a run is the error entry with exactly this sentence. */
export function expectError(entries: Entry[], command: string, sentence: string): void {
  expect(single(entries)).toMatchObject({ Type: EntryType.error, Contents: failure(command, sentence), EntryContext: {} });
}

/** The single entry of a run is an empty result reading "No results found". */
export function expectNoResults(entries: Entry[]): void {
  expect(single(entries)).toMatchObject({ Type: EntryType.note, HumanReadable: 'No results found', EntryContext: {} });
}

/** A username no demo tenant has. */
export const NOBODY = 'nobody@example.com';
