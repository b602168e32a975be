// Reading context paths the way XSOAR's DT does (xsoar-conventions §2.4): `Code42.SecurityAlert.ID` maps
// over lists, `Path(val.State == 'OPEN')` keeps the items a selector accepts, `.[0]` / `.[0:2]` index and
// slice, `.[]` takes each item and a final `=<expression>` builds a value from each (`.[]={"id": val.id}`)
// or from the whole (`.=val.length`) — as extend-context paths write them — and a result of one item is
// that item.
import { checkExpression, holds, member, valueOf } from './dt-expression';
import { PlaybookError } from './types';

export type Step =
  | { kind: 'key'; name: string; filter?: string }
  | { kind: 'index'; index: number }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'each' }
  | { kind: 'transform'; expression: string };

/**
 * The index of the first character from `from` on that `stops` accepts, told how deep in parentheses it
 * stands; quoted text ('…' or "…", backslash escapes inside) is passed over. -1 when there is none.
 */
export function findUnquoted(text: string, from: number, stops: (ch: string, depth: number) => boolean): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (stops(ch, depth)) return i;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
  }
  return -1;
}

/** The text from `open` (a `(`) to its matching `)`, quotes respected; returns the inside and the end. */
export function balanced(text: string, open: number): { inside: string; end: number } {
  const close = findUnquoted(text, open, (ch, depth) => ch === ')' && depth === 1);
  if (close < 0) throw new PlaybookError(`Cannot read the context path "${text}": a parenthesis is not closed.`);
  return { inside: text.slice(open + 1, close), end: close + 1 };
}

function indexStep(path: string, inside: string): Step {
  if (inside.trim() === '') return { kind: 'each' };
  const slice = /^\s*(-?\d*)\s*:\s*(-?\d*)\s*$/.exec(inside);
  if (slice) {
    return { kind: 'slice', start: slice[1] === '' ? undefined : Number(slice[1]), end: slice[2] === '' ? undefined : Number(slice[2]) };
  }
  if (/^\s*-?\d+\s*$/.test(inside)) return { kind: 'index', index: Number(inside) };
  throw new PlaybookError(`Cannot read the context path "${path}": [${inside}] is not an index or a slice.`);
}

const parsedPaths = new Map<string, Step[]>();

export function parsePath(path: string): Step[] {
  const cached = parsedPaths.get(path);
  if (cached) return cached;
  const steps: Step[] = [];
  let name = '';
  let filter: string | undefined;
  const flush = () => {
    const trimmed = name.trim();
    if (trimmed !== '' || filter !== undefined) steps.push({ kind: 'key', name: trimmed, ...(filter !== undefined ? { filter } : {}) });
    name = '';
    filter = undefined;
  };
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch === '.') {
      flush();
    } else if (ch === '(') {
      const { inside, end } = balanced(path, i);
      filter = inside;
      i = end - 1;
    } else if (ch === '[') {
      flush();
      const close = path.indexOf(']', i);
      if (close < 0) throw new PlaybookError(`Cannot read the context path "${path}": a bracket is not closed.`);
      steps.push(indexStep(path, path.slice(i + 1, close)));
      i = close;
    } else if (ch === '=' && name.trim() === '' && filter === undefined) {
      // The rest is the expression that builds the value; checked now, so a bad one fails before any read.
      const expression = path.slice(i + 1);
      checkExpression(expression);
      steps.push({ kind: 'transform', expression });
      break;
    } else if (filter !== undefined) {
      throw new PlaybookError(`Cannot read the context path "${path}": a selector must end its segment.`);
    } else {
      name += ch;
    }
  }
  flush();
  if (steps.length === 0) throw new PlaybookError('A context path is empty.');
  parsedPaths.set(path, steps);
  return steps;
}

/** How a value reads as text in templates and comparisons: objects as JSON, nothing as "". */
export const asText = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** A value as one argument string: list items comma-joined, as XSOAR passes a list to a text argument. */
export const joinedText = (value: unknown): string => (Array.isArray(value) ? value.map(asText).join(',') : asText(value));

export const toList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** `name` of every item of a list (lists found there are flattened), or of a single object. */
function readKey(value: unknown, name: string): unknown {
  if (name === '') return value;
  if (!Array.isArray(value)) return member(value, name);
  const found = value.flatMap((item) => {
    const inner = member(item, name);
    return inner === undefined ? [] : Array.isArray(inner) ? inner : [inner];
  });
  return found.length ? found : undefined;
}

/** One step of the kinds that read (not `[]` and `=`, which readPath applies itself). */
function applyStep(value: unknown, step: Exclude<Step, { kind: 'each' | 'transform' }>): unknown {
  if (step.kind === 'index') {
    const list = toList(value);
    return list[step.index < 0 ? list.length + step.index : step.index];
  }
  if (step.kind === 'slice') {
    const sliced = toList(value).slice(step.start, step.end);
    return sliced.length ? sliced : undefined;
  }
  const found = readKey(value, step.name);
  if (step.filter === undefined) return found;
  const expression = step.filter;
  const kept = toList(found).filter((item) => holds(expression, { val: item }));
  return kept.length ? kept : undefined;
}

/** A one-item list reads as its item, as XSOAR's DT answers. */
export const unwrap = (value: unknown): unknown => (Array.isArray(value) && value.length === 1 ? value[0] : value);

/** The value at `path` under `root`, or undefined. */
export function readPath(root: unknown, path: string): unknown {
  let value = root;
  // After `[]` a transform builds one value per item rather than one from the whole.
  let each = false;
  for (const step of parsePath(path)) {
    if (value === undefined) return undefined;
    if (step.kind === 'each') {
      each = true;
      value = toList(value);
    } else if (step.kind === 'transform') {
      value = each ? toList(value).map((item) => valueOf(step.expression, { val: item })) : valueOf(step.expression, { val: value });
    } else value = applyStep(value, step);
  }
  return unwrap(value);
}
