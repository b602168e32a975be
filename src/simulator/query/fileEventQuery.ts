// v2 file-event search (incydr-api.md §2.9, code42-api.md §10.2-10.3): dot-path terms over the event document, nested groups,
// 1-based pgNum within a 10,000-result window, pgSize <= 10,000, <= 1,024 criteria, and pgToken paging
// (token = event.id of the last event returned). Problems answer 400 with a `problems` list.
import { type JsonObject, jsonError, parseInteger } from '../http';
import type { FileEventDoc } from '../model';
import { parseDurationMs, parseTimestamp, startOfDayUs, US_PER_DAY } from '../time';

export const MAX_PAGE_SIZE = 10_000;
export const RESULT_WINDOW = 10_000;
export const MAX_CRITERIA = 1_024;
const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_SORT = 'event.id';

type Predicate = (doc: unknown) => boolean;

interface Problem {
  type: string;
  description: string;
  badFilter: { term: unknown; operator: unknown; value: unknown } | null;
}

export interface FileEventSearchResult {
  events: FileEventDoc[];
  totalCount: number;
  nextPgToken: string | null;
}

/** The values at a dot path; arrays on the way are flattened (e.g. `risk.indicators.name`). */
function leaves(value: unknown, segments: readonly string[], index = 0, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) {
    for (const item of value) leaves(item, segments, index, out);
    return out;
  }
  if (index === segments.length) {
    if (value !== undefined && value !== null) out.push(value);
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  return leaves((value as Record<string, unknown>)[segments[index]], segments, index + 1, out);
}

function wildcard(value: string): (leaf: unknown) => boolean {
  const wanted = value.toLowerCase();
  if (!wanted.includes('*')) return (leaf) => String(leaf).toLowerCase() === wanted;
  const pattern = new RegExp(`^${wanted.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return (leaf) => pattern.test(String(leaf).toLowerCase());
}

function timestampUs(leaf: unknown): number | undefined {
  if (typeof leaf === 'number') return leaf * 1000;
  return typeof leaf === 'string' ? parseTimestamp(leaf)?.us : undefined;
}

class QueryCompiler {
  readonly problems: Problem[] = [];
  criteria = 0;

  constructor(private readonly nowMs: number) {}

  group(raw: unknown): Predicate | undefined {
    if (raw === null || typeof raw !== 'object') return this.fail(null, 'Every group must be an object.');
    const group = raw as JsonObject;
    const nested = group.subgroups !== undefined;
    const clauseValue = String((nested ? group.subgroupClause : group.filterClause) ?? 'AND').toUpperCase();
    if (clauseValue !== 'AND' && clauseValue !== 'OR') return this.fail(null, `Clause ${clauseValue} is not AND or OR.`);
    const children = nested ? group.subgroups : group.filters;
    if (!Array.isArray(children) || children.length === 0) return this.fail(null, nested ? 'subgroups must be a non-empty list.' : 'filters must be a non-empty list.');
    const exact = !nested && clauseValue === 'OR' ? this.exactMatchOnOneTerm(children) : undefined;
    if (exact) return exact;
    const predicates = children.map((child) => (nested ? this.group(child) : this.filter(child)));
    if (predicates.some((p) => p === undefined)) return undefined;
    const all = predicates as Predicate[];
    return clauseValue === 'AND' ? (doc) => all.every((p) => p(doc)) : (doc) => all.some((p) => p(doc));
  }

  /**
   * An OR of plain `IS` filters on one term (how clients ask for events by id) answered with one set lookup,
   * so a 1,000-id request over a large tenant costs one pass, not 1,000 comparisons per event.
   */
  private exactMatchOnOneTerm(filters: unknown[]): Predicate | undefined {
    const plain = filters.every((raw) => {
      const f = (raw ?? {}) as JsonObject;
      return String(f.operator ?? '').toUpperCase() === 'IS' && (typeof f.value === 'string' || typeof f.value === 'number') && !String(f.value).includes('*');
    });
    const terms = new Set(filters.map((raw) => (raw as JsonObject).term));
    const [term] = terms;
    if (!plain || terms.size !== 1 || typeof term !== 'string' || term === '') return undefined;
    this.criteria += filters.length;
    const wanted = new Set(filters.map((raw) => String((raw as JsonObject).value).toLowerCase()));
    const segments = term.split('.');
    return (doc) => leaves(doc, segments).some((leaf) => wanted.has(String(leaf).toLowerCase()));
  }

  private fail(badFilter: Problem['badFilter'], description: string): undefined {
    this.problems.push({ type: 'SEARCH_FAILED', description, badFilter });
    return undefined;
  }

  private filter(raw: unknown): Predicate | undefined {
    const f = (raw ?? {}) as JsonObject;
    const badFilter = { term: f.term, operator: f.operator, value: f.value };
    if (typeof f.term !== 'string' || f.term === '') return this.fail(badFilter, 'Every filter needs a term.');
    const segments = f.term.split('.');
    const operator = String(f.operator ?? '').toUpperCase();
    const value = f.value;
    const get = (doc: unknown) => leaves(doc, segments);
    const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    this.criteria += Array.isArray(value) ? Math.max(1, value.length) : 1;
    switch (operator) {
      case 'IS':
      case 'IS_NOT': {
        if (scalar === undefined) return this.fail(badFilter, `${operator} needs a string, number or boolean value.`);
        const match = wildcard(scalar);
        const p: Predicate = (doc) => get(doc).some(match);
        return operator === 'IS' ? p : (doc) => !p(doc);
      }
      case 'IS_ANY':
      case 'IS_NONE': {
        if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
          return this.fail(badFilter, `${operator} needs a non-empty list of values.`);
        }
        const matchers = value.map((v) => wildcard(String(v)));
        const p: Predicate = (doc) => get(doc).some((leaf) => matchers.some((m) => m(leaf)));
        return operator === 'IS_ANY' ? p : (doc) => !p(doc);
      }
      case 'EXISTS':
        return (doc) => get(doc).length > 0;
      case 'DOES_NOT_EXIST':
        return (doc) => get(doc).length === 0;
      case 'GREATER_THAN':
      case 'LESS_THAN': {
        const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
        if (Number.isNaN(n)) return this.fail(badFilter, `${operator} needs a numeric value.`);
        const above = operator === 'GREATER_THAN';
        return (doc) => get(doc).some((leaf) => typeof leaf === 'number' && (above ? leaf > n : leaf < n));
      }
      case 'ON':
      case 'ON_OR_AFTER':
      case 'ON_OR_BEFORE': {
        const parsed = scalar === undefined ? undefined : parseTimestamp(scalar);
        if (!parsed) return this.fail(badFilter, `${operator} needs a date (yyyy-MM-dd) or ISO timestamp.`);
        const day = startOfDayUs(parsed.us);
        const from = operator === 'ON' ? day : operator === 'ON_OR_AFTER' ? parsed.us : -Infinity;
        const to = operator === 'ON' || (operator === 'ON_OR_BEFORE' && parsed.dateOnly) ? day + US_PER_DAY - 1 : operator === 'ON_OR_BEFORE' ? parsed.us : Infinity;
        return (doc) =>
          get(doc).some((leaf) => {
            const us = timestampUs(leaf);
            return us !== undefined && us >= from && us <= to;
          });
      }
      case 'WITHIN_THE_LAST': {
        const ms = scalar === undefined ? undefined : parseDurationMs(scalar);
        if (ms === undefined) return this.fail(badFilter, 'WITHIN_THE_LAST needs an ISO-8601 duration such as PT15M or P1D.');
        const from = (this.nowMs - ms) * 1000;
        return (doc) =>
          get(doc).some((leaf) => {
            const us = timestampUs(leaf);
            return us !== undefined && us >= from;
          });
      }
      default:
        return this.fail(badFilter, `Unknown operator ${JSON.stringify(f.operator)}.`);
    }
  }
}

function sortValue(doc: unknown, segments: readonly string[]): string | number | null {
  const [first] = leaves(doc, segments);
  if (typeof first === 'number' || typeof first === 'string') return first;
  if (typeof first === 'boolean') return first ? 1 : 0;
  return null;
}

function badRequest(problems: Problem[]): never {
  throw jsonError(400, { totalCount: 0, fileEvents: [], nextPgToken: null, problems });
}

export function searchFileEvents(events: readonly FileEventDoc[], body: JsonObject, nowMs: number): FileEventSearchResult {
  const compiler = new QueryCompiler(nowMs);
  const groupClause = String(body.groupClause ?? 'AND').toUpperCase();
  const groups = body.groups ?? [];
  if (groupClause !== 'AND' && groupClause !== 'OR') badRequest([{ type: 'SEARCH_FAILED', description: 'groupClause must be AND or OR.', badFilter: null }]);
  if (!Array.isArray(groups)) badRequest([{ type: 'SEARCH_FAILED', description: 'groups must be a list.', badFilter: null }]);
  const predicates = (groups as unknown[]).map((g) => compiler.group(g));
  if (compiler.problems.length > 0) badRequest(compiler.problems);
  if (compiler.criteria > MAX_CRITERIA) {
    badRequest([{ type: 'SEARCH_FAILED', description: `Too many search criteria (${compiler.criteria}); the limit is ${MAX_CRITERIA}.`, badFilter: null }]);
  }
  const pgSize = body.pgSize === undefined || body.pgSize === null ? DEFAULT_PAGE_SIZE : parseInteger(body.pgSize);
  if (pgSize === undefined || pgSize < 1 || pgSize > MAX_PAGE_SIZE) {
    badRequest([{ type: 'SEARCH_FAILED', description: `pgSize must be between 1 and ${MAX_PAGE_SIZE}.`, badFilter: null }]);
  }
  const tokenMode = typeof body.pgToken === 'string';
  const pgNum = tokenMode || body.pgNum === undefined || body.pgNum === null ? 1 : parseInteger(body.pgNum);
  if (pgNum === undefined || pgNum < 1) badRequest([{ type: 'SEARCH_FAILED', description: 'pgNum must be an integer of at least 1.', badFilter: null }]);
  if (!tokenMode && pgNum * pgSize > RESULT_WINDOW) {
    badRequest([{ type: 'SEARCH_FAILED', description: `Result window is too large, pgNum * pgSize must be less than or equal to ${RESULT_WINDOW}; use pgToken to page deeper.`, badFilter: null }]);
  }
  const srtDir = String(body.srtDir ?? 'asc').toLowerCase();
  if (srtDir !== 'asc' && srtDir !== 'desc') badRequest([{ type: 'SEARCH_FAILED', description: 'srtDir must be asc or desc.', badFilter: null }]);

  const all = predicates as Predicate[];
  const matches = (doc: unknown) => (all.length === 0 ? true : groupClause === 'AND' ? all.every((p) => p(doc)) : all.some((p) => p(doc)));
  const keySegments = String(body.srtKey ?? DEFAULT_SORT).split('.');
  const sign = srtDir === 'desc' ? -1 : 1;
  const hits = events.filter((e) => matches(e)).map((e) => ({ event: e, key: sortValue(e, keySegments) }));
  hits.sort((a, b) => {
    if (a.key !== b.key) {
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return sign * (a.key < b.key ? -1 : 1);
    }
    return sign * (a.event.event.id < b.event.event.id ? -1 : a.event.event.id > b.event.event.id ? 1 : 0);
  });

  if (!tokenMode) {
    const start = (pgNum - 1) * pgSize;
    return { events: hits.slice(start, start + pgSize).map((h) => h.event), totalCount: hits.length, nextPgToken: null };
  }
  const token = (body.pgToken as string).replace(/\\"/g, '"');
  let start = 0;
  if (token !== '') {
    const at = hits.findIndex((h) => h.event.event.id === token);
    if (at < 0) badRequest([{ type: 'INVALID_PAGE_TOKEN', description: `INVALID_PAGE_TOKEN: ${token} is not an event of this search.`, badFilter: null }]);
    start = at + 1;
  }
  const page = hits.slice(start, start + pgSize).map((h) => h.event);
  const more = start + pgSize < hits.length;
  return { events: page, totalCount: hits.length, nextPgToken: more && page.length > 0 ? page[page.length - 1].event.id : null };
}
