// Legacy alerts API on the gateway (code42-api.md §8): query-alerts (0-based pgNum, pgSize <= 500, bad input
// -> 200 with problems), query-details (<= 100 ids; observation `data` is a JSON string), update-state, add-note.
import type { FastifyInstance } from 'fastify';
import { type JsonObject, requiredString, springError, stringArray } from '../http';
import { ALERT_STATES, RISK_SEVERITIES, RULE_TYPES, type SimAlert, type SimObservation } from '../model';
import { type QuerySpec, type TermDef, compileLegacyQuery } from '../query/legacyQuery';
import type { Tenant } from '../tenant';
import { isoMicros, parseTimestamp } from '../time';
import { type RouteDeps, tenantBody } from './deps';

export const MAX_ALERT_PAGE_SIZE = 500;
export const MAX_DETAIL_IDS = 100;
export const MAX_NOTE_LENGTH = 2000;

const text = (get: (a: SimAlert) => string | null): TermDef<SimAlert> => ({ kind: 'string', get });
const createdAt: TermDef<SimAlert> = { kind: 'date', get: (a) => a.createdAtUs };
const state: TermDef<SimAlert> = { kind: 'enum', get: (a) => a.state, values: ALERT_STATES };
const staticSeverity: TermDef<SimAlert> = { kind: 'enum', get: (a) => a.severity, values: ['HIGH', 'MEDIUM', 'LOW'] };
const name = text((a) => a.name);
const id = text((a) => a.id);

/** Terms by lower-case name; py42 camelCase, incydr PascalCase and the display names of seeds 000/004 all fold here. */
const ALERT_TERMS: Record<string, TermDef<SimAlert>> = {
  createdat: createdAt,
  dateobserved: createdAt,
  actor: text((a) => a.actor),
  actorid: text((a) => a.actorId),
  name,
  rulename: name,
  description: text((a) => a.description),
  ruleid: text((a) => a.ruleId),
  rulesource: text((a) => a.ruleSource),
  type: { kind: 'enum', get: (a) => a.type, values: RULE_TYPES },
  riskseverity: { kind: 'enum', get: (a) => a.riskSeverity, values: RISK_SEVERITIES },
  severity: staticSeverity,
  alertseverity: staticSeverity,
  state,
  alertstate: state,
  id,
  alertid: id,
  target: text((a) => a.target),
  statelastmodifiedby: text((a) => a.stateLastModifiedBy),
  statelastmodifiedat: { kind: 'date', get: (a) => (a.stateLastModifiedAt ? (parseTimestamp(a.stateLastModifiedAt)?.us ?? null) : null) },
  tenantid: text(() => null),
};

const ALERT_QUERY: QuerySpec<SimAlert> = {
  terms: ALERT_TERMS,
  defaultSort: 'createdat',
  defaultPageSize: 100,
  maxPageSize: MAX_ALERT_PAGE_SIZE,
  tiebreak: (a, b) => a.createdAtUs - b.createdAtUs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
};

export function alertSummary(tenant: Tenant, alert: SimAlert): JsonObject {
  return {
    'type$': 'ALERT_SUMMARY',
    tenantId: tenant.tenantId,
    type: alert.type,
    name: alert.name,
    description: alert.description,
    actor: alert.actor,
    actorId: alert.actorId,
    target: alert.target,
    severity: alert.severity,
    riskSeverity: alert.riskSeverity,
    ruleId: alert.ruleId,
    ruleSource: alert.ruleSource,
    id: alert.id,
    createdAt: alert.createdAt,
    state: alert.state,
    stateLastModifiedBy: alert.stateLastModifiedBy,
    stateLastModifiedAt: alert.stateLastModifiedAt,
    watchlists: alert.watchlists,
  };
}

interface EventParts {
  '@timestamp'?: string;
  event?: { action?: string; observer?: string };
  file?: { name?: string; directory?: string; category?: string; sizeInBytes?: number };
  risk?: { score?: number; severity?: string; indicators?: { name: string; weight: number }[] };
  source?: { ip?: string | null };
}

const EXPOSURE_BY_ACTION: Record<string, string> = {
  'removable-media-created': 'RemovableMedia',
  'application-read': 'ApplicationRead',
  'file-emailed': 'OutsideTrustedDomains',
  'file-shared': 'PublicLinkShare',
  'file-printed': 'Printed',
  'sync-app-created': 'CloudStorage',
};

/** The observation's `data` JSON string; built from the file events it names unless given explicitly. */
export function observationData(tenant: Tenant, observation: SimObservation, observedAt: string): string {
  if (observation.data !== undefined) return observation.data;
  const events = (observation.eventIds ?? []).flatMap((eventId) => {
    const event = tenant.fileEvent(eventId);
    return event ? [{ id: event.id, doc: event.doc as unknown as EventParts }] : [];
  });
  const times = events.map((e) => e.doc['@timestamp'] ?? '').filter(Boolean).sort();
  const categories = new Map<string, { fileCount: number; totalFileSize: number }>();
  for (const { doc } of events) {
    const category = doc.file?.category ?? 'Document';
    const entry = categories.get(category) ?? { fileCount: 0, totalFileSize: 0 };
    entry.fileCount++;
    entry.totalFileSize += doc.file?.sizeInBytes ?? 0;
    categories.set(category, entry);
  }
  const distinct = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
  return JSON.stringify({
    'type$': observation.type === 'FedCloudSharePermissions' ? 'OBSERVED_CLOUD_SHARE_ACTIVITY' : 'OBSERVED_ENDPOINT_ACTIVITY',
    id: observation.id,
    sources: distinct(events.map((e) => e.doc.event?.observer)),
    exposureTypes: distinct(events.map((e) => EXPOSURE_BY_ACTION[e.doc.event?.action ?? ''])),
    firstActivityAt: times[0] ?? observedAt,
    lastActivityAt: times[times.length - 1] ?? observedAt,
    fileCount: events.length,
    totalFileSize: events.reduce((sum, e) => sum + (e.doc.file?.sizeInBytes ?? 0), 0),
    fileCategories: [...categories.entries()].map(([category, c]) => ({ 'type$': 'OBSERVED_FILE_CATEGORY', category, ...c, isSignificant: true })),
    files: events.map(({ id: eventId, doc }) => ({
      'type$': 'OBSERVED_FILE',
      eventId,
      path: doc.file?.directory ?? null,
      name: doc.file?.name ?? null,
      category: doc.file?.category ?? null,
      size: doc.file?.sizeInBytes ?? 0,
      riskSeverityInfo: {
        'type$': 'RISK_SEVERITY_INFO',
        score: doc.risk?.score ?? 0,
        severity: doc.risk?.severity ?? 'NO_RISK_INDICATED',
        matchedRiskIndicators: (doc.risk?.indicators ?? []).map((i) => ({ 'type$': 'RISK_INDICATOR', name: i.name, weight: i.weight })),
      },
      observedAt: doc['@timestamp'] ?? null,
    })),
    syncToServices: [],
    sendingIpAddresses: distinct(events.map((e) => e.doc.source?.ip)),
    isRemoteActivity: false,
  });
}

export function alertDetails(tenant: Tenant, alert: SimAlert): JsonObject {
  return {
    ...alertSummary(tenant, alert),
    'type$': 'ALERT_DETAILS',
    observations: alert.observations.map((o) => {
      const observedAt = o.observedAt ?? alert.createdAt.replace('Z', '0Z');
      return { 'type$': 'OBSERVATION', id: o.id, observedAt, type: o.type, data: observationData(tenant, o, observedAt) };
    }),
    note: alert.note ? { 'type$': 'NOTE', ...alert.note } : null,
  };
}

function queryAlerts(tenant: Tenant, body: JsonObject): JsonObject {
  const empty = (problems: unknown[]) => ({ 'type$': 'ALERT_QUERY_RESPONSE', alerts: [], totalCount: 0, problems });
  if (body.tenantId === undefined || body.tenantId === null || body.tenantId === '') {
    return empty([{ type: 'MissingValue', badFilter: null, description: 'tenantId is required.' }]);
  }
  const { query, problems } = compileLegacyQuery(body, ALERT_QUERY);
  if (!query) return empty(problems);
  const { from, to } = query.bounds(createdAt);
  const [lo, hi] = from > to ? [0, 0] : tenant.alerts.range(from, to);
  const start = query.page.index * query.page.size;
  const end = start + query.page.size;
  let page: SimAlert[] = [];
  let totalCount = 0;
  if (ALERT_TERMS[query.sortTerm] === createdAt) {
    // The store is already in (createdAt, id) order: walk the range in the asked direction, keep one page.
    for (let k = 0; k < hi - lo; k++) {
      const alert = tenant.alerts.at(query.descending ? hi - 1 - k : lo + k);
      if (!query.predicate(alert)) continue;
      if (totalCount >= start && totalCount < end) page.push(alert);
      totalCount++;
    }
  } else {
    const matches: SimAlert[] = [];
    for (let k = lo; k < hi; k++) if (query.predicate(tenant.alerts.at(k))) matches.push(tenant.alerts.at(k));
    matches.sort((a, b) => query.compare(a, b));
    page = matches.slice(start, end);
    totalCount = matches.length;
  }
  return { 'type$': 'ALERT_QUERY_RESPONSE', alerts: page.map((a) => alertSummary(tenant, a)), totalCount, problems: [] };
}

function alertIdsOf(body: JsonObject): string[] {
  const ids = stringArray(body, 'alertIds');
  if (ids.length > MAX_DETAIL_IDS) throw springError(400, `alertIds has ${ids.length} ids; at most ${MAX_DETAIL_IDS} are allowed per request.`);
  return ids;
}

function noteOf(body: JsonObject): string | undefined {
  const note = body.note;
  if (note === undefined || note === null) return undefined;
  if (typeof note !== 'string') throw springError(400, 'note must be a string.');
  if (note.length > MAX_NOTE_LENGTH) throw springError(400, `note has ${note.length} characters; at most ${MAX_NOTE_LENGTH} are allowed.`);
  return note;
}

export function registerAlertRoutes(app: FastifyInstance, { tenant, credentials }: RouteDeps): void {
  app.post('/v1/alerts/query-alerts', async (request) => queryAlerts(tenant, tenantBody(request, tenant, false)));

  app.post('/v1/alerts/query-details', async (request) => {
    const ids = alertIdsOf(tenantBody(request, tenant, false));
    const alerts = ids.flatMap((alertId) => {
      const alert = tenant.alert(alertId);
      return alert ? [alertDetails(tenant, alert)] : [];
    });
    return { 'type$': 'ALERT_DETAILS_RESPONSE', alerts };
  });

  app.post('/v1/alerts/update-state', async (request, reply) => {
    const body = tenantBody(request, tenant, false);
    const ids = alertIdsOf(body);
    if (ids.length === 0) throw springError(400, 'alertIds must name at least one alert.');
    const newState = requiredString(body, 'state').toUpperCase();
    if (!(ALERT_STATES as readonly string[]).includes(newState)) throw springError(400, `state ${newState} is not one of ${ALERT_STATES.join(', ')}.`);
    const note = noteOf(body);
    const at = isoMicros(tenant.now() * 1000);
    for (const alertId of ids) {
      const alert = tenant.alert(alertId);
      if (!alert) continue;
      alert.state = newState;
      alert.stateLastModifiedBy = credentials.clientId;
      alert.stateLastModifiedAt = at;
      if (note === '') alert.note = null;
      else if (note !== undefined) alert.note = { id: alert.note?.id ?? tenant.ids.uuid(), lastModifiedAt: at, lastModifiedBy: credentials.clientId, message: note };
    }
    return reply.code(200).send();
  });

  app.post('/v1/alerts/add-note', async (request, reply) => {
    const body = tenantBody(request, tenant, false);
    const alertId = requiredString(body, 'alertId');
    if (alertId.length > 40) throw springError(400, 'alertId has more than 40 characters.');
    const note = noteOf(body);
    if (!note) throw springError(400, 'note is required.');
    const alert = tenant.alert(alertId);
    if (!alert) throw springError(404, `Alert not found: ${alertId}`);
    const at = isoMicros(tenant.now() * 1000);
    alert.note = { id: alert.note?.id ?? tenant.ids.uuid(), lastModifiedAt: at, lastModifiedBy: credentials.clientId, message: note };
    return reply.code(200).send();
  });
}

