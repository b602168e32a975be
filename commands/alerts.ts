// Code42 security alerts are sessions today (commands.md "Alerts = sessions"): the alert ID is the session
// id, states are session states (the seed-era names still accepted), and an alert's file events are the
// session's events.
import { type Code42Api, MAX_NOTE_LENGTH, SESSION_SEVERITIES, SESSION_STATES, type Session, type SessionCriteria, type SessionState } from '../src/code42/api';
import { Code42Error } from '../src/code42/errors';
import { currentState, highestScore, latestEntry, latestState } from '../src/code42/session-facts';
import { ArgumentError, CommandError, defineCommand, type OutputField } from '../src/command';
import type { CommandResult } from '../src/xsoar/entry';
import { dateArg, requiredString, resultsArg } from './_shared/args';
import { compact } from './_shared/context';
import { isoTime } from './_shared/dates';
import { FILE_EVENT_FIELDS, fileEventContext, fileEventsTable } from './_shared/file-events';
import { alreadyHeld, noResults } from './_shared/results';

const PREFIX = 'Code42.SecurityAlert';

const FIELDS = {
  Username: { type: 'String', description: 'The username associated with the alert.' },
  Occurred: { type: 'Date', description: 'The timestamp when the alert occurred.' },
  Description: { type: 'String', description: 'The description of the alert (the names of the rules it triggered).' },
  ID: { type: 'String', description: 'The alert ID.' },
  Name: { type: 'String', description: 'The alert rule name that generated the alert (the exfiltration summary).' },
  State: { type: 'String', description: 'The alert state.' },
  Type: { type: 'String', description: 'The alert type.' },
  Severity: { type: 'String', description: 'The severity of the alert.' },
  RiskScore: { type: 'Number', description: 'The highest risk score of the alert.' },
  RiskIndicators: { type: 'Unknown', description: 'The names of the risk indicators seen in the alert.' },
  ContextSummary: { type: 'String', description: 'The context summary of the alert.' },
  FirstObserved: { type: 'Date', description: 'When the alert was first observed.' },
  LastUpdated: { type: 'Date', description: 'When the alert was last updated.' },
  Note: { type: 'String', description: 'The latest note on the alert.' },
  Link: { type: 'String', description: 'The link to the alert in the Code42 console.' },
} satisfies Record<string, OutputField>;

const OUTPUTS = { prefix: PREFIX, key: 'ID', fields: FIELDS };

/** The readable columns of the XSOAR integration's alert tables (commands.md). */
const HEADERS = ['Type', 'Occurred', 'Username', 'Name', 'Description', 'State', 'Severity', 'ID'];

/** What a lookup answers when Code42 no longer has the thing (a deleted rule or actor), instead of failing. */
async function unlessGone<T, F>(lookup: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof Code42Error && error.kind === 'not-found') return fallback;
    throw error;
  }
}

/**
 * Rule and actor names for sessions from tenants older than SDK 2.12.2 (2026-06), which leave ruleName and
 * actorName out: each is read once per command run, since a search's sessions share a handful of each.
 */
class Names {
  private readonly rules = new Map<string, Promise<string>>();
  private readonly actors = new Map<string, Promise<string | undefined>>();

  constructor(private readonly code42: Code42Api) {}

  /** A deleted rule leaves its alerts behind; its id still says which rule it was. */
  private rule(ruleId: string): Promise<string> {
    let name = this.rules.get(ruleId);
    if (!name) this.rules.set(ruleId, (name = unlessGone(this.code42.alertRules.get(ruleId).then((r) => r.name), ruleId)));
    return name;
  }

  async ruleNames(session: Session): Promise<string[]> {
    const names: string[] = [];
    for (const alert of session.triggeredAlerts) names.push(alert.ruleName || (await this.rule(alert.ruleId)));
    return [...new Set(names)];
  }

  actorName(session: Session): Promise<string | undefined> {
    if (session.actorName) return Promise.resolve(session.actorName);
    let name = this.actors.get(session.actorId);
    if (!name) this.actors.set(session.actorId, (name = unlessGone(this.code42.actors.byId(session.actorId).then((a) => a.name), undefined)));
    return name;
  }
}

async function alertContext(code42: Code42Api, session: Session, lookups = new Names(code42)) {
  const top = highestScore(session.scores);
  const names = await lookups.ruleNames(session);
  return compact({
    ID: session.sessionId,
    Username: await lookups.actorName(session),
    Occurred: isoTime(session.beginTime),
    Description: names.join(', '),
    Name: session.exfiltrationSummary ?? undefined,
    State: currentState(session),
    Severity: top === undefined ? undefined : SESSION_SEVERITIES[top.severity],
    Type: session.type ?? undefined,
    RiskScore: top?.score,
    RiskIndicators: session.riskIndicators.map((r) => r.name),
    ContextSummary: session.contextSummary ?? undefined,
    FirstObserved: isoTime(session.firstObserved),
    LastUpdated: isoTime(session.lastUpdated),
    Note: latestEntry(session.notes)?.content,
    Link: code42.sessionUrl(session.sessionId),
  });
}

type AlertContext = Awaited<ReturnType<typeof alertContext>>;

/**
 * The raw response (Contents): the session as Code42 sent it, plus the fields the XSOAR integration's raw
 * alert carried (its `_process_alert`): `state` (the latest state entry's `state`), `riskSeverity`, `actor`,
 * `rule_names`, `beginTimeIso` and `alertUrl`. The XSOAR pack's playbooks read them with extend-context,
 * e.g. "Check Incydr Status and Close XSOAR Incident" runs code42-alert-get with `incydr_status=.state`.
 */
const rawAlert = (session: Session, context: AlertContext) => ({
  ...session,
  state: latestState(session) ?? null,
  riskSeverity: context.Severity ?? null,
  actor: context.Username ?? null,
  rule_names: context.Description ?? '',
  beginTimeIso: context.Occurred ?? null,
  alertUrl: context.Link ?? null,
});

/** One alert's table, its console link among the columns, so the analyst can open it in Code42. */
async function alertResult(code42: Code42Api, title: string, session: Session): Promise<CommandResult> {
  const outputs = await alertContext(code42, session);
  return { title, outputs, headers: [...HEADERS, 'Note', 'Link'], raw: rawAlert(session, outputs) };
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
    try {
      return await alertResult(code42, 'Code42 Security Alert Results', await code42.sessions.get(id));
    } catch (error) {
      // As the XSOAR integration: an unknown id is an empty result, not a failure.
      if (error instanceof Code42Error && error.kind === 'not-found') return noResults({});
      throw error;
    }
  },
});

/** Seed-era state names and the session states they mean today. */
const SEED_STATES = { RESOLVED: 'CLOSED_TP', PENDING: 'IN_PROGRESS' } as const satisfies Record<string, SessionState>;
const SETTABLE_STATES = ['OPEN', 'IN_PROGRESS', 'CLOSED_TP', 'CLOSED_FP', 'CLOSED_TP_BENIGN'] as const satisfies readonly SessionState[];
type Settable = (typeof SETTABLE_STATES)[number];

/** The session state a state argument means: a seed-era name is translated, any other state is itself. */
const sessionStateOf = <S extends SessionState>(state: S | keyof typeof SEED_STATES): S | (typeof SEED_STATES)[keyof typeof SEED_STATES] =>
  state in SEED_STATES ? SEED_STATES[state as keyof typeof SEED_STATES] : (state as S);

/**
 * Sets the session's state (unless it already holds) and adds the note, then answers the session as Code42
 * now has it. An unknown id is Code42's "No alert found with ID <id>." from the first read.
 */
async function changeAlert(code42: Code42Api, id: string, title: string, change: { state?: Settable; note?: string }): Promise<CommandResult> {
  const before = await code42.sessions.get(id);
  const held = change.state !== undefined && currentState(before) === change.state;
  if (change.state !== undefined && !held) await code42.sessions.changeState([id], change.state);
  if (change.note !== undefined) await code42.sessions.addNote(id, change.note);
  const after = held && change.note === undefined ? before : await code42.sessions.get(id);
  const result = await alertResult(code42, title, after);
  return held ? alreadyHeld(result, `Alert ${id} was already ${change.state}; its state did not change.`) : result;
}

export const alertResolve = defineCommand({
  name: 'code42-alert-resolve',
  description: 'Resolves a Code42 Security alert (sets its state to CLOSED_TP).',
  kind: 'write',
  args: {
    id: requiredString('The alert ID to resolve. Alert IDs are associated with alerts that are fetched via fetch-incidents.'),
  },
  outputs: OUTPUTS,
  handler: ({ code42 }, { id }) => changeAlert(code42, id, 'Code42 Security Alert Resolved', { state: 'CLOSED_TP' }),
});

export const alertUpdate = defineCommand({
  name: 'code42-alert-update',
  description: 'Sets the state of a Code42 Security alert, optionally with a note.',
  kind: 'write',
  args: {
    id: requiredString('The alert ID to update.'),
    state: {
      type: 'string',
      required: true,
      predefined: [...SETTABLE_STATES, ...(Object.keys(SEED_STATES) as (keyof typeof SEED_STATES)[])],
      description: 'The new state of the alert. The seed-era names are accepted: RESOLVED means CLOSED_TP, PENDING means IN_PROGRESS.',
    },
    note: { type: 'string', maxLength: MAX_NOTE_LENGTH, description: `A note to add to the alert (at most ${MAX_NOTE_LENGTH} characters).` },
  },
  outputs: OUTPUTS,
  handler: ({ code42 }, { id, state, note }) => changeAlert(code42, id, 'Code42 Security Alert Updated', { state: sessionStateOf(state), note }),
});

export const alertAddNote = defineCommand({
  name: 'code42-alert-add-note',
  description: 'Adds a note to a Code42 Security alert.',
  kind: 'write',
  args: {
    id: requiredString('The alert ID to add the note to.'),
    note: { type: 'string', required: true, maxLength: MAX_NOTE_LENGTH, description: `The note (at most ${MAX_NOTE_LENGTH} characters).` },
  },
  outputs: OUTPUTS,
  handler: ({ code42 }, { id, note }) => changeAlert(code42, id, 'Code42 Security Alert Note Added', { note }),
});

/** The states a search may ask for: today's, and the seed-era names. */
const SEARCH_STATES = [...SESSION_STATES, ...(Object.keys(SEED_STATES) as (keyof typeof SEED_STATES)[])] as const;

/** Whole UTC days: `after` D includes all of D, and so does `before` D. */
const startOfDay = (date: string): number => Date.parse(`${date}T00:00:00.000Z`);
const DAY_MS = 24 * 3600_000;

/** The sessions search's filters from the arguments; contradictory days are an argument error. */
async function criteria(code42: Code42Api, args: {
  actor?: string;
  severity?: (typeof SESSION_SEVERITIES)[number][];
  state?: (typeof SEARCH_STATES)[number][];
  rule_name?: string;
  created_on?: string;
  created_after?: string;
  created_before?: string;
}): Promise<SessionCriteria> {
  const after = args.created_on ?? args.created_after;
  const before = args.created_on ?? args.created_before;
  if (args.created_after !== undefined && args.created_before !== undefined && args.created_after > args.created_before) {
    throw new ArgumentError('created_after', `The argument "created_after" (${args.created_after}) is later than "created_before" (${args.created_before}); no alert can match.`);
  }
  const found: SessionCriteria = { hasAlerts: true, orderBy: 'end_time', sortDirection: 'desc' };
  if (after !== undefined) found.onOrAfter = startOfDay(after);
  if (before !== undefined) found.before = startOfDay(before) + DAY_MS;
  if (args.actor !== undefined) found.actorId = (await code42.actors.byNameWithParent(args.actor)).actorId;
  if (args.severity) found.severities = [...new Set(args.severity.map((s) => SESSION_SEVERITIES.indexOf(s)))];
  if (args.state) found.states = [...new Set(args.state.map((s) => sessionStateOf(s)))];
  if (args.rule_name !== undefined) {
    const wanted = args.rule_name.trim().toLowerCase();
    const rule = (await code42.alertRules.list()).find((r) => r.name.toLowerCase() === wanted);
    if (!rule) throw new CommandError(`No alert rule found with name ${args.rule_name}; run !code42-alert-rules-list to see the rules.`);
    found.ruleId = rule.id;
  }
  return found;
}

export const alertSearch = defineCommand({
  name: 'code42-alert-search',
  description: 'Searches Code42 Security alerts by actor, severity, state, rule name and day, newest first.',
  kind: 'read',
  args: {
    actor: { type: 'string', description: 'The username whose activity raised the alerts.' },
    severity: { type: 'list', predefined: SESSION_SEVERITIES, description: 'Severities of the alerts, comma delimited.' },
    state: { type: 'list', predefined: SEARCH_STATES, description: 'States of the alerts, comma delimited (RESOLVED means CLOSED_TP, PENDING means IN_PROGRESS).' },
    rule_name: { type: 'string', description: 'The name of the alert rule that raised the alerts.' },
    created_on: dateArg('Only alerts that began on this day, in the format YYYY-MM-DD (UTC).'),
    created_after: dateArg('Only alerts that began on or after this day, in the format YYYY-MM-DD (UTC).'),
    created_before: dateArg('Only alerts that began on or before this day, in the format YYYY-MM-DD (UTC).'),
    results: resultsArg('The most alerts to return.'),
  },
  outputs: OUTPUTS,
  async handler({ code42 }, args) {
    const sessions: Session[] = [];
    for await (const session of code42.sessions.iterate(await criteria(code42, args))) {
      sessions.push(session);
      if (sessions.length >= args.results) break;
    }
    if (sessions.length === 0) return noResults();
    const lookups = new Names(code42);
    const outputs: AlertContext[] = [];
    for (const session of sessions) outputs.push(await alertContext(code42, session, lookups));
    return { title: 'Code42 Security Alerts', outputs, headers: [...HEADERS, 'Link'], raw: sessions.map((session, i) => rawAlert(session, outputs[i])) };
  },
});

export const alertFileEvents = defineCommand({
  name: 'code42-alert-file-events',
  description: 'Lists the file events of an alert.',
  kind: 'read',
  args: {
    id: requiredString('The alert ID whose file events to list.'),
    'add-to-context': { type: 'boolean', defaultValue: true, description: "Add the events to context at 'Code42.FileEvents'." },
  },
  outputs: { prefix: 'Code42.FileEvents', key: 'event.id', fields: FILE_EVENT_FIELDS },
  async handler({ code42 }, args) {
    const events = await code42.sessions.events(args.id);
    if (events.length === 0) return noResults();
    const readable = fileEventsTable(`Code42 File Events of Alert ${args.id}`, events);
    return { readable, outputs: args['add-to-context'] ? events.map(fileEventContext) : null, raw: events };
  },
});
