// The If-Then-Else transformer script of XSOAR's FiltersAndTransformers pack (IfThenElse.js), rule for rule:
// `condition` is "<left><operator><right>" where left and right name an argument (value, lhs, rhs, equals),
// the operators are JavaScript's (===, !==, ==, !=, >, >=, <, <=), =~ (a regex search), "in list" and
// "not in list" (a comma-separated list); `options` holds flags (case_insensitive, regex_dot_all,
// regex_multiline, regex_full_match, input_data_type:<arg>=value|json|raw). A second condition (lhsB,
// rhsB, conditionB, optionsB) joins the first with conditionInBetween (and/or) when lhsB is given. The
// script reads the second condition's options from `options`, a slip this runner does not copy: optionsB
// applies to the second condition, as its documentation says.
import { shown } from '../../values';
import { PlaybookError } from '../types';
import { compileRegex } from './regex';

type Args = Record<string, unknown>;

const WHO = 'If-Then-Else transformer';
/** Longest first, as the script tries them, so "lhsB" is not read as "lhs". */
const OPERAND_NAMES = ['equals', 'value', 'lhsB', 'rhsB', 'lhs', 'rhs'];

/** CommonServer's argToList: a list stays, text is split on commas and trimmed. */
const argToList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : String(value).split(',').map((item) => item.trim());

type Options = Record<string, string | true>;

function optionsOf(text: unknown): Options {
  const options: Options = {};
  for (const entry of argToList(text)) {
    const item = String(entry).trim();
    const cut = item.lastIndexOf('=');
    const name = cut >= 0 ? item.slice(0, cut) : item;
    if (!name) throw new PlaybookError(`The ${WHO} has an empty name in its options ${shown(text)}.`);
    options[name] = cut >= 0 ? item.slice(cut + 1) : true;
  }
  return options;
}

/** An operand as `input_data_type:<name>` asks: raw (as given), json (parsed) or value (the input value). */
function operand(args: Args, name: string, options: Options): unknown {
  const type = options[`input_data_type:${name}`];
  let value = args[name];
  if (type === 'value') value = args.value;
  else if (type === 'json') {
    try {
      value = JSON.parse(String(value));
    } catch {
      throw new PlaybookError(`The ${WHO} cannot read ${shown(value)} of "${name}" as JSON.`);
    }
  } else if (type !== undefined && type !== 'raw' && type !== true) throw new PlaybookError(`The ${WHO} has the input data type ${shown(type)} for "${name}"; use value, json or raw.`);
  return value === undefined ? null : value;
}

function split(condition: string): { left: string; operator: string; right: string } {
  const left = OPERAND_NAMES.find((name) => condition.startsWith(name));
  const right = OPERAND_NAMES.find((name) => condition.endsWith(name));
  const operator = left && right ? condition.slice(left.length, condition.length - right.length) : '';
  if (!left || !right || !/^[\s!=~<>]/.test(operator) || !/[\s!=~<>]$/.test(operator)) throw new PlaybookError(`The ${WHO} cannot read the condition ${shown(condition)}.`);
  return { left, operator: operator.trim(), right };
}

const lowered = (value: unknown, options: Options): unknown => (options.case_insensitive && typeof value === 'string' ? value.toLowerCase() : value);
const orEmpty = (value: unknown): unknown => (value === null ? '' : value);

function evaluate(operator: string, lhs: unknown, rhs: unknown, options: Options): boolean {
  // The script lowers both sides only when both are text.
  const both = typeof lhs === 'string' && typeof rhs === 'string';
  const [l, r] = both ? [lowered(lhs, options), lowered(rhs, options)] : [lhs, rhs];
  // == and != are JavaScript's loose comparisons on purpose: they are the script's semantics.
  switch (operator) {
    case '===':
      return l === r;
    case '!==':
      return l !== r;
    case '==':
      return orEmpty(l) == orEmpty(r);
    case '!=':
      return orEmpty(l) != orEmpty(r);
    case '>':
      return (l as number) > (r as number);
    case '>=':
      return (l as number) >= (r as number);
    case '<':
      return (l as number) < (r as number);
    case '<=':
      return (l as number) <= (r as number);
    case '=~': {
      const text = String(lhs);
      const found = compileRegex(String(rhs), { ignoreCase: options.case_insensitive === true, multiLine: options.regex_multiline === true, dotAll: options.regex_dot_all === true }, `the ${WHO}`).exec(text);
      return found !== null && (!options.regex_full_match || found[0].length === text.length);
    }
    case 'in list': {
      const wanted = String(lowered(String(lhs), options));
      return argToList(lowered(rhs, options)).map(String).includes(wanted);
    }
    case 'not in list':
      return !evaluate('in list', lhs, rhs, options);
    default:
      throw new PlaybookError(`The ${WHO} does not know the operator ${shown(operator)}.`);
  }
}

function holds(args: Args, conditionArg: string, optionsArg: string): boolean {
  const given = args[conditionArg];
  if (typeof given === 'string' && given.includes('equals')) throw new PlaybookError(`The ${WHO} no longer takes "equals" in ${conditionArg}; compare lhs with rhs instead.`);
  const options = optionsOf(args[optionsArg]);
  const { left, operator, right } = split(typeof given === 'string' && given.trim() !== '' ? given.trim() : 'value==equals');
  return evaluate(operator, operand(args, left, options), operand(args, right, options), options);
}

export function ifThenElse(value: unknown, givenArgs: Args): unknown {
  const args: Args = { ...givenArgs, value };
  const options = optionsOf(args.options);
  let result = holds(args, 'condition', 'options');
  if (args.lhsB !== undefined && args.lhsB !== null && args.lhsB !== '') {
    const second = holds(args, 'conditionB', 'optionsB');
    const join = typeof args.conditionInBetween === 'string' && args.conditionInBetween.trim() !== '' ? args.conditionInBetween.trim() : 'and';
    result = join === 'or' ? result || second : result && second;
  }
  const chosen = operand(args, result ? 'then' : 'else', options);
  return chosen === null ? '' : chosen;
}
