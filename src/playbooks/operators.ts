// Condition and filter operators (xsoar-conventions §4.6), one declaration each, by the names playbook YAML
// writes (`operator: isEqualString`; `ignorecase: true` beside it). The names are those demisto-sdk lists
// as server filters (demisto_sdk/commands/content_graph/common.py: SERVER_CONTENT_ITEMS); the semantics are
// XSOAR's "Filter operators" / "Built-in filters" documentation (Cortex XSOAR 6.x Playbook Design Guide):
// - "If the filter's left-side value expects a single item, but receives a list, the filter passes if at
//   least one item meets the requirements" — so every item-wise operator, negative ones included, is asked
//   of each item: ['a', 'b'] isNotEqualString 'a' holds, because 'b' is not 'a'.
// - "If the filter's left-side value expects a list, but receives a single item, it converts it to a list
//   with a single item" — containsGeneral, hasLength and the existence/emptiness tests take the whole value.
// - "Filters try to cast the transformed value and arguments to the appropriate type": a missing left value
//   reads as "" for the string operators and is no number, date or boolean for the others.
// The documentation does not say how a list on the RIGHT of an item-wise operator is read; here the
// comparison holds when it holds for some right item, so `isEqualString` against a list means "is one of".
import { isEmptyValue, shown } from '../values';
import { asText, toList } from './dt-path';
import { epochMs, instantOf, readDate } from './transformers/dates';
import { compileRegex } from './transformers/regex';
import { type Comparison, type Operand, PlaybookError } from './types';

type Test = (left: unknown, right: unknown, ignoreCase: boolean) => boolean;

interface OperatorSpec {
  /** 'item': asked of each left item against each right item; 'whole': of the whole values. */
  over: 'item' | 'whole';
  test: Test;
}

const text = (value: unknown, ignoreCase: boolean): string => (ignoreCase ? asText(value).toLowerCase() : asText(value));

/** Thrown inside a string test; applyOperator turns it into a sentence naming the operator. */
class NotText extends Error {
  constructor(readonly value: unknown) {
    super('not text');
  }
}

/** An item as text for a string operator: an object is none ("“a” Equals {“some”: “object”} => Error"). */
function stringOf(value: unknown, ignoreCase: boolean): string {
  if (typeof value === 'object' && value !== null) throw new NotText(value);
  return text(value, ignoreCase);
}

const isMissing = (value: unknown): boolean => value === undefined || value === null;

/** A number, or numeric text ("3", " 2.5 "); anything else is NaN. */
const numberOf = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN);

/**
 * A moment in ms: an epoch number (or numeric text; seconds below 10^10, else ms) or a date text in any
 * format readDate knows (the Go layouts the documentation lists among them); a date without an offset is UTC.
 * Numeric dates are read month first (01/02/2019 is 2 January), as Go's and American layouts write them.
 */
function momentOf(value: unknown): number {
  const epoch = numberOf(value);
  if (Number.isFinite(epoch)) return epochMs(epoch);
  if (typeof value !== 'string') return NaN;
  const date = readDate(value);
  return date ? instantOf(date) : NaN;
}

const strings = (check: (left: string, right: string) => boolean): OperatorSpec => ({ over: 'item', test: (l, r, ic) => check(stringOf(l, ic), stringOf(r, ic)) });

const numbers = (check: (left: number, right: number) => boolean): OperatorSpec => ({
  over: 'item',
  test: (l, r) => {
    const [x, y] = [numberOf(l), numberOf(r)];
    return Number.isFinite(x) && Number.isFinite(y) && check(x, y);
  },
});

const dates = (check: (left: number, right: number) => boolean): OperatorSpec => ({
  over: 'item',
  test: (l, r) => {
    const [x, y] = [momentOf(l), momentOf(r)];
    return Number.isFinite(x) && Number.isFinite(y) && check(x, y);
  },
});

/** "Determines whether a field is true or false, or the string representation is true or false." */
const boolean = (wanted: boolean): OperatorSpec => ({ over: 'item', test: (item) => item === wanted || (typeof item === 'string' && item.trim().toLowerCase() === String(wanted)) });

/** `inList`: the left text is one of the right's comma-separated items (blanks around items ignored). */
const inList: Test = (left, right, ignoreCase) => {
  const items = typeof right === 'string' ? right.split(',').map((item) => item.trim()) : toList(right);
  const wanted = stringOf(left, ignoreCase);
  return items.some((item) => stringOf(item, ignoreCase) === wanted);
};

/**
 * "Contains" (general): "can be used for any kind of object (not limited to a string)". A list contains
 * its items, text contains its substrings, an object contains its keys (the documentation gives no rule for
 * objects; keys are what JavaScript's and Go's `in` test).
 */
function containsGeneral(container: unknown, wanted: unknown, ignoreCase: boolean): boolean {
  if (Array.isArray(container)) return container.some((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) === JSON.stringify(wanted) : text(item, ignoreCase) === text(wanted, ignoreCase)));
  if (typeof container === 'object' && container !== null) return Object.keys(container).some((key) => text(key, ignoreCase) === text(wanted, ignoreCase));
  if (isMissing(container)) return false;
  return text(container, ignoreCase).includes(text(wanted, ignoreCase));
}

/** `match`: Go's regexp.MatchString, a match anywhere in the text (^…$ anchor a whole-text match). */
const match: Test = (left, right, ignoreCase) => compileRegex(stringOf(right, false), { ignoreCase }, 'the match operator').test(stringOf(left, false));

const hasLength: Test = (left, right) => toList(left).length === numberOf(right);

const negated = (spec: OperatorSpec): OperatorSpec => ({ over: spec.over, test: (l, r, ic) => !spec.test(l, r, ic) });

const POSITIVE: Record<string, OperatorSpec> = {
  // General
  isExists: { over: 'whole', test: (left) => !isMissing(left) },
  isEmpty: { over: 'whole', test: isEmptyValue },
  containsGeneral: { over: 'whole', test: (l, r, ic) => toList(r).some((wanted) => containsGeneral(l, wanted, ic)) },
  // "In": "Tests whether the value on the left is contained in the object on the right" — each left item
  // against the whole right value (a list's items, a text's substrings).
  in: { over: 'whole', test: (l, r, ic) => (isMissing(l) ? [] : toList(l)).some((item) => containsGeneral(r, item, ic)) },
  hasLength: { over: 'whole', test: hasLength },
  // String
  isEqualString: strings((l, r) => l === r),
  containsString: strings((l, r) => l.includes(r)),
  startWith: strings((l, r) => l.startsWith(r)),
  endWith: strings((l, r) => l.endsWith(r)),
  stringHasLength: { over: 'item', test: (l, r) => stringOf(l, false).length === numberOf(r) },
  inList: { over: 'item', test: inList },
  match: { over: 'item', test: match },
  // Number
  isEqualNumber: numbers((l, r) => l === r),
  greaterThan: numbers((l, r) => l > r),
  greaterThanOrEqual: numbers((l, r) => l >= r),
  lessThan: numbers((l, r) => l < r),
  lessThanOrEqual: numbers((l, r) => l <= r),
  // Date
  isAfter: dates((l, r) => l > r),
  isBefore: dates((l, r) => l < r),
  // Boolean
  isTrue: boolean(true),
  isFalse: boolean(false),
};

/** Each negative operator and its positive twin; an item-wise negative is asked of each item in turn. */
const NEGATIVE: Record<string, string> = {
  isNotExists: 'isExists',
  isNotEmpty: 'isEmpty',
  notContainsGeneral: 'containsGeneral',
  notIn: 'in',
  isNotEqualString: 'isEqualString',
  notContainsString: 'containsString',
  notStartWith: 'startWith',
  notEndWith: 'endWith',
  notInList: 'inList',
  isNotEqualNumber: 'isEqualNumber',
};

const OPERATORS: Record<string, OperatorSpec> = {
  ...POSITIVE,
  ...Object.fromEntries(Object.entries(NEGATIVE).map(([name, twin]) => [name, negated(POSITIVE[twin])])),
};

/**
 * Namespaced spellings (xsoar-conventions §4.6 lists `general.isExists`, `string.isEqual`) to the plain
 * names. Exported content playbooks write the plain names; these are accepted for older exports.
 */
const ALIASES: Record<string, string> = {
  'string.isEqual': 'isEqualString',
  'string.isNotEqual': 'isNotEqualString',
  'string.contains': 'containsString',
  'string.notContains': 'notContainsString',
  'number.isEqual': 'isEqualNumber',
  'number.isNotEqual': 'isNotEqualNumber',
  'general.contains': 'containsGeneral',
  'general.notContains': 'notContainsGeneral',
};

function canonical(operator: string): string {
  if (Object.hasOwn(ALIASES, operator)) return ALIASES[operator];
  const namespaced = /^(general|string|number|date|boolean|list)\.(.+)$/.exec(operator);
  return namespaced ? namespaced[2] : operator;
}

/** Every operator name the runner supports (plain spellings), sorted. */
export const SUPPORTED_OPERATORS: readonly string[] = Object.keys(OPERATORS).sort();

export const isSupportedOperator = (operator: string): boolean => Object.hasOwn(OPERATORS, canonical(operator));

/** Whether `left <operator> right` holds; `ignoreCase` is the comparison's `ignorecase`. */
export function applyOperator(operator: string, left: unknown, right: unknown, ignoreCase: boolean): boolean {
  const name = canonical(operator);
  if (!Object.hasOwn(OPERATORS, name)) throw new PlaybookError(`The condition operator "${operator}" is not supported.`);
  const spec = OPERATORS[name];
  if (spec.over === 'whole') return spec.test(left, right, ignoreCase);
  // A missing left value is one missing item (cast to "" by the string operators); an empty list has none.
  const lefts = isMissing(left) ? [left] : toList(left);
  const rights = isMissing(right) ? [''] : toList(right);
  try {
    return lefts.some((l) => rights.some((r) => spec.test(l, r, ignoreCase)));
  } catch (error) {
    if (error instanceof NotText) throw new PlaybookError(`The ${operator} operator compares text, not ${shown(error.value)}.`);
    throw error;
  }
}

/** Conditions and filters: the outer list is an AND of groups, each inner list an OR of comparisons. */
export function groupsHold(groups: readonly Comparison[][], operandValue: (operand: Operand | null | undefined) => unknown): boolean {
  return groups.every((group) =>
    group.some((comparison) => applyOperator(comparison.operator, operandValue(comparison.left), operandValue(comparison.right), comparison.ignorecase === true)),
  );
}
