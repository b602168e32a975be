// The transformers of `complex` values (xsoar-conventions §4.5), one declaration each, by XSOAR's names and
// argument names. XSOAR's documentation ("Transformers operators", Cortex XSOAR 6.x Playbook Design Guide)
// sorts them in two kinds, which `over` records: some apply to each item of a list ("a, b, c To upper case
// => A, B, C"), some to the entire list ("a, b, c count => 3"). Transformer scripts follow the same rule:
// a script tagged `entirelist` gets the whole value, any other one each item. When an item-wise
// transformer answers a list for an item (split, RegexExtractAll), the answers are joined into one list.
//
// Sources: the built-in names are those demisto-sdk lists as server transformers
// (demisto_sdk/commands/content_graph/common.py: SERVER_CONTENT_ITEMS); the scripts' arguments, defaults and
// behaviour are read from their code in demisto/content Packs/FiltersAndTransformers/Scripts/<Name>
// (Cut.js, IfThenElse.js, RegexExtractAll.py, RegexReplace.py, DateStringToISOFormat.py, ModifyDateTime.py,
// FormattedDateToEpoch.py, TimeStampToDate.js, FirstArrayElement/LastArrayElement, StringifyArray.js).
// The built-ins run inside the XSOAR server, whose code is not public: for them the argument names are the
// ones exported playbooks carry, and where the documentation leaves a case open the choice is said below.
import { shown } from '../values';
import { asText, readPath, toList, unwrap } from './dt-path';
import { applyVariation, epochMs, instantOf, isoFormat, readDate, readWithFormat } from './transformers/dates';
import { ifThenElse } from './transformers/if-then-else';
import { compileRegex, findAll, substitute } from './transformers/regex';
import { PlaybookError } from './types';

export type TransformerArgs = Record<string, unknown>;

interface TransformerSpec {
  /** 'item': applied to each item of a list; 'list': to the whole value. */
  over: 'item' | 'list';
  /** The argument names XSOAR shows for it (documentation; unknown arguments are ignored, as XSOAR does). */
  args: readonly string[];
  apply: (value: unknown, args: TransformerArgs, name: string) => unknown;
}

// --- reading arguments ------------------------------------------------------------------------------------

const isUnset = (value: unknown): boolean => value === undefined || value === null || value === '';

const text = (args: TransformerArgs, arg: string, fallback: string): string => (isUnset(args[arg]) ? fallback : asText(args[arg]));

function wholeNumber(args: TransformerArgs, arg: string, name: string): number | undefined {
  if (isUnset(args[arg])) return undefined;
  const value = Number(asText(args[arg]).trim());
  if (!Number.isInteger(value)) throw new PlaybookError(`The ${name} transformer needs a whole number for "${arg}", not ${shown(args[arg])}.`);
  return value;
}

function required(args: TransformerArgs, arg: string, name: string): string {
  if (isUnset(args[arg])) throw new PlaybookError(`The ${name} transformer needs the argument "${arg}".`);
  return asText(args[arg]);
}

/** Script flags are "true"/"false" texts (argToBoolean); anything else is refused. */
function flag(args: TransformerArgs, arg: string, fallback: boolean, name: string): boolean {
  if (isUnset(args[arg])) return fallback;
  const word = asText(args[arg]).trim().toLowerCase();
  if (word === 'true' || word === 'yes') return true;
  if (word === 'false' || word === 'no') return false;
  throw new PlaybookError(`The ${name} transformer needs "true" or "false" for "${arg}", not ${shown(args[arg])}.`);
}

/** The item as text; an object cannot be text for a string transformer ("{some: object} To upper case => Error"). */
function itemText(item: unknown, name: string): string {
  if (typeof item === 'object' && item !== null) throw new PlaybookError(`The ${name} transformer works on text, not on ${shown(item)}.`);
  return asText(item);
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

/** Cut.js: the 1-based `fields` of the text split by `delimiter`, joined by it ('' written as two quotes). */
function cut(item: unknown, args: TransformerArgs, name: string): string {
  const delimiter = required(args, 'delimiter', name) === "''" ? '' : asText(args.delimiter);
  const parts = itemText(item, name).split(delimiter);
  const fields = toList(args.fields).flatMap((entry) => asText(entry).split(',')).map((field) => Number.parseInt(field, 10));
  if (fields.length === 0 || fields.some((field) => !Number.isInteger(field) || field < 1)) throw new PlaybookError(`The ${name} transformer needs "fields" as comma-separated field numbers from 1, not ${shown(args.fields)}.`);
  const highest = Math.max(...fields);
  if (highest > parts.length) throw new PlaybookError(`The ${name} transformer has no field ${highest}: the text has ${parts.length} field${parts.length === 1 ? '' : 's'}.`);
  return fields.map((field) => parts[field - 1]).join(delimiter);
}

/** RegexExtractAll.py: re.findall with its flags; `unpack_matches` flattens groups and drops empty ones. */
function regexExtractAll(item: unknown, args: TransformerArgs, name: string): unknown[] {
  const regex = compileRegex(required(args, 'regex', name), { multiLine: flag(args, 'multi_line', false, name), ignoreCase: flag(args, 'ignore_case', false, name), dotAll: flag(args, 'period_matches_newline', false, name) }, `the ${name} transformer`);
  const matches = findAll(itemText(item, name), regex);
  if (matches.length === 0 && flag(args, 'error_if_no_match', false, name)) throw new PlaybookError(`The ${name} transformer found no match of ${shown(asText(args.regex))}.`);
  return flag(args, 'unpack_matches', false, name) ? matches.flatMap((found) => (Array.isArray(found) ? found : [found])).filter((found) => found !== '') : matches;
}

/** RegexReplace.py: re.sub of every match by `output_format` (\1, \g<name>; \0 is the whole match). */
function regexReplace(item: unknown, args: TransformerArgs, name: string): string {
  if (!isUnset(args.action_dt)) throw new PlaybookError(`The ${name} transformer's "action_dt" argument is not supported by this runner.`);
  const regex = compileRegex(required(args, 'regex', name), { ignoreCase: flag(args, 'ignore_case', false, name), multiLine: flag(args, 'multi_line', false, name), dotAll: flag(args, 'period_matches_newline', false, name) }, `the ${name} transformer`);
  return substitute(itemText(item, name), regex, text(args, 'output_format', '').replace(/\\0/g, '\\g<0>'));
}

/** `replaceMatch(regex, replaceWith)`: Go's ReplaceAllString; its ${1}/${name} written as JavaScript's $1/$<name>. */
function replaceMatch(item: unknown, args: TransformerArgs, name: string): string {
  const regex = compileRegex(required(args, 'regex', name), {}, `the ${name} transformer`);
  const template = text(args, 'replaceWith', '').replace(/\$\{(\w+)\}/g, (_, group: string) => (/^\d+$/.test(group) ? `$${group}` : `$<${group}>`));
  return itemText(item, name).replace(new RegExp(regex.source, `${regex.flags}g`), template);
}

function dateOf(item: unknown, name: string, options: Parameters<typeof readDate>[1] = {}) {
  const date = readDate(itemText(item, name), options);
  if (!date) throw new PlaybookError(`The ${name} transformer cannot read ${shown(item)} as a date.`);
  return date;
}

/**
 * DateStringToISOFormat.py: dateutil's parse with dayfirst (default true — so an ISO date whose day is 12 or
 * less has day and month swapped, as the script's own tests record), yearfirst, fuzzy; add_utc_timezone
 * (default false, as the script's YAML declares) writes +00:00 on a date without offset. Text that is no
 * date comes back unchanged, as the script answers.
 */
function dateStringToIso(item: unknown, args: TransformerArgs, name: string): string {
  const original = itemText(item, name);
  const date = readDate(original, { dayFirst: flag(args, 'dayfirst', true, name), yearFirst: flag(args, 'yearfirst', false, name), fuzzy: flag(args, 'fuzzy', true, name) });
  if (!date) return original;
  return isoFormat(date.offset === undefined && flag(args, 'add_utc_timezone', false, name) ? { ...date, offset: 0 } : date);
}

/** ModifyDateTime.py: the date moved by `variation` ("in 1 day", "3 months ago", "-15m"), in ISO format. */
function modifyDateTime(item: unknown, args: TransformerArgs, name: string): string {
  const variation = required(args, 'variation', name);
  const moved = applyVariation(dateOf(item, name), variation);
  if (!moved) throw new PlaybookError(`The ${name} transformer cannot read the variation ${shown(variation)}; write e.g. "in 1 day", "3 hours ago" or "-15m".`);
  return isoFormat(moved);
}

/** FormattedDateToEpoch.py: epoch seconds, by strptime `formatter` when given, else any date text. */
function formattedDateToEpoch(item: unknown, args: TransformerArgs, name: string): number {
  const formatter = text(args, 'formatter', '');
  const moment = formatter === '' ? instantOf(dateOf(item, name)) : readWithFormat(itemText(item, name), formatter);
  if (moment === undefined) throw new PlaybookError(`The ${name} transformer cannot read ${shown(item)} with the format ${shown(formatter)}.`);
  return Math.floor(moment / 1000);
}

/** TimeStampToDate.js: parseInt of the value, seconds below 10^10 else milliseconds, as toISOString. */
function timeStampToDate(item: unknown, _args: TransformerArgs, name: string): string {
  const value = Number.parseInt(itemText(item, name), 10);
  const moment = new Date(epochMs(value));
  if (Number.isNaN(moment.getTime())) throw new PlaybookError(`The ${name} transformer needs an epoch time, not ${shown(item)}.`);
  return moment.toISOString();
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
      return unwrap(value.filter((item) => !seen.has(identity(item)) && seen.add(identity(item))));
    },
  },
  sort: { over: 'list', args: ['descending'], apply: sort },
  join: { over: 'list', args: ['separator'], apply: (value, args) => (value === undefined ? undefined : toList(value).map(asText).join(text(args, 'separator', ','))) },
  atIndex: { over: 'list', args: ['index'], apply: atIndex },
  slice: { over: 'list', args: ['from', 'to'], apply: slice },
  // FirstArrayElement/LastArrayElement (entirelist scripts): a value that is not a list comes back as it is.
  FirstArrayElement: { over: 'list', args: [], apply: (value) => (Array.isArray(value) ? value[0] : value) },
  LastArrayElement: { over: 'list', args: [], apply: (value) => (Array.isArray(value) ? value.at(-1) : value) },
};

/** Every transformer name the runner supports, sorted. */
export const SUPPORTED_TRANSFORMERS: readonly string[] = Object.keys(TRANSFORMERS).sort();

export const isSupportedTransformer = (name: string): boolean => Object.hasOwn(TRANSFORMERS, name);

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
