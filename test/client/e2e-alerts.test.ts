// Alerts, alert rules and cases against the simulator over real HTTP, with a tenant big enough to page.
import type { AlertSummary } from '../../src/code42/api';
import type { Code42Error } from '../../src/code42/errors';
import { DEMO_USERS } from '../../src/simulator';
import { rejectionOf } from './helpers';
import { requestCounter, useSimulator } from './simulator';

const ALERTS = 1200;
const harness = useSimulator({ alerts: ALERTS });
const client = () => harness().client;
const tenant = () => harness().simulator.tenant;
const count = (method: string, route: string) => requestCounter(harness().simulator, method, route);

describe('query-alerts', () => {
  test('all alerts are read in pages of 500 from pgNum 0, each alert once', async () => {
    const seen: AlertSummary[] = [];
    let totalCount = 0;
    for (let pgNum = 0; ; pgNum++) {
      const page = await client().alerts.query({}, { pgNum, pgSize: 500 });
      seen.push(...page.alerts);
      totalCount = page.totalCount;
      if (page.alerts.length < 500) break;
    }

    expect(totalCount).toBe(ALERTS);
    expect(seen).toHaveLength(ALERTS);
    expect(new Set(seen.map((a) => a.id)).size).toBe(ALERTS);
  });

  test('a page size of 501 is refused before it reaches Code42', async () => {
    const queries = count('POST', '/v1/alerts/query-alerts');

    const error = (await rejectionOf(client().alerts.query({}, { pgNum: 0, pgSize: 501 }))) as Code42Error;

    expect(error.kind).toBe('invalid-request');
    expect(queries()).toBe(0);
  });

  test('state and severity filters are OR groups joined by AND, as the tenant data confirms', async () => {
    const expected = tenant()
      .alerts.all()
      .filter((a) => ['OPEN', 'PENDING'].includes(a.state) && ['CRITICAL', 'HIGH'].includes(a.riskSeverity));

    const page = await client().alerts.query({ state: ['OPEN', 'PENDING'], riskSeverity: ['CRITICAL', 'HIGH'] }, { pgNum: 0, pgSize: 500 });

    expect(page.totalCount).toBe(expected.length);
    expect(page.alerts.every((a) => ['OPEN', 'PENDING'].includes(a.state) && ['CRITICAL', 'HIGH'].includes(String(a.riskSeverity)))).toBe(true);
  });

  test('actor, rule name and created-at bounds narrow the search', async () => {
    const sample = tenant().alerts.all()[600];
    const createdOnOrAfter = sample.createdAt;

    const page = await client().alerts.query({ actor: sample.actor, ruleName: sample.name, createdOnOrAfter }, { pgNum: 0, pgSize: 500, srtDirection: 'ASC' });

    expect(page.alerts.length).toBeGreaterThan(0);
    expect(page.alerts[0].createdAt >= createdOnOrAfter).toBe(true);
    expect(page.alerts.every((a) => a.actor === sample.actor && a.name === sample.name && a.createdAt >= createdOnOrAfter)).toBe(true);
  });

  test('a value Code42 does not know comes back as problems, named in the error', async () => {
    const error = (await rejectionOf(client().alerts.query({ riskSeverity: ['BOGUS'] }, { pgNum: 0, pgSize: 10 }))) as Code42Error;

    expect(error.mentions('IllegalValue')).toBe(true);
    expect(error.message).toMatch(/^Could not search alerts: Code42 reported IllegalValue in filter riskSeverity IS "BOGUS"/);
  });
});

describe('details, state and notes', () => {
  test('details of 250 alerts are fetched 100 at a time, in the caller order, without unknown ids', async () => {
    const ids = tenant()
      .alerts.all()
      .slice(0, 250)
      .map((a) => a.id)
      .reverse();
    const requests = count('POST', '/v1/alerts/query-details');

    const details = await client().alerts.details([...ids.slice(0, 10), 'no-such-alert', ...ids.slice(10)]);

    expect(requests()).toBe(3);
    expect(details.map((d) => d.id)).toEqual(ids);
    expect(typeof details[0].observations?.[0].data).toBe('string');
  });

  test('150 alerts are resolved in two calls and carry the note', async () => {
    const ids = tenant()
      .alerts.all()
      .slice(300, 450)
      .map((a) => a.id);
    const requests = count('POST', '/v1/alerts/update-state');

    await client().alerts.updateState(ids, 'RESOLVED', 'bulk triage');

    expect(requests()).toBe(2);
    expect(ids.every((id) => tenant().alert(id)?.state === 'RESOLVED' && tenant().alert(id)?.note?.message === 'bulk triage')).toBe(true);
  });

  test('a 2000-character note is accepted and a 2001-character note is refused before sending', async () => {
    const alertId = tenant().alerts.all()[5].id;
    const notes = count('POST', '/v1/alerts/add-note');

    await client().alerts.addNote(alertId, 'n'.repeat(2000));
    const error = (await rejectionOf(client().alerts.addNote(alertId, 'n'.repeat(2001)))) as Code42Error;

    expect(tenant().alert(alertId)?.note?.message).toHaveLength(2000);
    expect(error.kind).toBe('invalid-request');
    expect(notes()).toBe(1);
  });
});

describe('alert rules', () => {
  test('rule metadata is read across pages from pgNum 0', async () => {
    const before = tenant().rules.length;
    const template = tenant().rules.find((r) => !r.isSystem);
    if (!template) throw new Error('the demo tenant has no custom rule');
    for (let i = 0; i < 150; i++) tenant().addRule({ ...template, observerRuleId: `bulk-rule-${i}`, id: `bulk-meta-${i}`, name: `Bulk rule ${i}`, users: new Map() });
    const requests = count('POST', '/v1/alerts/rules/query-rule-metadata');

    const rules = await client().alertRules.list();

    expect(rules).toHaveLength(before + 150);
    expect(requests()).toBe(Math.floor((before + 150) / 100) + 1);
  });

  test('the name filter finds the one rule', async () => {
    const rules = await client().alertRules.list({ name: 'Bulk rule 7' });

    expect(rules.map((r) => r.observerRuleId)).toEqual(['bulk-rule-7']);
  });

  test('a user is added to a rule, listed and removed', async () => {
    const rule = tenant().rules.find((r) => !r.isSystem && r.usersToAlertOn === 'SPECIFIED_USERS');
    const alice = tenant().userByUsername(DEMO_USERS.alice);
    if (!rule || !alice) throw new Error('demo tenant changed');

    await client().alertRules.addUser(rule.observerRuleId, { userIdFromAuthority: alice.userUid, userAliasList: [alice.username] });
    const listed = await client().alertRules.listUsers(rule.observerRuleId);
    await client().alertRules.removeUsers(rule.observerRuleId, [alice.userUid]);

    expect(listed).toContainEqual(expect.objectContaining({ userIdFromAuthority: alice.userUid, userAliasList: [alice.username] }));
    await expect(client().alertRules.listUsers(rule.observerRuleId)).resolves.not.toContainEqual(expect.objectContaining({ userIdFromAuthority: alice.userUid }));
  });

  test('an unknown rule is 404 and a system rule is 500', async () => {
    const system = tenant().rules.find((r) => r.isSystem);
    const user = { userIdFromAuthority: '1', userAliasList: [] };

    const unknown = (await rejectionOf(client().alertRules.addUser('no-such-rule', user))) as Code42Error;
    const systemRule = (await rejectionOf(client().alertRules.addUser(system?.observerRuleId ?? '', user))) as Code42Error;

    expect([unknown.status, systemRule.status]).toEqual([404, 500]);
  });
});

describe('cases', () => {
  test('a case is created, read back and given file events; repeats are NAME_EXISTS and CASE_ALREADY_HAS_EVENT', async () => {
    const dave = tenant().userByUsername(DEMO_USERS.dave);
    const events = tenant()
      .fileEvents()
      .slice(0, 2)
      .map((e) => e.id);

    const created = await client().cases.create({ name: 'E2E case', subject: dave?.userUid, description: 'from the client suite' });
    const duplicate = (await rejectionOf(client().cases.create({ name: 'E2E case' }))) as Code42Error;
    await client().cases.addFileEvents(created.number, events);
    const again = (await rejectionOf(client().cases.addFileEvents(created.number, events.slice(0, 1)))) as Code42Error;

    await expect(client().cases.get(created.number)).resolves.toMatchObject({ name: 'E2E case', subjectUsername: DEMO_USERS.dave, status: 'OPEN' });
    expect(tenant().case(created.number)?.eventIds).toEqual(events);
    expect(duplicate.mentions('NAME_EXISTS')).toBe(true);
    expect(again.mentions('CASE_ALREADY_HAS_EVENT')).toBe(true);
  });

  test('an unknown case number is not found', async () => {
    const error = await rejectionOf(client().cases.get(9999));

    expect(error.message).toBe('No case found with number 9999.');
  });
});
