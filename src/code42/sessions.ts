// Sessions (incydr-api.md §2.2), which replace alerts: search with every filter (snake_case, list filters as
// repeated keys), 0-based paging of at most 50 a page, one session, its file events, state changes in batches
// of 100 and notes of at most 2,000 characters.
import { type FileEvent, MAX_NOTE_LENGTH, type Session, type SessionCriteria, type SessionPage, type SessionsApi, type SessionState } from './api';
import { invalidRequest, notFoundOn404 } from './answers';
import { arrayOf, decoder, INTEGER, nullable, NULLABLE_NUMBER, NULLABLE_STRING, NUMBER, object, STRING } from './decode';
import { ENDPOINTS } from './endpoints';
import { FILE_EVENT } from './file-events';
import { chunk, distinct, pageThrough } from './paging';
import type { Transport } from './transport';
import type { QueryValue } from './urls';

/** `page_size` is 1..50 (SDK docstring); 50 is also the SDK's and XSOAR's page size. */
const MAX_SESSION_PAGE_SIZE = 50;
/** Ids per `change-state` request (the SDK chunks by 100). */
const SESSION_STATE_BATCH = 100;


// The fields api.ts promises, as it types them. Every list is Optional in the SDK's model; null and absent both
// read as empty (see `normalized`).
const SESSION = object(
  { sessionId: STRING, actorId: STRING, beginTime: NUMBER },
  {
    tenantId: STRING,
    actorName: NULLABLE_STRING,
    userId: NULLABLE_STRING,
    type: NULLABLE_STRING,
    endTime: NULLABLE_NUMBER,
    firstObserved: NULLABLE_NUMBER,
    lastUpdated: NULLABLE_NUMBER,
    noRiskEvents: NUMBER,
    lowEvents: NUMBER,
    moderateEvents: NUMBER,
    highEvents: NUMBER,
    criticalEvents: NUMBER,
    notes: nullable(arrayOf(object({ content: STRING, sourceTimestamp: NUMBER }, { id: NULLABLE_STRING, userId: NULLABLE_STRING }))),
    riskIndicators: nullable(arrayOf(object({ id: STRING, name: STRING, weight: NUMBER, eventCount: NUMBER }))),
    scores: nullable(arrayOf(object({ score: NUMBER, severity: INTEGER, sourceTimestamp: NUMBER }))),
    states: nullable(arrayOf(object({ state: STRING, sourceTimestamp: NUMBER }, { stateV2: NULLABLE_STRING, userId: NULLABLE_STRING }))),
    triggeredAlerts: nullable(arrayOf(object({ alertId: STRING, ruleId: STRING }, { lessonId: NULLABLE_STRING, ruleName: NULLABLE_STRING }))),
    exfiltrationSummary: NULLABLE_STRING,
    contextSummary: NULLABLE_STRING,
    contentInspectionResults: nullable(object({}, { detectedOnAlerts: nullable(arrayOf(STRING)) })),
  },
);

type WireSession = Omit<Session, 'notes' | 'riskIndicators' | 'scores' | 'states' | 'triggeredAlerts' | 'contentInspectionResults'> & {
  [K in 'notes' | 'riskIndicators' | 'scores' | 'states' | 'triggeredAlerts']?: Session[K] | null;
} & { contentInspectionResults?: { detectedOnAlerts?: string[] | null } | null };

const sessionPage = decoder<{ items: WireSession[]; totalCount?: number | null }>(object({ items: arrayOf(SESSION) }, { totalCount: NULLABLE_NUMBER }));
const oneSession = decoder<WireSession>(SESSION);
const sessionEvents = decoder<{ queryResult: { fileEvents: FileEvent[] } }>(object({ queryResult: object({ fileEvents: arrayOf(FILE_EVENT) }) }));

/** The session with every list present: what api.ts promises its readers. */
function normalized(session: WireSession): Session {
  const inspection = session.contentInspectionResults;
  return {
    ...session,
    contentInspectionResults: inspection ? { ...inspection, detectedOnAlerts: inspection.detectedOnAlerts ?? [] } : inspection,
    notes: session.notes ?? [],
    riskIndicators: session.riskIndicators ?? [],
    scores: session.scores ?? [],
    states: session.states ?? [],
    triggeredAlerts: session.triggeredAlerts ?? [],
  };
}

/** The query of `GET /v1/sessions`: snake_case; array values repeat the key (`state=OPEN&state=OPEN_NEW_DATA`). */
function sessionQuery(criteria: SessionCriteria): Record<string, QueryValue> {
  return {
    actor_id: criteria.actorId,
    on_or_after: criteria.onOrAfter,
    before: criteria.before,
    type: criteria.type,
    // The SDK sends has_alerts=true unless told otherwise; so does XSOAR's fetch.
    has_alerts: String(criteria.hasAlerts ?? true),
    risk_indicators: criteria.riskIndicators,
    state: criteria.states,
    severity: criteria.severities,
    rule_id: criteria.ruleId,
    watchlist_id: criteria.watchlistId,
    content_inspection_status: criteria.contentInspectionStatus,
    order_by: criteria.orderBy,
    sort_direction: criteria.sortDirection,
  };
}

export class Sessions implements SessionsApi {
  constructor(private readonly transport: Transport) {}

  async search(criteria: SessionCriteria, page: { pageNumber: number; pageSize: number }): Promise<SessionPage> {
    const operation = 'search sessions';
    if (!Number.isInteger(page.pageSize) || page.pageSize < 1 || page.pageSize > MAX_SESSION_PAGE_SIZE) {
      throw invalidRequest(operation, `the page size must be a whole number from 1 to ${MAX_SESSION_PAGE_SIZE}, got ${page.pageSize}.`);
    }
    if (!Number.isInteger(page.pageNumber) || page.pageNumber < 0) {
      throw invalidRequest(operation, `the page number must be a whole number from 0 (pages count from 0), got ${page.pageNumber}.`);
    }
    const severities = criteria.severities ?? [];
    const badSeverity = severities.find((s) => !Number.isInteger(s) || s < 0 || s > 4);
    if (badSeverity !== undefined) throw invalidRequest(operation, `a severity must be 0 (no risk) to 4 (critical), got ${badSeverity}.`);
    const answer = await this.transport.json(
      { endpoint: ENDPOINTS.searchSessions, query: { ...sessionQuery(criteria), page_number: page.pageNumber, page_size: page.pageSize }, operation },
      sessionPage,
    );
    const items = answer.items.map(normalized);
    return { items, totalCount: answer.totalCount ?? items.length };
  }

  iterate(criteria: SessionCriteria, pageSize = MAX_SESSION_PAGE_SIZE): AsyncIterable<Session> {
    return pageThrough(async (pageNumber, size) => (await this.search(criteria, { pageNumber, pageSize: size })).items, {
      firstPage: 0,
      pageSize,
      operation: 'search sessions',
    });
  }

  async get(sessionId: string): Promise<Session> {
    const operation = 'get the session';
    const session = await notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.getSession, params: { sessionId }, operation }, oneSession), `No alert found with ID ${sessionId}.`, operation);
    return normalized(session);
  }

  async events(sessionId: string): Promise<FileEvent[]> {
    const operation = "read the session's file events";
    const answer = await notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.sessionEvents, params: { sessionId }, operation }, sessionEvents), `No alert found with ID ${sessionId}.`, operation);
    return answer.queryResult.fileEvents;
  }

  async changeState(sessionIds: string[], newState: SessionState): Promise<void> {
    const operation = 'change the state of the sessions';
    // Each batch sends only its own ids (the SDK, by a bug, sends the whole list with every batch).
    for (const ids of chunk(distinct(sessionIds), SESSION_STATE_BATCH)) {
      await this.transport.send({ endpoint: ENDPOINTS.changeSessionStates, body: { ids, newState }, operation });
    }
  }

  async addNote(sessionId: string, note: string): Promise<void> {
    const operation = 'add the note to the session';
    if (note.length > MAX_NOTE_LENGTH) throw invalidRequest(operation, `the note has ${note.length} characters and Code42 takes at most ${MAX_NOTE_LENGTH}.`);
    await notFoundOn404(this.transport.send({ endpoint: ENDPOINTS.addSessionNote, params: { sessionId }, body: { noteContent: note }, operation }), `No alert found with ID ${sessionId}.`, operation);
  }
}
