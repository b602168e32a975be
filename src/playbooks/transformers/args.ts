// Reading a transformer's arguments, shared by the built-in transformers and the transformer scripts. An
// argument arrives resolved from its operand: text, a number, a list, or nothing ({} in the YAML).
import { parseYesNo, shown } from '../../values';
import { asText } from '../dt-path';
import { PlaybookError } from '../types';

export type TransformerArgs = Record<string, unknown>;

export const isUnset = (value: unknown): boolean => value === undefined || value === null || value === '';

export const text = (args: TransformerArgs, arg: string, fallback: string): string => (isUnset(args[arg]) ? fallback : asText(args[arg]));

export function wholeNumber(args: TransformerArgs, arg: string, name: string): number | undefined {
  if (isUnset(args[arg])) return undefined;
  const value = Number(asText(args[arg]).trim());
  if (!Number.isInteger(value)) throw new PlaybookError(`The ${name} transformer needs a whole number for "${arg}", not ${shown(args[arg])}.`);
  return value;
}

export function required(args: TransformerArgs, arg: string, name: string): string {
  if (isUnset(args[arg])) throw new PlaybookError(`The ${name} transformer needs the argument "${arg}".`);
  return asText(args[arg]);
}

/** Script flags are "true"/"false" texts (argToBoolean); anything else is refused. */
export function flag(args: TransformerArgs, arg: string, fallback: boolean, name: string): boolean {
  if (isUnset(args[arg])) return fallback;
  const answer = parseYesNo(args[arg]);
  if (answer !== undefined) return answer;
  throw new PlaybookError(`The ${name} transformer needs "true" or "false" for "${arg}", not ${shown(args[arg])}.`);
}

/** The item as text; an object cannot be text for a string transformer ("{some: object} To upper case => Error"). */
export function itemText(item: unknown, name: string): string {
  if (typeof item === 'object' && item !== null) throw new PlaybookError(`The ${name} transformer works on text, not on ${shown(item)}.`);
  return asText(item);
}
