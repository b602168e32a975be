// fetch-incidents (architecture §5, issue 5): a pure function of the client, the parameters, lastRun and
// the time. Nothing is sent when the parameters are bad; nothing is returned but a complete answer, so a
// failure anywhere leaves the caller's lastRun where it was.
import type { AlertDetails, AlertSummary, AlertsApi, Code42Api, FileEvent } from '../code42/api';
import { Code42Error } from '../code42/errors';
import { chunk } from '../code42/paging';
import { firstFetchStart } from './first-fetch';
import { alertFacts, completeIncident, draftIncident, type AlertFacts, type Incident, type IncidentDraft } from './incident';
import { advanceLastRun, queryStartMs, readCheckpoint, type Checkpoint, type EmittedAlert, type LastRun } from './last-run';
import { parseFetchParams, type FetchParams, type FetchParamsInput } from './params';

export const ALERT_PAGE_SIZE = 500;
export const DETAILS_BATCH_SIZE = 100;
/** File-event ids per lookup: one request each, under Code42's 1,024-criteria limit. */
export const FILE_EVENT_BATCH_SIZE = 1000;
/** Far beyond what max_fetch can need; only a server ignoring the paging gets here. */
const MAX_QUERY_PAGES = 1000;

/** The part of the Code42 client a fetch uses. */
export type FetchClient = Pick<Code42Api, 'alerts' | 'fileEvents' | 'alertUrl'>;

export interface FetchResult {
  incidents: Incident[];
  lastRun: LastRun;
}

function createdMs(alert: AlertSummary): number {
  const ms = Date.parse(alert.createdAt);
  if (Number.isNaN(ms)) {
    throw new Code42Error(`Could not fetch incidents: Code42 sent alert ${alert.id} with an unreadable createdAt "${alert.createdAt}".`, {
      kind: 'protocol',
      operation: 'fetch incidents',
    });
  }
  return ms;
}

/**
 * Open alerts created at or after `startIso` that lastRun has not emitted, oldest first, at most max_fetch;
 * no page is read after the one completing the set. Pages are anchored at the last createdAt read (keyset
 * paging), so an alert resolved or indexed while we page shifts nothing we still have to read; page numbers
 * only advance inside one timestamp too crowded for a page.
 */
async function collectNewAlerts(alerts: AlertsApi, params: FetchParams, checkpoint: Checkpoint, startIso: string): Promise<EmittedAlert[]> {
  const criteria = { state: ['OPEN'], riskSeverity: params.severities };
  const chosen: EmittedAlert[] = [];
  const read = new Set<string>();
  let anchor = startIso;
  let pgNum = 0;
  for (let pages = 0; pages < MAX_QUERY_PAGES; pages++) {
    const page = await alerts.query(
      { ...criteria, createdOnOrAfter: anchor },
      { pgNum, pgSize: ALERT_PAGE_SIZE, srtKey: 'CreatedAt', srtDirection: 'ASC' },
    );
    for (const alert of page.alerts) {
      if (read.has(alert.id)) continue;
      read.add(alert.id);
      if (checkpoint.emitted.has(alert.id)) continue;
      chosen.push({ id: alert.id, createdMs: createdMs(alert) });
      if (chosen.length === params.maxFetch) return chosen;
    }
    if (page.alerts.length < ALERT_PAGE_SIZE) return chosen;
    const last = page.alerts[page.alerts.length - 1].createdAt;
    if (Date.parse(last) > Date.parse(anchor)) {
      anchor = last;
      pgNum = 0;
    } else {
      pgNum += 1;
    }
  }
  throw new Code42Error(`Could not fetch incidents: Code42 was still sending full pages of alerts after ${MAX_QUERY_PAGES} pages.`, {
    kind: 'protocol',
    operation: 'fetch incidents',
  });
}

interface Found {
  emitted: EmittedAlert;
  /** The file events its observations name (wanted with include_files). */
  eventIds: string[];
  draft: IncidentDraft;
}

type IncidentDrafter = (alert: AlertDetails, facts: AlertFacts) => IncidentDraft;

/**
 * Details of the chosen alerts, in their order; an alert deleted since the query is left out (not emitted).
 * The batches go out together, and each is turned into incident drafts as it lands: this side writes one
 * answer's rawJSON while Code42 prepares the next, and the decoded alerts are dropped batch by batch (short-lived
 * objects are cheap to collect; alerts kept to the end of the run were copied by every collection meanwhile).
 */
async function detailsInBatches(alerts: AlertsApi, chosen: EmittedAlert[], draft: IncidentDrafter): Promise<Found[]> {
  const emittedById = new Map(chosen.map((emitted) => [emitted.id, emitted]));
  const batches = await Promise.all(
    chunk(chosen.map((alert) => alert.id), DETAILS_BATCH_SIZE).map(async (batch) =>
      (await alerts.details(batch)).flatMap((alert): Found[] => {
        const emitted = emittedById.get(alert.id);
        if (!emitted) return [];
        const facts = alertFacts(alert);
        return [{ emitted, eventIds: facts.eventIds, draft: draft(alert, facts) }];
      }),
    ),
  );
  const byId = new Map(batches.flat().map((found) => [found.emitted.id, found]));
  return chosen.flatMap((emitted) => byId.get(emitted.id) ?? []);
}

/** Every file event the alerts' observations name, by event id. */
async function fileEventsById(client: FetchClient, found: Found[]): Promise<Map<string, FileEvent>> {
  const wanted = [...new Set(found.flatMap(({ eventIds }) => eventIds))];
  const byId = new Map<string, FileEvent>();
  for (const batch of chunk(wanted, FILE_EVENT_BATCH_SIZE)) {
    for (const event of await client.fileEvents.byIds(batch)) {
      if (event.event?.id !== undefined) byId.set(event.event.id, event);
    }
  }
  return byId;
}

/**
 * One fetch run: the incidents for the open alerts not yet emitted (oldest first, at most max_fetch) and
 * the lastRun to save once they are delivered. With nothing new, `lastRun` comes back unchanged.
 */
export async function fetchIncidents(client: FetchClient, input: FetchParamsInput, lastRun: LastRun, now: Date = new Date()): Promise<FetchResult> {
  const params = parseFetchParams(input);
  const checkpoint = readCheckpoint(lastRun);
  const lookbackMs = params.lookbackMinutes * 60_000;
  const startMs = queryStartMs(checkpoint, lookbackMs) ?? firstFetchStart(params.firstFetch, now).getTime();

  const chosen = await collectNewAlerts(client.alerts, params, checkpoint, new Date(startMs).toISOString());
  if (chosen.length === 0) return { incidents: [], lastRun };

  const found = await detailsInBatches(client.alerts, chosen, (alert, facts) =>
    draftIncident(alert, { incidentType: params.incidentType, alertUrl: client.alertUrl(alert.id), facts }),
  );
  if (found.length === 0) return { incidents: [], lastRun };
  const events = params.includeFiles ? await fileEventsById(client, found) : undefined;
  const incidents = found.map(({ eventIds, draft }) =>
    completeIncident(draft, events && eventIds.flatMap((id): FileEvent[] => (events.has(id) ? [events.get(id)!] : []))),
  );
  return { incidents, lastRun: advanceLastRun(checkpoint, found.map(({ emitted }) => emitted), lookbackMs) };
}
