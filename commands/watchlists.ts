// Watchlists (code42-api.md §6): list them, list their included users, add and remove a user. The
// `watchlist` argument is an id, a watchlist type or a custom watchlist's title (the client resolves it).
import type { Code42Api, WatchlistUser } from '../src/code42/api';
import { defineCommand, type OutputsSpec } from '../src/command';
import { CommandError } from '../src/registry';
import type { CommandResult } from '../src/xsoar/entry';
import { tableToMarkdown } from '../src/xsoar/markdown';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { listResult, noResults } from './_shared/results';
import { lookupUser } from './_shared/users';

export const watchlistsList = defineCommand({
  name: 'code42-watchlists-list',
  description: 'List all existing watchlists in your environment.',
  kind: 'read',
  args: {},
  outputs: {
    prefix: 'Code42.Watchlists',
    key: 'WatchlistID',
    // Both generations of names: seed 003 documents the first three, the incumbent integration wrote the
    // last three, and existing playbooks read either.
    fields: {
      ListType: { type: 'String', description: 'The Type of Watchlist.' },
      Id: { type: 'String', description: 'The ID of the Watchlist.' },
      IncludedUserCount: { type: 'Number', description: 'The count of included users on the Watchlist.' },
      WatchlistType: { type: 'String', description: 'The Type of Watchlist (same as ListType).' },
      WatchlistID: { type: 'String', description: 'The ID of the Watchlist (same as Id).' },
      IncludedUsersCount: { type: 'Number', description: 'The count of included users on the Watchlist (same as IncludedUserCount).' },
      Title: { type: 'String', description: 'The title of a custom Watchlist.' },
    },
  },
  async handler({ code42 }) {
    const watchlists = await code42.watchlists.list();
    if (watchlists.length === 0) return noResults();
    const outputs = watchlists.map((w) => {
      const count = w.stats?.includedUsersCount ?? 0;
      return compact({
        WatchlistID: w.watchlistId,
        WatchlistType: w.listType,
        IncludedUsersCount: count,
        ListType: w.listType,
        Id: w.watchlistId,
        IncludedUserCount: count,
        Title: w.listType === 'CUSTOM' ? w.title : undefined,
      });
    });
    const readable = tableToMarkdown('Watchlists', outputs, { headers: ['WatchlistID', 'WatchlistType', 'Title', 'IncludedUsersCount'], removeNull: true });
    return { title: 'Watchlists', outputs, readable, raw: watchlists };
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
    fields: {
      WatchlistID: { type: 'String', description: 'The ID of the Watchlist.' },
      Username: { type: 'String', description: 'The username on the watchlist.' },
      AddedTime: { type: 'Date', description: 'The datetime the user was added to the watchlist.' },
    },
  },
  async handler({ code42 }, { watchlist }) {
    const list = await code42.watchlists.resolve(watchlist);
    const users = await code42.watchlists.listIncludedUsers(list.watchlistId);
    const row = (u: WatchlistUser) => compact({ WatchlistID: list.watchlistId, Username: u.username, AddedTime: u.addedTime });
    return listResult(users, 'Watchlist Included Users', row, ['WatchlistID', 'Username', 'AddedTime']);
  },
});

/** Outputs of add-user and remove-user: which watchlist, who, and that it worked. */
const changeOutputs = (prefix: string, done: 'added' | 'removed', preposition: 'to' | 'from'): OutputsSpec => ({
  prefix,
  key: 'Watchlist',
  fields: {
    Watchlist: { type: 'String', description: `The ID/Type of the watchlist user was ${done} ${preposition}.` },
    Username: { type: 'String', description: `The username ${done} ${preposition} watchlist.` },
    Success: { type: 'Boolean', description: `If the user was ${done} successfully.` },
  },
});

/** Adds the user to the watchlist or removes them; a change that would change nothing is an error. */
async function changeMembership(code42: Code42Api, action: 'add' | 'remove', username: string, watchlist: string): Promise<CommandResult> {
  const user = await lookupUser(code42, username);
  const list = await code42.watchlists.resolve(watchlist);
  // Code42's add and delete answer an empty 200 (code42-api.md §6.2), which does not tell whether anything
  // changed; the member list does, so an add or remove that would change nothing is reported as such.
  const members = await code42.watchlists.listIncludedUsers(list.watchlistId);
  const isMember = members.some((m) => m.userId === user.userId);
  if (action === 'add') {
    if (isMember) throw new CommandError(`User ${username} is already on watchlist ${watchlist}.`);
    await code42.watchlists.addUsers(list.watchlistId, [user.userId]);
  } else {
    if (!isMember) throw new CommandError(`User ${username} is not on watchlist ${watchlist}.`);
    await code42.watchlists.removeUsers(list.watchlistId, [user.userId]);
  }
  // Untitled on purpose: the XSOAR integration's one-row table is titled "Results".
  return { outputs: { Watchlist: watchlist, Username: username, Success: true } };
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
  handler: ({ code42 }, { username, watchlist }) => changeMembership(code42, 'add', username, watchlist),
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
  handler: ({ code42 }, { username, watchlist }) => changeMembership(code42, 'remove', username, watchlist),
});
