// The scheduler's checkpoint on disk: the lastRun object as JSON, replaced atomically after each delivery.
import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from './atomic-file';
import type { LastRun } from './last-run';

export const DEFAULT_STATE_FILE = 'data/fetch-state.json';

export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateFileError';
  }
}

/** The saved lastRun; `{}` (a first run) when the file does not exist yet. */
export async function readLastRunFile(file: string): Promise<LastRun> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new StateFileError(`Cannot read the fetch state file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StateFileError(`The fetch state file ${file} does not hold a JSON object; restore it, or delete it to start again from first_fetch.`);
  }
  return parsed as LastRun;
}

export async function writeLastRunFile(file: string, lastRun: LastRun): Promise<void> {
  try {
    await writeFileAtomically(file, `${JSON.stringify(lastRun)}\n`);
  } catch (error) {
    throw new StateFileError(`Cannot save the fetch state file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}
