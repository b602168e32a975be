// How the command suites run commands: as every front end does, through the registry with XSOAR-style string
// arguments — against an in-memory Code42 (test/commands/support/fake-code42.ts) or end to end against the
// simulator on 127.0.0.1 with a real Code42 client — and the checks they make of the entries that come back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Code42Api } from '../../../src/code42/api';
import type { Code42Client } from '../../../src/code42/client';
import type { CommandContext, FileStore } from '../../../src/command';
import { loadConfig } from '../../../src/config';
import { LocalFileStore } from '../../../src/file-store';
import { loadCommands, Registry } from '../../../src/registry';
import { type RunningSimulator, startSimulator } from '../../../src/simulator';
import { type Entry, EntryType } from '../../../src/xsoar/entry';
import { clientFor } from '../../support/simulator';

export const registry = new Registry(loadCommands());

/** What a war room adds to a command run. */
export type WarRoom = Pick<CommandContext, 'incident' | 'context'>;

export type Run = (command: string, args?: Record<string, string>, warRoom?: WarRoom) => Promise<Entry[]>;

/** For runs whose commands store no files: saving one fails the command. */
const NO_FILES: FileStore = {
  save: () => Promise.reject(new Error('these commands store no files')),
  remove: () => Promise.reject(new Error('these commands store no files')),
};

export function runnerFor(code42: Code42Api, files: FileStore = NO_FILES): Run {
  const ctx: CommandContext = { code42, config: loadConfig({}), log: pino({ level: 'silent' }), files };
  return (command, args = {}, warRoom = {}) => registry.execute(command, args, { ...ctx, ...warRoom });
}

export interface Harness {
  files: LocalFileStore;
  runner(code42: Code42Api): Run;
  close(): Promise<void>;
}

/** A file store in a fresh temporary directory, removed on close, and runners that save into it. */
export async function startHarness(): Promise<Harness> {
  const directory = await mkdtemp(join(tmpdir(), 'code42-commands-'));
  const files = new LocalFileStore(directory);
  return {
    files,
    runner: (code42) => runnerFor(code42, files),
    close: () => rm(directory, { recursive: true, force: true }),
  };
}

export interface Simulated {
  sim: RunningSimulator;
  client: Code42Client;
  files: LocalFileStore;
  run: Run;
  close(): Promise<void>;
}

/** The demo simulator and a real client pointed at it, run through the registry with a temporary file store. */
export async function startSimulated(): Promise<Simulated> {
  const sim = await startSimulator();
  // The client's default retries, as the commands run in production.
  const client = clientFor(sim, {});
  const harness = await startHarness();
  return {
    sim,
    client,
    files: harness.files,
    run: harness.runner(client),
    close: async () => {
      await client.close();
      await sim.close();
      await harness.close();
    },
  };
}

/** A fresh simulated Code42 for every test of the suite: the object returned is filled in before each test and closed after it. */
export function simulatedForEachTest(): Simulated {
  const current = {} as Simulated;
  beforeEach(async () => {
    Object.assign(current, await startSimulated());
  });
  afterEach(() => current.close());
  return current;
}

/** The only entry of a run, failing the test when there is not exactly one. */
export function single(entries: Entry[]): Entry {
  if (entries.length !== 1) throw new Error(`expected one entry, got ${entries.length}: ${JSON.stringify(entries)}`);
  return entries[0];
}

/** The context value under the entry's only EntryContext key. */
export function contextValue(entry: Entry): unknown {
  const values = Object.values(entry.EntryContext ?? {});
  if (values.length !== 1) throw new Error(`expected one context key, got ${Object.keys(entry.EntryContext ?? {}).join(', ')}`);
  return values[0];
}

export const failure = (command: string, sentence: string): string => `Failed to execute command ${command} command. Error: ${sentence}`;

export const keyed = (prefix: string, key: string): string => `${prefix}(val.${key} && val.${key} == obj.${key})`;

/** The single success entry of a run, checked for its readable title and its one context key. */
export function expectResult(entries: Entry[], contextKey: string, title: string): unknown {
  const entry = single(entries);
  if (entry.Type !== EntryType.note) throw new Error(`expected a result, got: ${String(entry.Contents)}`);
  expect(entry.HumanReadable?.startsWith(`### ${title}\n`)).toBe(true);
  expect(Object.keys(entry.EntryContext ?? {})).toEqual([contextKey]);
  return entry.EntryContext?.[contextKey];
}

/** The single entry of a run is the error entry with exactly this sentence. */
export function expectError(entries: Entry[], command: string, sentence: string): void {
  expect(single(entries)).toMatchObject({ Type: EntryType.error, Contents: failure(command, sentence), EntryContext: {} });
}

/** The single entry of a run is an empty result reading "No results found". */
export function expectNoResults(entries: Entry[]): void {
  expect(single(entries)).toMatchObject({ Type: EntryType.note, HumanReadable: 'No results found', EntryContext: {} });
}

/** A username no demo tenant has. */
const NOBODY = 'nobody@example.com';

/** One test per command: with `username` unknown (and the other arguments given), it reads "No user found with username <u>.". */
export function testUnknownUsername(s: Simulated, cases: [command: string, otherArgs: Record<string, string>][]): void {
  test.each(cases)('%s: an unknown username reads "No user found with username <u>."', async (command, otherArgs) => {
    expectError(await s.run(command, { username: NOBODY, ...otherArgs }), command, `No user found with username ${NOBODY}.`);
  });
}
