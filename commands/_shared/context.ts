// Context rows as the XSOAR Code42 integration writes them: fields with no value are left out
// (commands.md), so a rerun's keyed merge never overwrites a known value with an empty one.
import { isEmptyValue } from '../../src/values';

/** `row` without the fields whose value is undefined, null, "", [] or {}. */
export function compact<T extends Record<string, unknown>>(row: T): Partial<T> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => !isEmptyValue(value))) as Partial<T>;
}
