// Alert rules and their user lists (code42-api.md §9.1, seeds 000 step 3 and 004). A rule is named by its
// ID or its name; a user by username, sent as their userUid with the cloud aliases of their risk profile
// (as py42 adds users to rules).
import type { Code42Api, RuleMetadata, RuleUser, User } from '../src/code42/api';
import { defineCommand, type OutputField, type OutputsSpec } from '../src/command';
import { CommandError } from '../src/registry';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { listResult } from './_shared/results';
import { lookupUser } from './_shared/users';

const RULE_FIELDS = {
  ID: { type: 'String', description: 'The ID of the alert rule (its observerRuleId, the ID the rule user-list commands take).' },
  Name: { type: 'String', description: 'The name of the alert rule.' },
  Description: { type: 'String', description: 'The description of the alert rule.' },
  Severity: { type: 'String', description: 'The severity of the alerts the rule raises.' },
  Type: { type: 'String', description: 'The type of the alert rule, e.g. FED_ENDPOINT_EXFILTRATION.' },
  Source: { type: 'String', description: 'What created the rule: Alerting, Departing Employee or High Risk Employee.' },
  IsEnabled: { type: 'Boolean', description: 'Whether the rule is enabled.' },
  IsSystem: { type: 'Boolean', description: 'Whether the rule is a system rule of a detection list (its users follow that list).' },
  CreatedAt: { type: 'Date', description: 'When the rule was created.' },
  CreatedBy: { type: 'String', description: 'Who created the rule.' },
} satisfies Record<string, OutputField>;

const ruleContext = (rule: RuleMetadata) =>
  compact({
    ID: rule.observerRuleId,
    Name: rule.name,
    Description: rule.description,
    Severity: rule.severity,
    Type: rule.type,
    Source: rule.ruleSource,
    IsEnabled: rule.isEnabled,
    IsSystem: rule.isSystem,
    CreatedAt: rule.createdAt,
    CreatedBy: rule.createdBy,
  });

export const alertRulesList = defineCommand({
  name: 'code42-alert-rules-list',
  description: 'Lists the alert rules of the Code42 tenant.',
  kind: 'read',
  args: {},
  outputs: { prefix: 'Code42.AlertRules', key: 'ID', fields: RULE_FIELDS },
  async handler({ code42 }) {
    const rules = await code42.alertRules.list();
    return listResult(rules, 'Code42 Alert Rules', ruleContext, ['ID', 'Name', 'Source', 'Type', 'Severity', 'IsEnabled']);
  },
});

/** The rule with this ID (observerRuleId or id) or, failing that, this name (exact, else ignoring case). */
async function resolveRule(code42: Code42Api, rule: string): Promise<RuleMetadata> {
  const rules = await code42.alertRules.list();
  const wanted = rule.trim();
  const found =
    rules.find((r) => r.observerRuleId === wanted || r.id === wanted) ??
    rules.find((r) => r.name === wanted) ??
    rules.find((r) => r.name.toLowerCase() === wanted.toLowerCase());
  if (!found) throw new CommandError(`No alert rule found with ID or name ${rule}; run !code42-alert-rules-list to see the rules.`);
  return found;
}

/** System rules take their users from their detection list, and Code42 refuses to change them (500). */
function requireEditable(rule: RuleMetadata): void {
  if (rule.isSystem) {
    throw new CommandError(`Alert rule '${rule.name}' is a system rule whose users follow the ${rule.ruleSource ?? 'detection'} list; change that list instead.`);
  }
}

interface RuleMember {
  rule: RuleMetadata;
  user: User;
}

/**
 * Adds the user, with the cloud aliases of their risk profile, to the rule's user list or removes them.
 * add-users merges silently, so a change that would change nothing is caught here from the current list.
 */
async function changeRuleUser(code42: Code42Api, action: 'add' | 'remove', ruleArg: string, username: string): Promise<RuleMember> {
  const rule = await resolveRule(code42, ruleArg);
  requireEditable(rule);
  const user = await lookupUser(code42, username);
  const members = await code42.alertRules.listUsers(rule.observerRuleId);
  const isMember = members.some((m) => m.userIdFromAuthority === user.userId);
  if (action === 'add') {
    if (isMember) throw new CommandError(`User ${username} is already on the user list of alert rule '${rule.name}'.`);
    const profile = await code42.riskProfiles.get(user.userId);
    const aliases = profile.cloudAliases?.length ? profile.cloudAliases : [user.username];
    await code42.alertRules.addUser(rule.observerRuleId, { userIdFromAuthority: user.userId, userAliasList: aliases });
  } else {
    if (!isMember) throw new CommandError(`User ${username} is not on the user list of alert rule '${rule.name}'.`);
    await code42.alertRules.removeUsers(rule.observerRuleId, [user.userId]);
  }
  return { rule, user };
}

const RULE = requiredString('The ID or the name of the alert rule.');

const changeOutputs = (prefix: string, verb: string): OutputsSpec => ({
  prefix,
  key: ['RuleID', 'UserID'],
  fields: {
    RuleID: { type: 'String', description: `The ID of the alert rule the user was ${verb}.` },
    RuleName: { type: 'String', description: `The name of the alert rule the user was ${verb}.` },
    UserID: { type: 'String', description: `The user ID of the user ${verb} the rule.` },
    Username: { type: 'String', description: `The username of the user ${verb} the rule.` },
    Success: { type: 'Boolean', description: 'True when Code42 made the change.' },
  },
});

const changeResult = (title: string, { rule, user }: RuleMember) => ({
  title,
  outputs: { RuleID: rule.observerRuleId, RuleName: rule.name, UserID: user.userId, Username: user.username, Success: true },
});

export const alertRuleAddUser = defineCommand({
  name: 'code42-alert-rule-add-user',
  description: "Adds a user to an alert rule's user list, with the cloud aliases of the user's risk profile.",
  kind: 'write',
  args: {
    rule: RULE,
    username: requiredString('The username of the user to add to the rule.'),
  },
  outputs: changeOutputs('Code42.UsersAddedToAlertRules', 'added to'),
  handler: async ({ code42 }, { rule, username }) => changeResult('Code42 User Added to Alert Rule', await changeRuleUser(code42, 'add', rule, username)),
});

export const alertRuleRemoveUser = defineCommand({
  name: 'code42-alert-rule-remove-user',
  description: "Removes a user, with all their aliases, from an alert rule's user list.",
  kind: 'write',
  args: {
    rule: RULE,
    username: requiredString('The username of the user to remove from the rule.'),
  },
  outputs: changeOutputs('Code42.UsersRemovedFromAlertRules', 'removed from'),
  handler: async ({ code42 }, { rule, username }) => changeResult('Code42 User Removed from Alert Rule', await changeRuleUser(code42, 'remove', rule, username)),
});

export const alertRuleListUsers = defineCommand({
  name: 'code42-alert-rule-list-users',
  description: "Lists the users on an alert rule's user list, with their aliases.",
  kind: 'read',
  args: { rule: RULE },
  outputs: {
    prefix: 'Code42.AlertRuleUsers',
    key: ['RuleID', 'UserID'],
    fields: {
      RuleID: { type: 'String', description: 'The ID of the alert rule.' },
      RuleName: { type: 'String', description: 'The name of the alert rule.' },
      UserID: { type: 'String', description: "The user ID (userIdFromAuthority) of the user on the rule's list." },
      Aliases: { type: 'Unknown', description: 'The usernames and cloud aliases the rule watches for this user.' },
    },
  },
  async handler({ code42 }, { rule }) {
    const found = await resolveRule(code42, rule);
    const users = await code42.alertRules.listUsers(found.observerRuleId);
    const row = (u: RuleUser) => compact({ RuleID: found.observerRuleId, RuleName: found.name, UserID: u.userIdFromAuthority, Aliases: u.userAliasList });
    return listResult(users, `Code42 Alert Rule Users: ${found.name}`, row, ['UserID', 'Aliases']);
  },
});
