// Code42 users (code42-api.md §4, §11; commands.md "Users"): create in an organization (console), block and
// unblock (console), deactivate and reactivate (gateway), and a lookup for playbooks.
import type { Code42Api, User } from '../src/code42/api';
import { Code42Error } from '../src/code42/errors';
import { defineCommand, type OutputField } from '../src/command';
import { CommandError } from '../src/registry';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { lookupUser } from './_shared/users';

const PREFIX = 'Code42.User';

const userIdOutput = (description: string) => ({ prefix: PREFIX, key: 'UserID', fields: { UserID: { type: 'String', description } } }) as const;

export const userCreate = defineCommand({
  name: 'code42-user-create',
  description: 'Creates a Code42 user.',
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
  async handler({ code42 }, { orgname, username, email }) {
    const org = await code42.users.findOrgByName(orgname);
    if (!org) throw new CommandError(`No organization found with name ${orgname}.`);
    const created = await code42.users.create({ orgUid: org.orgUid, username, email }).catch((error: unknown) => {
      if (error instanceof Code42Error && error.mentions('USER_DUPLICATE')) throw new CommandError(`User ${username} already exists.`);
      throw error;
    });
    return {
      title: 'Code42 User Created',
      outputs: compact({ Username: created.username, Email: created.email, UserID: created.userUid }),
      raw: created,
    };
  },
});

/** Looks the user up, makes the change with their uid, and answers their UserID under `title`. */
async function changeUser(code42: Code42Api, username: string, title: string, change: (user: User) => Promise<void>) {
  const user = await lookupUser(code42, username);
  await change(user);
  return { title, outputs: { UserID: user.userId } };
}

export const userBlock = defineCommand({
  name: 'code42-user-block',
  description: 'Blocks a user in Code42.  A blocked user is not allowed to log in or restore files. Backups will continue if the user is still active.',
  kind: 'write',
  args: { username: requiredString('The username of the user to block.') },
  outputs: userIdOutput('An ID for a Code42 user.'),
  handler: ({ code42 }, { username }) => changeUser(code42, username, 'Code42 User Blocked', (user) => code42.users.block(user.userId)),
});

export const userUnblock = defineCommand({
  name: 'code42-user-unblock',
  description: 'Removes a block, if one exists, on the user with the given user ID. Unblocked users are allowed to log in and restore.',
  kind: 'write',
  args: { username: requiredString('The username of the user to unblock.') },
  outputs: userIdOutput('An ID for a Code42 user.'),
  handler: ({ code42 }, { username }) => changeUser(code42, username, 'Code42 User Unblocked', (user) => code42.users.unblock(user.userId)),
});

export const userDeactivate = defineCommand({
  name: 'code42-user-deactivate',
  description: 'Deactivate a user in Code42; signing them out of their devices. Backups discontinue for a deactivated user, and their archives go to cold storage.',
  kind: 'write',
  args: { username: requiredString('The username of the user to deactivate.') },
  outputs: userIdOutput('The ID of a Code42 User.'),
  handler: ({ code42 }, { username }) =>
    changeUser(code42, username, 'Code42 User Deactivated', (user) =>
      code42.users.deactivate(user.userId).catch((error: unknown) => {
        if (error instanceof Code42Error && error.mentions('ACTIVE_LEGAL_HOLD')) {
          throw new CommandError(`User ${username} cannot be deactivated while a custodian of an active legal hold matter; release them from the matter first.`);
        }
        throw error;
      }),
    ),
});

export const userReactivate = defineCommand({
  name: 'code42-user-reactivate',
  description: 'Reactivates the user with the given username.',
  kind: 'write',
  args: { username: requiredString('The username of the user to reactivate.') },
  outputs: userIdOutput('The ID of a Code42 User.'),
  handler: ({ code42 }, { username }) => changeUser(code42, username, 'Code42 User Reactivated', (user) => code42.users.activate(user.userId)),
});

const USER_FIELDS = {
  UserID: { type: 'String', description: 'The ID (userUid) of the Code42 user.' },
  LegacyUserID: { type: 'String', description: 'The legacy numeric ID of the Code42 user.' },
  Username: { type: 'String', description: 'The username of the Code42 user.' },
  FirstName: { type: 'String', description: "The user's first name." },
  LastName: { type: 'String', description: "The user's last name." },
  OrgID: { type: 'String', description: "The ID of the user's organization." },
  OrgName: { type: 'String', description: "The name of the user's organization." },
  Active: { type: 'Boolean', description: 'Whether the user is active (false once deactivated).' },
  Blocked: { type: 'Boolean', description: 'Whether the user is blocked from logging in and restoring files.' },
  CreationDate: { type: 'Date', description: 'When the user was created.' },
} satisfies Record<string, OutputField>;

export const userGet = defineCommand({
  name: 'code42-user-get',
  description: 'Looks up a Code42 user by username: IDs, organization and status.',
  kind: 'read',
  args: { username: requiredString('The username of the user to look up.') },
  outputs: { prefix: PREFIX, key: 'UserID', fields: USER_FIELDS },
  async handler({ code42 }, { username }) {
    const user = await lookupUser(code42, username);
    const outputs = compact({
      UserID: user.userId,
      LegacyUserID: user.legacyUserId,
      Username: user.username,
      FirstName: user.firstName,
      LastName: user.lastName,
      OrgID: user.orgId,
      OrgName: user.orgName,
      Active: user.active,
      Blocked: user.blocked,
      CreationDate: user.creationDate,
    });
    return { title: 'Code42 User', outputs, headers: Object.keys(USER_FIELDS), raw: user };
  },
});
