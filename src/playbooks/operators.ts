// Condition operators (xsoar-conventions §4.6). A list on the left passes a positive operator when any
// item does; a negative operator (isNotEqualString, notInList...) is exactly the negation of its positive
// twin, so "not in list" means no item is in the list.
import { asText, toList } from './dt-path';
import { type Comparison, type Operand, PlaybookError } from './types';

type Test = (left: unknown, right: unknown, ignoreCase: boolean) => boolean;

/** How a value reads as text in a comparison (XSOAR compares the string forms). */
function text(value: unknown, ignoreCase: boolean): string {
  const plain = asText(value);
  return ignoreCase ? plain.toLowerCase() : plain;
}

const isEmptyValue = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

const number = (value: unknown): number => (typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN);
const date = (value: unknown): number => (typeof value === 'number' ? value : Date.parse(text(value, false)));

/** Some left item and some right item satisfy `pair`. */
const anyPair =
  (pair: (l: unknown, r: unknown, ignoreCase: boolean) => boolean): Test =>
  (left, right, ignoreCase) => {
    const rights = right === undefined ? [''] : toList(right);
    return toList(left).some((l) => rights.some((r) => pair(l, r, ignoreCase)));
  };

const strings = (check: (l: string, r: string) => boolean) => anyPair((l, r, ic) => check(text(l, ic), text(r, ic)));
const numbers = (check: (l: number, r: number) => boolean) =>
  anyPair((l, r) => {
    const [x, y] = [number(l), number(r)];
    return Number.isFinite(x) && Number.isFinite(y) && check(x, y);
  });
const dates = (check: (l: number, r: number) => boolean) =>
  anyPair((l, r) => {
    const [x, y] = [date(l), date(r)];
    return Number.isFinite(x) && Number.isFinite(y) && check(x, y);
  });
const boolean = (wanted: boolean): Test => (left) => toList(left).some((item) => item === wanted || text(item, true) === String(wanted));

/** `inList`: the right side is a list, or a comma-separated string. */
const inList: Test = (left, right, ignoreCase) => {
  const list = typeof right === 'string' ? right.split(',').map((item) => item.trim()) : toList(right);
  const wanted = new Set(list.map((item) => text(item, ignoreCase)));
  return toList(left).some((item) => wanted.has(text(item, ignoreCase)));
};

function regex(pattern: string, ignoreCase: boolean): RegExp {
  try {
    return new RegExp(pattern, ignoreCase ? 'i' : '');
  } catch {
    throw new PlaybookError(`"${pattern}" is not a valid regular expression.`);
  }
}

const match: Test = anyPair((l, r, ignoreCase) => regex(text(r, false), ignoreCase).test(text(l, false)));

const POSITIVE: Record<string, Test> = {
  isExists: (left) => left !== undefined && left !== null,
  isEmpty: (left) => isEmptyValue(left),
  isTrue: boolean(true),
  isFalse: boolean(false),
  isEqualString: strings((l, r) => l === r),
  containsString: strings((l, r) => l.includes(r)),
  startWith: strings((l, r) => l.startsWith(r)),
  endWith: strings((l, r) => l.endsWith(r)),
  match,
  inList,
  isEqualNumber: numbers((l, r) => l === r),
  greaterThan: numbers((l, r) => l > r),
  greaterThanOrEqual: numbers((l, r) => l >= r),
  lessThan: numbers((l, r) => l < r),
  lessThanOrEqual: numbers((l, r) => l <= r),
  isAfter: dates((l, r) => l > r),
  isBefore: dates((l, r) => l < r),
};

const NEGATIVE: Record<string, string> = {
  isNotExists: 'isExists',
  isNotEmpty: 'isEmpty',
  isNotEqualString: 'isEqualString',
  notContainsString: 'containsString',
  notInList: 'inList',
  isNotEqualNumber: 'isEqualNumber',
};

/** Namespaced spellings (`general.isExists`, `string.isEqual`, `number.isEqual`) to the plain names. */
const ALIASES: Record<string, string> = {
  'string.isEqual': 'isEqualString',
  'string.isNotEqual': 'isNotEqualString',
  'number.isEqual': 'isEqualNumber',
  'number.isNotEqual': 'isNotEqualNumber',
};

function canonical(operator: string): string {
  if (Object.hasOwn(ALIASES, operator)) return ALIASES[operator];
  const namespaced = /^(general|string|number|date|list)\.(.+)$/.exec(operator);
  return namespaced ? namespaced[2] : operator;
}

export function isKnownOperator(operator: string): boolean {
  const name = canonical(operator);
  return Object.hasOwn(POSITIVE, name) || Object.hasOwn(NEGATIVE, name);
}

export function applyOperator(operator: string, left: unknown, right: unknown, ignoreCase: boolean): boolean {
  const name = canonical(operator);
  if (Object.hasOwn(NEGATIVE, name)) return !POSITIVE[NEGATIVE[name]](left, right, ignoreCase);
  if (!Object.hasOwn(POSITIVE, name)) throw new PlaybookError(`The condition operator "${operator}" is not supported.`);
  return POSITIVE[name](left, right, ignoreCase);
}

/** Conditions and filters: the outer list is an AND of groups, each inner list an OR of comparisons. */
export function groupsHold(groups: readonly Comparison[][], operandValue: (operand: Operand | null | undefined) => unknown): boolean {
  return groups.every((group) =>
    group.some((comparison) => applyOperator(comparison.operator, operandValue(comparison.left), operandValue(comparison.right), comparison.ignorecase === true)),
  );
}
