// Legal hold custodians (code42-api.md §12.3, commands.md "Users, legal hold, files"): the user by username,
// the matter by name, then the custodian change. Membership problems are answered as plain sentences.
import type { Code42Api, Matter, User } from '../src/code42/api';
import { Code42Error } from '../src/code42/errors';
import { defineCommand } from '../src/command';
import { CommandError } from '../src/registry';
import { requiredString } from './_shared/args';
import { lookupUser } from './_shared/users';

const OUTPUTS = {
  prefix: 'Code42.LegalHold',
  key: 'MatterID',
  fields: {
    UserID: { type: 'Unknown', description: 'The ID of a Code42 user.' },
    MatterID: { type: 'String', description: 'The ID of a Code42 legal hold matter.' },
    Username: { type: 'String', description: 'A username for a Code42 user.' },
    MatterName: { type: 'String', description: 'A name for a Code42 legal hold matter.' },
  },
} as const;

/** Looks up the user and the matter by name, makes the custodian change, and answers both under `title`. */
async function changeCustodian(code42: Code42Api, username: string, mattername: string, title: string, change: (user: User, matter: Matter) => Promise<void>) {
  const user = await lookupUser(code42, username);
  const matter = await code42.legalHold.findMatterByName(mattername);
  if (!matter) throw new CommandError(`No legal hold matter found with name ${mattername}.`);
  await change(user, matter);
  return { title, outputs: { MatterID: matter.matterId, MatterName: matter.name, UserID: user.userId, Username: user.username } };
}

/** Code42's answer to a custodian change that would change nothing, as a sentence; other errors unchanged. */
const membershipError = (sentence: string, code42Token: string) => (error: unknown) => {
  if (error instanceof Code42Error && error.mentions(code42Token)) throw new CommandError(sentence);
  throw error;
};

const matterArgs = (action: string, preposition: string) =>
  ({
    username: requiredString(`The username of the user to ${action} the given legal hold matter.`),
    mattername: requiredString(`The name of the legal hold matter ${preposition}.`),
  }) as const;

export const legalHoldAddUser = defineCommand({
  name: 'code42-legalhold-add-user',
  description: 'Adds a Code42 user to a legal hold matter.',
  kind: 'write',
  args: matterArgs('add to', 'to which the user will be added'),
  outputs: OUTPUTS,
  handler: ({ code42 }, { username, mattername }) =>
    changeCustodian(code42, username, mattername, 'Code42 User Added to Legal Hold Matter', (user, matter) =>
      code42.legalHold
        .addCustodian(matter.matterId, user.userId)
        .catch(membershipError(`User '${username}' is already an active member of legal hold matter '${mattername}'`, 'USER_ALREADY_IN_HOLD')),
    ),
});

export const legalHoldRemoveUser = defineCommand({
  name: 'code42-legalhold-remove-user',
  description: 'Removes a Code42 user from a legal hold matter.',
  kind: 'write',
  args: matterArgs('release from', 'from which the user will be released'),
  outputs: OUTPUTS,
  handler: ({ code42 }, { username, mattername }) =>
    changeCustodian(code42, username, mattername, 'Code42 User Removed from Legal Hold Matter', async (user, matter) => {
      const notMember = `User '${username}' is not an active member of legal hold matter '${mattername}'`;
      // The incumbent's check: only an active membership can be released.
      const custodians = await code42.legalHold.listCustodians(matter.matterId);
      if (!custodians.some((c) => c.userId === user.userId && c.membershipActive)) throw new CommandError(notMember);
      await code42.legalHold.removeCustodian(matter.matterId, user.userId).catch(membershipError(notMember, 'NOT_IN_HOLD'));
    }),
});
