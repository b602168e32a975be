// The transformers of `complex` values (xsoar-conventions §4.5), one declaration each, by XSOAR's names and
// argument names. XSOAR's documentation ("Transformers operators", Cortex XSOAR 6.x Playbook Design Guide)
// sorts them in two kinds, which `over` records: some apply to each item of a list ("a, b, c To upper case
// => A, B, C"), some to the entire list ("a, b, c count => 3"). Transformer scripts follow the same rule:
// a script tagged `entirelist` gets the whole value, any other one each item. When an item-wise
// transformer answers a list for an item (split, RegexExtractAll), the answers are joined into one list.
//
// Sources: the built-in names are those demisto-sdk lists as server transformers
// (demisto_sdk/commands/content_graph/common.py: SERVER_CONTENT_ITEMS); the scripts (transformers/scripts.ts,
// transformers/if-then-else.ts, FirstArrayElement/LastArrayElement/StringifyArray here) follow their code in
// demisto/content Packs/FiltersAndTransformers/Scripts/<Name>, arguments and YAML defaults included.
// The built-ins run inside the XSOAR server, whose code is not public: for them the argument names are the
// ones exported playbooks carry, and where the documentation leaves a case open the choice is said below.
import { asText, readPath, toList, unwrap } from './dt-path';
import { flag, itemText, required, text, type TransformerArgs, wholeNumber } from './transformers/args';
import { ifThenElse } from './transformers/if-then-else';
import { compileRegex } from './transformers/regex';
import {
  convertToSingleElementArray,
  cut,
  dateStringToIso,
  extractInbetween,
  formattedDateToEpoch,
  mapValues,
  modifyDateTime,
  regexExtractAll,
  regexGroups,
  regexReplace,
  reverseList,
  setIfEmpty,
  timeStampToDate,
} from './transformers/scripts';
import { PlaybookError } from './types';

export type { TransformerArgs } from './transformers/args';

interface TransformerSpec {
  /** 'item': applied to each item of a list; 'list': to the whole value. */
  over: 'item' | 'list';
  /** The argument names XSOAR shows for it; others are ignored when it runs, as XSOAR ignores them. */
  args: readonly string[];
  apply: (value: unknown, args: TransformerArgs, name: string) => unknown;
}

// --- the transformers ---------------------------------------------------------------------------------------

/** Same-looking values count once: "1" and 1 stay apart, equal objects are one. */
const identity = (item: unknown): string => (typeof item === 'object' && item !== null ? `o:${JSON.stringify(item)}` : `${typeof item}:${String(item)}`);

/**
 * `sort`: numbers by value when every item is a number (or numeric text), else by text; `descending: true`
 * reverses. Not documented further; this is JavaScript's and Go's ordinary ordering.
 */
function sort(value: unknown, args: TransformerArgs, name: string): unknown {
  const items = [...toList(value)];
  const numeric = items.length > 0 && items.every((item) => asText(item).trim() !== '' && Number.isFinite(Number(asText(item))));
  items.sort(numeric ? (a, b) => Number(asText(a)) - Number(asText(b)) : (a, b) => (asText(a) < asText(b) ? -1 : asText(a) > asText(b) ? 1 : 0));
  if (flag(args, 'descending', false, name)) items.reverse();
  return value === undefined ? undefined : unwrap(items);
}

/** `substring(from, to)`: characters from index `from` up to, not including, `to` (to the end without one). */
function substring(item: unknown, args: TransformerArgs, name: string): string {
  const whole = itemText(item, name);
  const from = wholeNumber(args, 'from', name) ?? 0;
  const to = wholeNumber(args, 'to', name) ?? whole.length;
  if (from < 0 || to < 0) throw new PlaybookError(`The ${name} transformer needs indexes of 0 or more.`);
  return whole.slice(from, Math.max(from, to));
}

/** `replaceMatch(regex, replaceWith)`: Go's ReplaceAllString; its ${1}/${name} written as JavaScript's $1/$<name>. */
function replaceMatch(item: unknown, args: TransformerArgs, name: string): string {
  const regex = compileRegex(required(args, 'regex', name), {}, `the ${name} transformer`);
  const template = text(args, 'replaceWith', '').replace(/\$\{(\w+)\}/g, (_, group: string) => (/^\d+$/.test(group) ? `$${group}` : `$<${group}>`));
  return itemText(item, name).replace(new RegExp(regex.source, `${regex.flags}g`), template);
}

/** `atIndex(index)`: the item at a 0-based index; a negative index counts from the end. */
function atIndex(value: unknown, args: TransformerArgs, name: string): unknown {
  const index = wholeNumber(args, 'index', name);
  if (index === undefined) throw new PlaybookError(`The ${name} transformer needs the argument "index".`);
  const list = toList(value);
  return list[index < 0 ? list.length + index : index];
}

/** `slice(from, to)`: the items from index `from` up to, not including, `to`. */
function slice(value: unknown, args: TransformerArgs, name: string): unknown {
  if (value === undefined) return undefined;
  const kept = toList(value).slice(wholeNumber(args, 'from', name) ?? 0, wholeNumber(args, 'to', name));
  return kept.length ? unwrap(kept) : undefined;
}

const split = (trim: boolean) => (item: unknown, args: TransformerArgs, name: string) => {
  const parts = itemText(item, name).split(text(args, 'delimiter', ','));
  return trim ? parts.map((part) => part.trim()) : parts;
};

/**
 * Every transformer the runner knows. Defaults where the documentation names none: split/splitAndTrim's
 * delimiter is ",", join's separator is ",", concat's prefix and suffix are "".
 */
const TRANSFORMERS: Record<string, TransformerSpec> = {
  // String (each item)
  toUpperCase: { over: 'item', args: [], apply: (item, _args, name) => itemText(item, name).toUpperCase() },
  toLowerCase: { over: 'item', args: [], apply: (item, _args, name) => itemText(item, name).toLowerCase() },
  trim: { over: 'item', args: [], apply: (item, _args, name) => itemText(item, name).trim() },
  concat: { over: 'item', args: ['prefix', 'suffix'], apply: (item, args, name) => `${text(args, 'prefix', '')}${itemText(item, name)}${text(args, 'suffix', '')}` },
  split: { over: 'item', args: ['delimiter'], apply: split(false) },
  splitAndTrim: { over: 'item', args: ['delimiter'], apply: split(true) },
  substring: { over: 'item', args: ['from', 'to'], apply: substring },
  substringFrom: { over: 'item', args: ['from'], apply: (item, args, name) => substring(item, { from: args.from }, name) },
  substringTo: { over: 'item', args: ['to'], apply: (item, args, name) => substring(item, { to: args.to }, name) },
  replace: {
    over: 'item',
    args: ['toReplace', 'replaceWith'],
    apply: (item, args, name) => {
      const from = text(args, 'toReplace', '');
      return from === '' ? itemText(item, name) : itemText(item, name).split(from).join(text(args, 'replaceWith', ''));
    },
  },
  replaceMatch: { over: 'item', args: ['regex', 'replaceWith'], apply: replaceMatch },
  Cut: { over: 'item', args: ['delimiter', 'fields'], apply: cut },
  RegexExtractAll: { over: 'item', args: ['regex', 'multi_line', 'ignore_case', 'period_matches_newline', 'error_if_no_match', 'unpack_matches'], apply: regexExtractAll },
  RegexGroups: { over: 'item', args: ['regex', 'groups', 'keys', 'flags'], apply: regexGroups },
  ExtractInbetween: { over: 'item', args: ['from', 'to'], apply: extractInbetween },
  MapValuesTransformer: { over: 'item', args: ['input_values', 'mapped_values'], apply: mapValues },
  RegexReplace: { over: 'item', args: ['regex', 'output_format', 'ignore_case', 'multi_line', 'period_matches_newline', 'action_dt'], apply: regexReplace },
  // Date (each item)
  DateStringToISOFormat: { over: 'item', args: ['dayfirst', 'yearfirst', 'fuzzy', 'add_utc_timezone'], apply: dateStringToIso },
  ModifyDateTime: { over: 'item', args: ['variation'], apply: modifyDateTime },
  FormattedDateToEpoch: { over: 'item', args: ['formatter'], apply: formattedDateToEpoch },
  TimeStampToDate: { over: 'item', args: [], apply: timeStampToDate },
  // General
  getField: { over: 'item', args: ['field'], apply: (item, args, name) => readPath(item, required(args, 'field', name)) },
  'If-Then-Else': {
    over: 'item',
    args: ['equals', 'then', 'else', 'condition', 'lhs', 'rhs', 'options', 'lhsB', 'rhsB', 'conditionB', 'conditionInBetween', 'optionsB'],
    apply: (item, args) => ifThenElse(item, args),
  },
  // Stringify: text stays text; anything else is written as JSON (the built-in is not documented beyond
  // "stringify"; JSON is what XSOAR shows for objects and lists).
  Stringify: { over: 'list', args: [], apply: (value) => (value === undefined || typeof value === 'string' ? value : JSON.stringify(value)) },
  StringifyArray: { over: 'list', args: [], apply: (value) => JSON.stringify(value ?? null) },
  count: { over: 'list', args: [], apply: (value) => toList(value).length },
  uniq: {
    over: 'list',
    args: [],
    apply: (value) => {
      if (!Array.isArray(value)) return value;
      const seen = new Set<string>();
      return unwrap(
        value.filter((item) => {
          const key = identity(item);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        }),
      );
    },
  },
  sort: { over: 'list', args: ['descending'], apply: sort },
  join: { over: 'list', args: ['separator'], apply: (value, args) => (value === undefined ? undefined : toList(value).map(asText).join(text(args, 'separator', ','))) },
  atIndex: { over: 'list', args: ['index'], apply: atIndex },
  slice: { over: 'list', args: ['from', 'to'], apply: slice },
  SetIfEmpty: { over: 'list', args: ['defaultValue', 'applyIfEmpty'], apply: setIfEmpty },
  ReverseList: { over: 'list', args: [], apply: reverseList },
  ConvertToSingleElementArray: { over: 'list', args: [], apply: convertToSingleElementArray },
  // FirstArrayElement/LastArrayElement (entirelist scripts): a value that is not a list comes back as it is.
  FirstArrayElement: { over: 'list', args: [], apply: (value) => (Array.isArray(value) ? value[0] : value) },
  LastArrayElement: { over: 'list', args: [], apply: (value) => (Array.isArray(value) ? value.at(-1) : value) },
};

/** Every transformer name the runner supports, sorted. */
export const SUPPORTED_TRANSFORMERS: readonly string[] = Object.keys(TRANSFORMERS).sort();

export const isSupportedTransformer = (name: string): boolean => Object.hasOwn(TRANSFORMERS, name);

/**
 * The argument names a supported transformer takes (undefined for an unsupported one), so `playbook
 * validate` can point at an argument a transformer would silently ignore, such as a misspelt "delimeter".
 */
export const transformerArguments = (name: string): readonly string[] | undefined => (isSupportedTransformer(name) ? TRANSFORMERS[name].args : undefined);

/**
 * Applies the transformer `name` to `value`. Nothing (undefined or null) stays nothing for an item-wise
 * transformer — there is no item to change — while a whole-list one still answers (count of nothing is 0).
 */
export function transform(name: string, value: unknown, args: TransformerArgs): unknown {
  if (!isSupportedTransformer(name)) throw new PlaybookError(`The transformer "${name}" is not supported.`);
  const spec = TRANSFORMERS[name];
  if (spec.over === 'list') return spec.apply(value, args, name);
  if (value === undefined || value === null) return value;
  if (!Array.isArray(value)) return unwrapSingle(spec.apply(value, args, name));
  return unwrap(value.flatMap((item) => toList(spec.apply(item, args, name))));
}

/** An item-wise answer of one item reads as that item, as the runner's DT answers. */
const unwrapSingle = (answer: unknown): unknown => (Array.isArray(answer) ? unwrap(answer) : answer);
