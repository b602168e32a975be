// Regular expressions as playbooks write them: Go's RE2 syntax for XSOAR's built-in `match` filter and
// `replaceMatch` transformer (its docs: "to make regex case non-sensitive, use the (?i) prefix"), Python's
// syntax for the RegexExtractAll and RegexReplace scripts. Both are read into JavaScript's RegExp: leading
// inline flags become RegExp flags, Python's named groups `(?P<name>…)`/`(?P=name)` and the anchors \A, \Z
// (\z in Go) are rewritten; what RegExp cannot express is refused in one sentence.
import { shown } from '../../values';
import { PlaybookError } from '../types';

export interface RegexFlags {
  ignoreCase?: boolean;
  multiLine?: boolean;
  dotAll?: boolean;
}

const INLINE_FLAGS: Record<string, string> = { i: 'i', m: 'm', s: 's' };

/** A Go or Python pattern as a RegExp (never global; callers that iterate add `g`). `who` names its user. */
export function compileRegex(pattern: string, flags: RegexFlags, who: string): RegExp {
  let source = pattern;
  const set = new Set<string>([flags.ignoreCase ? 'i' : '', flags.multiLine ? 'm' : '', flags.dotAll ? 's' : ''].filter(Boolean));
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (inline && [...inline[1]].every((flag) => Object.hasOwn(INLINE_FLAGS, flag))) {
    for (const flag of inline[1]) set.add(INLINE_FLAGS[flag]);
    source = source.slice(inline[0].length);
  }
  source = source
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '(?<![\\s\\S])')
    .replace(/\\[Zz]/g, '(?![\\s\\S])');
  try {
    return new RegExp(source, [...set].join(''));
  } catch (error) {
    throw new PlaybookError(`The regular expression ${shown(pattern)} of ${who} is not valid: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}.`);
  }
}

const everyMatch = (text: string, regex: RegExp): RegExpExecArray[] => [...text.matchAll(new RegExp(regex.source, `${regex.flags}g`))];

/**
 * Python's re.findall: without groups every whole match, with one group that group's text, with several a
 * list of their texts; a group that took no part reads "".
 */
export function findAll(text: string, regex: RegExp): (string | string[])[] {
  return everyMatch(text, regex).map((found) => {
    if (found.length === 1) return found[0];
    const groups = found.slice(1).map((group) => group ?? '');
    return groups.length === 1 ? groups[0] : groups;
  });
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', '\\': '\\' };

function groupText(found: RegExpExecArray, reference: string, template: string): string {
  const value = /^\d+$/.test(reference) ? (Number(reference) < found.length ? found[Number(reference)] ?? '' : undefined) : found.groups?.[reference];
  if (value === undefined && !(found.groups && Object.hasOwn(found.groups, reference))) {
    throw new PlaybookError(`The template ${shown(template)} refers to group ${reference}, which the regular expression does not have.`);
  }
  return value ?? '';
}

/** Python's Match.expand: \1 … \99, \g<1>, \g<name>, and the escapes \n \t \r \f \v \a \\. */
export function expandTemplate(template: string, found: RegExpExecArray): string {
  return template.replace(/\\(?:g<([^>]*)>|(\d{1,2})|([\s\S]))/g, (whole, name: string | undefined, number: string | undefined, other: string | undefined) => {
    if (name !== undefined) return groupText(found, name, template);
    if (number !== undefined) return groupText(found, number, template);
    return Object.hasOwn(ESCAPES, other!) ? ESCAPES[other!] : whole;
  });
}

/** Python's re.sub with a template: every match replaced by the template expanded against it. */
export function substitute(text: string, regex: RegExp, template: string): string {
  let result = '';
  let last = 0;
  for (const found of everyMatch(text, regex)) {
    result += text.slice(last, found.index) + expandTemplate(template, found);
    last = found.index + found[0].length;
  }
  return result + text.slice(last);
}
