// The transformer scripts of XSOAR's FiltersAndTransformers pack, each following its code in
// demisto/content Packs/FiltersAndTransformers/Scripts/<Name> (named in each comment). Each takes one item
// (or, for `entirelist` scripts, the whole value), the transformer's arguments and its name for messages.
import { shown } from '../../values';
import { asText, toList } from '../dt-path';
import { PlaybookError } from '../types';
import { flag, isUnset, itemText, required, text, type TransformerArgs } from './args';
import { applyVariation, epochMs, instantOf, isoFormat, readDate, readWithFormat } from './dates';
import { compileRegex, findAll, substitute } from './regex';

/** Cut.js: the 1-based `fields` of the text split by `delimiter`, joined by it ('' written as two quotes). */
export function cut(item: unknown, args: TransformerArgs, name: string): string {
  const delimiter = required(args, 'delimiter', name) === "''" ? '' : asText(args.delimiter);
  const parts = itemText(item, name).split(delimiter);
  const fields = toList(args.fields).flatMap((entry) => asText(entry).split(',')).map((field) => Number.parseInt(field, 10));
  if (fields.length === 0 || fields.some((field) => !Number.isInteger(field) || field < 1)) throw new PlaybookError(`The ${name} transformer needs "fields" as comma-separated field numbers from 1, not ${shown(args.fields)}.`);
  const highest = Math.max(...fields);
  if (highest > parts.length) throw new PlaybookError(`The ${name} transformer has no field ${highest}: the text has ${parts.length} field${parts.length === 1 ? '' : 's'}.`);
  return fields.map((field) => parts[field - 1]).join(delimiter);
}

/** The flags RegexExtractAll and RegexReplace share, by their argument names. */
const pythonRegex = (args: TransformerArgs, name: string) =>
  compileRegex(
    required(args, 'regex', name),
    { ignoreCase: flag(args, 'ignore_case', false, name), multiLine: flag(args, 'multi_line', false, name), dotAll: flag(args, 'period_matches_newline', false, name) },
    `the ${name} transformer`,
  );

/** RegexExtractAll.py: re.findall with its flags; `unpack_matches` flattens groups and drops empty ones. */
export function regexExtractAll(item: unknown, args: TransformerArgs, name: string): unknown[] {
  const matches = findAll(itemText(item, name), pythonRegex(args, name));
  if (matches.length === 0 && flag(args, 'error_if_no_match', false, name)) throw new PlaybookError(`The ${name} transformer found no match of ${shown(asText(args.regex))}.`);
  return flag(args, 'unpack_matches', false, name) ? matches.flatMap((found) => (Array.isArray(found) ? found : [found])).filter((found) => found !== '') : matches;
}

/** RegexReplace.py: re.sub of every match by `output_format` (\1, \g<name>; \0 is the whole match). */
export function regexReplace(item: unknown, args: TransformerArgs, name: string): string {
  if (!isUnset(args.action_dt)) throw new PlaybookError(`The ${name} transformer's "action_dt" argument is not supported by this runner.`);
  return substitute(itemText(item, name), pythonRegex(args, name), text(args, 'output_format', '').replace(/\\0/g, '\\g<0>'));
}

function dateOf(item: unknown, name: string) {
  const date = readDate(itemText(item, name));
  if (!date) throw new PlaybookError(`The ${name} transformer cannot read ${shown(item)} as a date.`);
  return date;
}

/**
 * DateStringToISOFormat.py: dateutil's parse with dayfirst (default true — so an ISO date whose day is 12 or
 * less has day and month swapped, as the script's own tests record), yearfirst, fuzzy; add_utc_timezone
 * (default false, as the script's YAML declares) writes +00:00 on a date without offset. Text that is no
 * date comes back unchanged, as the script answers.
 */
export function dateStringToIso(item: unknown, args: TransformerArgs, name: string): string {
  const original = itemText(item, name);
  const date = readDate(original, { dayFirst: flag(args, 'dayfirst', true, name), yearFirst: flag(args, 'yearfirst', false, name), fuzzy: flag(args, 'fuzzy', true, name) });
  if (!date) return original;
  return isoFormat(date.offset === undefined && flag(args, 'add_utc_timezone', false, name) ? { ...date, offset: 0 } : date);
}

/** ModifyDateTime.py: the date moved by `variation` ("in 1 day", "3 months ago", "-15m"), in ISO format. */
export function modifyDateTime(item: unknown, args: TransformerArgs, name: string): string {
  const variation = required(args, 'variation', name);
  const moved = applyVariation(dateOf(item, name), variation);
  if (!moved) throw new PlaybookError(`The ${name} transformer cannot read the variation ${shown(variation)}; write e.g. "in 1 day", "3 hours ago" or "-15m".`);
  return isoFormat(moved);
}

/** FormattedDateToEpoch.py: epoch seconds, by strptime `formatter` when given, else any date text. */
export function formattedDateToEpoch(item: unknown, args: TransformerArgs, name: string): number {
  const formatter = text(args, 'formatter', '');
  const moment = formatter === '' ? instantOf(dateOf(item, name)) : readWithFormat(itemText(item, name), formatter);
  if (moment === undefined) throw new PlaybookError(`The ${name} transformer cannot read ${shown(item)} with the format ${shown(formatter)}.`);
  return Math.floor(moment / 1000);
}

/** TimeStampToDate.js: parseInt of the value, seconds below 10^10 else milliseconds, as toISOString. */
export function timeStampToDate(item: unknown, _args: TransformerArgs, name: string): string {
  const value = Number.parseInt(itemText(item, name), 10);
  const moment = new Date(epochMs(value));
  if (Number.isNaN(moment.getTime())) throw new PlaybookError(`The ${name} transformer needs an epoch time, not ${shown(item)}.`);
  return moment.toISOString();
}

/**
 * SetIfEmpty.py (entirelist): `defaultValue` when the value is nothing, or — with `applyIfEmpty`, "true" by
 * its YAML default — when it is empty: "", [], {}, the texts "none"/"null" in any case, or a list of one such
 * item. Nothing to answer is an empty list, as the script answers.
 */
export function setIfEmpty(value: unknown, args: TransformerArgs, name: string): unknown {
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  const empty =
    single === undefined ||
    single === null ||
    (typeof single === 'string' && ['', 'none', 'null'].includes(single.toLowerCase())) ||
    (Array.isArray(single) && single.length === 0) ||
    (typeof single === 'object' && single !== null && Object.keys(single).length === 0);
  const chosen = value === undefined || value === null || (flag(args, 'applyIfEmpty', true, name) && empty) ? args.defaultValue : value;
  return chosen === undefined || chosen === null ? [] : chosen;
}

/** ReverseList.py (entirelist): a list reversed; anything else as it is. */
export const reverseList = (value: unknown): unknown => (Array.isArray(value) ? [...value].reverse() : value);

/** Python's str() of what json.loads gives: True/False/None, numbers as written. */
function pythonText(item: unknown): string {
  if (typeof item !== 'string') return item === true ? 'True' : item === false ? 'False' : item === null || item === undefined ? 'None' : String(item);
  try {
    const parsed: unknown = JSON.parse(item);
    return typeof parsed === 'boolean' || parsed === null ? pythonText(parsed) : item;
  } catch {
    return item;
  }
}

/** Python's json.dumps: ", " and ": " between members, non-ASCII escaped. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return `{${Object.entries(value).map(([key, member]) => `${pythonJson(key)}: ${pythonJson(member)}`).join(', ')}}`;
  return (JSON.stringify(value) ?? 'null').replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const commaList = (value: unknown): string[] => (Array.isArray(value) ? value.map(asText) : asText(value).split(','));

/**
 * MapValuesTransformer.py: the item looked up in `input_values` and replaced by the `mapped_values` entry at
 * the same place (both split on commas, not trimmed); the answer is text. An object maps each "key:value"
 * (or "key: value") pair and comes back as Python's JSON text; a list comes back unchanged, as the script's
 * loop over a list changes nothing.
 */
export function mapValues(item: unknown, args: TransformerArgs, name: string): unknown {
  for (const arg of ['input_values', 'mapped_values']) required(args, arg, name);
  const [inputs, outputs] = [commaList(args.input_values), commaList(args.mapped_values)];
  if (inputs.length !== outputs.length) throw new PlaybookError(`The ${name} transformer needs as many mapped_values as input_values (${outputs.length} and ${inputs.length}).`);
  const mapping = new Map(inputs.map((input, index) => [input, outputs[index]]));
  let value = item;
  if (typeof item === 'string') {
    try {
      const parsed: unknown = JSON.parse(item);
      if (typeof parsed === 'object' && parsed !== null) value = parsed;
    } catch {
      // Not JSON: mapped as the text it is.
    }
  }
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) {
    const mapped = Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, mapping.get(`${key}:${pythonText(member)}`) ?? mapping.get(`${key}: ${pythonText(member)}`) ?? member]),
    );
    return pythonJson(mapped);
  }
  const textValue = pythonText(value);
  return mapping.get(textValue) ?? textValue;
}

/** Where `marker` is found in the text: each place of a single character, else each match of it as a regex. */
function places(value: string, marker: string, name: string, after: boolean): number[] {
  if (marker.length === 1) return [...value].flatMap((char, index) => (char === marker ? [after ? index + 1 : index] : []));
  const regex = compileRegex(marker, {}, `the ${name} transformer`);
  // The script adds the length of the pattern text, not of the match, to a match's start.
  return [...value.matchAll(new RegExp(regex.source, `${regex.flags}g`))].map((found) => found.index + (after ? marker.length : 0));
}

/**
 * ExtractInbetween.py: the text between the first `from` and the last `to` (a single character is found as
 * itself, a longer marker as a regular expression); the whole text when either marker is not in it.
 */
export function extractInbetween(item: unknown, args: TransformerArgs, name: string): string {
  const value = itemText(item, name);
  const [start, end] = [required(args, 'from', name), required(args, 'to', name)];
  if (!value.includes(start) || !value.includes(end)) return value;
  const [starts, ends] = [places(value, start, name, true), places(value, end, name, false)];
  if (starts.length === 0 || ends.length === 0) return value;
  return value.slice(starts[0], Math.max(starts[0], ends[ends.length - 1]));
}

const REGEX_GROUP_FLAGS: Record<string, 'dotAll' | 'multiLine' | 'ignoreCase' | undefined> = {
  dotall: 'dotAll', s: 'dotAll', multiline: 'multiLine', m: 'multiLine', ignorecase: 'ignoreCase', i: 'ignoreCase',
  // Python's re.UNICODE is what JavaScript's \w and case folding already do for these patterns.
  unicode: undefined, u: undefined,
};

/** RegexGroups.py without its catch-all: the groups of the first match, picked by `groups`, named by `keys`. */
function regexGroupsOf(item: unknown, args: TransformerArgs, name: string): unknown {
  const flags: Record<string, boolean> = {};
  for (const word of text(args, 'flags', '').split(',').map((entry) => entry.trim()).filter(Boolean)) {
    if (!Object.hasOwn(REGEX_GROUP_FLAGS, word)) throw new PlaybookError(`The ${name} transformer does not know the flag ${shown(word)}.`);
    const flagName = REGEX_GROUP_FLAGS[word];
    if (flagName) flags[flagName] = true;
  }
  const found = compileRegex(required(args, 'regex', name), flags, `the ${name} transformer`).exec(itemText(item, name));
  let matches: unknown[] = found ? found.slice(1).map((group) => group ?? null) : [];
  const picks = text(args, 'groups', '');
  if (picks !== '') {
    const indexes = picks.split(',');
    if (!indexes.every((index) => /^\d+$/.test(index))) throw new PlaybookError(`The ${name} transformer needs "groups" as comma-separated whole numbers, not ${shown(picks)}.`);
    if (indexes.some((index) => Number(index) > matches.length - 1)) throw new PlaybookError(`The ${name} transformer has no group ${indexes.find((index) => Number(index) > matches.length - 1)} in its match.`);
    matches = indexes.map((index) => matches[Number(index)]);
  }
  const keys = text(args, 'keys', '');
  if (keys === '') return matches;
  const names = keys.split(',');
  if (names.length !== matches.length) throw new PlaybookError(`The ${name} transformer has ${names.length} keys for ${matches.length} groups.`);
  return Object.fromEntries(names.map((key, index) => [key, matches[index]]));
}

/**
 * RegexGroups.py: as regexGroupsOf, but as the script does, any error (a bad pattern, a missing group) is
 * only logged by XSOAR and the answer is "" — as is an empty answer, since XSOAR cannot return an empty list.
 */
export function regexGroups(item: unknown, args: TransformerArgs, name: string): unknown {
  let answer: unknown = '';
  try {
    answer = regexGroupsOf(item, args, name);
  } catch (error) {
    if (!(error instanceof PlaybookError)) throw error;
  }
  const empty = (Array.isArray(answer) && answer.length === 0) || (typeof answer === 'object' && answer !== null && Object.keys(answer).length === 0);
  return empty ? '' : answer;
}

/** ConvertToSingleElementArray.py (entirelist): a list stays, another truthy value becomes [value], else []. */
export function convertToSingleElementArray(value: unknown): unknown[] {
  const truthy = value !== undefined && value !== null && value !== '' && value !== 0 && value !== false && !(typeof value === 'object' && Object.keys(value).length === 0);
  return !truthy ? [] : Array.isArray(value) ? value : [value];
}
