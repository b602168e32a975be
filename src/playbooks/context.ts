// The investigation context and how entries write to it, as XSOAR merges EntryContext (xsoar-conventions
// §2.4): `Prefix(selector)` updates the existing items the selector matches (else appends), `Parent(true)`
// therefore overwrites, and a plain key accumulates (a single value becomes a list).
import { holds } from './dt-expression';
import { balanced, toList, unwrap } from './dt-path';
import { isObject } from '../values';
import { PlaybookError } from './types';

export type Context = Record<string, unknown>;

interface ContextKey {
  path: string[];
  selector?: string;
}

// Writing these would reach an object's prototype rather than a context value.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function parseContextKey(key: string): ContextKey {
  const open = key.indexOf('(');
  const pathText = open < 0 ? key : key.slice(0, open);
  const path = pathText.split('.').map((segment) => segment.trim());
  if (path.some((segment) => segment === '')) throw new PlaybookError(`The context key "${key}" has an empty segment.`);
  if (path.some((segment) => FORBIDDEN.has(segment))) throw new PlaybookError(`The context key "${key}" uses a reserved name.`);
  if (open < 0) return { path };
  const { inside, end } = balanced(key, open);
  if (end !== key.length) throw new PlaybookError(`The context key "${key}" has text after its selector.`);
  return { path, selector: inside };
}

/** The object that holds the last segment of `path`, created on the way when `create` is set. */
function parentOf(context: Context, key: string, path: string[], create: boolean): Record<string, unknown> | undefined {
  let node: Record<string, unknown> = context;
  for (const segment of path.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
    if (next === undefined && create) node[segment] = {};
    else if (next === undefined) return undefined;
    else if (!isObject(next)) throw new PlaybookError(`Cannot write the context key "${key}": "${segment}" already holds a value that is not an object.`);
    node = node[segment] as Record<string, unknown>;
  }
  return node;
}

function mergeKeyed(existing: unknown, incoming: unknown, selector: string): unknown[] {
  const items = [...toList(existing)];
  for (const obj of toList(incoming)) {
    let matched = false;
    items.forEach((val, index) => {
      if (!holds(selector, { val, obj })) return;
      items[index] = isObject(val) && isObject(obj) ? { ...val, ...obj } : obj;
      matched = true;
    });
    if (!matched) items.push(obj);
  }
  return items;
}

function merge(context: Context, key: string, incoming: unknown): void {
  const { path, selector } = parseContextKey(key);
  const parent = parentOf(context, key, path, true)!;
  const leaf = path[path.length - 1];
  const existing = Object.prototype.hasOwnProperty.call(parent, leaf) ? parent[leaf] : undefined;
  if (selector !== undefined) {
    const items = mergeKeyed(existing, incoming, selector);
    if (items.length) parent[leaf] = unwrap(items);
  } else {
    parent[leaf] = existing === undefined ? incoming : [...toList(existing), ...toList(incoming)];
  }
}

/** Merges one entry's EntryContext into the context (values are copied, never shared with the entry). */
export function mergeEntryContext(context: Context, entryContext: Record<string, unknown> | undefined): void {
  for (const [key, value] of Object.entries(entryContext ?? {})) {
    if (value !== undefined) merge(context, key, structuredClone(value));
  }
}

/** What the Set automation does: overwrite the key, or with `append` add to what is there. */
export function setContextValue(context: Context, key: string, value: unknown, append: boolean): void {
  if (append) {
    merge(context, key, structuredClone(value));
    return;
  }
  const { path, selector } = parseContextKey(key);
  if (selector !== undefined) throw new PlaybookError(`Set cannot write the key "${key}": a key with a selector can only be appended to.`);
  parentOf(context, key, path, true)![path[path.length - 1]] = structuredClone(value);
}

/** What DeleteContext does for one key; an absent key is not an error. */
export function deleteContextValue(context: Context, key: string): void {
  const { path } = parseContextKey(key);
  const parent = parentOf(context, key, path, false);
  if (parent) delete parent[path[path.length - 1]];
}
