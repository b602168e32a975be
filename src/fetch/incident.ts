// A Code42 session (an "alert" in the XSOAR world) as an XSOAR incident (xsoar-conventions §3.2,
// architecture §5). rawJSON is the session with the fields the XSOAR Code42 integration 6.x added to it
// (`actor`, `rule_names`, `riskSeverity`, `state`, `beginTimeIso`, `alertUrl`, and with include_files
// `fileevents`), so its mapper and playbooks keep working; the incident also carries the custom fields the
// pack's playbooks read, set directly, so nothing depends on a mapper being installed.
import { SESSION_SEVERITIES, type FileEvent, type Session } from '../code42/api';
import { highestScore, latestState } from '../code42/session-facts';

export interface IncidentLabel {
  type: string;
  value: string;
}

export interface Incident {
  name: string;
  /** When the session reached its highest score, UTC ISO 8601 (its beginTime when it has no score). */
  occurred: string;
  /** XSOAR severity: 0 unknown, 0.5 informational, 1 low .. 4 critical. */
  severity: number;
  /** The session with its enrichment as JSON text. */
  rawJSON: string;
  /** The session id: XSOAR's "Source ID", and the key every sink de-duplicates on. */
  dbotMirrorId: string;
  /** When this incident was made (the run's time). */
  created: string;
  labels: IncidentLabel[];
  CustomFields: Record<string, unknown>;
  type?: string;
  details?: string;
}

/** What fetch-incidents looked up for a session that does not carry it (or took from it). */
export interface Enrichment {
  /** The actor's name; undefined when Code42 no longer knows the actor. */
  actor?: string;
  /** Names of the rules that alerted, in the order of triggeredAlerts, without repeats; deleted rules left out. */
  ruleNames: string[];
}

export interface IncidentOptions {
  /** Empty: the XSOAR instance's incident type decides. */
  incidentType: string;
  sessionUrl: string;
  now: Date;
  /** The session's file events with include_files; undefined without it. */
  fileEvents?: FileEvent[];
}

/**
 * XSOAR severity of a Code42 session severity (0 NO_RISK .. 4 CRITICAL): LOW..CRITICAL keep their number,
 * NO_RISK is informational (0.5), anything else unknown (0).
 */
export function incidentSeverity(severity: number | undefined): number {
  if (severity === 0) return 0.5;
  return severity !== undefined && Number.isInteger(severity) && severity >= 1 && severity <= 4 ? severity : 0;
}

/** The severity label the 6.x integration put in rawJSON.riskSeverity (Code42's enum names). */
export function severityLabel(severity: number | undefined): string | undefined {
  return severity === undefined ? undefined : SESSION_SEVERITIES[severity];
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function sessionIncident(session: Session, enrichment: Enrichment, options: IncidentOptions): Incident {
  const top = highestScore(session.scores);
  const riskSeverity = severityLabel(top?.severity);
  const state = latestState(session);
  const ruleNames = enrichment.ruleNames.join(', ');
  // Object.assign, not an object spread: spreading a decoded session cost ~3x as much (bench/fetch.ts: the
  // spread was the largest part of the fetch's own CPU without include_files). Same keys, same order.
  const raw: Record<string, unknown> = Object.assign({} as Record<string, unknown>, session);
  raw.actor = enrichment.actor ?? null;
  raw.rule_names = ruleNames;
  raw.riskSeverity = riskSeverity ?? null;
  raw.state = state ?? null;
  raw.beginTimeIso = iso(session.beginTime);
  raw.alertUrl = options.sessionUrl;
  if (options.fileEvents) raw.fileevents = options.fileEvents;

  const labels: IncidentLabel[] = [{ type: 'Session ID', value: session.sessionId }];
  if (enrichment.actor) labels.push({ type: 'Actor', value: enrichment.actor });
  if (riskSeverity) labels.push({ type: 'Severity', value: riskSeverity });
  if (state) labels.push({ type: 'State', value: state });
  for (const rule of enrichment.ruleNames) labels.push({ type: 'Rule', value: rule });
  for (const indicator of session.riskIndicators) labels.push({ type: 'Risk Indicator', value: indicator.name });
  labels.push({ type: 'Session URL', value: options.sessionUrl });

  const custom: Record<string, unknown> = { code42alertid: session.sessionId };
  if (enrichment.actor) custom.code42username = enrichment.actor;
  if (state) custom.code42alertstate = state;
  if (riskSeverity) custom.code42severity = riskSeverity;
  if (options.fileEvents) {
    custom.code42fileevents = options.fileEvents;
    // The pack's code42-file-events-table reads this to tell v2 file events from v1.
    custom.code42fileeventsversion = '2';
  }

  const incident: Incident = {
    name: `Code42 - ${session.exfiltrationSummary || `session ${session.sessionId}`}`,
    occurred: iso(top?.sourceTimestamp ?? session.beginTime),
    severity: incidentSeverity(top?.severity),
    rawJSON: JSON.stringify(raw),
    dbotMirrorId: session.sessionId,
    created: options.now.toISOString(),
    labels,
    CustomFields: custom,
  };
  if (options.incidentType) incident.type = options.incidentType;
  if (session.contextSummary) incident.details = session.contextSummary;
  return incident;
}
