// High Risk Employee List commands and risk tags (commands.md, seed 003 arguments, seed 000 flow).
import { type Code42Api, type DetectionListEntry, RISK_FACTORS, type RiskFactor } from '../src/code42/api';
import { defineCommand, type OutputField } from '../src/command';
import { compact } from './_shared/context';
import { addOutcome, addUserToList, getUserOnList, HIGH_RISK_EMPLOYEES, removeUserFromList, searchList } from './_shared/detection-lists';
import { detectionListProfile } from './_shared/users';

const PREFIX = 'Code42.HighRiskEmployee';

const FIELDS = {
  UserID: { type: 'String', description: 'Internal Code42 User ID for the High Risk Employee.' },
  Username: { type: 'String', description: 'The username of the High Risk Employee.' },
  Note: { type: 'String', description: 'Note associated with the High Risk Employee.' },
  RiskTags: { type: 'Unknown', description: 'Risk tags associated with the High Risk Employee.' },
} satisfies Record<string, OutputField>;

const outputs = (...names: (keyof typeof FIELDS)[]) => ({
  prefix: PREFIX,
  key: 'UserID',
  fields: Object.fromEntries(names.map((name) => [name, FIELDS[name]])),
});

const entryContext = (entry: DetectionListEntry) =>
  compact({ UserID: entry.userId, Username: entry.userName, Note: entry.notes, RiskTags: entry.riskFactors });

const LIST_HEADERS = ['UserID', 'Username', 'Note', 'RiskTags'];

const riskTagsArg = (description: string) => ({ type: 'list', predefined: RISK_FACTORS, required: true, description }) as const;

const ADD = 'code42-highriskemployee-add';

export const highRiskEmployeeAdd = defineCommand({
  name: ADD,
  description: 'Adds a user to the High Risk Employee List.',
  kind: 'write',
  args: {
    username: { type: 'string', description: 'The username to add to the High Risk Employee List.', required: true },
    note: { type: 'string', description: 'Note to attach to the High Risk Employee.' },
  },
  outputs: outputs('UserID', 'Username', 'Note'),
  async handler({ code42 }, { username, note }) {
    const added = await addUserToList(code42, HIGH_RISK_EMPLOYEES, username, { note });
    return addOutcome(ADD, HIGH_RISK_EMPLOYEES, username, added, {
      title: 'Code42 High Risk Employee List User Added',
      outputs: compact({ UserID: added.profile.userId, Username: username, Note: added.noteFailure === undefined ? note : undefined }),
      raw: added.entry,
    });
  },
});

export const highRiskEmployeeRemove = defineCommand({
  name: 'code42-highriskemployee-remove',
  description: 'Removes a user from the High Risk Employee List.',
  kind: 'write',
  args: {
    username: { type: 'string', description: 'The username to remove from the High Risk Employee List.', required: true },
  },
  outputs: outputs('UserID', 'Username'),
  async handler({ code42 }, { username }) {
    const profile = await removeUserFromList(code42, HIGH_RISK_EMPLOYEES, username);
    return { title: 'Code42 High Risk Employee List User Removed', outputs: { UserID: profile.userId, Username: username } };
  },
});

export const highRiskEmployeeGet = defineCommand({
  name: 'code42-highriskemployee-get',
  description: 'Retrieve high risk employee details.',
  kind: 'read',
  args: {
    username: { type: 'string', description: 'Email id of the user.', required: true },
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
    results: { type: 'number', integer: true, minimum: 1, defaultValue: 50, description: 'The number of items to return.' },
    filtertype: {
      type: 'string',
      predefined: ['EXFILTRATION_30_DAYS', 'EXFILTRATION_24_HOURS', 'OPEN'],
      defaultValue: 'OPEN',
      description: 'Filters the results based on specific filters.',
    },
  },
  outputs: outputs('UserID', 'Username', 'Note', 'RiskTags'),
  async handler({ code42 }, { risktags, results, filtertype }) {
    const required = risktags ?? [];
    const holdsAll = (entry: DetectionListEntry) => required.every((tag) => entry.riskFactors?.includes(tag));
    const entries = await searchList(code42, HIGH_RISK_EMPLOYEES, filtertype, results, required.length ? holdsAll : undefined);
    if (entries.length === 0) return { readable: 'No results found', outputs: null, raw: [] };
    return { title: 'Retrieved All High Risk Employees', outputs: entries.map(entryContext), headers: LIST_HEADERS, raw: entries };
  },
});

/** Adds or removes the tags on the user's detection-list profile; the context lists the tags changed. */
async function changeRiskTags(code42: Code42Api, username: string, risktags: RiskFactor[], action: 'add' | 'remove') {
  const profile = await detectionListProfile(code42, username);
  const tags = [...new Set(risktags)];
  if (action === 'add') await code42.detectionLists.addRiskFactors(profile.userId, tags);
  else await code42.detectionLists.removeRiskFactors(profile.userId, tags);
  return { UserID: profile.userId, Username: username, RiskTags: tags };
}

export const highRiskEmployeeAddRiskTags = defineCommand({
  name: 'code42-highriskemployee-add-risk-tags',
  description: 'Associates risk tags with the employee with the given username.',
  kind: 'write',
  args: {
    username: { type: 'string', description: 'The username of the High Risk Employee.', required: true },
    risktags: riskTagsArg('Comma-delimited risk tags to associate with the High Risk Employee.'),
  },
  outputs: outputs('UserID', 'Username', 'RiskTags'),
  async handler({ code42 }, { username, risktags }) {
    const context = await changeRiskTags(code42, username, risktags, 'add');
    return { title: 'Code42 Risk Tags Added', outputs: context };
  },
});

export const highRiskEmployeeRemoveRiskTags = defineCommand({
  name: 'code42-highriskemployee-remove-risk-tags',
  description: 'Disassociates risk tags from the user with the given username.',
  kind: 'write',
  args: {
    username: { type: 'string', description: 'The username of the High Risk Employee.', required: true },
    risktags: riskTagsArg('Comma-delimited risk tags to disassociate from the High Risk Employee.'),
  },
  outputs: outputs('UserID', 'Username', 'RiskTags'),
  async handler({ code42 }, { username, risktags }) {
    const context = await changeRiskTags(code42, username, risktags, 'remove');
    return { title: 'Code42 Risk Tags Removed', outputs: context };
  },
});
