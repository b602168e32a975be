// Shared fixtures for the PostgreSQL store tests: incidents as fetch-incidents makes them, and a webhook
// sink double that records what it was given and fails when told to.
import type { Incident } from '../../src/fetch/incident';
import { SinkError, type DeliveryReport, type IncidentSink } from '../../src/fetch/sink';

export function incident(sessionId: string, extra: Record<string, unknown> = {}): Incident {
  return {
    name: `Code42 - ${sessionId} copied files to a USB drive`,
    occurred: '2026-12-07T01:00:00.000Z',
    severity: 3,
    rawJSON: JSON.stringify({ sessionId, z: 1, a: 2, ...extra }),
    dbotMirrorId: sessionId,
    created: '2026-12-07T01:05:00.000Z',
    labels: [{ type: 'Code42 session', value: sessionId }],
    CustomFields: { code42alertid: sessionId },
    type: 'Code42 Security Alert',
  };
}

/** Records each incident it accepts; `failNext(n)` makes the next n posts fail like a webhook answering 503. */
export class RecordingSink implements IncidentSink {
  readonly description = 'https://receiver.example/incidents';
  readonly accepted: Incident[] = [];
  attempts = 0;
  private failures = 0;

  failNext(n: number): void {
    this.failures = n;
  }

  async deliver(incidents: readonly Incident[]): Promise<DeliveryReport> {
    for (const one of incidents) {
      this.attempts++;
      if (this.failures > 0) {
        this.failures--;
        throw new SinkError(`The webhook ${this.description} answered 503 for alert ${one.dbotMirrorId}.`);
      }
      this.accepted.push(one);
    }
    return { delivered: incidents.length, skipped: 0 };
  }

  async close(): Promise<void> {}
}
