// Small value helpers every layer shares, written once: what counts as an object, as unset, as yes or no,
// and how a bad value is quoted in a one-sentence message.

/** A plain JSON-like object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Unset as XSOAR hands it over: undefined, null, or text that is only blanks. */
export const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * XSOAR's argToBoolean words: true/yes and false/no in any case, around blanks; a boolean passes through.
 * Anything else is undefined, for the caller to refuse in its own sentence.
 */
export function parseYesNo(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (text === 'true' || text === 'yes') return true;
  if (text === 'false' || text === 'no') return false;
  return undefined;
}

/** Longest quoted value in a message: a pasted 1 MB value must not come back as a 1 MB answer. */
export const MAX_SHOWN_CHARS = 200;

/** A bad value quoted for a message: text in double quotes, anything else as JSON; cut after MAX_SHOWN_CHARS. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS - 3)}...` : text;
  return typeof value === 'string' ? `"${cut}"` : cut;
}

/** Empty as XSOAR's tables and "is empty" condition read it: nothing, "", an empty list or an empty object. */
export const isEmptyValue = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
