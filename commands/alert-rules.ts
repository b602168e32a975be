// Alert rules v2 and their user lists (commands.md; `/v2/alert-rules`). A rule is named by its ID or its
// name; a user by username, sent as their /v1/users id with the username as alias (as the SDK adds users).
import type { AlertRule, AlertRuleUser, Code42Api, User } from '../src/code42/api';
import { CommandError, defineCommand, type OutputField, type OutputsSpec } from '../src/command';
import type { CommandResult } from '../src/xsoar/entry';
import { requiredString } from './_shared/args';
import { compact } from './_shared/context';
import { alreadyHeld, listResult } from './_shared/results';

const RULE_FIELDS = {
  ID: { type: 'String', description: 'The ID of the alert rule (the ID the rule user-list commands take).' },
  Name: { type: 'String', description: 'The name of the alert rule.' },
  Description: { type: 'String', description: 'The description of the alert rule.' },
  Severity: { type: 'String', description: 'The severity of the alerts the rule raises.' },
  Source: { type: 'String', description: 'What created the rule.' },
  IsEnabled: { type: 'Boolean', description: 'Whether the rule is enabled.' },
  IsSystem: { type: 'Boolean', description: 'Whether the rule is a system rule (its users follow a watchlist).' },
  CreatedAt: { type: 'Date', description: 'When the rule was created.' },
  CreatedBy: { type: 'String', description: 'Who created the rule.' },
} satisfies Record<string, OutputField>;

const ruleContext = (rule: AlertRule) =>
  compact({
    ID: rule.id,
    Name: rule.name,
    Description: rule.description ?? undefined,
    Severity: rule.severity ?? undefined,
    Source: rule.source ?? undefined,
    IsEnabled: rule.isEnabled ?? undefined,
    IsSystem: rule.isSystemRule ?? undefined,
    CreatedAt: rule.createdAt ?? undefined,
    CreatedBy: rule.createdBy ?? undefined,
  });

export const alertRulesList = defineCommand({
  name: 'code42-alert-rules-list',
  description: 'Lists the alert rules of the Code42 tenant.',
  kind: 'read',
  args: {},
  outputs: { prefix: 'Code42.AlertRules', key: 'ID', fields: RULE_FIELDS },
  async handler({ code42 }) {
    const rules = await code42.alertRules.list();
    return listResult(rules, 'Code42 Alert Rules', ruleContext, ['ID', 'Name', 'Source', 'Severity', 'IsEnabled']);
  },
});

/** The rule with this ID or, failing that, this name (exact, else ignoring case). */
async function resolveRule(code42: Code42Api, rule: string): Promise<AlertRule> {
  const rules = await code42.alertRules.list();
  const wanted = rule.trim();
  const found = rules.find((r) => r.id === wanted) ?? rules.find((r) => r.name === wanted) ?? rules.find((r) => r.name.toLowerCase() === wanted.toLowerCase());
  if (!found) throw new CommandError(`No alert rule found with ID or name ${rule}; run !code42-alert-rules-list to see the rules.`);
  return found;
}

/** System rules take their users from a watchlist, and Code42 refuses to change their user lists. */
function requireEditable(rule: AlertRule): void {
  if (rule.isSystemRule) throw new CommandError(`Alert rule '${rule.name}' is a system rule whose users follow its watchlist; change that watchlist instead.`);
}

const isOnRule = (users: AlertRuleUser[], user: User): boolean => users.some((u) => u.userIdFromAuthority === user.userId);

const changeOutputs = (prefix: string, verb: string): OutputsSpec => ({
  prefix,
  key: ['RuleID', 'UserID'],
  fields: {
    RuleID: { type: 'String', description: `The ID of the alert rule the user was ${verb}.` },
    RuleName: { type: 'String', description: `The name of the alert rule the user was ${verb}.` },
    UserID: { type: 'String', description: `The user ID of the user ${verb} the rule.` },
    Username: { type: 'String', description: `The username of the user ${verb} the rule.` },
    Success: { type: 'Boolean', description: 'True when the user list is as asked (also when it already was).' },
  },
});

/** Adds the user to the rule's user list or removes them; a change that already held says so and sends nothing. */
async function changeRuleUser(code42: Code42Api, add: boolean, ruleArg: string, username: string, title: string): Promise<CommandResult> {
  const rule = await resolveRule(code42, ruleArg);
  requireEditable(rule);
  const user = await code42.users.getByUsername(username);
  const { users } = await code42.alertRules.users(rule.id);
  const result: CommandResult = {
    title,
    outputs: { RuleID: rule.id, RuleName: rule.name, UserID: user.userId, Username: user.username, Success: true },
    raw: { ruleId: rule.id, userId: user.userId },
  };
  if (isOnRule(users, user) === add) {
    return alreadyHeld(result, add ? `User ${username} was already on the user list of alert rule '${rule.name}'; nothing changed.` : `User ${username} is not on the user list of alert rule '${rule.name}'; nothing changed.`);
  }
  if (add) await code42.alertRules.addUsers(rule.id, [{ userIdFromAuthority: user.userId, aliases: [user.username] }]);
  else await code42.alertRules.removeUsers(rule.id, [user.userId]);
  return result;
}

const RULE = requiredString('The ID or the name of the alert rule.');

export const alertRuleAddUser = defineCommand({
  name: 'code42-alert-rule-add-user',
  description: "Adds a user to an alert rule's user list.",
  kind: 'write',
  args: {
    rule: RULE,
    username: requiredString('The username of the user to add to the rule.'),
  },
  outputs: changeOutputs('Code42.UsersAddedToAlertRules', 'added to'),
  handler: ({ code42 }, { rule, username }) => changeRuleUser(code42, true, rule, username, 'Code42 User Added to Alert Rule'),
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
  handler: ({ code42 }, { rule, username }) => changeRuleUser(code42, false, rule, username, 'Code42 User Removed from Alert Rule'),
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
    const { users } = await code42.alertRules.users(found.id);
    const row = (u: AlertRuleUser) => compact({ RuleID: found.id, RuleName: found.name, UserID: u.userIdFromAuthority, Aliases: u.aliases });
    return listResult(users, `Code42 Alert Rule Users: ${found.name}`, row, ['UserID', 'Aliases']);
  },
});
