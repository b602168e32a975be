// High Risk Employee List commands and risk tags (commands.md, seed 003 arguments). The list is a CUSTOM
// watchlist whose title is an instance setting (created on first use), so a person can be on it with no
// risk tag, as on the seed-era list; each risk tag is the watchlist of the same type; the note is the
// actor's notes.
import { type Actor, type Code42Api, RISK_TAGS, type RiskTag } from '../src/code42/api';
import { CommandError, defineCommand } from '../src/command';
import { filterTypeArg, LIST_RESULTS, requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { actorOnList, addToList, alreadyOn, listMembers, listOutputs, notOn, removeFromList } from './_shared/employee-lists';
import { alreadyHeld, listResult } from './_shared/results';
import { HIGH_RISK_EMPLOYEES, riskTagsOf, setMembership, tagWatchlists } from './_shared/watchlists';

const outputs = listOutputs('Code42.HighRiskEmployee', 'High Risk Employee', {
  RiskTags: { type: 'Unknown', description: 'Risk tags associated with the High Risk Employee.' },
});

const employeeContext = (actor: Actor, riskTags?: readonly RiskTag[]) =>
  compact({ UserID: actor.actorId, Username: actor.name, Note: actor.notes ?? undefined, RiskTags: riskTags ? [...riskTags] : undefined });

const HEADERS = ['UserID', 'Username', 'Note', 'RiskTags'];

export const highRiskEmployeeAdd = defineCommand({
  name: 'code42-highriskemployee-add',
  description: 'Adds a user to the High Risk Employee List.',
  kind: 'write',
  args: {
    username: requiredString('The username to add to the High Risk Employee List.'),
    note: { type: 'string', description: 'Note to attach to the High Risk Employee.' },
  },
  outputs: outputs('UserID', 'Username', 'Note'),
  async handler(ctx, { username, note }) {
    const patch = compact({ notes: note });
    const { actor, wasOn } = await addToList(ctx, HIGH_RISK_EMPLOYEES, username, patch);
    const result = { title: 'Code42 High Risk Employee List User Added', outputs: employeeContext(actor), headers: ['UserID', 'Username', 'Note'], raw: actor };
    return wasOn ? alreadyOn(result, username, HIGH_RISK_EMPLOYEES, patch) : result;
  },
});

export const highRiskEmployeeRemove = defineCommand({
  name: 'code42-highriskemployee-remove',
  description: 'Removes a user from the High Risk Employee List.',
  kind: 'write',
  args: {
    username: requiredString('The username to remove from the High Risk Employee List.'),
  },
  outputs: outputs('UserID', 'Username'),
  async handler(ctx, { username }) {
    const { actor, wasOn } = await removeFromList(ctx, HIGH_RISK_EMPLOYEES, username);
    const result = { title: 'Code42 High Risk Employee List User Removed', outputs: { UserID: actor.actorId, Username: actor.name }, raw: actor };
    return wasOn ? result : notOn(result, username, HIGH_RISK_EMPLOYEES);
  },
});

export const highRiskEmployeeGet = defineCommand({
  name: 'code42-highriskemployee-get',
  description: 'Retrieve high risk employee details.',
  kind: 'read',
  args: {
    username: requiredString('Email id of the user.'),
  },
  outputs: outputs('UserID', 'Username', 'Note', 'RiskTags'),
  async handler(ctx, { username }) {
    const { actor, isOn } = await actorOnList(ctx, HIGH_RISK_EMPLOYEES, username);
    if (!isOn) throw new CommandError(`User ${username} is not on the ${HIGH_RISK_EMPLOYEES.title}.`);
    const tags = await riskTagsOf(ctx.code42, actor.actorId);
    return { title: 'Retrieve high risk employee', outputs: employeeContext(actor, tags), headers: HEADERS, raw: actor };
  },
});

/** Every actor id on each tag's watchlist: one call per tag rather than one per employee. */
async function taggedActors(code42: Code42Api): Promise<Map<string, RiskTag[]>> {
  const tagged = new Map<string, RiskTag[]>();
  for (const [tag, watchlist] of await tagWatchlists(code42, RISK_TAGS, false)) {
    for (const member of await code42.watchlists.members(watchlist.watchlistId)) tagged.set(member.actorId, [...(tagged.get(member.actorId) ?? []), tag]);
  }
  return tagged;
}

export const highRiskEmployeeGetAll = defineCommand({
  name: 'code42-highriskemployee-get-all',
  description: 'Get all employees on the High Risk Employee List.',
  kind: 'read',
  args: {
    risktags: { type: 'list', predefined: RISK_TAGS, description: 'To filter results by employees who have these risk tags. Comma delimited.' },
    results: LIST_RESULTS,
    filtertype: filterTypeArg(['EXFILTRATION_30_DAYS', 'EXFILTRATION_24_HOURS', 'OPEN']),
  },
  outputs: outputs('UserID', 'Username', 'Note', 'RiskTags'),
  async handler(ctx, { risktags = [], results, filtertype }) {
    const tagged = await taggedActors(ctx.code42);
    const holdsAll = (actorId: string) => risktags.every((tag) => tagged.get(actorId)?.includes(tag));
    const actors = await listMembers(ctx, HIGH_RISK_EMPLOYEES, filtertype, results, holdsAll);
    return listResult(actors, 'Retrieved All High Risk Employees', (actor) => employeeContext(actor, tagged.get(actor.actorId) ?? []), HEADERS);
  },
});

const RISK_TAGS_USERNAME = requiredString('The username of the High Risk Employee.');
const riskTagsArg = (description: string) => ({ type: 'list', predefined: RISK_TAGS, required: true, description }) as const;

/** Puts the actor on each tag's watchlist or takes them off; the context lists the tags asked for. */
async function changeRiskTags(code42: Code42Api, username: string, risktags: readonly RiskTag[], add: boolean, title: string) {
  const actor = await code42.actors.byNameWithParent(username);
  const tags = [...new Set(risktags)];
  const watchlists = await tagWatchlists(code42, tags, add);
  const unchanged: RiskTag[] = [];
  for (const tag of tags) {
    const watchlist = watchlists.get(tag);
    if (!watchlist || !(await setMembership(code42, watchlist.watchlistId, actor.actorId, add))) unchanged.push(tag);
  }
  const result = { title, outputs: { UserID: actor.actorId, Username: actor.name, RiskTags: tags }, headers: ['UserID', 'Username', 'RiskTags'], raw: actor };
  if (unchanged.length === 0) return result;
  const sentence = add
    ? `User ${username} already had the risk tag${unchanged.length > 1 ? 's' : ''} ${unchanged.join(', ')}; nothing changed for ${unchanged.length > 1 ? 'them' : 'it'}.`
    : `User ${username} did not have the risk tag${unchanged.length > 1 ? 's' : ''} ${unchanged.join(', ')}; nothing changed for ${unchanged.length > 1 ? 'them' : 'it'}.`;
  return alreadyHeld(result, sentence);
}

export const highRiskEmployeeAddRiskTags = defineCommand({
  name: 'code42-highriskemployee-add-risk-tags',
  description: 'Associates risk tags with the employee with the given username.',
  kind: 'write',
  args: {
    username: RISK_TAGS_USERNAME,
    risktags: riskTagsArg('Comma-delimited risk tags to associate with the High Risk Employee.'),
  },
  outputs: outputs('UserID', 'Username', 'RiskTags'),
  handler: ({ code42 }, { username, risktags }) => changeRiskTags(code42, username, risktags, true, 'Code42 Risk Tags Added'),
});

export const highRiskEmployeeRemoveRiskTags = defineCommand({
  name: 'code42-highriskemployee-remove-risk-tags',
  description: 'Disassociates risk tags from the user with the given username.',
  kind: 'write',
  args: {
    username: RISK_TAGS_USERNAME,
    risktags: riskTagsArg('Comma-delimited risk tags to disassociate from the High Risk Employee.'),
  },
  outputs: outputs('UserID', 'Username', 'RiskTags'),
  handler: ({ code42 }, { username, risktags }) => changeRiskTags(code42, username, risktags, false, 'Code42 Risk Tags Removed'),
});
