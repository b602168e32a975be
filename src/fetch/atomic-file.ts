// Whole-file replacement that a crash cannot tear: write a temporary sibling, fsync it, rename it over the
// target (atomic on POSIX file systems), then fsync the directory so the rename itself is durable. A reader
// sees the old content or the new, never a mixture.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
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

export async function writeFileAtomically(file: string, data: string): Promise<void> {
  const directory = dirname(file);
  await mkdir(directory, { recursive: true });
  const temporary = join(directory, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
