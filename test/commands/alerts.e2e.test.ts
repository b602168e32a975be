// Alerts are sessions (commands.md), end to end against the simulator: get, resolve, update, add-note,
// search and file-events, with the sentences of each error and of a repeated change.
import { DEMO_RULES, DEMO_USERS } from '../../src/simulator/seed';
import { contextKey, EntryType } from '../../src/xsoar/entry';
import { expectAlreadyHeld, expectError, expectNoResults, expectResult, keyed, single, useCommands } from './support/harness';

const c = useCommands();
const ALERT = keyed('Code42.SecurityAlert', 'ID');

/** A fresh alerting session of dave's, so each test changes its own alert. */
const newAlert = (input: Parameters<typeof c.sim.tenant.addSession>[0] = {}) =>
  c.sim.tenant.addSession({ username: DEMO_USERS.dave, severity: 4, ruleNames: [DEMO_RULES.sourceCode], exfiltrationSummary: 'falcon-src.zip emailed to a personal address', events: 3, ...input });

describe('code42-alert-get', () => {
  test('answers the session as the XSOAR integration\'s alert fields, plus score, indicators and the console link', async () => {
    const session = newAlert();
    const alert = expectResult(await c.run('code42-alert-get', { id: session.sessionId }), ALERT, 'Code42 Security Alert Results');
    expect(alert).toMatchObject({
      ID: session.sessionId,
      Username: DEMO_USERS.dave,
      Occurred: new Date(session.beginTime).toISOString(),
      Description: DEMO_RULES.sourceCode,
      Name: 'falcon-src.zip emailed to a personal address',
      State: 'OPEN',
      Severity: 'CRITICAL',
      Type: 'STANDARD',
      Link: expect.stringContaining(session.sessionId),
    });
    expect(typeof (alert as { RiskScore: unknown }).RiskScore).toBe('number');
  });

  test('an id that is no session answers "No results found", as the incumbent', async () => {
    expectNoResults(await c.run('code42-alert-get', { id: 'no-such-alert' }));
  });
});

describe('code42-alert-resolve', () => {
  test('sets CLOSED_TP and answers the alert as Code42 now has it', async () => {
    const session = newAlert();
    const alert = expectResult(await c.run('code42-alert-resolve', { id: session.sessionId }), ALERT, 'Code42 Security Alert Resolved');
    expect(alert).toMatchObject({ ID: session.sessionId, State: 'CLOSED_TP' });
    expect(c.sim.tenant.stateOf(c.sim.tenant.session(session.sessionId)!)).toBe('CLOSED_TP');
  });

  test('resolving again succeeds and says the state already held', async () => {
    const session = newAlert();
    await c.run('code42-alert-resolve', { id: session.sessionId });
    const alert = expectAlreadyHeld(
      await c.run('code42-alert-resolve', { id: session.sessionId }),
      ALERT,
      'Code42 Security Alert Resolved',
      `Alert ${session.sessionId} was already CLOSED_TP; its state did not change.`,
    );
    expect(alert).toMatchObject({ State: 'CLOSED_TP' });
  });

  test('an unknown id says no alert has it', async () => {
    expectError(await c.run('code42-alert-resolve', { id: 'no-such-alert' }), 'code42-alert-resolve', 'No alert found with ID no-such-alert.');
  });
});

describe('code42-alert-update', () => {
  test.each([
    ['resolved', 'CLOSED_TP'],
    ['PENDING', 'IN_PROGRESS'],
    ['closed_tp_benign', 'CLOSED_TP_BENIGN'],
    ['Closed_FP', 'CLOSED_FP'],
  ])('state=%s (seed-era names and any case accepted) sets %s', async (state, expected) => {
    const session = newAlert();
    const alert = expectResult(await c.run('code42-alert-update', { id: session.sessionId, state }), ALERT, 'Code42 Security Alert Updated');
    expect(alert).toMatchObject({ State: expected });
  });

  test('a note is added and is the alert\'s latest note', async () => {
    const session = newAlert();
    const alert = expectResult(await c.run('code42-alert-update', { id: session.sessionId, state: 'IN_PROGRESS', note: 'Called the manager.' }), ALERT, 'Code42 Security Alert Updated');
    expect(alert).toMatchObject({ State: 'IN_PROGRESS', Note: 'Called the manager.' });
  });

  test('a repeated state change with a note says the state already held and still adds the note', async () => {
    const session = newAlert();
    await c.run('code42-alert-update', { id: session.sessionId, state: 'pending' });
    const alert = expectAlreadyHeld(
      await c.run('code42-alert-update', { id: session.sessionId, state: 'IN_PROGRESS', note: 'Still on it.' }),
      ALERT,
      'Code42 Security Alert Updated',
      `Alert ${session.sessionId} was already IN_PROGRESS; its state did not change.`,
    );
    expect(alert).toMatchObject({ State: 'IN_PROGRESS', Note: 'Still on it.' });
  });

  test('a state that is none names the allowed ones', async () => {
    expectError(
      await c.run('code42-alert-update', { id: newAlert().sessionId, state: 'DONE' }),
      'code42-alert-update',
      'Invalid value "DONE" for argument "state": expected one of OPEN, IN_PROGRESS, CLOSED_TP, CLOSED_FP, CLOSED_TP_BENIGN, RESOLVED, PENDING.',
    );
  });

  test('an unknown id says no alert has it', async () => {
    expectError(await c.run('code42-alert-update', { id: 'no-such-alert', state: 'OPEN' }), 'code42-alert-update', 'No alert found with ID no-such-alert.');
  });
});

describe('code42-alert-add-note', () => {
  test('adds the note', async () => {
    const session = newAlert();
    const alert = expectResult(await c.run('code42-alert-add-note', { id: session.sessionId, note: 'Escalated to HR.' }), ALERT, 'Code42 Security Alert Note Added');
    expect(alert).toMatchObject({ Note: 'Escalated to HR.' });
    expect(c.sim.tenant.session(session.sessionId)!.notes.map((n) => n.content)).toContain('Escalated to HR.');
  });

  test('a note longer than 2,000 characters is refused before anything is sent', async () => {
    const session = newAlert();
    expectError(await c.run('code42-alert-add-note', { id: session.sessionId, note: 'n'.repeat(2001) }), 'code42-alert-add-note', 'The argument "note" has 2001 characters; at most 2000 are allowed.');
    expect(c.sim.tenant.session(session.sessionId)!.notes).toEqual([]);
  });

  test('an unknown id says no alert has it', async () => {
    expectError(await c.run('code42-alert-add-note', { id: 'no-such-alert', note: 'x' }), 'code42-alert-add-note', 'No alert found with ID no-such-alert.');
  });
});

describe('code42-alert-search', () => {
  const ids = (value: unknown) => (value as { ID: string }[]).map((a) => a.ID);

  test('by actor (a user whose actor id differs from the user id), severity in table spelling, and state', async () => {
    const session = newAlert({ username: DEMO_USERS.mallory, severity: 4 });
    const found = expectResult(await c.run('code42-alert-search', { actor: DEMO_USERS.mallory, severity: 'CRITICAL', state: 'open' }), ALERT, 'Code42 Security Alerts');
    expect(ids(found)).toContain(session.sessionId);
    for (const alert of found as { Username: string; Severity: string; State: string }[]) expect(alert).toMatchObject({ Username: DEMO_USERS.mallory, Severity: 'CRITICAL', State: 'OPEN' });
  });

  test('results caps the alerts returned', async () => {
    expect(expectResult(await c.run('code42-alert-search', { results: '2' }), ALERT, 'Code42 Security Alerts')).toHaveLength(2);
  });

  test('by rule name and day', async () => {
    const day = new Date(c.sim.tenant.now()).toISOString().slice(0, 10);
    const session = newAlert({ ruleNames: [DEMO_RULES.publicLinks], username: DEMO_USERS.grace });
    const found = expectResult(await c.run('code42-alert-search', { rule_name: DEMO_RULES.publicLinks, created_on: day }), ALERT, 'Code42 Security Alerts');
    expect(ids(found)).toContain(session.sessionId);
  });

  test('created_after later than created_before is an argument error', async () => {
    expectError(
      await c.run('code42-alert-search', { created_after: '2026-05-02', created_before: '2026-05-01' }),
      'code42-alert-search',
      'The argument "created_after" (2026-05-02) is later than "created_before" (2026-05-01); no alert can match.',
    );
  });

  test('an impossible date says it is not a date', async () => {
    expectError(
      await c.run('code42-alert-search', { created_after: '2027-02-30' }),
      'code42-alert-search',
      'Invalid value "2027-02-30" for argument "created_after": it is not a date; expected a date written YYYY-MM-DD.',
    );
  });

  test('a seed-era state name finds the sessions in today\'s state', async () => {
    const session = newAlert({ username: DEMO_USERS.oscar });
    await c.run('code42-alert-resolve', { id: session.sessionId });
    const found = expectResult(await c.run('code42-alert-search', { actor: DEMO_USERS.oscar, state: 'resolved' }), ALERT, 'Code42 Security Alerts');
    expect(ids(found)).toContain(session.sessionId);
    expect((found as { State: string }[]).every((a) => a.State === 'CLOSED_TP')).toBe(true);
  });

  test('an unknown actor says no user has that name', async () => {
    expectError(await c.run('code42-alert-search', { actor: 'nobody@example.com' }), 'code42-alert-search', 'No user found with username nobody@example.com.');
  });

  test('nothing matching answers "No results found"', async () => {
    expectNoResults(await c.run('code42-alert-search', { created_before: '2001-01-01' }));
  });
});

describe('code42-alert-file-events', () => {
  test('lists the alert\'s file events in the analyst table and in context by event id', async () => {
    const session = newAlert({ events: 3 });
    const entry = single(await c.run('code42-alert-file-events', { id: session.sessionId }));
    expect(entry.Type).toBe(EntryType.note);
    expect(entry.HumanReadable).toMatch(/^### Code42 File Events of Alert .+\n\|Time\|User\|Action\|File\|/);
    const events = entry.EntryContext?.[contextKey('Code42.FileEvents', 'event.id')] as { event: { id: string } }[];
    expect(events.map((e) => e.event.id).sort()).toEqual(c.sim.tenant.sessionEvents(c.sim.tenant.session(session.sessionId)!).map((e) => e.event.id).sort());
  });

  test('an unknown id says no alert has it', async () => {
    expectError(await c.run('code42-alert-file-events', { id: 'no-such-alert' }), 'code42-alert-file-events', 'No alert found with ID no-such-alert.');
  });
});

describe('XSOAR platform arguments on a real command', () => {
  test('extend-context reads the raw session; with ignore-outputs only those keys are written', async () => {
    const session = newAlert();
    const entry = single(
      await c.run('code42-alert-get', { id: session.sessionId, 'extend-context': 'AlertActor=.actorId::Summary=.exfiltrationSummary', 'ignore-outputs': 'true' }),
    );
    expect(entry.EntryContext).toEqual({ AlertActor: session.actorId, Summary: 'falcon-src.zip emailed to a personal address' });
  });

  test('the XSOAR pack\'s `incydr_status=.state` reads the alert\'s state from the raw response', async () => {
    const session = newAlert();
    await c.run('code42-alert-resolve', { id: session.sessionId });
    const entry = single(await c.run('code42-alert-get', { id: session.sessionId, 'extend-context': 'incydr_status=.state', 'ignore-outputs': 'true' }));
    expect(entry.EntryContext).toEqual({ incydr_status: 'CLOSED_TP' });
  });

  test('raw-response shows the session as Code42 sent it', async () => {
    const session = newAlert();
    const entry = single(await c.run('code42-alert-get', { id: session.sessionId, 'raw-response': 'true' }));
    expect(entry).toMatchObject({ HumanReadable: null, Contents: { sessionId: session.sessionId, actorId: session.actorId } });
  });
});

describe('retries and timeouts against a failing Code42', () => {
  afterEach(() => c.sim.faults.clear());

  test('retry-count runs the command again after Code42 failed once', async () => {
    const session = newAlert();
    c.sim.faults.add({ method: 'GET', path: `/v1/sessions/${session.sessionId}`, kind: 'status', status: 500, times: 1 });
    const alert = expectResult(await c.run('code42-alert-get', { id: session.sessionId, 'retry-count': '1', 'retry-interval': '0' }), ALERT, 'Code42 Security Alert Results');
    expect(alert).toMatchObject({ ID: session.sessionId });
  });

  test('execution-timeout ends a command whose Code42 call hangs, in one sentence', async () => {
    const session = newAlert();
    c.sim.faults.add({ method: 'GET', path: `/v1/sessions/${session.sessionId}`, kind: 'hang' });
    const [entry] = await c.run('code42-alert-get', { id: session.sessionId, 'execution-timeout': '1' });
    // The command's own deadline or the Code42 call's, whichever words it first: either way one sentence.
    expect(entry.Type).toBe(EntryType.error);
    expect(entry.Contents).toMatch(/^Failed to execute command code42-alert-get command\. Error: (The command did not finish within its execution-timeout of 1 s\.|.*(time|deadline).*)$/);
  });
});
