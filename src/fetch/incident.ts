// A Code42 alert as an XSOAR incident (xsoar-conventions §3.2, architecture §5). rawJSON keeps every field
// the official integration put there (the alert details, `alertId`, `risksummary`, and with include_files
// `fileevents` + `fileevents_version`) so its mappers and playbooks keep working, plus the console link.
import type { AlertDetails, FileEvent } from '../code42/api';

export interface Incident {
  name: string;
  /** createdAt in UTC ISO 8601. */
  occurred: string;
  severity: number;
  /** JSON string of the alert details and the fields above. */
  rawJSON: string;
  /** The alert id: XSOAR's "Source ID", and the key sinks de-duplicate on. */
  dbotMirrorId: string;
  type?: string;
  details?: string;
}

const SEVERITIES: Record<string, number> = { NO_RISK_INDICATED: 0.5, LOW: 1, MODERATE: 2, HIGH: 3, CRITICAL: 4 };

/** XSOAR severity of a Code42 riskSeverity (case-insensitive); anything unknown is 0 (unknown). */
export function incidentSeverity(riskSeverity: string | undefined | null): number {
  return SEVERITIES[(riskSeverity ?? '').trim().toUpperCase()] ?? 0;
}

interface SeveritySummary {
  severity?: string;
  numEvents?: number;
  summarizedRiskIndicators?: { name?: string; numEvents?: number }[];
}

interface ObservedFile {
  eventId?: unknown;
  riskSeverityInfo?: { severity?: string; matchedRiskIndicators?: { name?: string }[] };
}

/** An observation's `data` (a JSON string on the wire) decoded; unreadable data counts as empty, as in py42. */
export function observationData(data: unknown): Record<string, unknown> {
  if (typeof data !== 'string') return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  try {
    const parsed: unknown = JSON.parse(data);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const listIn = <T>(data: Record<string, unknown>, key: string): T[] => (Array.isArray(data[key]) ? (data[key] as T[]) : []);

type Tally = Map<string, { events: number; indicators: Map<string, number> }>;

function count(tally: Tally, severity: string, events: number, indicators: [string, number][]): void {
  const entry = tally.get(severity) ?? { events: 0, indicators: new Map<string, number>() };
  entry.events += events;
  for (const [name, n] of indicators) entry.indicators.set(name, (entry.indicators.get(name) ?? 0) + n);
  tally.set(severity, entry);
}

const SEVERITY_ORDER = ['CRITICAL', 'HIGH', 'MODERATE', 'LOW', 'NO_RISK_INDICATED'];
const bySeverityRank = ([a]: [string, unknown], [b]: [string, unknown]): number =>
  (SEVERITY_ORDER.indexOf(a) + 1 || 99) - (SEVERITY_ORDER.indexOf(b) + 1 || 99);

function summaryText(observations: Record<string, unknown>[]): string {
  const reported: Tally = new Map();
  const derived: Tally = new Map();
  for (const data of observations) {
    const summaries = listIn<SeveritySummary>(data, 'riskSeveritySummary');
    for (const summary of summaries) {
      const indicators = (summary?.summarizedRiskIndicators ?? []).map((i): [string, number] => [String(i?.name ?? ''), Number(i?.numEvents ?? 0)]);
      count(reported, String(summary?.severity ?? 'UNKNOWN'), Number(summary?.numEvents ?? 0), indicators);
    }
    if (summaries.length > 0) continue;
    for (const file of listIn<ObservedFile>(data, 'files')) {
      const info = file?.riskSeverityInfo;
      count(derived, String(info?.severity ?? 'NO_RISK_INDICATED'), 1, (info?.matchedRiskIndicators ?? []).map((i): [string, number] => [String(i?.name ?? ''), 1]));
    }
  }
  const lines: string[] = [];
  for (const [severity, { events, indicators }] of [...reported, ...[...derived].sort(bySeverityRank)]) {
    lines.push(`${events} ${severity} events:`);
    for (const [name, n] of indicators) lines.push(`\t- ${n} ${name}`);
  }
  return lines.join('\n');
}

/** What the observations of an alert say, their `data` strings decoded once. */
export interface AlertFacts {
  /** The file-event ids named by `files[].eventId`, in order, without repeats. */
  eventIds: string[];
  /**
   * The official integration's `risksummary` text: "<n> <SEVERITY> events:" then "\t- <n> <indicator>" lines,
   * from the observations' riskSeveritySummary (repeated severities and indicators added up, first appearance
   * first); observations without one are summarized the way Code42 builds it, from their files'
   * riskSeverityInfo, most severe first.
   */
  riskSummary: string;
}

export function alertFacts(alert: AlertDetails): AlertFacts {
  const observations = (alert.observations ?? []).map((o) => observationData(o.data));
  const eventIds = new Set<string>();
  for (const data of observations) {
    for (const file of listIn<ObservedFile>(data, 'files')) if (typeof file?.eventId === 'string') eventIds.add(file.eventId);
  }
  return { eventIds: [...eventIds], riskSummary: summaryText(observations) };
}

export const observedEventIds = (alert: AlertDetails): string[] => alertFacts(alert).eventIds;
export const riskSummary = (alert: AlertDetails): string => alertFacts(alert).riskSummary;

export interface IncidentOptions {
  incidentType: string;
  alertUrl: string;
  /** The alert's facts when already worked out (they are otherwise read from its observations). */
  facts?: AlertFacts;
  /** The alert's file events when include_files is on; undefined when it is off. */
  fileEvents?: FileEvent[];
}

/** An incident whose rawJSON can still take the alert's file events (include_files). */
export interface IncidentDraft {
  incident: Incident;
  /** The rawJSON object, kept only when the alert holds keys of its own named like the file-event ones. */
  raw?: object;
}

/**
 * rawJSON with the file events added at its end: what JSON.stringify({ ...raw, fileevents, fileevents_version: 2 })
 * writes when raw has neither key, without writing the alert out again. rawJSON always holds the added fields, so it
 * is never `{}`.
 */
function withFileEvents(rawJSON: string, fileEvents: FileEvent[]): string {
  // join writes one flat string, as JSON.stringify does; `+` would leave a rope for every reader to flatten.
  return [rawJSON.slice(0, -1), ',"fileevents":', JSON.stringify(fileEvents), ',"fileevents_version":2}'].join('');
}

/**
 * The incident without its file events, which can be appended later (so the alert is written out, and dropped,
 * while they are still on the wire). rawJSON is written from `alert` itself with alertId, risksummary and alertUrl
 * assigned onto it — what JSON.stringify({ ...alert, ...added }) writes, key order included — so the alert is
 * neither copied nor written twice: pass an alert nobody else holds, as fetchIncidents does with the one it
 * has just decoded.
 */
export function draftIncident(alert: AlertDetails, options: Omit<IncidentOptions, 'fileEvents'>): IncidentDraft {
  const facts = options.facts ?? alertFacts(alert);
  const raw = Object.assign(alert, { alertId: alert.id, risksummary: facts.riskSummary, alertUrl: options.alertUrl });
  const incident: Incident = {
    name: `Code42 - ${alert.name}`,
    occurred: new Date(Date.parse(alert.createdAt)).toISOString(),
    severity: incidentSeverity(alert.riskSeverity),
    rawJSON: JSON.stringify(raw),
    dbotMirrorId: alert.id,
  };
  // Set one at a time: spreading `cond ? {...} : {}` builds a throwaway object per alert (a sixth of a run's drafting).
  if (options.incidentType) incident.type = options.incidentType;
  if (alert.description) incident.details = alert.description;
  return Object.hasOwn(raw, 'fileevents') || Object.hasOwn(raw, 'fileevents_version') ? { incident, raw } : { incident };
}

/** The finished incident: with include_files (`fileEvents` given), rawJSON gains `fileevents` and `fileevents_version`. */
export function completeIncident({ incident, raw }: IncidentDraft, fileEvents: FileEvent[] | undefined): Incident {
  if (!fileEvents) return incident;
  return { ...incident, rawJSON: raw ? JSON.stringify({ ...raw, fileevents: fileEvents, fileevents_version: 2 }) : withFileEvents(incident.rawJSON, fileEvents) };
}

/** The incident for an alert the caller keeps: it is drafted from a copy. */
export function toIncident(alert: AlertDetails, options: IncidentOptions): Incident {
  return completeIncident(draftIncident({ ...alert }, options), options.fileEvents);
}
