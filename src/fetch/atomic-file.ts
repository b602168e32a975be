// Whole-file replacement that a crash cannot tear: write a temporary sibling, fsync it, rename it over the
// target (atomic on POSIX file systems), then fsync the directory so the rename itself is durable. A reader
// sees the old content or the new, never a mixture.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a directory (Windows: EPERM/EISDIR); the rename is still atomic there.
  } finally {
    await handle.close();
  }
}

const temporaryPrefix = (file: string): string => `.${basename(file)}.`;
const TEMPORARY_SUFFIX = '.tmp';

/**
 * Deletes the temporary siblings of `file` a killed writer left behind. Call it only while holding the lock
 * that serializes writers of `file`: then no temporary sibling belongs to a live writer.
 */
export async function removeOrphans(file: string): Promise<string[]> {
  const directory = dirname(file);
  const prefix = temporaryPrefix(file);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const orphans = names.filter((name) => name.startsWith(prefix) && name.endsWith(TEMPORARY_SUFFIX) && /^\d+\.[0-9a-f]+$/.test(name.slice(prefix.length, -TEMPORARY_SUFFIX.length)));
  await Promise.all(orphans.map((name) => rm(join(directory, name), { force: true })));
  return orphans;
}

export async function writeFileAtomically(file: string, data: string): Promise<void> {
  const directory = dirname(file);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `${temporaryPrefix(file)}${process.pid}.${randomBytes(4).toString('hex')}${TEMPORARY_SUFFIX}`);
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}
