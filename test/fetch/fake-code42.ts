// An in-memory stand-in for the parts of the Code42 client a fetch uses. It answers query-alerts as Code42
// does (filters, ascending createdAt then id, 0-based pages) and records every call, so tests can check
// what was asked and inject changes or failures between calls.
import type { AlertCriteria, AlertDetails, AlertPage, AlertQueryResult, AlertsApi, FileEvent, FileEventsApi } from '../../src/code42/api';
import type { FetchClient } from '../../src/fetch/fetch-incidents';

export interface FakeAlertInput {
  id: string;
  createdAt: string;
  riskSeverity?: string;
  state?: string;
  name?: string;
  description?: string;
  eventIds?: string[];
  observations?: AlertDetails['observations'];
}

export type FakeCall =
  | { kind: 'query'; criteria: AlertCriteria; page: AlertPage; returned: string[] }
  | { kind: 'details'; ids: string[] }
  | { kind: 'fileEvents'; ids: string[] };

export class FakeCode42 implements FetchClient {
  readonly calls: FakeCall[] = [];
  readonly store = new Map<string, AlertDetails>();
  readonly events = new Map<string, FileEvent>();
  /** Runs before each call is answered (inject alerts, throw a failure...). */
  beforeCall?: (kind: FakeCall['kind']) => void;

  add(...inputs: FakeAlertInput[]): this {
    for (const input of inputs) {
      const observations =
        input.observations ??
        (input.eventIds
          ? [{ id: `${input.id}-obs`, observedAt: input.createdAt, type: 'FedEndpointExfiltration', data: JSON.stringify({ files: input.eventIds.map((eventId) => ({ eventId })) }) }]
          : []);
      this.store.set(input.id, {
        id: input.id,
        type: 'FED_ENDPOINT_EXFILTRATION',
        name: input.name ?? `Alert ${input.id}`,
        description: input.description ?? `Description of ${input.id}`,
        actor: 'alice.analyst@example.com',
        createdAt: input.createdAt,
        state: input.state ?? 'OPEN',
        riskSeverity: input.riskSeverity ?? 'HIGH',
        observations,
      });
      for (const eventId of input.eventIds ?? []) this.events.set(eventId, { event: { id: eventId }, file: { name: `${eventId}.txt` } });
    }
    return this;
  }

  queries(): Extract<FakeCall, { kind: 'query' }>[] {
    return this.calls.filter((call): call is Extract<FakeCall, { kind: 'query' }> => call.kind === 'query');
  }

  callsOf(kind: 'details' | 'fileEvents'): string[][] {
    return this.calls.flatMap((call) => (call.kind === kind ? [call.ids] : []));
  }

  readonly alerts: AlertsApi = {
    query: async (criteria, page): Promise<AlertQueryResult> => {
      this.beforeCall?.('query');
      const from = criteria.createdOnOrAfter === undefined ? -Infinity : Date.parse(criteria.createdOnOrAfter);
      const matching = [...this.store.values()]
        .filter((alert) => !criteria.state?.length || criteria.state.includes(alert.state))
        .filter((alert) => !criteria.riskSeverity?.length || criteria.riskSeverity.includes(String(alert.riskSeverity)))
        .filter((alert) => Date.parse(alert.createdAt) >= from)
        .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const alerts = matching.slice(page.pgNum * page.pgSize, (page.pgNum + 1) * page.pgSize).map(({ observations: _o, ...summary }) => summary);
      this.calls.push({ kind: 'query', criteria, page, returned: alerts.map((alert) => alert.id) });
      return { alerts, totalCount: matching.length };
    },
    details: async (ids) => {
      this.beforeCall?.('details');
      this.calls.push({ kind: 'details', ids });
      return ids.flatMap((id) => this.store.get(id) ?? []);
    },
    updateState: async () => {
      throw new Error('not used by fetch');
    },
    addNote: async () => {
      throw new Error('not used by fetch');
    },
  };

  readonly fileEvents: FileEventsApi = {
    search: async () => {
      throw new Error('not used by fetch');
    },
    searchAll: async () => {
      throw new Error('not used by fetch');
    },
    byIds: async (ids) => {
      this.beforeCall?.('fileEvents');
      this.calls.push({ kind: 'fileEvents', ids });
      return ids.flatMap((id): FileEvent[] => (this.events.has(id) ? [this.events.get(id)!] : []));
    },
  };

  alertUrl(alertId: string): string {
    return `https://console.example.com/app/#/alerts/review-alerts/${alertId}`;
  }
}

/** `count` alerts from `start` (ISO), `stepMs` apart (0: all at one timestamp), ids `<prefix>-0001`... */
export function alertSeries(prefix: string, count: number, start: string, stepMs: number, extra: Partial<FakeAlertInput> = {}): FakeAlertInput[] {
  return Array.from({ length: count }, (_, i) => ({
    ...extra,
    id: `${prefix}-${String(i + 1).padStart(4, '0')}`,
    createdAt: new Date(Date.parse(start) + i * stepMs).toISOString(),
  }));
}
