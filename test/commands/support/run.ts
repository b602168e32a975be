// Runs commands the way every front end does: through the registry, with XSOAR-style string arguments.
import pino from 'pino';
import type { Code42Api } from '../../../src/code42/api';
import type { CommandContext } from '../../../src/command';
import { loadConfig } from '../../../src/config';
import { loadCommands, Registry } from '../../../src/registry';
import type { Entry } from '../../../src/xsoar/entry';

export const registry = new Registry(loadCommands());

export function commandContext(code42: Code42Api): CommandContext {
  return {
    code42,
    config: loadConfig({}),
    log: pino({ level: 'silent' }),
    files: { save: () => Promise.reject(new Error('these commands store no files')) },
  };
}

export type Runner = (command: string, args?: Record<string, string>) => Promise<Entry[]>;

export const runnerFor = (code42: Code42Api): Runner => {
  const ctx = commandContext(code42);
  return (command, args = {}) => registry.execute(command, args, ctx);
};

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
