// The simulator harness of test/commands, plus what the commands of this suite also need: a file store in
// a temporary directory (download-file) and the incident and context of the war room (file-events-table).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Code42Api } from '../../src/code42/api';
import type { CommandContext } from '../../src/command';
import { LocalFileStore } from '../../src/file-store';
import type { Entry } from '../../src/xsoar/entry';
import { commandContext, registry } from '../commands/support/run';
import { type Simulated, startSimulated } from '../commands/support/simulated';

export { expectError, expectNoResults, expectResult, keyed } from '../commands/support/simulated';
export { contextValue, failure, single } from '../commands/support/run';

/** What a war room adds to a command run. */
export type WarRoom = Pick<CommandContext, 'incident' | 'context'>;

export type Run = (command: string, args?: Record<string, string>, warRoom?: WarRoom) => Promise<Entry[]>;

export interface Harness {
  files: LocalFileStore;
  runner(code42: Code42Api): Run;
  close(): Promise<void>;
}

/** A file store in a fresh temporary directory, removed on close. */
export async function startHarness(): Promise<Harness> {
  const directory = await mkdtemp(join(tmpdir(), 'code42-commands2-'));
  const files = new LocalFileStore(directory);
  return {
    files,
    runner: (code42) => (command, args = {}, warRoom = {}) => registry.execute(command, args, { ...commandContext(code42), files, ...warRoom }),
    close: () => rm(directory, { recursive: true, force: true }),
  };
}

export interface SimulatedHarness extends Simulated {
  harness: Harness;
  run: Run;
}

/** The demo simulator with a real client, run through the registry with a temporary file store. */
export async function startSimulatedHarness(): Promise<SimulatedHarness> {
  const simulated = await startSimulated();
  const harness = await startHarness();
  return {
    ...simulated,
    harness,
    run: harness.runner(simulated.client),
    close: async () => {
      await simulated.close();
      await harness.close();
    },
  };
}
