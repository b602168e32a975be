// Watchlists (commands.md "Watchlists and risk profiles"): list them, list their included actors, add and
// remove a user — always by actor id. The `watchlist` argument is an id, a watchlist type or a custom
// watchlist's title; the client resolves it (CUSTOM among several custom watchlists lists their titles).
import type { WatchlistMember } from '../src/code42/api';
import { type CommandContext, defineCommand, type OutputsSpec } from '../src/command';
import type { CommandResult } from '../src/xsoar/entry';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { alreadyHeld, listResult, noResults } from './_shared/results';
import { setMembership } from './_shared/watchlists';

export const watchlistsList = defineCommand({
  name: 'code42-watchlists-list',
  description: 'List all existing watchlists in your environment.',
  kind: 'read',
  args: {},
  outputs: {
    prefix: 'Code42.Watchlists',
    key: 'WatchlistID',
    // Both generations of names: seed 003 documents ListType, Id and IncludedUserCount, the incumbent
    // integration wrote WatchlistType, WatchlistID and IncludedUsersCount, and playbooks read either.
    fields: {
      ListType: { type: 'String', description: 'The Type of Watchlist.' },
      Id: { type: 'String', description: 'The ID of the Watchlist.' },
      IncludedUserCount: { type: 'Number', description: 'The count of included users on the Watchlist.' },
      WatchlistType: { type: 'String', description: 'The Type of Watchlist (same as ListType).' },
      WatchlistID: { type: 'String', description: 'The ID of the Watchlist (same as Id).' },
      IncludedUsersCount: { type: 'Number', description: 'The count of included users on the Watchlist (same as IncludedUserCount).' },
      Title: { type: 'String', description: 'The title of the Watchlist (custom watchlists).' },
    },
  },
  async handler({ code42 }) {
    const watchlists = await code42.watchlists.list();
    if (watchlists.length === 0) return noResults();
    const outputs = watchlists.map((w) => {
      const count = w.stats?.includedActorsCount ?? 0;
      return compact({
        WatchlistID: w.watchlistId,
        WatchlistType: w.listType,
        Title: w.title,
        IncludedUsersCount: count,
        ListType: w.listType,
        Id: w.watchlistId,
        IncludedUserCount: count,
      });
    });
    return { title: 'Watchlists', outputs, headers: ['WatchlistID', 'WatchlistType', 'Title', 'IncludedUsersCount'], raw: watchlists };
  },
});

// Seed 003 words add-user's and remove-user's username alike.
const USERNAME = requiredString('Email id of the user to add to Watchlist.');

export const watchlistsListIncludedUsers = defineCommand({
  name: 'code42-watchlists-list-included-users',
  description: 'List all users who have been explicitly added to a given watchlist.',
  kind: 'read',
  args: {
    watchlist: requiredString('The WatchlistID or WatchlistType to get a list of included users for.'),
  },
  outputs: {
    prefix: 'Code42.WatchlistUsers',
    key: ['WatchlistID', 'ActorID'],
    fields: {
      WatchlistID: { type: 'String', description: 'The ID of the Watchlist.' },
      Username: { type: 'String', description: 'The username on the watchlist.' },
      ActorID: { type: 'String', description: 'The actor ID of the user on the watchlist.' },
      AddedTime: { type: 'Date', description: 'The datetime the user was added to the watchlist.' },
    },
  },
  async handler({ code42 }, { watchlist }) {
    const list = await code42.watchlists.resolve(watchlist);
    // commands.md: the watchlist's members, every page (as the incumbent's iter_all_members).
    const members = await code42.watchlists.members(list.watchlistId);
    const row = (m: WatchlistMember) => compact({ WatchlistID: list.watchlistId, Username: m.actorname ?? undefined, ActorID: m.actorId, AddedTime: m.addedTime ?? undefined });
    return listResult(members, 'Watchlist Included Users', row, ['WatchlistID', 'Username', 'ActorID', 'AddedTime']);
  },
});

/** Outputs of add-user and remove-user: which watchlist, who, and that it worked. */
const changeOutputs = (prefix: string, done: 'added' | 'removed', preposition: 'to' | 'from'): OutputsSpec => ({
  prefix,
  key: 'Watchlist',
  fields: {
    Watchlist: { type: 'String', description: `The ID/Type of the watchlist user was ${done} ${preposition}.` },
    Username: { type: 'String', description: `The username ${done} ${preposition} watchlist.` },
    Success: { type: 'Boolean', description: `If the user was ${done} successfully (also true when that already held).` },
  },
});

/** Puts the user's actor on the watchlist or takes them off; a change that already held says so. */
async function changeMembership({ code42 }: CommandContext, add: boolean, username: string, watchlist: string): Promise<CommandResult> {
  const actor = await code42.actors.byNameWithParent(username);
  const list = await code42.watchlists.resolve(watchlist);
  const changed = await setMembership(code42, list.watchlistId, actor.actorId, add);
  // Untitled on purpose: the XSOAR integration's one-row table is titled "Results".
  const result: CommandResult = { outputs: { Watchlist: watchlist, Username: username, Success: true }, raw: { watchlist: list, actorId: actor.actorId, changed } };
  if (changed) return result;
  return alreadyHeld(result, add ? `User ${username} was already on watchlist ${watchlist}; nothing changed.` : `User ${username} is not on watchlist ${watchlist}; nothing changed.`);
}

export const watchlistsAddUser = defineCommand({
  name: 'code42-watchlists-add-user',
  description: 'Add a user to a watchlist.',
  kind: 'write',
  args: {
    username: USERNAME,
    watchlist: requiredString('WatchlistID or WatchlistType to add user to.'),
  },
  outputs: changeOutputs('Code42.UsersAddedToWatchlists', 'added', 'to'),
  handler: (ctx, { username, watchlist }) => changeMembership(ctx, true, username, watchlist),
});

export const watchlistsRemoveUser = defineCommand({
  name: 'code42-watchlists-remove-user',
  description: 'Remove a user from a watchlist.',
  kind: 'write',
  args: {
    username: USERNAME,
    watchlist: requiredString('WatchlistID or WatchlistType to remove user from.'),
  },
  outputs: changeOutputs('Code42.UsersRemovedFromWatchlists', 'removed', 'from'),
  handler: (ctx, { username, watchlist }) => changeMembership(ctx, false, username, watchlist),
});
