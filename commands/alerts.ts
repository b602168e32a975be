// Code42 security alerts (legacy alerts API, code42-api.md §8): get and resolve as the XSOAR integration
// does (commands.md), plus search, update and add-note for playbooks (seeds 000 and 004).
import type { AlertCriteria, AlertDetails, AlertState, AlertSummary, Code42Api } from '../src/code42/api';
import { defineCommand, type OutputField } from '../src/command';
import { CommandError } from '../src/registry';
import type { CommandResult } from '../src/xsoar/entry';
import { tableToMarkdown } from '../src/xsoar/markdown';
import { dateArg, requiredString, resultsArg } from './_shared/args';
import { compact } from './_shared/context';
import { noResults } from './_shared/results';

const PREFIX = 'Code42.SecurityAlert';

const FIELDS = {
  Username: { type: 'String', description: 'The username associated with the alert.' },
  Occurred: { type: 'Date', description: 'The timestamp when the alert occurred.' },
  Description: { type: 'String', description: 'The description of the alert.' },
  ID: { type: 'String', description: 'The alert ID.' },
  Name: { type: 'String', description: 'The alert rule name that generated the alert.' },
  State: { type: 'String', description: 'The alert state.' },
  Type: { type: 'String', description: 'The alert type.' },
  Severity: { type: 'String', description: 'The severity of the alert.' },
  Note: { type: 'String', description: 'The note on the alert.' },
} satisfies Record<string, OutputField>;

const OUTPUTS = { prefix: PREFIX, key: 'ID', fields: FIELDS };

/** The readable columns of the XSOAR integration's alert tables (commands.md). */
const HEADERS = ['Type', 'Occurred', 'Username', 'Name', 'Description', 'State', 'ID'];

const alertContext = (alert: AlertSummary & Pick<AlertDetails, 'note'>) =>
  compact({
    Username: alert.actor,
    Occurred: alert.createdAt,
    Description: alert.description,
    ID: alert.id,
    Name: alert.name,
    State: alert.state,
    Type: alert.type,
    Severity: alert.riskSeverity,
    Note: alert.note?.message,
  });

const noAlertSentence = (id: string): string => `No alert found with ID ${id}.`;

/** One alert's table followed by its console link, so the analyst can open it in Code42. */
function alertResult(code42: Code42Api, title: string, alert: AlertDetails, headers = HEADERS): CommandResult {
  const outputs = alertContext(alert);
  const link = `[View the alert in the Code42 console](${code42.alertUrl(alert.id)})`;
  return { title, outputs, readable: `${tableToMarkdown(title, outputs, { headers })}\n${link}\n`, raw: alert };
}

/**
 * Changes an alert and returns it as Code42 now has it. The alert is looked up first: Code42's
 * update-state and add-note do not say when an id names no alert, and a user asking to change an alert
 * that does not exist must hear so rather than see a success.
 */
async function changeAlert(code42: Code42Api, id: string, change: () => Promise<void>): Promise<AlertDetails> {
  const [before] = await code42.alerts.details([id]);
  if (!before) throw new CommandError(noAlertSentence(id));
  await change();
  const [after] = await code42.alerts.details([id]);
  if (!after) throw new CommandError(noAlertSentence(id));
  return after;
}

export const alertGet = defineCommand({
  name: 'code42-alert-get',
  description: 'Retrieve alert details by alert ID.',
  kind: 'read',
  args: {
    id: requiredString('The alert ID to retrieve. Alert IDs are associated with alerts that are fetched via fetch-incidents.'),
  },
  outputs: OUTPUTS,
  async handler({ code42 }, { id }) {
    const [alert] = await code42.alerts.details([id]);
    // As the XSOAR integration: an unknown id is an empty result, not a failure.
    if (!alert) return noResults({});
    return alertResult(code42, 'Code42 Security Alert Results', alert);
  },
});

export const alertResolve = defineCommand({
  name: 'code42-alert-resolve',
  description: 'Resolves a Code42 Security alert.',
  kind: 'write',
  args: {
    id: requiredString('The alert ID to resolve. Alert IDs are associated with alerts that are fetched via fetch-incidents.'),
  },
  outputs: OUTPUTS,
  async handler({ code42 }, { id }) {
    const alert = await changeAlert(code42, id, () => code42.alerts.updateState([id], 'RESOLVED'));
    return alertResult(code42, 'Code42 Security Alert Resolved', alert);
  },
});

/** The states of Code42's sessions API that the XSOAR pack's playbooks pass; the alerts API calls them all RESOLVED. */
const SESSION_STATES = ['CLOSED_TP', 'CLOSED_FP', 'CLOSED_TP_BENIGN'] as const;
const ALERT_STATES = ['OPEN', 'RESOLVED', 'PENDING', 'IN_PROGRESS'] as const satisfies readonly AlertState[];

type RequestedState = (typeof ALERT_STATES)[number] | (typeof SESSION_STATES)[number];

/** The alerts-API state and note for a requested state; a session state survives as the start of the note. */
function stateChange(state: RequestedState, note: string | undefined): { state: AlertState; note: string | undefined } {
  if (state === 'CLOSED_TP' || state === 'CLOSED_FP' || state === 'CLOSED_TP_BENIGN') {
    return { state: 'RESOLVED', note: note === undefined ? state : `${state}: ${note}` };
  }
  return { state, note };
}

export const alertUpdate = defineCommand({
  name: 'code42-alert-update',
  description: 'Sets the state of a Code42 Security alert, optionally with a note.',
  kind: 'write',
  args: {
    id: requiredString('The alert ID to update.'),
    state: {
      type: 'string',
      required: true,
      predefined: [...ALERT_STATES, ...SESSION_STATES],
      description:
        'The new state of the alert. CLOSED_TP, CLOSED_FP and CLOSED_TP_BENIGN resolve the alert and keep the state name at the start of the note.',
    },
    note: { type: 'string', description: 'A note to set on the alert, replacing any existing note (at most 2000 characters).' },
  },
  outputs: OUTPUTS,
  async handler({ code42 }, { id, state, note }) {
    const change = stateChange(state, note);
    // An absent note is sent as null, which keeps the alert's existing note (code42-api.md §8.6).
    const alert = await changeAlert(code42, id, () => code42.alerts.updateState([id], change.state, change.note ?? null));
    return alertResult(code42, 'Code42 Security Alert Updated', alert, [...HEADERS, 'Note']);
  },
});

export const alertAddNote = defineCommand({
  name: 'code42-alert-add-note',
  description: "Sets the note of a Code42 Security alert, replacing the alert's existing note.",
  kind: 'write',
  args: {
    id: requiredString('The alert ID to add the note to.'),
    note: requiredString('The note (at most 2000 characters).'),
  },
  outputs: OUTPUTS,
  async handler({ code42 }, { id, note }) {
    const alert = await changeAlert(code42, id, () => code42.alerts.addNote(id, note));
    return alertResult(code42, 'Code42 Security Alert Note Added', alert, [...HEADERS, 'Note']);
  },
});

const SEVERITIES = ['Critical', 'High', 'Moderate', 'Low'] as const;

/** query-alerts' largest page (code42-api.md §8.2). */
const MAX_PAGE_SIZE = 500;

/** Up to `limit` alerts, newest first, paging (0-based) until enough are collected or a page comes back short. */
async function searchAlerts(code42: Code42Api, criteria: AlertCriteria, limit: number): Promise<AlertSummary[]> {
  const pgSize = Math.min(limit, MAX_PAGE_SIZE);
  const found: AlertSummary[] = [];
  for (let pgNum = 0; found.length < limit; pgNum++) {
    const { alerts } = await code42.alerts.query(criteria, { pgNum, pgSize, srtKey: 'CreatedAt', srtDirection: 'DESC' });
    found.push(...alerts.slice(0, limit - found.length));
    if (alerts.length < pgSize) break;
  }
  return found;
}

export const alertSearch = defineCommand({
  name: 'code42-alert-search',
  description: 'Searches Code42 Security alerts by actor, severity, state, rule name and creation date, newest first.',
  kind: 'read',
  args: {
    actor: { type: 'string', description: 'The username whose activity raised the alerts.' },
    severity: { type: 'list', predefined: SEVERITIES, description: 'Risk severities of the alerts, comma delimited.' },
    state: { type: 'list', predefined: ALERT_STATES, description: 'States of the alerts, comma delimited.' },
    rule_name: { type: 'string', description: 'The name of the alert rule that raised the alerts.' },
    created_on: dateArg('Only alerts created on this day, in the format YYYY-MM-DD (UTC).'),
    created_after: dateArg('Only alerts created on or after this day, in the format YYYY-MM-DD (UTC).'),
    created_before: dateArg('Only alerts created on or before this day, in the format YYYY-MM-DD (UTC).'),
    results: resultsArg('The most alerts to return.'),
  },
  outputs: OUTPUTS,
  async handler({ code42 }, args) {
    const criteria: AlertCriteria = {
      actor: args.actor,
      ruleName: args.rule_name,
      riskSeverity: args.severity?.map((s) => s.toUpperCase()),
      state: args.state,
      // Whole UTC days: "after D" includes all of D, "before D" too.
      createdOnOrAfter: args.created_after && `${args.created_after}T00:00:00.000Z`,
      createdOnOrBefore: args.created_before && `${args.created_before}T23:59:59.999Z`,
      createdOn: args.created_on,
    };
    if (!Object.values(criteria).some((value) => value !== undefined)) {
      // A query without filters risks Code42's MissingGroups problem (§8.3); every alert has one of these states.
      criteria.state = [...ALERT_STATES];
    }
    const alerts = await searchAlerts(code42, criteria, args.results);
    if (alerts.length === 0) return noResults();
    const title = 'Code42 Security Alerts';
    const outputs = alerts.map(alertContext);
    const rows = outputs.map((row) => ({ ...row, Link: `[View](${code42.alertUrl(String(row.ID))})` }));
    return { title, outputs, readable: tableToMarkdown(title, rows, { headers: ['Type', 'Occurred', 'Username', 'Name', 'Severity', 'State', 'ID', 'Link'] }), raw: alerts };
  },
});
