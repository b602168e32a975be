// Watchlist membership by actor id (commands.md: a user id is not always the actor id, so watchlist calls
// always use actor ids), and the seed-era employee lists built on watchlists: the Departing Employee List
// is the DEPARTING_EMPLOYEE watchlist, the High Risk Employee List a CUSTOM watchlist whose title is an
// instance setting, and each risk tag the watchlist of the same type.
import { type Actor, type Code42Api, RISK_TAGS, type RiskTag, type Watchlist, type WatchlistType } from '../../src/code42/api';
import type { CommandSettings } from '../../src/command';

/** Whether the actor is on the watchlist (one call: the watchlists the actor is on). */
export async function isOnWatchlist(code42: Code42Api, watchlistId: string, actorId: string): Promise<boolean> {
  const lists = await code42.watchlists.list({ actorId });
  return lists.some((list) => list.watchlistId === watchlistId);
}

/** Puts the actor on the watchlist or takes them off; false when that already held (nothing was sent). */
export async function setMembership(code42: Code42Api, watchlistId: string, actorId: string, member: boolean): Promise<boolean> {
  if ((await isOnWatchlist(code42, watchlistId, actorId)) === member) return false;
  if (member) await code42.watchlists.addActors(watchlistId, [actorId]);
  else await code42.watchlists.removeActors(watchlistId, [actorId]);
  return true;
}

/** A seed-era employee list and the watchlist it now is. */
export interface EmployeeList {
  /** As the war room names it: "High Risk Employee List". */
  title: string;
  /** The list's watchlist, or undefined when the tenant has none yet. */
  find(code42: Code42Api, settings: CommandSettings): Promise<Watchlist | undefined>;
  /** The list's watchlist, created when the tenant has none yet (adding to it is the first use). */
  findOrCreate(code42: Code42Api, settings: CommandSettings): Promise<Watchlist>;
}

const byType = (type: WatchlistType) => async (code42: Code42Api) => (await code42.watchlists.list()).find((w) => w.listType === type);

export const DEPARTING_EMPLOYEES: EmployeeList = {
  title: 'Departing Employee List',
  find: byType('DEPARTING_EMPLOYEE'),
  async findOrCreate(code42) {
    return (await byType('DEPARTING_EMPLOYEE')(code42)) ?? code42.watchlists.create({ watchlistType: 'DEPARTING_EMPLOYEE' });
  },
};

/** The CUSTOM watchlist titled as the setting says: the exact title first, else the same title in another case. */
async function highRiskWatchlist(code42: Code42Api, { highRiskWatchlistTitle: title }: CommandSettings): Promise<Watchlist | undefined> {
  const custom = (await code42.watchlists.list()).filter((w) => w.listType === 'CUSTOM');
  return custom.find((w) => w.title === title) ?? custom.find((w) => w.title?.toLowerCase() === title.toLowerCase());
}

export const HIGH_RISK_EMPLOYEES: EmployeeList = {
  title: 'High Risk Employee List',
  find: highRiskWatchlist,
  async findOrCreate(code42, settings) {
    return (
      (await highRiskWatchlist(code42, settings)) ??
      code42.watchlists.create({
        watchlistType: 'CUSTOM',
        title: settings.highRiskWatchlistTitle,
        description: 'The High Risk Employee List of the XSOAR Code42 integration (code42-highriskemployee-* commands).',
      })
    );
  },
};

/** The risk tags an actor holds: the tag watchlists they are on. */
export async function riskTagsOf(code42: Code42Api, actorId: string): Promise<RiskTag[]> {
  const lists = await code42.watchlists.list({ actorId });
  return RISK_TAGS.filter((tag) => lists.some((w) => w.listType === tag));
}

/** Each tag's watchlist; a missing one is created only when `create` (adding a tag is its first use). */
export async function tagWatchlists(code42: Code42Api, tags: readonly RiskTag[], create: boolean): Promise<Map<RiskTag, Watchlist>> {
  const all = await code42.watchlists.list();
  const found = new Map<RiskTag, Watchlist>();
  for (const tag of tags) {
    const existing = all.find((w) => w.listType === tag);
    if (existing) found.set(tag, existing);
    else if (create) found.set(tag, await code42.watchlists.create({ watchlistType: tag }));
  }
  return found;
}

interface MemberFilter {
  /** Checked first, on the member's actor id (no call). */
  actorId?: (actorId: string) => boolean;
  /** Checked on the member's actor, read one by one until `limit` pass. */
  actor?: (actor: Actor) => boolean;
}

/** Up to `limit` members of the watchlist that pass `keep`, as actors (their dates and notes are on the actor). */
export async function memberActors(code42: Code42Api, watchlistId: string, limit: number, keep: MemberFilter = {}): Promise<Actor[]> {
  const members = (await code42.watchlists.members(watchlistId)).filter((m) => keep.actorId?.(m.actorId) ?? true);
  const actors: Actor[] = [];
  for (const member of members) {
    if (actors.length >= limit) break;
    const actor = await code42.actors.byId(member.actorId);
    if (keep.actor?.(actor) ?? true) actors.push(actor);
  }
  return actors;
}
