// The incident a playbook runs for. XSOAR keeps custom fields under `CustomFields` and lets `${incident.x}`
// read them beside the system fields. An incident straight from our fetch-incidents (alert details in
// rawJSON, no custom fields yet) gets the fields the XSOAR Code42 pack's incoming mapper ("Code42 - Mapping")
// would have set, so `${incident.code42alertid}` and `${incident.code42username}` read the same either way.
import { PlaybookError } from './types';
import { isObject } from '../values';

export type Incident = Record<string, unknown>;

/**
 * Custom field (cli name) <- the alert fields it may come from, first found wins: the XSOAR Code42 pack's
 * incoming mapper read the legacy alert (`id`, `actor`); our fetch writes the session's fields beside them.
 */
const CODE42_MAPPING: Record<string, string[]> = {
  code42alertid: ['id', 'sessionId', 'alertId'],
  code42username: ['actor', 'actorName', 'username'],
  code42alertstate: ['state'],
  code42severity: ['riskSeverity', 'severity'],
  code42fileevents: ['fileevents'],
};

/** Fields XSOAR keeps on the incident itself rather than under CustomFields. */
const SYSTEM_FIELDS = new Set(['id', 'created', 'name', 'type', 'severity', 'details', 'owner', 'phase', 'occurred', 'status', 'closeReason', 'closeNotes', 'closed', 'labels', 'dbotMirrorId']);

function rawAlert(incident: Incident): Record<string, unknown> | undefined {
  if (typeof incident.rawJSON !== 'string') return undefined;
  try {
    const raw: unknown = JSON.parse(incident.rawJSON);
    return isObject(raw) ? raw : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A copy of the incident with the system fields every XSOAR incident has and its CustomFields, mapped from
 * the raw alert where the incident has none. Decided here: an incident given without an id is incident "1",
 * created when the run starts, severity 0 (unknown), no owner and no labels.
 */
export function normalizeIncident(incident: Incident = {}, now: Date = new Date()): Incident {
  const copy: Incident = { id: '1', created: now.toISOString(), name: '', severity: 0, owner: '', labels: [], ...structuredClone(incident) };
  const custom = isObject(copy.CustomFields) ? copy.CustomFields : {};
  const raw = rawAlert(copy);
  for (const [field, sources] of Object.entries(CODE42_MAPPING)) {
    if (custom[field] !== undefined) continue;
    const source = sources.find((name) => raw?.[name] !== undefined && raw[name] !== null);
    if (source !== undefined) custom[field] = raw![source];
  }
  if (custom.code42alertid === undefined && typeof copy.dbotMirrorId === 'string') custom.code42alertid = copy.dbotMirrorId;
  copy.CustomFields = custom;
  return copy;
}

/** XSOAR's `labels` list ({type, value}) read as `incident.labels.<type>`: one value, or a list of them. */
function labelMap(labels: unknown): unknown {
  if (!Array.isArray(labels)) return labels;
  const map: Record<string, unknown> = {};
  for (const label of labels) {
    if (!isObject(label) || typeof label.type !== 'string' || label.type === '__proto__') continue;
    const before = map[label.type];
    map[label.type] = before === undefined ? label.value : [...(Array.isArray(before) ? before : [before]), label.value];
  }
  return map;
}

/** What `incident.x` reads: custom fields beside the system fields (a system field wins a clash). */
export function incidentView(incident: Incident): Record<string, unknown> {
  return { ...(isObject(incident.CustomFields) ? incident.CustomFields : {}), ...incident, labels: labelMap(incident.labels) };
}

/** `setIncident`: system fields on the incident, anything else as a custom field. */
export function setIncidentFields(incident: Incident, fields: Record<string, unknown>): string[] {
  const custom = isObject(incident.CustomFields) ? incident.CustomFields : (incident.CustomFields = {});
  for (const [name, value] of Object.entries(fields)) {
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') throw new PlaybookError(`setIncident cannot set the field "${name}".`);
    if (SYSTEM_FIELDS.has(name) || (Object.hasOwn(incident, name) && name !== 'CustomFields')) incident[name] = value;
    else (custom as Record<string, unknown>)[name] = value;
  }
  return Object.keys(fields);
}

/** `closeInvestigation`: XSOAR's closed status (2) with the reason and notes given. */
export function closeIncident(incident: Incident, reason: string | undefined, notes: string | undefined, now: Date): void {
  incident.status = 2;
  incident.closed = now.toISOString();
  if (reason !== undefined) incident.closeReason = reason;
  if (notes !== undefined) incident.closeNotes = notes;
}
