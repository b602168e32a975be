// One fetch run at a time per state file, across processes: `npm start` and `code42-soar fetch` default to
// the same data/ files, and two runs reading the same checkpoint would deliver the same alerts twice.
// The lock is a file created exclusively next to the state file, holding the owner's pid. A lock whose
// owner is gone (a crash) is taken over; one held by a live process makes this run fail with one sentence,
// leaving the checkpoint untouched.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StateFileError } from './state-file';

/** Lock files this process holds now: the same pid in a lock file may also be a crashed run's (pid reuse). */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holderOf(lockFile: string): Promise<number | undefined> {
  const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function acquire(lockFile: string, stateFile: string): Promise<void> {
  await mkdir(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      heldHere.add(lockFile);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new StateFileError(`Cannot lock the fetch state file ${stateFile}: ${code ?? (error as Error).message}.`);
    }
    const holder = await holderOf(lockFile);
    const busy = heldHere.has(lockFile) || (holder !== undefined && holder !== process.pid && isAlive(holder));
    if (busy) {
      throw new StateFileError(
        `Another fetch run${holder && holder !== process.pid ? ` (process ${holder})` : ''} is using ${stateFile}; one fetcher per state file — stop the other one or give this one its own --state and --sink.`,
      );
    }
    await rm(lockFile, { force: true });
  }
  throw new StateFileError(`Cannot lock the fetch state file ${stateFile}: another process keeps taking the lock.`);
}

/** Runs `fn` holding the run lock of `stateFile`. */
export async function withRunLock<T>(stateFile: string, fn: () => Promise<T>): Promise<T> {
  const lockFile = `${stateFile}.lock`;
  await acquire(lockFile, stateFile);
  try {
    return await fn();
  } finally {
    heldHere.delete(lockFile);
    await rm(lockFile, { force: true });
  }
}
