// Cases (/v1/cases; add-file-event also by alert id) and alert rules v2 with their user lists, end to end.
import { DEMO_CASE_NAME, DEMO_RULES, DEMO_USERS } from '../../src/simulator/seed';
import type { RunningSimulator } from '../../src/simulator';
import { EntryType } from '../../src/xsoar/entry';
import { expectAlreadyHeld, expectError, expectResult, keyed, NOBODY, single, useCommands } from '../commands/support/harness';

const c = useCommands({ per: 'test', sessions: 0 });

const CASE = keyed('Code42.Case', 'Number');
const CASE_EVENTS = keyed('Code42.CaseFileEvents', 'CaseNumber', 'EventID');
const userIdOf = (sim: RunningSimulator, username: string): string => sim.tenant.userByUsername(username)!.userId;
const demoCase = (sim: RunningSimulator) => sim.tenant.cases.find((k) => k.name === DEMO_CASE_NAME)!;
const caseEventIds = (sim: RunningSimulator, number: number): string[] => [...sim.tenant.case(number)!.eventIds];

describe('cases', () => {
  test('create opens a case with subject and assignee by username', async () => {
    const created = expectResult(
      await c.run('code42-case-create', { name: 'Bob leaving', subject: DEMO_USERS.bob, assignee: DEMO_USERS.alice, description: 'Check USB use.' }),
      CASE,
      'Code42 Case Created',
    );
    expect(created).toMatchObject({ Name: 'Bob leaving', Status: 'OPEN', SubjectUserID: userIdOf(c.sim, DEMO_USERS.bob), AssigneeUserID: userIdOf(c.sim, DEMO_USERS.alice), Description: 'Check USB use.' });
  });

  test('a name that is taken says so', async () => {
    expectError(await c.run('code42-case-create', { name: DEMO_CASE_NAME }), 'code42-case-create', `A case named '${DEMO_CASE_NAME}' already exists.`);
  });

  test('a name over Code42\'s limit is refused before anything is created', async () => {
    const [entry] = await c.run('code42-case-create', { name: 'n'.repeat(60) });
    expect(entry).toMatchObject({ Type: EntryType.error, Contents: expect.stringContaining('60 characters') });
    expect(c.sim.tenant.cases).toHaveLength(1);
  });

  test('get answers the case; an unknown number says none has it', async () => {
    const kase = demoCase(c.sim);
    expect(expectResult(await c.run('code42-case-get', { case_number: String(kase.number) }), CASE, 'Code42 Case')).toMatchObject({ Number: kase.number, Name: DEMO_CASE_NAME });
    expectError(await c.run('code42-case-get', { case_number: '999' }), 'code42-case-get', 'No case found with number 999.');
  });

  test('add-file-event by event ids; adding them again says which were already there', async () => {
    const kase = demoCase(c.sim);
    const present = caseEventIds(c.sim, kase.number);
    const fresh = c.sim.tenant.fileEvents.map((e) => e.event.id).find((id) => !present.includes(id))!;
    const args = { case_number: String(kase.number), event_ids: `${fresh},${present[0]}` };
    const rows = expectAlreadyHeld(
      await c.run('code42-case-add-file-event', args),
      CASE_EVENTS,
      `Code42 File Events Added to Case ${kase.number}`,
      `Case ${kase.number} already had file event ${present[0]}; nothing changed for it.`,
    );
    expect(rows).toEqual([{ CaseNumber: kase.number, EventID: fresh }, { CaseNumber: kase.number, EventID: present[0] }]);
    expect(caseEventIds(c.sim, kase.number)).toContain(fresh);
  });

  test('add-file-event by alert id attaches the session\'s events', async () => {
    const kase = demoCase(c.sim);
    const session = c.sim.tenant.addSession({ username: DEMO_USERS.dave, events: 2 });
    const eventIds = c.sim.tenant.sessionEvents(session).map((e) => e.event.id);
    expectResult(await c.run('code42-case-add-file-event', { case_number: String(kase.number), alert_id: session.sessionId }), CASE_EVENTS, `Code42 File Events Added to Case ${kase.number}`);
    expect(caseEventIds(c.sim, kase.number)).toEqual(expect.arrayContaining(eventIds));
  });

  const ADD_EVENTS = 'code42-case-add-file-event';

  test('add-file-event with neither event ids nor an alert says what to give', async () => {
    const kase = demoCase(c.sim);
    expectError(await c.run(ADD_EVENTS, { case_number: String(kase.number) }), ADD_EVENTS, 'No file events to add: give event_ids, alert_id or both.');
  });

  test('add-file-event with an alert id that is no session says no alert has it', async () => {
    const kase = demoCase(c.sim);
    expectError(await c.run(ADD_EVENTS, { case_number: String(kase.number), alert_id: 'no-such-alert' }), ADD_EVENTS, 'No alert found with ID no-such-alert.');
  });

  test('add-file-event on a closed case says events go to open cases only', async () => {
    const kase = demoCase(c.sim);
    c.sim.tenant.updateCase(kase.number, { status: 'CLOSED' }, DEMO_USERS.alice);
    expectError(await c.run(ADD_EVENTS, { case_number: String(kase.number), event_ids: 'e1' }), ADD_EVENTS, `Case ${kase.number} is closed; file events can be added to open cases only.`);
  });
});

describe('alert rules', () => {
  const RULE_USERS = keyed('Code42.AlertRuleUsers', 'RuleID', 'UserID');
  const ADDED = keyed('Code42.UsersAddedToAlertRules', 'RuleID', 'UserID');
  const REMOVED = keyed('Code42.UsersRemovedFromAlertRules', 'RuleID', 'UserID');
  const ruleOf = (sim: RunningSimulator, name: string) => sim.tenant.rules.find((r) => r.name === name)!;
  const ruleUserIds = (sim: RunningSimulator, name: string) => sim.tenant.ruleUsers(ruleOf(sim, name).id).map((u) => u.userIdFromAuthority);

  test('rules-list lists every rule', async () => {
    const rules = expectResult(await c.run('code42-alert-rules-list'), keyed('Code42.AlertRules', 'ID'), 'Code42 Alert Rules') as { Name: string }[];
    expect(rules.map((r) => r.Name).sort()).toEqual(Object.values(DEMO_RULES).sort());
  });

  test('rule-list-users by name lists the /v1/users ids and aliases', async () => {
    const rows = expectResult(await c.run('code42-alert-rule-list-users', { rule: DEMO_RULES.removableMedia }), RULE_USERS, `Code42 Alert Rule Users: ${DEMO_RULES.removableMedia}`);
    expect((rows as { UserID: string }[]).map((r) => r.UserID).sort()).toEqual([userIdOf(c.sim, DEMO_USERS.erin), userIdOf(c.sim, DEMO_USERS.carol)].sort());
  });

  test('rule-add-user by rule id adds the user; again, it says they were already on it', async () => {
    const rule = ruleOf(c.sim, DEMO_RULES.removableMedia);
    const added = expectResult(await c.run('code42-alert-rule-add-user', { rule: rule.id, username: DEMO_USERS.bob }), ADDED, 'Code42 User Added to Alert Rule');
    expect(added).toEqual({ RuleID: rule.id, RuleName: rule.name, UserID: userIdOf(c.sim, DEMO_USERS.bob), Username: DEMO_USERS.bob, Success: true });
    expect(ruleUserIds(c.sim, rule.name)).toContain(userIdOf(c.sim, DEMO_USERS.bob));
    expectAlreadyHeld(
      await c.run('code42-alert-rule-add-user', { rule: rule.id, username: DEMO_USERS.bob }),
      ADDED,
      'Code42 User Added to Alert Rule',
      `User ${DEMO_USERS.bob} was already on the user list of alert rule '${rule.name}'; nothing changed.`,
    );
  });

  test('rule-remove-user removes the user; again, it says plainly they are not on it', async () => {
    expectResult(await c.run('code42-alert-rule-remove-user', { rule: DEMO_RULES.removableMedia, username: DEMO_USERS.erin }), REMOVED, 'Code42 User Removed from Alert Rule');
    expect(ruleUserIds(c.sim, DEMO_RULES.removableMedia)).not.toContain(userIdOf(c.sim, DEMO_USERS.erin));
    expectAlreadyHeld(
      await c.run('code42-alert-rule-remove-user', { rule: DEMO_RULES.removableMedia, username: DEMO_USERS.erin }),
      REMOVED,
      'Code42 User Removed from Alert Rule',
      `User ${DEMO_USERS.erin} is not on the user list of alert rule '${DEMO_RULES.removableMedia}'; nothing changed.`,
    );
  });

  test('a system rule\'s users cannot be changed, and the sentence says why', async () => {
    expectError(
      await c.run('code42-alert-rule-add-user', { rule: DEMO_RULES.mismatch, username: DEMO_USERS.bob }),
      'code42-alert-rule-add-user',
      `Alert rule '${DEMO_RULES.mismatch}' is a system rule whose users follow its watchlist; change that watchlist instead.`,
    );
  });

  test.each([
    ['code42-alert-rule-list-users', {}],
    ['code42-alert-rule-add-user', { username: DEMO_USERS.bob }],
    ['code42-alert-rule-remove-user', { username: DEMO_USERS.bob }],
  ])('%s: an unknown rule points to the rules list', async (command, args) => {
    expectError(await c.run(command, { rule: 'No such rule', ...args }), command, 'No alert rule found with ID or name No such rule; run !code42-alert-rules-list to see the rules.');
  });

  test('an unknown user says no user has that name', async () => {
    expectError(await c.run('code42-alert-rule-add-user', { rule: DEMO_RULES.removableMedia, username: NOBODY }), 'code42-alert-rule-add-user', `No user found with username ${NOBODY}.`);
  });

  test('a rule without a username filter answers one sentence', async () => {
    const entry = single(await c.run('code42-alert-rule-list-users', { rule: DEMO_RULES.departing }));
    expect(entry.Type).toBe(EntryType.error);
    expect(entry.Contents).not.toMatch(/Internal error/);
  });
});
