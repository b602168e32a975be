// Code42 users (commands.md "Users"): deactivate and reactivate on /v1/users, a lookup joined with the
// user's actor, and create / block / unblock, for which Code42 offers no API any more: those answer one
// sentence pointing to the Incydr console and send nothing.
import type { Actor, Code42Api, User } from '../src/code42/api';
import { Code42Error } from '../src/code42/errors';
import { CommandError, defineCommand, type OutputField } from '../src/command';
import type { CommandResult } from '../src/xsoar/entry';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { alreadyHeld } from './_shared/results';

const PREFIX = 'Code42.User';

const userIdOutput = (description: string) => ({ prefix: PREFIX, key: 'UserID', fields: { UserID: { type: 'String', description } } }) as const;

/** The sentence of a retired user action: what to do instead, where. */
const retired = (action: string): CommandError =>
  new CommandError(`Code42 offers no API to ${action} any more; do it in the Incydr console.`);

export const userCreate = defineCommand({
  name: 'code42-user-create',
  description: 'Creates a Code42 user. Code42 offers no API for this any more: the command says so and points to the Incydr console.',
  kind: 'write',
  args: {
    orgname: requiredString('The name of the Code42 organization from which to add the user.'),
    username: requiredString('The username to give to the user.'),
    email: requiredString('The email of the user to create.'),
  },
  outputs: {
    prefix: PREFIX,
    key: 'UserID',
    fields: {
      Username: { type: 'String', description: 'A username for a Code42 user.' },
      Email: { type: 'String', description: 'An email for a Code42 user.' },
      UserID: { type: 'String', description: 'An ID for a Code42 user.' },
    },
  },
  handler: () => Promise.reject(retired('create users')),
});

export const userBlock = defineCommand({
  name: 'code42-user-block',
  description:
    'Blocks a user in Code42.  A blocked user is not allowed to log in or restore files. Code42 offers no API for this any more: the command says so and points to the Incydr console.',
  kind: 'write',
  args: { username: requiredString('The username of the user to block.') },
  outputs: userIdOutput('An ID for a Code42 user.'),
  handler: () => Promise.reject(retired('block users')),
});

export const userUnblock = defineCommand({
  name: 'code42-user-unblock',
  description:
    'Removes a block, if one exists, on the user with the given user ID. Code42 offers no API for this any more: the command says so and points to the Incydr console.',
  kind: 'write',
  args: { username: requiredString('The username of the user to unblock.') },
  outputs: userIdOutput('An ID for a Code42 user.'),
  handler: () => Promise.reject(retired('unblock users')),
});

/** Activates or deactivates the user; a user already in that state is told so and nothing is sent. */
async function setActive(code42: Code42Api, username: string, active: boolean): Promise<CommandResult> {
  const user = await code42.users.getByUsername(username);
  const result: CommandResult = { title: active ? 'Code42 User Reactivated' : 'Code42 User Deactivated', outputs: { UserID: user.userId }, raw: user };
  if (user.active === active) return alreadyHeld(result, `User ${username} was already ${active ? 'active' : 'deactivated'}; nothing changed.`);
  if (active) {
    await code42.users.activate(user.userId);
    return result;
  }
  await code42.users.deactivate(user.userId).catch((error: unknown) => {
    if (error instanceof Code42Error && error.mentions('legal hold')) {
      throw new CommandError(`User ${username} cannot be deactivated while a custodian of an active legal hold matter; release them from the matter first.`);
    }
    throw error;
  });
  return result;
}

export const userDeactivate = defineCommand({
  name: 'code42-user-deactivate',
  description: 'Deactivate a user in Code42; signing them out of their devices. Backups discontinue for a deactivated user, and their archives go to cold storage.',
  kind: 'write',
  args: { username: requiredString('The username of the user to deactivate.') },
  outputs: userIdOutput('The ID of a Code42 User.'),
  handler: ({ code42 }, { username }) => setActive(code42, username, false),
});

export const userReactivate = defineCommand({
  name: 'code42-user-reactivate',
  description: 'Reactivates the user with the given username.',
  kind: 'write',
  args: { username: requiredString('The username of the user to reactivate.') },
  outputs: userIdOutput('The ID of a Code42 User.'),
  handler: ({ code42 }, { username }) => setActive(code42, username, true),
});

const USER_FIELDS = {
  UserID: { type: 'String', description: 'The ID of the Code42 user (/v1/users).' },
  ActorID: { type: 'String', description: 'The actor ID of the user (watchlists and risk profiles use it; it may differ from UserID).' },
  LegacyUserID: { type: 'String', description: 'The legacy numeric ID of the Code42 user.' },
  Username: { type: 'String', description: 'The username of the Code42 user.' },
  FirstName: { type: 'String', description: "The user's first name." },
  LastName: { type: 'String', description: "The user's last name." },
  OrgID: { type: 'String', description: "The ID of the user's organization." },
  OrgName: { type: 'String', description: "The name of the user's organization." },
  Active: { type: 'Boolean', description: 'Whether the user is active (false once deactivated).' },
  Blocked: { type: 'Boolean', description: 'Whether the user is blocked from logging in.' },
  CreationDate: { type: 'Date', description: 'When the user was created.' },
  Department: { type: 'String', description: "The user's department (from the actor)." },
  Title: { type: 'String', description: "The user's job title (from the actor)." },
} satisfies Record<string, OutputField>;

/** The user's actor, when Code42 has one for that name (a user who never produced activity may have none). */
async function actorOf(code42: Code42Api, username: string): Promise<Actor | undefined> {
  try {
    return await code42.actors.byNameWithParent(username);
  } catch (error) {
    if (error instanceof Code42Error && error.kind === 'not-found') return undefined;
    throw error;
  }
}

const userContext = (user: User, actor: Actor | undefined) =>
  compact({
    UserID: user.userId,
    ActorID: actor?.actorId,
    LegacyUserID: user.legacyUserId ?? undefined,
    Username: user.username,
    FirstName: user.firstName ?? undefined,
    LastName: user.lastName ?? undefined,
    OrgID: user.orgGuid ?? user.orgId ?? undefined,
    OrgName: user.orgName ?? undefined,
    Active: user.active,
    Blocked: user.blocked,
    CreationDate: user.creationDate ?? undefined,
    Department: actor?.department ?? undefined,
    Title: actor?.title ?? undefined,
  });

export const userGet = defineCommand({
  name: 'code42-user-get',
  description: 'Looks up a Code42 user by username: IDs (user and actor), organization, status, department and title.',
  kind: 'read',
  args: { username: requiredString('The username of the user to look up.') },
  outputs: { prefix: PREFIX, key: 'UserID', fields: USER_FIELDS },
  async handler({ code42 }, { username }) {
    const user = await code42.users.getByUsername(username);
    const actor = await actorOf(code42, username);
    return { title: 'Code42 User', outputs: userContext(user, actor), headers: Object.keys(USER_FIELDS), raw: { user, actor: actor ?? null } };
  },
});
