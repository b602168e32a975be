// Argument and operand values (xsoar-conventions §4.5–4.6): `{simple}` literals with `${...}` templates,
// `{complex: {root, accessor, filters, transformers}}`, and condition branches, all read through a Scope.
import { findUnquoted, joinedText, readPath, toList, unwrap } from './dt-path';
import { groupsHold } from './operators';
import { transform } from './transformers';
import { type ArgValue, type ComplexValue, type ConditionBranch, DEFAULT, type Operand } from './types';

/** What a playbook can read: the context, `inputs.X` and `incident.x`. */
export interface Scope {
  read(path: string): unknown;
}

/** Finds the `}` that closes the `${` at `start`, skipping quoted text and selectors. */
const templateEnd = (text: string, start: number): number => findUnquoted(text, start + 2, (ch, depth) => ch === '}' && depth <= 0);

/**
 * A `simple` string: exactly one `${path}` gives the value itself (a list stays a list); templates inside
 * other text are replaced by their text, and one that reads nothing by "".
 */
export function resolveTemplate(text: string, scope: Scope): unknown {
  const parts: (string | { path: string })[] = [];
  let position = 0;
  while (position < text.length) {
    const start = text.indexOf('${', position);
    const end = start < 0 ? -1 : templateEnd(text, start);
    if (end < 0) {
      parts.push(text.slice(position));
      break;
    }
    if (start > position) parts.push(text.slice(position, start));
    parts.push({ path: text.slice(start + 2, end).trim() });
    position = end + 1;
  }
  if (parts.length === 1 && typeof parts[0] !== 'string') return scope.read(parts[0].path);
  return parts.map((part) => (typeof part === 'string' ? part : joinedText(scope.read(part.path)))).join('');
}

const isUnset = (value: ArgValue | null | undefined): boolean =>
  value === null || value === undefined || (value.complex === undefined && (value.simple === undefined || value.simple === null));

/** An operand or argument value; `iscontext` turns a `simple` string into a path to read. */
export function resolveValue(value: ArgValue | null | undefined, scope: Scope, iscontext = false): unknown {
  if (isUnset(value)) return undefined;
  if (value!.complex !== undefined) return resolveComplex(value!.complex, scope);
  const simple = String(value!.simple);
  if (iscontext && !simple.includes('${')) return scope.read(simple.trim());
  return resolveTemplate(simple, scope);
}

export const resolveOperand = (operand: Operand | null | undefined, scope: Scope): unknown => (operand ? resolveValue(operand.value, scope, operand.iscontext === true) : undefined);

/**
 * A filter operand as XSOAR writes it: `Root.Field` (or `Field`) is read from the item being filtered,
 * anything else (`inputs.X`, another key) from the whole context.
 */
function itemScope(item: unknown, root: string, scope: Scope): Scope {
  return {
    read(path) {
      if (path === root) return item;
      if (path.startsWith(`${root}.`)) return readPath(item, path.slice(root.length + 1));
      const own = readPath(item, path);
      return own === undefined ? scope.read(path) : own;
    },
  };
}

export function resolveComplex(complex: ComplexValue, scope: Scope): unknown {
  let value = scope.read(complex.root);
  if (complex.filters?.length && value !== undefined) {
    const filters = complex.filters;
    const kept = toList(value).filter((item) => groupsHold(filters, (operand) => resolveOperand(operand, itemScope(item, complex.root, scope))));
    value = kept.length ? unwrap(kept) : undefined;
  }
  if (complex.accessor && value !== undefined) value = readPath(value, complex.accessor);
  for (const transformer of complex.transformers ?? []) {
    const args = Object.fromEntries(Object.entries(transformer.args ?? {}).map(([name, operand]) => [name, resolveOperand(operand, scope)]));
    value = transform(transformer.operator, value, args);
  }
  return value;
}

/** A task's arguments; one that resolves to nothing is left out, as an unset optional argument is. */
export function resolveArguments(scriptarguments: Record<string, ArgValue | null> | null | undefined, scope: Scope): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(scriptarguments ?? {})) {
    const result = resolveValue(value, scope);
    if (result !== undefined && result !== null) resolved[name] = result;
  }
  return resolved;
}

/** The label of the first branch whose condition holds, else `#default#`. */
export function chooseBranch(conditions: readonly ConditionBranch[], scope: Scope): string {
  const branch = conditions.find((candidate) => groupsHold(candidate.condition ?? [], (operand) => resolveOperand(operand, scope)));
  return branch ? branch.label : DEFAULT;
}
