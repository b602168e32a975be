// Answers many commands give alike: nothing found, and a list of items as one context row each.
import type { CommandResult } from '../../src/xsoar/entry';

/** The XSOAR integration's answer when there is nothing to show: "No results found" and no context. */
export const noResults = (raw: unknown = []): CommandResult => ({ readable: 'No results found', outputs: null, raw });

/** The items as context rows under `title`, with the items as raw; "No results found" when there are none. */
export function listResult<T>(items: readonly T[], title: string, row: (item: T) => Record<string, unknown>, headers: string[]): CommandResult {
  if (items.length === 0) return noResults();
  return { title, outputs: items.map(row), headers, raw: items };
}
