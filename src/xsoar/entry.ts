// XSOAR entries (xsoar-conventions §2.1–2.4): what a command hands back to the war room.
import { member } from '../playbooks/dt-expression';
import { readPath } from '../playbooks/dt-path';
import type { ContextExtension } from './args';
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
  /** More prefixes the outputs are also written under, with the same key. */
  alsoUnder?: string[];
  /** Markdown to show instead of the table built from `outputs`. */
  readable?: string;
  /** Table headers, in order; default: the sorted keys of the first row. */
  headers?: string[];
  /** A sentence shown between the title and the table (e.g. "User x was already on the list; nothing changed."). */
  metadata?: string;
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
    entryContext = prefix
      ? Object.fromEntries([prefix, ...(result.alsoUnder ?? [])].map((p) => [contextKey(p, keyField), outputs]))
      : (outputs as Record<string, unknown>);
  }
  let humanReadable: string;
  if (result.readable !== undefined) humanReadable = result.readable;
  else if (!isEmptyOutputs(outputs)) humanReadable = tableToMarkdown(result.title ?? 'Results', outputs, { headers: result.headers, metadata: result.metadata });
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

/** What the platform arguments ignore-outputs, extend-context and raw-response change in the entries. */
export interface EntryShaping {
  ignoreOutputs: boolean;
  extendContext: ContextExtension[];
  rawResponse: boolean;
}

/**
 * The value an extend-context path names in a raw response. The path is read from the response root
 * (`.state` -> `state`); a path that starts at `Contents` reads the same response, as playbooks written
 * against the entry (`.Contents.data`) expect.
 */
function extensionValue(raw: unknown, path: string): unknown {
  if (path === '') return raw;
  const direct = readPath(raw, path);
  if (direct !== undefined || !/^Contents(\.|\[|$)/.test(path) || member(raw, 'Contents') !== undefined) return direct;
  const rest = path.slice('Contents'.length).replace(/^\./, '');
  return rest === '' ? raw : readPath(raw, rest);
}

/**
 * Applies XSOAR's output-shaping platform arguments to the entries of one successful run: results only,
 * files and errors pass unchanged. extend-context keys are added even when ignore-outputs drops the rest.
 */
export function shapeEntries(entries: Entry[], shaping: EntryShaping): Entry[] {
  return entries.map((entry) => {
    if (entry.Type !== EntryType.note) return entry;
    const extended = Object.fromEntries(
      shaping.extendContext.map(({ key, path }) => [key, extensionValue(entry.Contents, path)] as const).filter(([, value]) => value !== undefined),
    );
    const context = { ...(shaping.ignoreOutputs ? {} : entry.EntryContext), ...extended };
    // raw-response: the war room renders Contents when there is no HumanReadable, as XSOAR shows it.
    return { ...entry, EntryContext: context, ...(shaping.rawResponse ? { HumanReadable: null } : {}) };
  });
}
