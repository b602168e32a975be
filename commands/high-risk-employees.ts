// High Risk Employee List commands and risk tags (commands.md, seed 003 arguments, seed 000 flow).
import { type Code42Api, type DetectionListEntry, RISK_FACTORS, type RiskFactor } from '../src/code42/api';
import { defineCommand } from '../src/command';
import { filterTypeArg, LIST_RESULTS, requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { addToList, getUserOnList, HIGH_RISK_EMPLOYEES, listOutputs, removeUserFromList, searchList } from './_shared/detection-lists';
import { listResult } from './_shared/results';
import { detectionListProfile } from './_shared/users';

const outputs = listOutputs('Code42.HighRiskEmployee', 'High Risk Employee', {
  RiskTags: { type: 'Unknown', description: 'Risk tags associated with the High Risk Employee.' },
});

const entryContext = (entry: DetectionListEntry) =>
  compact({ UserID: entry.userId, Username: entry.userName, Note: entry.notes, RiskTags: entry.riskFactors });

const LIST_HEADERS = ['UserID', 'Username', 'Note', 'RiskTags'];

const ADD = 'code42-highriskemployee-add';

export const highRiskEmployeeAdd = defineCommand({
  name: ADD,
  description: 'Adds a user to the High Risk Employee List.',
  kind: 'write',
  args: {
    username: requiredString('The username to add to the High Risk Employee List.'),
    note: { type: 'string', description: 'Note to attach to the High Risk Employee.' },
  },
  outputs: outputs('UserID', 'Username', 'Note'),
  handler: ({ code42 }, { username, note }) =>
    addToList(code42, HIGH_RISK_EMPLOYEES, ADD, username, { note }, (added) => ({
      title: 'Code42 High Risk Employee List User Added',
      outputs: compact({ UserID: added.userId, Username: username, Note: added.note }),
    })),
});

export const highRiskEmployeeRemove = defineCommand({
  name: 'code42-highriskemployee-remove',
  description: 'Removes a user from the High Risk Employee List.',
  kind: 'write',
  args: {
    username: requiredString('The username to remove from the High Risk Employee List.'),
  },
  outputs: outputs('UserID', 'Username'),
  async handler({ code42 }, { username }) {
    const { userId } = await removeUserFromList(code42, HIGH_RISK_EMPLOYEES, username);
    return { title: 'Code42 High Risk Employee List User Removed', outputs: { UserID: userId, Username: username } };
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
  async handler({ code42 }, { username }) {
    const entry = await getUserOnList(code42, HIGH_RISK_EMPLOYEES, username);
    return { title: 'Retrieve high risk employee', outputs: entryContext(entry), headers: LIST_HEADERS, raw: entry };
  },
});

export const highRiskEmployeeGetAll = defineCommand({
  name: 'code42-highriskemployee-get-all',
  description: 'Get all employees on the High Risk Employee List.',
  kind: 'read',
  args: {
    risktags: { type: 'list', predefined: RISK_FACTORS, description: 'To filter results by employees who have these risk tags. Comma delimited.' },
    results: LIST_RESULTS,
    filtertype: filterTypeArg(['EXFILTRATION_30_DAYS', 'EXFILTRATION_24_HOURS', 'OPEN']),
  },
  outputs: outputs('UserID', 'Username', 'Note', 'RiskTags'),
  async handler({ code42 }, { risktags, results, filtertype }) {
    const required = risktags ?? [];
    const holdsAll = (entry: DetectionListEntry) => required.every((tag) => entry.riskFactors?.includes(tag));
    const entries = await searchList(code42, HIGH_RISK_EMPLOYEES, filtertype, results, required.length ? holdsAll : undefined);
    return listResult(entries, 'Retrieved All High Risk Employees', entryContext, LIST_HEADERS);
  },
});

const RISK_TAGS_USERNAME = requiredString('The username of the High Risk Employee.');
const riskTagsArg = (description: string) => ({ type: 'list', predefined: RISK_FACTORS, required: true, description }) as const;

/** Adds or removes the tags on the user's detection-list profile; the context lists the tags changed. */
async function changeRiskTags(code42: Code42Api, username: string, risktags: RiskFactor[], action: 'add' | 'remove', title: string) {
  const profile = await detectionListProfile(code42, username);
  const tags = [...new Set(risktags)];
  if (action === 'add') await code42.detectionLists.addRiskFactors(profile.userId, tags);
  else await code42.detectionLists.removeRiskFactors(profile.userId, tags);
  return { title, outputs: { UserID: profile.userId, Username: username, RiskTags: tags } };
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
  handler: ({ code42 }, { username, risktags }) => changeRiskTags(code42, username, risktags, 'add', 'Code42 Risk Tags Added'),
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
  handler: ({ code42 }, { username, risktags }) => changeRiskTags(code42, username, risktags, 'remove', 'Code42 Risk Tags Removed'),
});
