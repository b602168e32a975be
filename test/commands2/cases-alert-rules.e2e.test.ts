// Case and alert-rule commands end to end against the demo simulator. Demo: case 1 holds two of dave's
// events; rules "Removable media exfiltration" (erin, carol), "Source code to personal email" (dave),
// "File type mismatch" (watches all users), and three system rules of the detection lists.
import { DEMO_CASE_NAME, DEMO_USERS } from '../../src/simulator/seed';
import { EntryType } from '../../src/xsoar/entry';
import { expectError, expectNoResults, expectResult, keyed, simulatedForEachTest, single } from '../commands/support/harness';

const CASE = keyed('Code42.Case', 'Number');
const CASE_EVENTS = 'Code42.CaseFileEvents(val.CaseNumber && val.CaseNumber == obj.CaseNumber && val.EventID && val.EventID == obj.EventID)';
const RULES = keyed('Code42.AlertRules', 'ID');
const ruleUsersKey = (prefix: string) => `${prefix}(val.RuleID && val.RuleID == obj.RuleID && val.UserID && val.UserID == obj.UserID)`;

const s = simulatedForEachTest();

const uid = (username: string): string => s.sim.tenant.userByUsername(username)!.userUid;
const rule = (name: string) => s.sim.tenant.rules.find((r) => r.name === name)!;

describe('code42-case-create', () => {
  const command = 'code42-case-create';

  test('opens the case with subject and assignee given by username', async () => {
    const args = { name: 'Erin and the prod keys', description: 'deploy keys copied to USB', findings: 'two copies', subject: DEMO_USERS.erin, assignee: DEMO_USERS.alice };
    const context = expectResult(await s.run(command, args), CASE, 'Code42 Case Created') as Record<string, unknown>;
    const created = s.sim.tenant.cases.find((c) => c.name === args.name)!;
    expect(context).toEqual({
      Number: created.number,
      Name: args.name,
      Status: 'OPEN',
      Description: args.description,
      Findings: args.findings,
      Subject: DEMO_USERS.erin,
      SubjectUserID: uid(DEMO_USERS.erin),
      Assignee: DEMO_USERS.alice,
      AssigneeUserID: uid(DEMO_USERS.alice),
      CreatedAt: created.createdAt,
      UpdatedAt: created.updatedAt,
    });
  });

  test('a name already taken says so plainly', async () => {
    expectError(await s.run(command, { name: DEMO_CASE_NAME }), command, `A case named '${DEMO_CASE_NAME}' already exists.`);
  });

  test('an unknown subject is named and no case is opened', async () => {
    expectError(await s.run(command, { name: 'Who?', subject: 'nobody@example.com' }), command, 'No user found with username nobody@example.com.');
    expect(s.sim.tenant.cases).toHaveLength(1);
  });

  test('a name over Code42 limit is refused before anything is sent', async () => {
    expectError(await s.run(command, { name: 'n'.repeat(51) }), command, 'The case name has 51 characters; Code42 accepts at most 50.');
    expect(s.sim.tenant.cases).toHaveLength(1);
  });
});

describe('code42-case-get', () => {
  const command = 'code42-case-get';

  test('answers the case', async () => {
    const context = expectResult(await s.run(command, { case_number: '1' }), CASE, 'Code42 Case');
    expect(context).toMatchObject({ Number: 1, Name: DEMO_CASE_NAME, Status: 'OPEN', Subject: DEMO_USERS.dave, Assignee: DEMO_USERS.alice });
  });

  test('an unknown number reads "No case found with number <n>."', async () => {
    expectError(await s.run(command, { case_number: '99' }), command, 'No case found with number 99.');
  });

  test('a case number that is not a whole number is an argument error', async () => {
    expectError(await s.run(command, { case_number: 'one' }), command, 'Invalid value "one" for argument "case_number": expected a whole number of at least 1.');
  });
});

describe('code42-case-add-file-event', () => {
  const command = 'code42-case-add-file-event';

  const openCase = () => s.sim.tenant.createCase({ name: 'Fresh case' }).number;
  const alertWithEvents = () => s.sim.tenant.alerts.all().find((a) => a.observations.some((o) => (o.eventIds ?? []).length > 0))!;

  test("attaches the alert's file events (seed 002) and answers one row per event", async () => {
    const number = openCase();
    const alert = alertWithEvents();
    const expected = [...new Set(alert.observations.flatMap((o) => o.eventIds ?? []))];
    const rows = expectResult(await s.run(command, { case_number: String(number), alert_id: alert.id }), CASE_EVENTS, `Code42 File Events Added to Case ${number}`);
    expect(rows).toEqual(expected.map((id) => ({ CaseNumber: number, EventID: id })));
    expect(s.sim.tenant.case(number)!.eventIds).toEqual(expected);
  });

  test('attaches events given by id, each once', async () => {
    const number = openCase();
    const [a, b] = s.sim.tenant.fileEvents().map((e) => e.id);
    const rows = expectResult(await s.run(command, { case_number: String(number), event_ids: `${a}, ${b}, ${a}` }), CASE_EVENTS, `Code42 File Events Added to Case ${number}`);
    expect(rows).toHaveLength(2);
    expect(s.sim.tenant.case(number)!.eventIds).toEqual([a, b]);
  });

  test('an event the case already has is named, and nothing is added', async () => {
    const [held] = s.sim.tenant.case(1)!.eventIds;
    const other = s.sim.tenant.fileEvents()[0].id;
    expectError(await s.run(command, { case_number: '1', event_ids: held }), command, `Case 1 already has file event ${held}.`);
    expectError(await s.run(command, { case_number: '1', event_ids: `${other},${held}` }), command, `Case 1 already has one of the file events ${other}, ${held}.`);
    expect(s.sim.tenant.case(1)!.eventIds).toHaveLength(2);
  });

  test('a closed case takes no events', async () => {
    const number = openCase();
    s.sim.tenant.closeCase(number);
    expectError(await s.run(command, { case_number: String(number), alert_id: alertWithEvents().id }), command, `Case ${number} is closed; file events can be added to open cases only.`);
    expect(s.sim.tenant.case(number)!.eventIds).toEqual([]);
  });

  test.each([
    [{ case_number: '99', event_ids: 'e1' }, 'No case found with number 99.'],
    [{ case_number: '1' }, 'No file events to add: give event_ids, alert_id or both.'],
    [{ case_number: '1', alert_id: 'no-such-alert' }, 'No alert found with ID no-such-alert.'],
  ])('%j is refused with one sentence', async (args, sentence) => {
    expectError(await s.run(command, args), command, sentence);
  });
});

describe('code42-alert-rules-list', () => {
  test('lists every rule with its ID, name, source and state', async () => {
    const rows = expectResult(await s.run('code42-alert-rules-list'), RULES, 'Code42 Alert Rules') as Record<string, unknown>[];
    expect(rows).toHaveLength(s.sim.tenant.rules.length);
    const disabled = rule('Sensitive file names (disabled)');
    expect(rows.find((r) => r.ID === disabled.observerRuleId)).toEqual({
      ID: disabled.observerRuleId,
      Name: disabled.name,
      Description: disabled.description,
      Severity: 'LOW',
      Type: 'FED_FILE_NAME_MATCH',
      Source: 'Alerting',
      IsEnabled: false,
      IsSystem: false,
      CreatedAt: disabled.createdAt,
      CreatedBy: DEMO_USERS.alice,
    });
  });
});

describe('code42-alert-rule-add-user', () => {
  const command = 'code42-alert-rule-add-user';
  const ADDED = ruleUsersKey('Code42.UsersAddedToAlertRules');

  test.each([['name', (r: { name: string }) => r.name], ['ID', (r: { observerRuleId: string }) => r.observerRuleId]])(
    'by rule %s: puts the user on the list with the cloud aliases of their risk profile',
    async (_how, ruleArg) => {
      const target = rule('Removable media exfiltration');
      const bob = s.sim.tenant.userByUsername(DEMO_USERS.bob)!;
      const context = expectResult(await s.run(command, { rule: ruleArg(target), username: DEMO_USERS.bob }), ADDED, 'Code42 User Added to Alert Rule');
      expect(context).toEqual({ RuleID: target.observerRuleId, RuleName: target.name, UserID: bob.userUid, Username: DEMO_USERS.bob, Success: true });
      expect(target.users.get(bob.userUid)).toEqual([DEMO_USERS.bob, 'bob.builder@gmail.com']);
    },
  );

  test('a user already on the list is told so', async () => {
    expectError(await s.run(command, { rule: 'Removable media exfiltration', username: DEMO_USERS.erin }), command, `User ${DEMO_USERS.erin} is already on the user list of alert rule 'Removable media exfiltration'.`);
  });

  test('a system rule is refused before anything is sent', async () => {
    const name = 'High Risk Employee - Exfiltration to personal cloud';
    expectError(
      await s.run(command, { rule: name, username: DEMO_USERS.bob }),
      command,
      `Alert rule '${name}' is a system rule whose users follow the High Risk Employee list; change that list instead.`,
    );
  });

  test("a rule watching all users: Code42's refusal is passed on in one sentence", async () => {
    const [entry] = await s.run(command, { rule: 'File type mismatch', username: DEMO_USERS.bob });
    expect(entry.Type).toBe(EntryType.error);
    expect(entry.Contents).toMatch(/^Failed to execute command code42-alert-rule-add-user command\. Error: Could not add the user to the alert rule: Code42 answered 400 .*watches all users/);
  });

  test('an unknown rule and an unknown user are each named', async () => {
    expectError(await s.run(command, { rule: 'No such rule', username: DEMO_USERS.bob }), command, 'No alert rule found with ID or name No such rule; run !code42-alert-rules-list to see the rules.');
    expectError(await s.run(command, { rule: 'Removable media exfiltration', username: 'nobody@example.com' }), command, 'No user found with username nobody@example.com.');
  });
});

describe('code42-alert-rule-remove-user', () => {
  const command = 'code42-alert-rule-remove-user';
  const REMOVED = ruleUsersKey('Code42.UsersRemovedFromAlertRules');

  test('takes the user and all their aliases off the list', async () => {
    const target = rule('Removable media exfiltration');
    const context = expectResult(await s.run(command, { rule: 'removable MEDIA exfiltration', username: DEMO_USERS.erin }), REMOVED, 'Code42 User Removed from Alert Rule');
    expect(context).toMatchObject({ RuleID: target.observerRuleId, UserID: uid(DEMO_USERS.erin), Success: true });
    expect(target.users.has(uid(DEMO_USERS.erin))).toBe(false);
  });

  test('a user not on the list is told so', async () => {
    expectError(await s.run(command, { rule: 'Removable media exfiltration', username: DEMO_USERS.bob }), command, `User ${DEMO_USERS.bob} is not on the user list of alert rule 'Removable media exfiltration'.`);
  });
});

describe('code42-alert-rule-list-users', () => {
  const command = 'code42-alert-rule-list-users';
  const USERS = ruleUsersKey('Code42.AlertRuleUsers');

  test("lists the rule's users with their aliases", async () => {
    const target = rule('Source code to personal email');
    const entry = single(await s.run(command, { rule: target.name }));
    expect(entry.HumanReadable?.startsWith(`### Code42 Alert Rule Users: ${target.name}\n`)).toBe(true);
    expect(entry.EntryContext?.[USERS]).toEqual([{ RuleID: target.observerRuleId, RuleName: target.name, UserID: uid(DEMO_USERS.dave), Aliases: [DEMO_USERS.dave, 'dave.dev@protonmail.com'] }]);
  });

  test('a rule without a user list reads "No results found"', async () => {
    expectNoResults(await s.run(command, { rule: 'File type mismatch' }));
  });
});
