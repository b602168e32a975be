// Code42 v2 file events in the war room: one table row per event whose nested objects are flattened into
// `**a.b:** value` lines (as the XSOAR Code42 integration renders them), de-duplication by `event.id`, and
// the context form of an event.
import type { FileEvent } from '../../src/code42/api';
import { tableToMarkdown } from '../../src/xsoar/markdown';
import { compact } from './context';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The event's `event.id`, when it has one. */
export function fileEventId(event: unknown): string | undefined {
  if (!isObject(event) || !isObject(event.event)) return undefined;
  const id = event.event.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The events without repeats of an `event.id`, first occurrence kept; events without an id are all kept. */
export function distinctFileEvents<T>(events: readonly T[]): T[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    const id = fileEventId(event);
    if (id === undefined) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * The event as it goes to context: plus `timestamp` (a copy of `@timestamp`), the path seed 003 documents as
 * `Code42.FileEvents.timestamp`, and without the output fields Code42 left empty (`git: null`...), which
 * commands.md leaves out of context. Nested objects stay as Code42 sent them.
 */
export function fileEventContext(event: FileEvent): FileEvent {
  return compact('@timestamp' in event ? { ...event, timestamp: event['@timestamp'] } : event) as FileEvent;
}

/** A value worth a line. Like the incumbent, null, "", false and empty collections say nothing; 0 is a real score. */
const says = (value: unknown): boolean =>
  value !== null && value !== undefined && value !== '' && value !== false && !(Array.isArray(value) && value.length === 0) && !(isObject(value) && Object.keys(value).length === 0);

const bullets = (items: readonly unknown[]): string => items.map((item) => `• ${typeof item === 'string' ? item : JSON.stringify(item)}`).join('\n');

/** `**a.b:** value` lines for every leaf of the object; a list starts on its own line as bullets. */
function flatten(object: JsonObject, path = ''): string[] {
  return Object.entries(object).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    if (isObject(value)) return flatten(value, at);
    if (!says(value)) return [];
    return [`**${at}:** ${Array.isArray(value) ? `\n${bullets(value)}` : String(value)}`];
  });
}

function cell(value: unknown): string | undefined {
  if (!says(value)) return undefined;
  if (isObject(value)) return flatten(value).join('\n') || undefined;
  if (Array.isArray(value)) return bullets(value);
  return String(value);
}

function row(event: JsonObject): JsonObject {
  const cells: JsonObject = {};
  for (const [key, value] of Object.entries(event)) {
    // The context copy of @timestamp would only repeat it.
    if (key === 'timestamp' && '@timestamp' in event) continue;
    const text = cell(value);
    if (text !== undefined) cells[key] = text;
  }
  return cells;
}

/** The markdown table of the events: one row each, columns in the events' own field order. */
export function fileEventsTable(title: string, events: readonly unknown[]): string {
  const rows = events.filter(isObject).map(row);
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return tableToMarkdown(title, rows, { headers, removeNull: true });
}
