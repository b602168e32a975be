// Code42 v2 file events (commands.md "File events"): search by hash, username, hostname, minimum risk
// score or a raw JSON query, newest first, and the table of the file events an incident holds and earlier
// searches added.
import type { FileEventFilter, FileEventQuery } from '../src/code42/api';
import { type CommandContext, CommandError, defineCommand } from '../src/command';
import { isObject } from '../src/values';
import { resultsArg } from './_shared/args';
import { distinctFileEvents, FILE_EVENT_FIELDS, fileEventContext, fileEventsTable } from './_shared/file-events';
import { hashTerm, parseHash } from './_shared/hashes';
import { noResults } from './_shared/results';

const TITLE = 'Code42 File Events';

/** Newest first, unless a raw query sorts otherwise. */
const NEWEST_FIRST = { srtKey: '@timestamp', srtDir: 'desc' } as const;

const CLAUSES = ['AND', 'OR'];

/** Why the raw query is not a v2 file-event query, as the end of "The json argument ..."; undefined when it is one. */
function queryProblem(query: unknown): string | undefined {
  if (!isObject(query)) return 'must be a JSON object with a "groups" list';
  if (!Array.isArray(query.groups)) return 'has no "groups" list';
  if (query.groupClause !== undefined && !CLAUSES.includes(String(query.groupClause))) return 'has a "groupClause" other than AND or OR';
  for (const [g, group] of query.groups.entries()) {
    if (!isObject(group) || !Array.isArray(group.filters) || group.filters.length === 0) return `has group ${g + 1} without a non-empty "filters" list`;
    if (group.filterClause !== undefined && !CLAUSES.includes(String(group.filterClause))) return `has group ${g + 1} with a "filterClause" other than AND or OR`;
    for (const [f, filter] of group.filters.entries()) {
      if (!isObject(filter) || typeof filter.term !== 'string' || filter.term === '' || typeof filter.operator !== 'string' || filter.operator === '') {
        return `has filter ${f + 1} of group ${g + 1} without a "term" and an "operator"`;
      }
    }
  }
  return undefined;
}

/** The raw query's filters, page size and sort (newest first when it has none). Its page number and token are dropped: `results` decides how far to page. */
function parseJsonQuery(json: string): FileEventQuery {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new CommandError(`The json argument is not valid JSON (${(error as Error).message}).`);
  }
  const problem = queryProblem(parsed);
  if (problem) throw new CommandError(`The json argument is not a v2 file event query: it ${problem}.`);
  const { groupClause = 'AND', groups, pgSize, srtKey, srtDir } = parsed as unknown as FileEventQuery;
  if (pgSize !== undefined && !(Number.isInteger(pgSize) && pgSize >= 1 && pgSize <= 10_000)) {
    throw new CommandError('The json argument is not a v2 file event query: its "pgSize" must be a whole number from 1 to 10000.');
  }
  const sort = srtKey === undefined ? NEWEST_FIRST : { srtKey, ...(srtDir !== undefined ? { srtDir } : {}) };
  return { groupClause, groups, ...(pgSize !== undefined ? { pgSize } : {}), ...sort };
}

interface SearchArgs {
  hash?: string;
  username?: string;
  hostname?: string;
  min_risk_score?: number;
}

/** Seed 003's default minimum risk score, applied when other criteria are given. */
const DEFAULT_MIN_RISK_SCORE = 1;

/** The incumbent's v2 query: one group per criterion, all of them required; `min_risk_score` alone is a query too. */
function argumentQuery({ hash, username, hostname, min_risk_score }: SearchArgs): FileEventQuery {
  if (hash === undefined && username === undefined && hostname === undefined && min_risk_score === undefined) {
    throw new CommandError('No query args provided for searching Code42 security events.');
  }
  const minimum = min_risk_score ?? DEFAULT_MIN_RISK_SCORE;
  const filters: FileEventFilter[] = [];
  if (hash !== undefined) {
    const { kind, value } = parseHash(hash);
    filters.push({ term: hashTerm(kind), operator: 'IS', value });
  }
  if (hostname !== undefined) filters.push({ term: 'source.name', operator: 'IS', value: hostname });
  if (username !== undefined) filters.push({ term: 'user.email', operator: 'IS', value: username });
  // A score of 0 filters nothing, except when it is the whole query, which needs one group (every event has a score >= 0).
  if (minimum > 0 || filters.length === 0) filters.push({ term: 'risk.score', operator: 'GREATER_THAN', value: minimum - 1 });
  return { groupClause: 'AND', groups: filters.map((filter) => ({ filterClause: 'AND', filters: [filter] })), ...NEWEST_FIRST };
}

export const fileEventsSearch = defineCommand({
  name: 'code42-file-events-search',
  description: 'Search for Code42 Incydr File Events.',
  kind: 'read',
  args: {
    'add-to-context': {
      type: 'boolean',
      defaultValue: false,
      description: "Add results to context at 'Code42.FileEvents'. If 'false', the search will only display results as a markdown table.",
    },
    json: { type: 'string', description: 'Raw JSON file event query to be used for search.' },
    results: resultsArg('The number of file events to return. Defaults to 50.'),
    min_risk_score: { type: 'number', integer: true, minimum: 0, description: 'Filter results by minimum risk score. Default is 1 (applied with the other criteria); given alone, it is the whole query.' },
    hash: { type: 'string', description: 'MD5 or SHA256 hash of the file to search for.' },
    username: { type: 'string', description: 'Username to search for.' },
    hostname: { type: 'string', description: 'Hostname to search for.' },
  },
  outputs: { prefix: 'Code42.FileEvents', key: 'event.id', fields: FILE_EVENT_FIELDS },
  async handler({ code42 }, args) {
    // As the incumbent: a raw query stands alone, the other criteria are ignored.
    const query = args.json !== undefined ? parseJsonQuery(args.json) : argumentQuery(args);
    const events = distinctFileEvents(await code42.fileEvents.searchAll(query, args.results));
    if (events.length === 0) return noResults();
    const readable = fileEventsTable(TITLE, events);
    if (!args['add-to-context']) return { readable, outputs: null, raw: events };
    return { readable, outputs: events.map(fileEventContext), raw: events };
  },
});

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** A JSON string (as XSOAR stores rawJSON and some custom fields) decoded; anything else as it is. */
function decoded(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

const field = (value: unknown, key: string): unknown => (isObject(value) ? value[key] : undefined);

/**
 * The file events the incident holds: mapped into the `code42fileevents` custom field (an XSOAR incident
 * of the Code42 pack), or in the incident's rawJSON `fileevents` (what fetch-incidents writes with
 * include_files), or at the top level when the incident given is the rawJSON itself.
 */
function incidentEvents(incident: Record<string, unknown>): unknown[] {
  return [
    ...asList(decoded(field(incident.CustomFields, 'code42fileevents'))),
    ...asList(field(decoded(incident.rawJSON), 'fileevents')),
    ...asList(incident.fileevents),
  ];
}

/** Code42.FileEvents of the incident context, nested (`demisto.context()`) or under a flat dotted key. */
function contextEvents(context: Record<string, unknown>): unknown[] {
  return [...asList(field(context.Code42, 'FileEvents')), ...asList(context['Code42.FileEvents'])];
}

const NOTHING_TO_READ = {
  all: 'No incident or incident context was given to this command to read file events from.',
  incident: 'No incident was given to this command to read file events from.',
  searches: 'No incident context was given to this command to read file events from.',
} as const;

function tableEvents(ctx: CommandContext, include: keyof typeof NOTHING_TO_READ): unknown[] {
  const incident = include === 'searches' ? undefined : ctx.incident;
  const context = include === 'incident' ? undefined : ctx.context;
  if (!incident && !context) throw new CommandError(NOTHING_TO_READ[include]);
  return [...(incident ? incidentEvents(incident) : []), ...(context ? contextEvents(context) : [])];
}

export const fileEventsTableCommand = defineCommand({
  name: 'code42-file-events-table',
  description: 'Render Code42 file events from the context as a markdown table.',
  kind: 'read',
  args: {
    include: {
      type: 'string',
      predefined: ['all', 'incident', 'searches'],
      defaultValue: 'all',
      description: [
        'Select which events to include in the table.',
        "- 'incident' only displays the events that originally triggered the Code42 Alert.",
        "- 'searches' only displays events that have been added to the context from 'code42-file-events-search' commands.",
        "- 'all' will include all events in the table.",
      ].join('\n'),
    },
  },
  async handler(ctx, { include }) {
    const events = distinctFileEvents(tableEvents(ctx, include));
    if (events.length === 0) return noResults();
    return { readable: fileEventsTable(TITLE, events), outputs: null, raw: events };
  },
});
