// A simulator on 127.0.0.1 and a real Code42 client pointed at it: commands run end to end over HTTP.
import pino from 'pino';
import { type Code42Client, createCode42Client } from '../../../src/code42/client';
import { type RunningSimulator, startSimulator } from '../../../src/simulator';
import { EntryType, type Entry } from '../../../src/xsoar/entry';
import { failure, runnerFor, single, type Runner } from './run';

export interface Simulated {
  sim: RunningSimulator;
  client: Code42Client;
  run: Runner;
  close(): Promise<void>;
}

export async function startSimulated(): Promise<Simulated> {
  const sim = await startSimulator();
  const client = createCode42Client({
    apiUrl: sim.url,
    consoleUrl: sim.url,
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    logger: pino({ level: 'silent' }),
  });
  return {
    sim,
    client,
    run: runnerFor(client),
    close: async () => {
      await client.close();
      await sim.close();
    },
  };
}

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

export const keyed = (prefix: string, key: string): string => `${prefix}(val.${key} && val.${key} == obj.${key})`;
