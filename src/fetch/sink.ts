// Where scheduled fetching delivers incidents. Every sink de-duplicates by session id (`dbotMirrorId`), so
// delivering the same incidents again after a crash changes nothing there.
import type { Incident } from './incident';

export interface DeliveryReport {
  /** Incidents the sink did not hold before. */
  delivered: number;
  /** Incidents it already held (only a sink that can tell counts them). */
  skipped: number;
}

export interface IncidentSink {
  /** Where incidents go, safe to print (no credentials). */
  readonly description: string;
  /** Resolves once every incident is durably held; rejects with one sentence otherwise. */
  deliver(incidents: readonly Incident[]): Promise<DeliveryReport>;
  close(): Promise<void>;
}

export const DEFAULT_SINK = 'data/incidents.jsonl';

export class SinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SinkError';
  }
}
