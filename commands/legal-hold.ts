// Legal hold (commands.md "Users, legal hold, cases, files"): the user by username, the matter by name
// (an exact name wins; several partial matches are listed, so the user can pick), then the custodian
// change; and the matters themselves, so users can find the names.
import type { Code42Api, Matter } from '../src/code42/api';
import { CommandError, defineCommand, type OutputsSpec } from '../src/command';
import type { CommandResult } from '../src/xsoar/entry';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { alreadyHeld, listResult } from './_shared/results';

// Keyed by matter and user: one row per custodian, so adding a second user to a matter keeps the first.
const OUTPUTS: OutputsSpec = {
  prefix: 'Code42.LegalHold',
  key: ['MatterID', 'UserID'],
  fields: {
    UserID: { type: 'Unknown', description: 'The ID of a Code42 user.' },
    MatterID: { type: 'String', description: 'The ID of a Code42 legal hold matter.' },
    Username: { type: 'String', description: 'A username for a Code42 user.' },
    MatterName: { type: 'String', description: 'A name for a Code42 legal hold matter.' },
  },
};

/** How many partial matches an ambiguity sentence names before it says "and N more". */
const NAMED_MATCHES = 10;

/** The matter named `name`: the exact name, else the one matter whose name contains it. */
async function matterByName(code42: Code42Api, name: string): Promise<Matter> {
  const candidates = await code42.legalHold.listMatters({ name });
  const exact = candidates.filter((m) => m.name === name);
  if (exact.length === 1) return exact[0];
  const wanted = name.toLowerCase();
  const partial = exact.length > 1 ? exact : candidates.filter((m) => m.name.toLowerCase().includes(wanted));
  if (partial.length === 1) return partial[0];
  if (partial.length === 0) throw new CommandError(`No legal hold matter found with name '${name}'; run !code42-legalhold-matters-list to see the matters.`);
  const named = partial.slice(0, NAMED_MATCHES).map((m) => `'${m.name}'`);
  const more = partial.length > NAMED_MATCHES ? ` and ${partial.length - NAMED_MATCHES} more` : '';
  throw new CommandError(`Several legal hold matters match '${name}': ${named.join(', ')}${more}; give the exact name.`);
}

/** The user, the matter, and whether the user is an active custodian of it. */
async function membership(code42: Code42Api, username: string, mattername: string) {
  const user = await code42.users.getByUsername(username);
  const matter = await matterByName(code42, mattername);
  const custodians = await code42.legalHold.custodians(matter.matterId);
  const isMember = custodians.some((c) => c.userId === user.userId && c.membershipActive);
  const result: CommandResult = {
    outputs: { MatterID: matter.matterId, MatterName: matter.name, UserID: user.userId, Username: user.username },
    headers: ['MatterID', 'MatterName', 'UserID', 'Username'],
    raw: { matter, userId: user.userId },
  };
  return { user, matter, isMember, result };
}

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
  async handler({ code42 }, { username, mattername }) {
    const { user, matter, isMember, result } = await membership(code42, username, mattername);
    const titled = { ...result, title: 'Code42 User Added to Legal Hold Matter' };
    if (isMember) return alreadyHeld(titled, `User '${username}' was already an active member of legal hold matter '${matter.name}'; nothing changed.`);
    await code42.legalHold.addCustodian(matter.matterId, user.userId);
    return titled;
  },
});

export const legalHoldRemoveUser = defineCommand({
  name: 'code42-legalhold-remove-user',
  description: 'Removes a Code42 user from a legal hold matter.',
  kind: 'write',
  args: matterArgs('release from', 'from which the user will be released'),
  outputs: OUTPUTS,
  async handler({ code42 }, { username, mattername }) {
    const { user, matter, isMember, result } = await membership(code42, username, mattername);
    const titled = { ...result, title: 'Code42 User Removed from Legal Hold Matter' };
    if (!isMember) return alreadyHeld(titled, `User '${username}' is not an active member of legal hold matter '${matter.name}'.`);
    await code42.legalHold.removeCustodian(matter.matterId, user.userId);
    return titled;
  },
});

export const legalHoldMattersList = defineCommand({
  name: 'code42-legalhold-matters-list',
  description: 'Lists the legal hold matters (name, ID, whether active, creator), optionally those whose name contains a text.',
  kind: 'read',
  args: {
    name: { type: 'string', description: 'Only matters whose name contains this text.' },
    active: { type: 'boolean', description: 'true: only active matters; false: only inactive ones. All when not given.' },
  },
  outputs: {
    prefix: 'Code42.LegalHoldMatters',
    key: 'MatterID',
    fields: {
      MatterID: { type: 'String', description: 'The ID of the legal hold matter.' },
      Name: { type: 'String', description: 'The name of the legal hold matter.' },
      Active: { type: 'Boolean', description: 'Whether the matter is active.' },
      Creator: { type: 'String', description: 'The username of who created the matter.' },
      CreationDate: { type: 'Date', description: 'When the matter was created.' },
      Description: { type: 'String', description: 'The description of the matter.' },
    },
  },
  async handler({ code42 }, { name, active }) {
    const matters = await code42.legalHold.listMatters(compact({ name, active }));
    const row = (m: Matter) =>
      compact({
        MatterID: m.matterId,
        Name: m.name,
        Active: m.active ?? undefined,
        Creator: m.creator?.username ?? undefined,
        CreationDate: m.creationDate ?? undefined,
        Description: m.description ?? undefined,
      });
    return listResult(matters, 'Code42 Legal Hold Matters', row, ['Name', 'MatterID', 'Active', 'Creator', 'CreationDate']);
  },
});
