// The departing / high-risk employee list flow of seed 000, shared by both lists: the user's detection-list
// profile by username, then the list call, then the profile notes. Code42's list errors become plain sentences.
// Also the outputs both lists' commands declare.
import type {
  Code42Api,
  DetectionListEntry,
  DetectionListFilter,
  DetectionListName,
  DetectionListProfile,
} from '../../src/code42/api';
import { Code42Error } from '../../src/code42/errors';
import type { OutputField, OutputsSpec } from '../../src/command';
import { CommandError, failureMessage, sentenceOf } from '../../src/registry';
import { type CommandResult, type Entry, errorEntry } from '../../src/xsoar/entry';
import { detectionListProfile } from './users';

export interface DetectionList {
  name: DetectionListName;
  /** As the war room names it: "High Risk Employee List". */
  title: string;
}

export const DEPARTING_EMPLOYEES: DetectionList = { name: 'departingemployee', title: 'Departing Employee List' };
export const HIGH_RISK_EMPLOYEES: DetectionList = { name: 'highriskemployee', title: 'High Risk Employee List' };

/** The context fields both lists write, worded for the list's employees, e.g. "High Risk Employee". */
const employeeFields = (employee: string) =>
  ({
    UserID: { type: 'String', description: `Internal Code42 User ID for the ${employee}.` },
    Username: { type: 'String', description: `The username of the ${employee}.` },
    Note: { type: 'String', description: `Note associated with the ${employee}.` },
  }) satisfies Record<string, OutputField>;

/**
 * The outputs declarations of a list's commands: `outputs(...names)` declares the named fields under the
 * list's context prefix, keyed by UserID — the common fields and the list's own `fields`.
 */
export function listOutputs<F extends string>(prefix: string, employee: string, fields: Record<F, OutputField>) {
  const all: Record<string, OutputField> = { ...employeeFields(employee), ...fields };
  return (...names: (F | keyof ReturnType<typeof employeeFields>)[]): OutputsSpec => ({
    prefix,
    key: 'UserID',
    fields: Object.fromEntries(names.map((name) => [name, all[name]])),
  });
}

/** py42's search page size (code42-api.md §5.4). */
const SEARCH_PAGE_SIZE = 100;

const isCode42Status = (error: unknown, status: number): error is Code42Error =>
  error instanceof Code42Error && (error.status === status || (status === 404 && error.kind === 'not-found'));

/** Runs a list call that needs the user on the list; Code42's 404 becomes "User <u> is not on the <list>.". */
async function requireOnList<T>(list: DetectionList, username: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isCode42Status(error, 404)) throw new CommandError(`User ${username} is not on the ${list.title}.`);
    throw error;
  }
}

interface AddedUser {
  profile: DetectionListProfile;
  entry: DetectionListEntry;
  /** Why the note was not saved, when the add succeeded and the note then failed. */
  noteFailure?: string;
}

/**
 * Adds the user, then writes the note. The note goes last so that a failed add writes nothing; a note
 * that fails after the add is reported in `noteFailure` rather than thrown, because the add did happen.
 */
async function addUserToList(
  code42: Code42Api,
  list: DetectionList,
  username: string,
  options: { note?: string; departureDate?: string },
): Promise<AddedUser> {
  const profile = await detectionListProfile(code42, username);
  let entry: DetectionListEntry;
  try {
    entry = await code42.detectionLists.add(list.name, profile.userId, { departureDate: options.departureDate });
  } catch (error) {
    if (isCode42Status(error, 400) && error.mentions('already on list')) throw new CommandError(`User ${username} is already on the ${list.title}.`);
    throw error;
  }
  if (options.note === undefined) return { profile, entry };
  try {
    await code42.detectionLists.updateNotes(profile.userId, options.note);
    return { profile, entry };
  } catch (error) {
    return { profile, entry, noteFailure: sentenceOf(error) };
  }
}

/**
 * The entries for an add: the success result (the user is on the list, so the context must say so) and,
 * when the note failed afterwards, an error entry saying exactly that. An error entry rather than a
 * warning because the command did not do all it was asked: a playbook must stop or branch on it, not
 * carry on believing the note is there.
 */
function addOutcome(command: string, list: DetectionList, username: string, added: AddedUser, result: CommandResult): CommandResult | [CommandResult, Entry] {
  if (added.noteFailure === undefined) return result;
  const sentence = `User ${username} was added to the ${list.title}, but the note was not saved: ${added.noteFailure}`;
  return [result, errorEntry(failureMessage(command, sentence))];
}

/** What an add command's answer is made of: the user's ID, the new entry and the note if it was saved. */
export interface Added {
  userId: string;
  entry: DetectionListEntry;
  /** The note given, when it was saved. */
  note?: string;
}

/** An add command: adds the user (and the note) and answers `answer(added)` with the new entry as raw. */
export async function addToList(
  code42: Code42Api,
  list: DetectionList,
  command: string,
  username: string,
  options: { note?: string; departureDate?: string },
  answer: (added: Added) => Pick<CommandResult, 'title' | 'outputs'>,
): Promise<CommandResult | [CommandResult, Entry]> {
  const added = await addUserToList(code42, list, username, options);
  const note = added.noteFailure === undefined ? options.note : undefined;
  const { title, outputs } = answer({ userId: added.profile.userId, entry: added.entry, note });
  return addOutcome(command, list, username, added, { title, outputs, raw: added.entry });
}

export async function removeUserFromList(code42: Code42Api, list: DetectionList, username: string): Promise<DetectionListProfile> {
  const profile = await detectionListProfile(code42, username);
  await requireOnList(list, username, () => code42.detectionLists.remove(list.name, profile.userId));
  return profile;
}

export async function getUserOnList(code42: Code42Api, list: DetectionList, username: string): Promise<DetectionListEntry> {
  const profile = await detectionListProfile(code42, username);
  return requireOnList(list, username, () => code42.detectionLists.get(list.name, profile.userId));
}

/**
 * Up to `limit` entries of the list that satisfy `keep`, paging as far as needed: the filter applies to
 * every page, so a page full of non-matching entries never ends the search early.
 */
export async function searchList(
  code42: Code42Api,
  list: DetectionList,
  filterType: DetectionListFilter,
  limit: number,
  keep?: (entry: DetectionListEntry) => boolean,
): Promise<DetectionListEntry[]> {
  const found: DetectionListEntry[] = [];
  // Without a filter every entry counts, so a page never needs to be bigger than what is asked for.
  const pageSize = keep ? SEARCH_PAGE_SIZE : Math.min(limit, SEARCH_PAGE_SIZE);
  for await (const entry of code42.detectionLists.search(list.name, filterType, pageSize)) {
    if (keep && !keep(entry)) continue;
    found.push(entry);
    if (found.length >= limit) break;
  }
  return found;
}
