// Alert commands against the in-memory fake: state mapping, what is (not) sent for unknown alerts, and paging.
import nock from 'nock';
import type { AlertDetails } from '../../src/code42/api';
import { EntryType } from '../../src/xsoar/entry';
import { API, useNockClient } from '../client/helpers';
import { demoState, fakeCode42 } from './support/fake-code42';
import { contextValue, failure, runnerFor, single } from './support/harness';

const ALERT_KEY = 'Code42.SecurityAlert(val.ID && val.ID == obj.ID)';

describe('code42-alert-update', () => {
  test.each([
    ['CLOSED_TP', 'confirmed exfiltration', 'CLOSED_TP: confirmed exfiltration'],
    ['CLOSED_FP', undefined, 'CLOSED_FP'],
    ['CLOSED_TP_BENIGN', 'approved transfer', 'CLOSED_TP_BENIGN: approved transfer'],
  ])('session-era state %s resolves the alert and keeps the state name in the note', async (state, note, expectedNote) => {
    const code42 = fakeCode42();
    const entry = single(await runnerFor(code42)('code42-alert-update', { id: 'alert-1', state, ...(note ? { note } : {}) }));
    expect(entry.EntryContext?.[ALERT_KEY]).toMatchObject({ ID: 'alert-1', State: 'RESOLVED', Note: expectedNote });
    expect(entry.HumanReadable).toMatch(/^### Code42 Security Alert Updated\n/);
  });

  test('without a note the existing note is kept', async () => {
    const state = demoState();
    state.alerts.get('alert-1')!.note = { message: 'keep me' };
    const entry = single(await runnerFor(fakeCode42(state))('code42-alert-update', { id: 'alert-1', state: 'IN_PROGRESS' }));
    expect(contextValue(entry)).toMatchObject({ State: 'IN_PROGRESS', Note: 'keep me' });
  });

  test('an unknown alert id is an error entry and no state change is sent', async () => {
    const code42 = fakeCode42();
    const entry = single(await runnerFor(code42)('code42-alert-update', { id: 'no-such-alert', state: 'RESOLVED' }));
    expect(entry).toMatchObject({ Type: EntryType.error, Contents: failure('code42-alert-update', 'No alert found with ID no-such-alert.') });
    expect(code42.calls).toEqual(['alerts.details']);
  });
});

test('code42-alert-add-note on an unknown alert says so and sends no note', async () => {
  const code42 = fakeCode42();
  const entry = single(await runnerFor(code42)('code42-alert-add-note', { id: 'gone', note: 'hello' }));
  expect(entry.Contents).toBe(failure('code42-alert-add-note', 'No alert found with ID gone.'));
  expect(code42.calls).not.toContain('alerts.addNote');
});

test('code42-alert-get shows the table in the incumbent column order with the console link under it', async () => {
  const entry = single(await runnerFor(fakeCode42())('code42-alert-get', { id: 'alert-1' }));
  expect(entry.HumanReadable).toBe(
    [
      '### Code42 Security Alert Results',
      '|Type|Occurred|Username|Name|Description|State|ID|',
      '|---|---|---|---|---|---|---|',
      '| FED_ENDPOINT_EXFILTRATION | 2024-05-01T10:00:00.000Z | alice@example.com | Exfiltration to USB | Files moved to removable media | OPEN | alert-1 |',
      '',
      '[View the alert in the Code42 console](https://console.example.com/app/#/alerts/review-alerts/alert-1)',
      '',
    ].join('\n'),
  );
});

describe('code42-alert-search', () => {
  const manyAlerts = (count: number) => {
    const state = demoState();
    state.alerts.clear();
    for (let i = 0; i < count; i++) {
      const alert: AlertDetails = {
        id: `a-${i}`,
        type: 'FED_COMPOSITE',
        name: 'Rule',
        actor: i % 2 ? 'bob@example.com' : 'alice@example.com',
        riskSeverity: i % 3 ? 'LOW' : 'CRITICAL',
        createdAt: '2024-05-01T10:00:00.000Z',
        state: 'OPEN',
      };
      state.alerts.set(alert.id, alert);
    }
    return fakeCode42(state);
  };

  test('pages (500 at most per page) until `results` alerts are collected', async () => {
    const code42 = manyAlerts(1200);
    const entry = single(await runnerFor(code42)('code42-alert-search', { results: '1100' }));
    expect(contextValue(entry)).toHaveLength(1100);
    expect(code42.calls).toEqual(['alerts.query', 'alerts.query', 'alerts.query']);
  });

  test('stops at the first short page when fewer alerts match than asked for', async () => {
    const code42 = manyAlerts(30);
    const entry = single(await runnerFor(code42)('code42-alert-search', { actor: 'bob@example.com', severity: 'Critical' }));
    const rows = contextValue(entry) as { Username: string; Severity: string }[];
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.Username === 'bob@example.com' && r.Severity === 'CRITICAL')).toBe(true);
    expect(code42.calls).toEqual(['alerts.query']);
  });

  test('nothing matching reads "No results found"', async () => {
    const entry = single(await runnerFor(manyAlerts(3))('code42-alert-search', { actor: 'nobody@example.com' }));
    expect(entry).toMatchObject({ Type: EntryType.note, HumanReadable: 'No results found', EntryContext: {} });
  });

  test('a severity outside Critical/High/Moderate/Low is refused with the valid values', async () => {
    const entry = single(await runnerFor(fakeCode42())('code42-alert-search', { severity: 'High,Severe' }));
    expect(entry.Contents).toBe(
      failure('code42-alert-search', 'Invalid value "Severe" for argument "severity": expected a comma-separated list of Critical, High, Moderate, Low.'),
    );
  });
});

describe('an alert id Code42 answers 404 for (the real query-details, through the client)', () => {
  const client = useNockClient();
  const unknownAlert = () => nock(API).post('/v1/alerts/query-details').reply(404, { message: 'Alert not found' });

  test('code42-alert-get reads "No results found", not an error', async () => {
    unknownAlert();
    const entry = single(await runnerFor(client())('code42-alert-get', { id: 'gone' }));
    expect(entry).toMatchObject({ Type: EntryType.note, HumanReadable: 'No results found', EntryContext: {} });
  });

  test('code42-alert-resolve says no such alert exists and sends no state change', async () => {
    const scope = unknownAlert();
    const entry = single(await runnerFor(client())('code42-alert-resolve', { id: 'gone' }));
    expect(entry.Contents).toBe(failure('code42-alert-resolve', 'No alert found with ID gone.'));
    expect(scope.isDone()).toBe(true);
  });
});
