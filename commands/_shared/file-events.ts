// Code42 v2 file events in the war room: the table an analyst scans (time, user, action, file, path,
// hash, device, destination, risk score — one row per event, no raw JSON in cells), de-duplication by
// `event.id`, and the context form of an event.
import type { FileEvent } from '../../src/code42/api';
import type { OutputField } from '../../src/command';
import { tableToMarkdown } from '../../src/xsoar/markdown';
import { isObject } from '../../src/values';
import { compact } from './context';

/** Seed 003's Code42.FileEvents outputs, plus the other top-level fields of a v2 file event (the SDK's FileEventV2). */
export const FILE_EVENT_FIELDS = {
  timestamp: { type: 'Date', description: 'The timestamp when the event occurred.' },
  '@timestamp': { type: 'Date', description: 'The timestamp when the event occurred, under the name Code42 gives it.' },
  event: { type: 'Unknown', description: 'Summary information about the event, including date observed, event type, and event source.' },
  user: { type: 'Unknown', description: 'Details about the user associated with the event (if any).' },
  destination: { type: 'Unknown', description: 'Details about the destination target of the event (if any).' },
  process: { type: 'Unknown', description: 'Details about the CPU process involved in the event (if any).' },
  risk: { type: 'Unknown', description: 'Details overall risk severity for the event and lists all associated risk indicators.' },
  git: { type: 'Unknown', description: 'Details about git repository involved in event (if any).' },
  report: { type: 'Unknown', description: 'Details about Salesforce reports involved in the event (if any).' },
  file: { type: 'Unknown', description: 'Details about file metadata for file involved in the event (if any).' },
  source: { type: 'Unknown', description: 'Info about the origin of a file involved in the event (if any).' },
  responseControls: { type: 'Unknown', description: 'The response controls Code42 applied to the event (if any).' },
} satisfies Record<string, OutputField>;

/** The value at a dotted path of a JSON object; undefined when any step is missing. */
export function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => (isObject(current) ? current[key] : undefined), value);
}

/** The event's `event.id`, when it has one. */
export function fileEventId(event: unknown): string | undefined {
  const id = at(event, 'event.id');
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

/** The first of these paths with a value, as text. */
function first(event: unknown, ...paths: string[]): string | undefined {
  for (const path of paths) {
    const value = at(event, path);
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value) && value.length) return value.map(String).join(', ');
  }
  return undefined;
}

const ANALYST_HEADERS = ['Time', 'User', 'Action', 'File', 'Path', 'Hash', 'Device', 'Destination', 'Risk Score'];

/** One row of what an analyst scans: where a field is missing, the next best field that says the same. */
const analystRow = (event: unknown) =>
  compact({
    Time: first(event, '@timestamp', 'timestamp', 'event.inserted'),
    User: first(event, 'user.email', 'user.id'),
    Action: first(event, 'event.action'),
    File: first(event, 'file.name'),
    Path: first(event, 'file.directory', 'file.url'),
    Hash: first(event, 'file.hash.sha256', 'file.hash.md5'),
    Device: first(event, 'source.name', 'source.domain', 'source.ip'),
    Destination: first(event, 'destination.name', 'destination.category', 'destination.email.recipients', 'destination.domains'),
    'Risk Score': first(event, 'risk.score'),
  });

/** The markdown table of the events: one row each, the analyst's columns in order, empty columns left out. */
export function fileEventsTable(title: string, events: readonly unknown[]): string {
  return tableToMarkdown(title, events.filter(isObject).map(analystRow), { headers: ANALYST_HEADERS, removeNull: true });
}
