import fc from 'fast-check';
import type { AlertDetails, FileEvent } from '../../src/code42/api';
import { incidentSeverity, observedEventIds, riskSummary, toIncident } from '../../src/fetch/incident';

const observation = (data: unknown, id = 'obs-1') => ({ id, observedAt: '2024-03-01T10:00:00.0000000Z', type: 'FedEndpointExfiltration', data: JSON.stringify(data) });

const alert = (extra: Partial<AlertDetails> = {}): AlertDetails => ({
  id: 'alert-1',
  type: 'FED_ENDPOINT_EXFILTRATION',
  name: 'Removable media exfiltration',
  description: 'Files copied to USB',
  actor: 'alice.analyst@example.com',
  createdAt: '2024-03-01T10:00:00.123456Z',
  state: 'OPEN',
  riskSeverity: 'HIGH',
  observations: [],
  ...extra,
});

describe('incident severity', () => {
  it.each([
    ['LOW', 1],
    ['MODERATE', 2],
    ['HIGH', 3],
    ['CRITICAL', 4],
    ['NO_RISK_INDICATED', 0.5],
    ['critical', 4],
    ['Moderate', 2],
    ['SEVERE', 0],
    ['', 0],
    [undefined, 0],
  ])('maps riskSeverity %p to %p', (riskSeverity, severity) => {
    expect(incidentSeverity(riskSeverity)).toBe(severity);
  });
});

describe('risk summary', () => {
  it('writes the riskSeveritySummary of the observations as the official integration does', () => {
    const details = alert({
      observations: [
        observation({
          riskSeveritySummary: [
            { severity: 'CRITICAL', numEvents: 2, summarizedRiskIndicators: [{ name: 'Zip', numEvents: 2 }] },
            { severity: 'HIGH', numEvents: 3, summarizedRiskIndicators: [{ name: 'USB', numEvents: 3 }, { name: 'Off hours', numEvents: 1 }] },
          ],
        }),
      ],
    });
    expect(riskSummary(details)).toBe('2 CRITICAL events:\n\t- 2 Zip\n3 HIGH events:\n\t- 3 USB\n\t- 1 Off hours');
  });

  it('adds up a severity and an indicator reported by several observations', () => {
    const details = alert({
      observations: [
        observation({ riskSeveritySummary: [{ severity: 'HIGH', numEvents: 1, summarizedRiskIndicators: [{ name: 'USB', numEvents: 1 }] }] }, 'a'),
        observation({ riskSeveritySummary: [{ severity: 'HIGH', numEvents: 2, summarizedRiskIndicators: [{ name: 'USB', numEvents: 2 }] }] }, 'b'),
      ],
    });
    expect(riskSummary(details)).toBe('3 HIGH events:\n\t- 3 USB');
  });

  it('summarizes the files of an observation without riskSeveritySummary, most severe first', () => {
    const details = alert({
      observations: [
        observation({
          files: [
            { eventId: 'e1', riskSeverityInfo: { severity: 'HIGH', matchedRiskIndicators: [{ name: 'USB' }] } },
            { eventId: 'e2', riskSeverityInfo: { severity: 'CRITICAL', matchedRiskIndicators: [{ name: 'USB' }, { name: 'Source code' }] } },
            { eventId: 'e3', riskSeverityInfo: { severity: 'HIGH', matchedRiskIndicators: [{ name: 'USB' }] } },
          ],
        }),
      ],
    });
    expect(riskSummary(details)).toBe('1 CRITICAL events:\n\t- 1 USB\n\t- 1 Source code\n2 HIGH events:\n\t- 2 USB');
  });

  it('is empty for an alert without observations or with unreadable data', () => {
    expect(riskSummary(alert())).toBe('');
    expect(riskSummary(alert({ observations: [{ id: 'o', observedAt: '', type: 'x', data: '{not json' }] }))).toBe('');
  });
});

describe('file event ids of an alert', () => {
  it('collects files[].eventId of every observation once, in order', () => {
    const details = alert({
      observations: [observation({ files: [{ eventId: 'e1' }, { eventId: 'e2' }] }, 'a'), observation({ files: [{ eventId: 'e2' }, { eventId: 'e3' }, { name: 'no id' }] }, 'b')],
    });
    expect(observedEventIds(details)).toEqual(['e1', 'e2', 'e3']);
  });
});

describe('alert to incident', () => {
  const options = { incidentType: 'Code42 Security Alert', alertUrl: 'https://console.example.com/alerts/alert-1' };

  it('fills the XSOAR incident fields', () => {
    const incident = toIncident(alert(), options);
    expect(incident).toEqual({
      name: 'Code42 - Removable media exfiltration',
      occurred: '2024-03-01T10:00:00.123Z',
      severity: 3,
      rawJSON: expect.any(String),
      dbotMirrorId: 'alert-1',
      type: 'Code42 Security Alert',
      details: 'Files copied to USB',
    });
  });

  it('keeps every alert detail in rawJSON and adds alertId, risksummary and the console link', () => {
    const details = alert({ note: { message: 'seen' } });
    const raw = JSON.parse(toIncident(details, options).rawJSON) as Record<string, unknown>;
    expect(raw).toEqual({ ...details, alertId: 'alert-1', risksummary: '', alertUrl: options.alertUrl });
  });

  it('adds fileevents and fileevents_version 2 with include_files', () => {
    const events = [{ event: { id: 'e1' } }];
    const raw = JSON.parse(toIncident(alert(), { ...options, fileEvents: events }).rawJSON) as Record<string, unknown>;
    expect(raw.fileevents).toEqual(events);
    expect(raw.fileevents_version).toBe(2);
  });

  it('leaves out fileevents without include_files, and type when no incident type is set', () => {
    const incident = toIncident(alert(), { incidentType: '', alertUrl: 'u' });
    expect(incident).not.toHaveProperty('type');
    expect(JSON.parse(incident.rawJSON)).not.toHaveProperty('fileevents');
  });

  it('leaves the caller\'s alert as it was', () => {
    const details = alert();
    const before = structuredClone(details);
    toIncident(details, { ...options, fileEvents: [{ event: { id: 'e1' } }] });
    expect(details).toEqual(before);
  });

  it('converts an offset createdAt to UTC', () => {
    expect(toIncident(alert({ createdAt: '2024-03-01T12:00:00+02:00' }), options).occurred).toBe('2024-03-01T10:00:00.000Z');
  });
});

describe('rawJSON is exactly the JSON of the alert with the added fields', () => {
  // rawJSON is written from the alert itself with the added fields assigned onto it, and file events appended
  // to that JSON (fetch speed); it must stay byte for byte what JSON.stringify of the merged object gives,
  // whatever keys the alert holds.
  const jsonValue = fc.jsonValue({ maxDepth: 2 });
  const keys = fc.oneof(fc.string(), fc.constantFrom('alertId', 'risksummary', 'alertUrl', 'fileevents', 'fileevents_version', '__proto__', '0', '12'));

  it('with and without file events, for any alert fields', () => {
    fc.assert(
      fc.property(fc.dictionary(keys, jsonValue, { maxKeys: 6 }), fc.option(fc.array(fc.dictionary(fc.string(), jsonValue, { maxKeys: 3 }), { maxLength: 3 }), { nil: undefined }), (extra, fileEvents) => {
        const details = { ...alert(), ...extra } as AlertDetails;
        const incident = toIncident(details, { incidentType: 'Code42 Security Alert', alertUrl: 'https://console.example.com/a', fileEvents: fileEvents as FileEvent[] | undefined });
        const expected: Record<string, unknown> = { ...details, alertId: details.id, risksummary: riskSummary(details), alertUrl: 'https://console.example.com/a' };
        if (fileEvents) Object.assign(expected, { fileevents: fileEvents, fileevents_version: 2 });
        expect(incident.rawJSON).toBe(JSON.stringify(expected));
      }),
      { numRuns: 300 },
    );
  });
});
