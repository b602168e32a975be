// XSOAR entries (xsoar-conventions §2.1–2.4): what a command hands back to the war room.
import { tableToMarkdown } from './markdown';

export const EntryType = { note: 1, file: 3, error: 4, warning: 11 } as const;

export interface Entry {
  Type: number;
  ContentsFormat: 'json' | 'text' | 'markdown';
  Contents: unknown;
  HumanReadable?: string | null;
  EntryContext?: Record<string, unknown>;
  IndicatorTimeline?: unknown[];
  IgnoreAutoExtract?: boolean;
  Note?: boolean;
  Relationships?: unknown[];
  /** File entries (Type 3) only. */
  File?: string;
  FileID?: string;
}

/** What a handler returns; the registry fills `prefix` and `keyField` from the command's declaration. */
export interface CommandResult {
  title?: string;
  outputs?: Record<string, unknown> | Record<string, unknown>[] | null;
  prefix?: string;
  keyField?: string | string[];
  /** Markdown to show instead of the table built from `outputs`. */
  readable?: string;
  /** Table headers, in order; default: the sorted keys of the first row. */
  headers?: string[];
  /** The Code42 response behind the result; defaults to `outputs`. */
  raw?: unknown;
}

/** A file produced by a command (xsoar-conventions §2.2: `{Type: 3, File, FileID}`). */
export interface FileResult {
  file: { name: string; fileId: string };
  result?: CommandResult;
}

/**
 * One key field's test. A dotted field (`event.id`) first tests each parent (`val.event`): the DT
 * expression runs as JavaScript, where `val.event.id` throws for a stored item that has no `event`.
 */
function keyTest(field: string): string {
  const parts = field.split('.');
  const parents = parts.slice(0, -1).map((_, i) => `val.${parts.slice(0, i + 1).join('.')}`);
  return [...parents, `val.${field} && val.${field} == obj.${field}`].join(' && ');
}

export function contextKey(prefix: string, keyField?: string | string[]): string {
  const keys = keyField === undefined ? [] : Array.isArray(keyField) ? keyField : [keyField];
  if (keys.length === 0) return prefix;
  return `${prefix}(${keys.map(keyTest).join(' && ')})`;
}

const isEmptyOutputs = (o: CommandResult['outputs']): boolean => o === null || o === undefined || (Array.isArray(o) && o.length === 0);

export function resultToEntry(result: CommandResult): Entry {
  const { outputs, prefix, keyField } = result;
  const raw = result.raw === undefined ? outputs ?? null : result.raw;
  let entryContext: Record<string, unknown> | undefined;
  if (!isEmptyOutputs(outputs)) {
    entryContext = prefix ? { [contextKey(prefix, keyField)]: outputs } : (outputs as Record<string, unknown>);
  }
  let humanReadable: string;
  if (result.readable !== undefined) humanReadable = result.readable;
  else if (!isEmptyOutputs(outputs)) humanReadable = tableToMarkdown(result.title ?? 'Results', outputs, { headers: result.headers });
  else humanReadable = result.title ? `### ${result.title}\nNo results found\n` : 'No results found';
  return {
    Type: EntryType.note,
    // Python's isinstance(raw, (str, int)): bool is an int there.
    ContentsFormat: typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? 'text' : 'json',
    Contents: raw,
    HumanReadable: humanReadable,
    EntryContext: entryContext ?? {},
    IndicatorTimeline: [],
    IgnoreAutoExtract: false,
    Note: false,
    Relationships: [],
  };
}

const MAX_ERROR_LENGTH = 50_000;

/** Error entry (Type 4) with one readable message; very long messages are cut as XSOAR does. */
export function errorEntry(message: string): Entry {
  let contents = message;
  if (contents.length > MAX_ERROR_LENGTH) {
    const half = MAX_ERROR_LENGTH / 2;
    contents = `${contents.slice(0, half)}...This error body was truncated...${contents.slice(-half)}`;
  }
  return { Type: EntryType.error, ContentsFormat: 'text', Contents: contents, EntryContext: {} };
}

export function fileEntry(file: FileResult['file']): Entry {
  return { Type: EntryType.file, ContentsFormat: 'text', Contents: '', File: file.name.replace(/\.\.\//g, ''), FileID: file.fileId };
}

export const isError = (entry: Entry): boolean => entry.Type === EntryType.error;
