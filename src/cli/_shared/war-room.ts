// Entries printed the way the XSOAR war room shows them: errors on stderr, everything else on stdout.
import type { CliIO } from '../../cli';
import { type Entry, isError } from '../../xsoar/entry';

/** Where a saved file is, for a file entry. */
export type FilePath = (fileId: string) => string;

/** What the war room shows for an entry. */
export function warRoomText(entry: Entry, filePath: FilePath): string {
  if (isError(entry)) return String(entry.Contents);
  if (entry.FileID) return filePath(entry.FileID);
  if (typeof entry.HumanReadable === 'string' && entry.HumanReadable !== '') return entry.HumanReadable;
  return typeof entry.Contents === 'string' ? entry.Contents : JSON.stringify(entry.Contents, null, 2);
}

/** One entry as one or more whole lines, after `before` (e.g. a blank line between entries). */
export function writeEntry(io: CliIO, entry: Entry, filePath: FilePath, before = ''): void {
  const text = warRoomText(entry, filePath);
  (isError(entry) ? io.stderr : io.stdout).write(before + (text.endsWith('\n') ? text : `${text}\n`));
}
