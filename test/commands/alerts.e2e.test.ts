// Alert commands end to end: registry -> Code42 client -> simulator (demo tenant, ~40 alerts over 3 days).
import type { SimAlert } from '../../src/simulator/model';
import { expectError, expectNoResults, expectResult, keyed, simulatedForEachTest } from './support/harness';

const ALERT = keyed('Code42.SecurityAlert', 'ID');
const UNKNOWN_ID = '00000000-0000-0000-0000-000000000000';

const s = simulatedForEachTest();

const alerts = (): readonly SimAlert[] => s.sim.tenant.alerts.all();
const openAlert = (): SimAlert => {
  const alert = alerts().find((a) => a.state === 'OPEN');
  if (!alert) throw new Error('the demo tenant has no open alert');
  return alert;
};

/** The context the XSOAR integration writes for an alert (commands.md), empty fields left out. */
const contextOf = (alert: SimAlert, changes: Partial<SimAlert> = {}) => {
  const a = { ...alert, ...changes };
  return Object.fromEntries(
    Object.entries({ Username: a.actor, Occurred: a.createdAt, Description: a.description, ID: a.id, Name: a.name, State: a.state, Type: a.type, Severity: a.riskSeverity, Note: a.note?.message }).filter(
      ([, v]) => v !== undefined && v !== null && v !== '',
    ),
  );
};

describe('code42-alert-get', () => {
  test('returns the alert under Code42.SecurityAlert with the console link', async () => {
    const alert = openAlert();
    const entries = await s.run('code42-alert-get', { id: alert.id });
    expect(expectResult(entries, ALERT, 'Code42 Security Alert Results')).toEqual(contextOf(alert));
    expect(entries[0].HumanReadable).toContain('|Type|Occurred|Username|Name|Description|State|ID|');
    expect(entries[0].HumanReadable).toContain(`(${s.sim.url}/app/#/alerts/review-alerts/${alert.id})`);
  });

  test('an unknown alert id reads "No results found", not an error', async () => {
    expectNoResults(await s.run('code42-alert-get', { id: UNKNOWN_ID }));
  });
});

describe('code42-alert-resolve', () => {
  test('resolves the alert and shows it as Code42 now has it', async () => {
    const alert = openAlert();
    const context = expectResult(await s.run('code42-alert-resolve', { id: alert.id }), ALERT, 'Code42 Security Alert Resolved');
    expect(s.sim.tenant.alert(alert.id)?.state).toBe('RESOLVED');
    expect(context).toEqual(contextOf(alert, { state: 'RESOLVED' }));
  });

  test('an unknown alert id is an error entry saying no such alert exists', async () => {
    expectError(await s.run('code42-alert-resolve', { id: UNKNOWN_ID }), 'code42-alert-resolve', `No alert found with ID ${UNKNOWN_ID}.`);
  });
});

describe('code42-alert-update', () => {
  const command = 'code42-alert-update';

  test('sets the state and the note', async () => {
    const alert = openAlert();
    const context = expectResult(await s.run(command, { id: alert.id, state: 'IN_PROGRESS', note: 'looking into it' }), ALERT, 'Code42 Security Alert Updated');
    expect(context).toMatchObject({ ID: alert.id, State: 'IN_PROGRESS', Note: 'looking into it' });
    expect(s.sim.tenant.alert(alert.id)).toMatchObject({ state: 'IN_PROGRESS', note: { message: 'looking into it' } });
  });

  test('CLOSED_TP resolves the alert and keeps the state name in the note', async () => {
    const alert = openAlert();
    const context = expectResult(await s.run(command, { id: alert.id, state: 'CLOSED_TP', note: 'confirmed' }), ALERT, 'Code42 Security Alert Updated');
    expect(context).toMatchObject({ State: 'RESOLVED', Note: 'CLOSED_TP: confirmed' });
  });

  test('an unknown alert id is an error entry saying no such alert exists', async () => {
    expectError(await s.run(command, { id: UNKNOWN_ID, state: 'PENDING' }), command, `No alert found with ID ${UNKNOWN_ID}.`);
  });

  test('a state outside the enum is refused with the valid states', async () => {
    expectError(
      await s.run(command, { id: openAlert().id, state: 'DISMISSED' }),
      command,
      'Invalid value "DISMISSED" for argument "state": expected one of OPEN, RESOLVED, PENDING, IN_PROGRESS, CLOSED_TP, CLOSED_FP, CLOSED_TP_BENIGN.',
    );
  });
});

describe('code42-alert-add-note', () => {
  const command = 'code42-alert-add-note';

  test('replaces the note of the alert', async () => {
    const alert = openAlert();
    const context = expectResult(await s.run(command, { id: alert.id, note: 'escalated to HR' }), ALERT, 'Code42 Security Alert Note Added');
    expect(context).toMatchObject({ ID: alert.id, Note: 'escalated to HR' });
    expect(s.sim.tenant.alert(alert.id)?.note?.message).toBe('escalated to HR');
  });

  test('an unknown alert id is an error entry saying no such alert exists', async () => {
    expectError(await s.run(command, { id: UNKNOWN_ID, note: 'x' }), command, `No alert found with ID ${UNKNOWN_ID}.`);
  });

  test('a note longer than Code42 accepts is refused and the alert keeps its note', async () => {
    const alert = openAlert();
    const entries = await s.run(command, { id: alert.id, note: 'x'.repeat(2001) });
    expect(entries[0].Contents).toMatch(/^Failed to execute command code42-alert-add-note command\. Error: .*2001 characters.*2000/);
    expect(s.sim.tenant.alert(alert.id)?.note).toEqual(alert.note);
  });
});

describe('code42-alert-search', () => {
  const command = 'code42-alert-search';

  test('finds the actor’s alerts of the given severities and states, newest first', async () => {
    const sample = openAlert();
    const expected = alerts()
      .filter((a) => a.actor === sample.actor && a.riskSeverity === sample.riskSeverity && a.state === 'OPEN')
      .map((a) => a.id);
    const severity = sample.riskSeverity.charAt(0) + sample.riskSeverity.slice(1).toLowerCase();
    const rows = expectResult(await s.run(command, { actor: sample.actor, severity, state: 'OPEN' }), ALERT, 'Code42 Security Alerts') as { ID: string; Occurred: string }[];
    expect(rows.map((r) => r.ID).sort()).toEqual([...expected].sort());
    expect([...rows.map((r) => r.Occurred)]).toEqual([...rows.map((r) => r.Occurred)].sort().reverse());
  });

  test('`results` caps the number of alerts, and the created-on/after/before days bound them', async () => {
    expect(expectResult(await s.run(command, { results: '7' }), ALERT, 'Code42 Security Alerts')).toHaveLength(7);
    const day = openAlert().createdAt.slice(0, 10);
    const onDay = alerts().filter((a) => a.createdAt.startsWith(day)).length;
    expect(expectResult(await s.run(command, { created_on: day, results: '500' }), ALERT, 'Code42 Security Alerts')).toHaveLength(onDay);
    expect(expectResult(await s.run(command, { created_after: day, created_before: day, results: '500' }), ALERT, 'Code42 Security Alerts')).toHaveLength(onDay);
  });

  test('no match reads "No results found"', async () => {
    expectNoResults(await s.run(command, { actor: 'nobody@example.com' }));
  });

  test('an impossible date is refused', async () => {
    expectError(await s.run(command, { created_after: '2024-04-31' }), command, 'Invalid value "2024-04-31" for argument "created_after": expected a date written YYYY-MM-DD.');
  });
});
