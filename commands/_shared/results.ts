// Answers many commands give alike: nothing found, a list of items as one context row each, and a change
// that was already in place.
import type { CommandResult } from '../../src/xsoar/entry';

/** The XSOAR integration's answer when there is nothing to show: "No results found" and no context. */
export const noResults = (raw: unknown = []): CommandResult => ({ readable: 'No results found', outputs: null, raw });

/** The items as context rows under `title`, with the items as raw; "No results found" when there are none. */
export function listResult<T>(items: readonly T[], title: string, row: (item: T) => Record<string, unknown>, headers: string[]): CommandResult {
  if (items.length === 0) return noResults();
  return { title, outputs: items.map(row), headers, raw: items };
}

/**
 * Every command that changes something answers a repeated change the same way (issue 15, "Repeated
 * changes"): what the user asked for already holds, so it is a success, with the usual title and context
 * (a playbook carries on as after the first run) and one sentence under the title saying nothing changed.
 */
export const alreadyHeld = (result: CommandResult, sentence: string): CommandResult => ({ ...result, metadata: sentence });
