import type { FileEvent, Session } from '../../src/code42/api';
import { highestScore, latestState } from '../../src/code42/session-facts';
import { incidentSeverity, sessionIncident } from '../../src/fetch/incident';

const NOW = new Date('2026-12-07T03:00:00.000Z');

function session(overrides: Partial<Session> = {}): Session {
  return {
    sessionId: 's-1',
    actorId: 'actor-1',
    actorName: 'dave@example.com',
    beginTime: Date.parse('2026-12-06T10:00:00.000Z'),
    endTime: Date.parse('2026-12-06T10:30:00.000Z'),
    firstObserved: Date.parse('2026-12-06T10:05:00.000Z'),
    notes: [],
    riskIndicators: [{ id: 'ri-1', name: 'Personal cloud upload', weight: 5, eventCount: 3 }],
    scores: [
      { score: 9, severity: 3, sourceTimestamp: Date.parse('2026-12-06T10:05:00.000Z') },
      { score: 12, severity: 4, sourceTimestamp: Date.parse('2026-12-06T10:20:00.000Z') },
      { score: 7, severity: 2, sourceTimestamp: Date.parse('2026-12-06T10:25:00.000Z') },
    ],
    states: [
      { state: 'OPEN', sourceTimestamp: 1 },
      { state: 'OPEN_NEW_DATA', sourceTimestamp: 3 },
      { state: 'CLOSED_TP', sourceTimestamp: 2 },
    ],
    triggeredAlerts: [{ alertId: 'a-1', ruleId: 'r-1', ruleName: 'Departing employee exfiltration' }],
    exfiltrationSummary: '3 files uploaded to a personal cloud',
    contextSummary: 'Actor is on the watchlists: Departing Employee.',
    ...overrides,
  };
}

describe('severity mapping', () => {
  it.each([
    [0, 0.5],
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 0],
    [undefined, 0],
  ])('maps Code42 severity %p to XSOAR severity %p', (code42, xsoar) => {
    expect(incidentSeverity(code42)).toBe(xsoar);
  });

  it('takes the highest severity, then the highest score, then the earliest time', () => {
    const at = (t: number, score: number, severity: number) => ({ score, severity, sourceTimestamp: t });
    expect(highestScore([at(1, 5, 2), at(2, 9, 4), at(3, 3, 4)])).toEqual(at(2, 9, 4));
    expect(highestScore([at(5, 9, 4), at(2, 9, 4)])).toEqual(at(2, 9, 4));
    expect(highestScore([])).toBeUndefined();
  });
});

describe('a session as an incident', () => {
  const options = { incidentType: 'Code42 Security Alert', sessionUrl: 'https://console.us.code42.com/app/#/alerts/review-alerts/s-1', now: NOW };

  it('is named after the exfiltration summary; occurred and severity follow the highest score', () => {
    const incident = sessionIncident(session(), { actor: 'dave@example.com', ruleNames: ['Departing employee exfiltration'] }, options);
    expect(incident).toMatchObject({
      name: 'Code42 - 3 files uploaded to a personal cloud',
      occurred: '2026-12-06T10:20:00.000Z',
      severity: 4,
      dbotMirrorId: 's-1',
      created: NOW.toISOString(),
      type: 'Code42 Security Alert',
      details: 'Actor is on the watchlists: Departing Employee.',
    });
  });

  it('keeps the session and the fields the 6.x integration added in rawJSON, written by JSON.stringify', () => {
    const incident = sessionIncident(session(), { actor: 'dave@example.com', ruleNames: ['R1', 'R2'] }, options);
    const raw = JSON.parse(incident.rawJSON) as Record<string, unknown>;
    expect(raw).toEqual({
      ...JSON.parse(JSON.stringify(session())),
      actor: 'dave@example.com',
      rule_names: 'R1, R2',
      riskSeverity: 'CRITICAL',
      state: 'OPEN_NEW_DATA',
      beginTimeIso: '2026-12-06T10:00:00.000Z',
      alertUrl: options.sessionUrl,
    });
  });

  it('carries the custom fields and labels the pack playbooks read', () => {
    const events = [{ event: { id: 'e-1' } }] as FileEvent[];
    const incident = sessionIncident(session(), { actor: 'dave@example.com', ruleNames: ['R1'] }, { ...options, fileEvents: events });
    expect(incident.CustomFields).toEqual({
      code42alertid: 's-1',
      code42username: 'dave@example.com',
      code42alertstate: 'OPEN_NEW_DATA',
      code42severity: 'CRITICAL',
      code42fileevents: events,
      code42fileeventsversion: '2',
    });
    expect(JSON.parse(incident.rawJSON).fileevents).toEqual(events);
    expect(incident.labels).toEqual([
      { type: 'Session ID', value: 's-1' },
      { type: 'Actor', value: 'dave@example.com' },
      { type: 'Severity', value: 'CRITICAL' },
      { type: 'State', value: 'OPEN_NEW_DATA' },
      { type: 'Rule', value: 'R1' },
      { type: 'Risk Indicator', value: 'Personal cloud upload' },
      { type: 'Session URL', value: options.sessionUrl },
    ]);
  });

  it('falls back to beginTime, severity unknown and the session id when the session has no score or summary', () => {
    const incident = sessionIncident(session({ scores: [], exfiltrationSummary: null, contextSummary: null }), { ruleNames: [] }, { ...options, incidentType: '' });
    expect(incident).toMatchObject({ name: 'Code42 - session s-1', occurred: '2026-12-06T10:00:00.000Z', severity: 0 });
    expect(incident).not.toHaveProperty('type');
    expect(incident).not.toHaveProperty('details');
    expect(incident.CustomFields).not.toHaveProperty('code42username');
    expect(incident.CustomFields).not.toHaveProperty('code42fileevents');
  });

  it('reports the state of the newest states entry', () => {
    expect(latestState(session())).toBe('OPEN_NEW_DATA');
    expect(latestState(session({ states: [] }))).toBeUndefined();
  });
});
