// The flow both seed-era employee lists share (departing and high risk): the actor by username, then the
// list's watchlist by actor id, then the actor's notes (the lists' "note"). get-all's filters are answered
// from what Code42 has today: sessions of the list's watchlist in a window, and actor end dates.
import type { Actor, Code42Api } from '../../src/code42/api';
import type { CommandContext, OutputField, OutputsSpec } from '../../src/command';
import type { CommandResult } from '../../src/xsoar/entry';
import { todayUtc } from './dates';
import { alreadyHeld } from './results';
import { type EmployeeList, isOnWatchlist, memberActors, setMembership } from './watchlists';

/** The context fields both lists write, worded for the list's employees, e.g. "High Risk Employee". */
const employeeFields = (employee: string) =>
  ({
    UserID: { type: 'String', description: `Internal Code42 User ID for the ${employee} (its actor ID).` },
    Username: { type: 'String', description: `The username of the ${employee}.` },
    Note: { type: 'String', description: `Note associated with the ${employee}.` },
  }) satisfies Record<string, OutputField>;

/** `outputs(...names)` declares the named fields under the list's context prefix, keyed by UserID. */
export function listOutputs<F extends string>(prefix: string, employee: string, fields: Record<F, OutputField>) {
  const all: Record<string, OutputField> = { ...employeeFields(employee), ...fields };
  return (...names: (F | keyof ReturnType<typeof employeeFields>)[]): OutputsSpec => ({
    prefix,
    key: 'UserID',
    fields: Object.fromEntries(names.map((name) => [name, all[name]])),
  });
}

/**
 * Writes `patch` (note, end date) to the actor, then puts the actor on the list (creating its watchlist on
 * first use). Both steps are idempotent and the membership comes last, so a failure never leaves someone on
 * the list without the date or note asked for, and running the command again completes it.
 * Returns the actor as it now is and whether it was on the list already.
 */
export async function addToList(
  { code42, settings }: Pick<CommandContext, 'code42' | 'settings'>,
  list: EmployeeList,
  username: string,
  patch: { notes?: string; endDate?: string },
): Promise<{ actor: Actor; wasOn: boolean }> {
  const found = await code42.actors.byNameWithParent(username);
  const actor = Object.keys(patch).length ? await code42.actors.update(found.actorId, patch) : found;
  const watchlist = await list.findOrCreate(code42, settings);
  const added = await setMembership(code42, watchlist.watchlistId, actor.actorId, true);
  return { actor, wasOn: !added };
}

/** Takes the actor off the list; `wasOn` false when they were not on it (nothing was sent). */
export async function removeFromList({ code42, settings }: Pick<CommandContext, 'code42' | 'settings'>, list: EmployeeList, username: string) {
  const actor = await code42.actors.byNameWithParent(username);
  const watchlist = await list.find(code42, settings);
  const wasOn = watchlist ? await setMembership(code42, watchlist.watchlistId, actor.actorId, false) : false;
  return { actor, wasOn };
}

/** The actor when on the list; undefined when not. */
export async function actorOnList({ code42, settings }: Pick<CommandContext, 'code42' | 'settings'>, list: EmployeeList, username: string) {
  const actor = await code42.actors.byNameWithParent(username);
  const watchlist = await list.find(code42, settings);
  return { actor, isOn: watchlist !== undefined && (await isOnWatchlist(code42, watchlist.watchlistId, actor.actorId)) };
}

/** How the sentences name the actor fields the lists write. */
const PATCH_NAMES = { endDate: 'departure date', notes: 'note' } as const;

/**
 * The repeated-change sentences of both lists. Adding someone already on a list still writes the date and note
 * given (addToList), so the sentence says so: "nothing changed" alone would read as if they were dropped.
 */
export function alreadyOn(result: CommandResult, username: string, list: EmployeeList, patch: { notes?: string; endDate?: string } = {}) {
  const saved = (Object.keys(PATCH_NAMES) as (keyof typeof PATCH_NAMES)[]).filter((field) => patch[field] !== undefined).map((field) => PATCH_NAMES[field]);
  const rest = saved.length === 0 ? 'nothing changed on the list.' : `the list is unchanged, and the ${saved.join(' and ')} given ${saved.length > 1 ? 'were' : 'was'} saved.`;
  return alreadyHeld(result, `User ${username} was already on the ${list.title}; ${rest}`);
}
export const notOn = (result: CommandResult, username: string, list: EmployeeList) =>
  alreadyHeld(result, `User ${username} is not on the ${list.title}; nothing changed.`);

export const FILTER_TYPES = ['EXFILTRATION_30_DAYS', 'EXFILTRATION_24_HOURS', 'OPEN', 'LEAVING_TODAY'] as const;
type FilterType = (typeof FILTER_TYPES)[number];

const WINDOW_MS: Partial<Record<FilterType, number>> = { EXFILTRATION_24_HOURS: 24 * 3600_000, EXFILTRATION_30_DAYS: 30 * 24 * 3600_000 };

/** The actors with alerting sessions of this watchlist in the window (`GET /v1/sessions?watchlist_id&on_or_after`). */
async function exfiltratingActors(code42: Code42Api, watchlistId: string, windowMs: number): Promise<Set<string>> {
  const actors = new Set<string>();
  for await (const session of code42.sessions.iterate({ watchlistId, onOrAfter: Date.now() - windowMs, hasAlerts: true })) actors.add(session.actorId);
  return actors;
}

/** Up to `limit` members of the list, filtered as `filterType` says, as actors; none when the list has no watchlist yet. */
export async function listMembers(
  { code42, settings }: Pick<CommandContext, 'code42' | 'settings'>,
  list: EmployeeList,
  filterType: FilterType,
  limit: number,
  keepId: (actorId: string) => boolean = () => true,
): Promise<Actor[]> {
  const watchlist = await list.find(code42, settings);
  if (!watchlist) return [];
  const windowMs = WINDOW_MS[filterType];
  if (windowMs !== undefined) {
    const active = await exfiltratingActors(code42, watchlist.watchlistId, windowMs);
    return memberActors(code42, watchlist.watchlistId, limit, { actorId: (id) => active.has(id) && keepId(id) });
  }
  if (filterType === 'LEAVING_TODAY') {
    const today = todayUtc();
    return memberActors(code42, watchlist.watchlistId, limit, { actorId: keepId, actor: (a) => a.endDate?.slice(0, 10) === today });
  }
  return memberActors(code42, watchlist.watchlistId, limit, { actorId: keepId });
}
