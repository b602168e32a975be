// The transformers of `complex` values (xsoar-conventions §4.5) the runner knows, by their XSOAR names and
// argument names. String transformers apply to every item of a list; list transformers to the whole value.
import { asText, toList, unwrap } from './dt-path';
import { PlaybookError } from './types';

type TransformerArgs = Record<string, unknown>;
type Transform = (value: unknown, args: TransformerArgs) => unknown;

/** Applies `change` to the value, or to each item of a list. */
const eachItem =
  (change: (item: unknown, args: TransformerArgs) => unknown): Transform =>
  (value, args) => {
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map((item) => change(item, args)) : change(value, args);
  };

const argText = (args: TransformerArgs, name: string, fallback: string): string => (args[name] === undefined ? fallback : asText(args[name]));

function uniq(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const seen = new Set<string>();
  return unwrap(
    value.filter((item) => {
      const key = typeof item === 'object' && item !== null ? `o:${JSON.stringify(item)}` : `${typeof item}:${String(item)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
}

function atIndex(value: unknown, args: TransformerArgs): unknown {
  const list = toList(value);
  const index = Number(args.index);
  if (!Number.isInteger(index)) throw new PlaybookError(`The atIndex transformer needs a whole-number index, not "${asText(args.index)}".`);
  return list[index < 0 ? list.length + index : index];
}

const TRANSFORMERS: Record<string, Transform> = {
  uniq,
  join: (value, args) => (value === undefined ? undefined : toList(value).map(asText).join(argText(args, 'separator', ','))),
  atIndex,
  FirstArrayElement: (value) => toList(value)[0],
  LastArrayElement: (value) => toList(value).at(-1),
  count: (value) => toList(value).length,
  toUpperCase: eachItem((item) => asText(item).toUpperCase()),
  toLowerCase: eachItem((item) => asText(item).toLowerCase()),
  trim: eachItem((item) => asText(item).trim()),
  concat: eachItem((item, args) => `${argText(args, 'prefix', '')}${asText(item)}${argText(args, 'suffix', '')}`),
  replace: eachItem((item, args) => {
    const from = argText(args, 'toReplace', '');
    return from === '' ? asText(item) : asText(item).split(from).join(argText(args, 'replaceWith', ''));
  }),
  split: (value, args) => {
    if (value === undefined) return undefined;
    const delimiter = argText(args, 'delimiter', ',');
    return unwrap(toList(value).flatMap((item) => asText(item).split(delimiter)));
  },
};

export const isKnownTransformer = (operator: string): boolean => Object.hasOwn(TRANSFORMERS, operator);

export function transform(operator: string, value: unknown, args: TransformerArgs): unknown {
  if (!isKnownTransformer(operator)) throw new PlaybookError(`The transformer "${operator}" is not supported.`);
  return TRANSFORMERS[operator](value, args);
}
