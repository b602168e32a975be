// Sessions (incydr-api.md §2.2; they replace alerts): search with snake_case parameters (lists repeat the
// key), 0-based `page_number`, `page_size` 1..50; get; events; change-state (<= 100 ids); change-states by
// criteria with a continuation token; add-note (<= 2,000 characters).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type JsonObject, badRequest, objectBody, oneOf, parseInteger, queryList, queryString, readPage, springError } from '../http';
import { CONTENT_INSPECTION_STATUSES, SESSION_STATES, SESSION_TYPES, type SimSession } from '../model';
import type { Tenant } from '../tenant';
import type { RouteDeps } from './deps';

export const SESSION_PAGE_MAX = 50;
export const CHANGE_STATE_MAX_IDS = 100;
export const NOTE_MAX_CHARS = 2000;
const SEVERITY_BUCKETS = [
  ['NO_RISK_INDICATED', 'noRiskEvents'],
  ['LOW', 'lowEvents'],
  ['MODERATE', 'moderateEvents'],
  ['HIGH', 'highEvents'],
  ['CRITICAL', 'criticalEvents'],
] as const;

/** The wire shape (INC `Session`; XS session_response.json), derived counts and indicators included. */
export function sessionView(tenant: Tenant, session: SimSession): JsonObject {
  const events = tenant.sessionEvents(session);
  const counts: Record<string, number> = { noRiskEvents: 0, lowEvents: 0, moderateEvents: 0, highEvents: 0, criticalEvents: 0 };
  const indicators = new Map<string, { id: string; name: string; weight: number; eventCount: number }>();
  for (const doc of events) {
    const risk = doc.risk as { severity?: string; indicators?: { id: string; name: string; weight: number }[] };
    const bucket = SEVERITY_BUCKETS.find(([label]) => label === risk.severity)?.[1] ?? 'noRiskEvents';
    counts[bucket]++;
    for (const indicator of risk.indicators ?? []) {
      const entry = indicators.get(indicator.id) ?? { ...indicator, eventCount: 0 };
      entry.eventCount++;
      indicators.set(indicator.id, entry);
    }
  }
  const actor = tenant.actor(session.actorId);
  return {
    sessionId: session.sessionId,
    tenantId: tenant.tenantId,
    actorId: session.actorId,
    actorName: actor?.name ?? null,
    userId: session.userId,
    type: session.type,
    beginTime: session.beginTime,
    endTime: session.endTime,
    firstObserved: session.firstObserved,
    lastUpdated: session.lastUpdated,
    ...counts,
    notes: session.notes,
    riskIndicators: [...indicators.values()],
    scores: session.scores,
    states: session.states,
    triggeredAlerts: session.triggeredAlerts,
    exfiltrationSummary: session.exfiltrationSummary,
    contextSummary: session.contextSummary,
    contentInspectionResults: { detectedOnAlerts: session.detectedOnAlerts },
  };
}

type SessionFilter = (session: SimSession) => boolean;

/** The criteria parameters shared by search and change-states; each bad value is one sentence. */
function criteriaFilter(tenant: Tenant, query: JsonObject): SessionFilter {
  const filters: SessionFilter[] = [(s) => tenant.isObserved(s)];
  const epoch = (key: string) => {
    const raw = queryString(query, key);
    if (raw === undefined) return undefined;
    const n = parseInteger(raw);
    if (n === undefined || n < 0) throw badRequest(`${key} must be epoch milliseconds.`);
    return n;
  };
  const actorIds = queryList(query, 'actor_id');
  if (actorIds.length > 0) filters.push((s) => actorIds.includes(s.actorId));
  const onOrAfter = epoch('on_or_after');
  if (onOrAfter !== undefined) filters.push((s) => s.beginTime >= onOrAfter);
  const before = epoch('before');
  if (before !== undefined) filters.push((s) => s.beginTime < before);
  const types = oneOf(queryList(query, 'type'), SESSION_TYPES, 'type');
  if (types.length > 0) filters.push((s) => (types as string[]).includes(s.type));
  const hasAlerts = queryString(query, 'has_alerts');
  if (hasAlerts !== undefined) {
    const want = oneOf([hasAlerts.toLowerCase()], ['true', 'false'], 'has_alerts')[0] === 'true';
    filters.push((s) => s.triggeredAlerts.length > 0 === want);
  }
  const indicators = queryList(query, 'risk_indicators');
  if (indicators.length > 0) {
    filters.push((s) => tenant.sessionEvents(s).some((e) => ((e.risk as { indicators?: { id: string; name: string }[] }).indicators ?? []).some((i) => indicators.includes(i.id) || indicators.includes(i.name))));
  }
  const states = oneOf(queryList(query, 'state'), SESSION_STATES, 'state');
  if (states.length > 0) filters.push((s) => (states as string[]).includes(tenant.stateOf(s)));
  const severities = queryList(query, 'severity').map((v) => {
    const n = parseInteger(v);
    if (n === undefined || n < 0 || n > 4) throw badRequest(`severity must be an integer from 0 (NO_RISK) to 4 (CRITICAL), not "${v}".`);
    return n;
  });
  if (severities.length > 0) filters.push((s) => severities.includes(tenant.severityOf(s)));
  const ruleIds = queryList(query, 'rule_id');
  if (ruleIds.length > 0) filters.push((s) => s.triggeredAlerts.some((a) => ruleIds.includes(a.ruleId)));
  const watchlistIds = queryList(query, 'watchlist_id');
  if (watchlistIds.length > 0) {
    const lists = watchlistIds.map((id) => tenant.watchlist(id)).filter((w) => w !== undefined);
    filters.push((s) => {
      const actor = tenant.actor(s.actorId);
      return actor !== undefined && lists.some((w) => tenant.isMember(w, tenant.parentOf(actor)));
    });
  }
  const inspection = oneOf(queryList(query, 'content_inspection_status'), CONTENT_INSPECTION_STATUSES, 'content_inspection_status');
  if (inspection.length > 0) filters.push((s) => s.contentInspectionStatus !== null && (inspection as string[]).includes(s.contentInspectionStatus));
  return (s) => filters.every((f) => f(s));
}

/** Sort by end time or score; ties by session id so pages are stable. Default: end time, descending (SDK doc). */
function sorted(tenant: Tenant, query: JsonObject): readonly SimSession[] {
  const [orderBy = 'end_time'] = oneOf(queryList(query, 'order_by'), ['end_time', 'score'] as const, 'order_by');
  const [direction = 'desc'] = oneOf(queryList(query, 'sort_direction').map((d) => d.toLowerCase()), ['asc', 'desc'] as const, 'sort_direction');
  const sign = direction === 'asc' ? 1 : -1;
  const key = orderBy === 'score' ? (s: SimSession) => tenant.scoreOf(s) : (s: SimSession) => s.endTime;
  return tenant.sessionsBy(`${orderBy}/${direction}`, (a, b) => sign * (key(a) - key(b)) || (a.sessionId < b.sessionId ? -sign : a.sessionId > b.sessionId ? sign : 0));
}

export function registerSessionRoutes(app: FastifyInstance, { tenant, credentials }: RouteDeps): void {
  const sessionOr404 = (request: FastifyRequest) => {
    const { sessionId } = request.params as { sessionId: string };
    const session = tenant.session(sessionId);
    if (!session || !tenant.isObserved(session)) throw springError(404, `No session found with id ${sessionId}.`);
    return session;
  };
  // Who made a change: the API client acting (inference: the tenant records the API client's user).
  const actingUser = () => credentials.clientId;

  app.get('/v1/sessions', async (request) => {
    const query = request.query as JsonObject;
    const page = readPage(query, { numberKey: 'page_number', sizeKeys: ['page_size'], defaultSize: SESSION_PAGE_MAX, maxSize: SESSION_PAGE_MAX, firstPage: 0 });
    const filter = criteriaFilter(tenant, query);
    const matching = sorted(tenant, query).filter(filter);
    const items = matching.slice(page.index * page.size, (page.index + 1) * page.size);
    return { items: items.map((s) => sessionView(tenant, s)), totalCount: matching.length };
  });

  app.get('/v1/sessions/:sessionId', async (request) => sessionView(tenant, sessionOr404(request)));

  app.get('/v1/sessions/:sessionId/events', async (request) => {
    const events = tenant.sessionEvents(sessionOr404(request));
    return { queryResult: { fileEvents: events, nextPgToken: null, problems: null, totalCount: events.length } };
  });

  const newStateOf = (body: JsonObject) => {
    const newState = body.newState;
    if (typeof newState !== 'string') throw badRequest(`newState is required: one of ${SESSION_STATES.join(', ')}.`);
    return oneOf([newState], SESSION_STATES, 'newState')[0];
  };

  app.post('/v1/sessions/change-state', async (request, reply) => {
    const body = objectBody(request);
    const ids = body.ids;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) throw badRequest('ids must be a non-empty list of session ids.');
    if (ids.length > CHANGE_STATE_MAX_IDS) throw badRequest(`ids holds ${ids.length} session ids; at most ${CHANGE_STATE_MAX_IDS} are allowed per request.`);
    const unobserved = (ids as string[]).filter((id) => {
      const session = tenant.session(id);
      return session !== undefined && !tenant.isObserved(session);
    });
    if (unobserved.length > 0) throw springError(404, `No session with id ${unobserved.join(', ')}.`);
    tenant.changeSessionStates(ids as string[], newStateOf(body), actingUser());
    return reply.code(200).send();
  });

  // Criteria in the query; the body's continuationToken says where the previous call stopped (an index into
  // the matching sessions in session-id order, taken before the first call changed anything).
  app.post('/v1/sessions/change-states', async (request) => {
    const query = request.query as JsonObject;
    const body = objectBody(request);
    const newState = newStateOf(body);
    const token = body.continuationToken;
    let ids: string[];
    if (token === undefined || token === null || token === '') {
      ids = tenant.sessions.filter(criteriaFilter(tenant, query)).map((s) => s.sessionId).sort();
    } else {
      const decoded = typeof token === 'string' ? decodeToken(token) : undefined;
      if (!decoded) throw badRequest('continuationToken is not one this server issued.');
      ids = decoded;
    }
    const batch = ids.slice(0, CHANGE_STATE_MAX_IDS);
    if (batch.length > 0) tenant.changeSessionStates(batch, newState, actingUser());
    const rest = ids.slice(CHANGE_STATE_MAX_IDS);
    return { continuationToken: rest.length > 0 ? encodeToken(rest) : null };
  });

  app.post('/v1/sessions/:sessionId/add-note', async (request, reply) => {
    const session = sessionOr404(request);
    const content = objectBody(request).noteContent;
    if (typeof content !== 'string' || content.trim() === '') throw badRequest('noteContent is required.');
    if (content.length > NOTE_MAX_CHARS) throw badRequest(`noteContent has ${content.length} characters; at most ${NOTE_MAX_CHARS} are allowed.`);
    tenant.addSessionNote(session.sessionId, content, actingUser());
    return reply.code(200).send();
  });
}

const encodeToken = (ids: string[]) => Buffer.from(JSON.stringify(ids)).toString('base64url');
function decodeToken(token: string): string[] | undefined {
  try {
    const ids: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? (ids as string[]) : undefined;
  } catch {
    return undefined;
  }
}
