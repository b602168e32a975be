// The filter grammar of query-alerts and query-rule-metadata (code42-api.md §8.2): groups of
// {term, operator, value} filters joined by filterClause/groupClause, 0-based pgNum, srtKey/srtDirection.
// Bad input is not an HTTP error: it comes back as `problems` with status 200.
import { type JsonObject, type Page, parseInteger } from '../http';
import { parseTimestamp, startOfDayUs, US_PER_DAY } from '../time';

export type TermKind = 'string' | 'enum' | 'date' | 'boolean';

export interface TermDef<T> {
  kind: TermKind;
  /** string/enum: the text (or null); date: µs since the epoch (or null); boolean: the flag. */
  get(item: T): string | number | boolean | null;
  /** enum: allowed values, highest rank first (sorting ASC puts the last one first). */
  values?: readonly string[];
}

export interface QueryFilter {
  term: unknown;
  operator: unknown;
  value: unknown;
}

export interface QueryProblem {
  type: string;
  badFilter: QueryFilter | null;
  description?: string;
}

export interface QuerySpec<T> {
  /** Term definitions keyed by lower-case term name (aliases map to the same definition). */
  terms: Record<string, TermDef<T>>;
  defaultSort: string;
  defaultPageSize: number;
  maxPageSize: number;
  /** Total order for equal sort keys, ascending. */
  tiebreak(a: T, b: T): number;
}

export interface Bounds {
  from: number;
  to: number;
}

export interface CompiledQuery<T> {
  predicate(item: T): boolean;
  page: Page;
  /** The sort term's definition and its lower-case name. */
  sortTerm: string;
  descending: boolean;
  compare(a: T, b: T): number;
  /** Range of a date term that every match lies in (±Infinity when the filters do not bound it). */
  bounds(term: TermDef<T>): Bounds;
}

type Predicate<T> = (item: T) => boolean;

interface CompiledFilter<T> {
  term: TermDef<T>;
  predicate: Predicate<T>;
  bounds?: Bounds;
}

interface CompiledGroup<T> {
  and: boolean;
  filters: CompiledFilter<T>[];
}

const UNBOUNDED: Bounds = { from: -Infinity, to: Infinity };

const normalizeOperator = (op: unknown) => String(op).trim().toUpperCase().replace(/\s+/g, '_');
const normalizeEnum = (value: string) => value.toLowerCase().replace(/[\s_]/g, '');

function clause(value: unknown): 'AND' | 'OR' | undefined {
  if (value === undefined || value === null) return 'AND';
  const upper = String(value).toUpperCase();
  return upper === 'AND' || upper === 'OR' ? upper : undefined;
}

function compileFilter<T>(raw: unknown, spec: QuerySpec<T>, problems: QueryProblem[]): CompiledFilter<T> | undefined {
  const filter = (raw ?? {}) as QueryFilter;
  const badFilter = { term: filter.term, operator: filter.operator, value: filter.value };
  const problem = (type: string, description: string) => {
    problems.push({ type, badFilter, description });
    return undefined;
  };
  const term = typeof filter.term === 'string' ? spec.terms[filter.term.toLowerCase()] : undefined;
  if (!term) return problem('IllegalValue', `Unknown filter term ${JSON.stringify(filter.term)}.`);
  const operator = normalizeOperator(filter.operator);
  const value = filter.value;
  if (value === undefined || value === null || value === '') return problem('MissingValue', 'The filter has no value.');
  const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
  if (text === undefined) return problem('IllegalValue', 'The filter value must be a string.');
  const negate = (p: Predicate<T>): Predicate<T> => (item) => !p(item);

  switch (term.kind) {
    case 'string': {
      const wanted = text.toLowerCase();
      const get = (item: T) => String(term.get(item) ?? '').toLowerCase();
      if (operator === 'IS' || operator === 'IS_NOT') {
        const p: Predicate<T> = (item) => get(item) === wanted;
        return { term, predicate: operator === 'IS' ? p : negate(p) };
      }
      if (operator === 'CONTAINS' || operator === 'DOES_NOT_CONTAIN') {
        const p: Predicate<T> = (item) => get(item).includes(wanted);
        return { term, predicate: operator === 'CONTAINS' ? p : negate(p) };
      }
      return problem('IllegalOperator', `Operator ${operator} does not apply to ${String(filter.term)}.`);
    }
    case 'enum': {
      if (operator !== 'IS' && operator !== 'IS_NOT') return problem('IllegalOperator', `Operator ${operator} does not apply to ${String(filter.term)}.`);
      const wanted = normalizeEnum(text);
      if (term.values && !term.values.some((v) => normalizeEnum(v) === wanted)) {
        return problem('IllegalValue', `${text} is not one of ${term.values.join(', ')}.`);
      }
      const p: Predicate<T> = (item) => normalizeEnum(String(term.get(item) ?? '')) === wanted;
      return { term, predicate: operator === 'IS' ? p : negate(p) };
    }
    case 'boolean': {
      if (operator !== 'IS' && operator !== 'IS_NOT') return problem('IllegalOperator', `Operator ${operator} does not apply to ${String(filter.term)}.`);
      if (text.toLowerCase() !== 'true' && text.toLowerCase() !== 'false') return problem('IllegalValue', `${text} is not true or false.`);
      const wanted = text.toLowerCase() === 'true';
      const p: Predicate<T> = (item) => term.get(item) === wanted;
      return { term, predicate: operator === 'IS' ? p : negate(p) };
    }
    case 'date': {
      const parsed = parseTimestamp(text);
      if (!parsed) return problem('IllegalValue', `${text} is not a date or ISO timestamp.`);
      const dayStart = startOfDayUs(parsed.us);
      let bounds: Bounds;
      if (operator === 'ON') bounds = { from: dayStart, to: dayStart + US_PER_DAY - 1 };
      else if (operator === 'ON_OR_AFTER') bounds = { from: parsed.us, to: Infinity };
      else if (operator === 'ON_OR_BEFORE') bounds = { from: -Infinity, to: parsed.dateOnly ? dayStart + US_PER_DAY - 1 : parsed.us };
      else return problem('IllegalOperator', `Operator ${operator} does not apply to ${String(filter.term)}.`);
      const { from, to } = bounds;
      return {
        term,
        bounds,
        predicate: (item) => {
          const us = term.get(item);
          return typeof us === 'number' && us >= from && us <= to;
        },
      };
    }
  }
}

function intersect(a: Bounds, b: Bounds): Bounds {
  return { from: Math.max(a.from, b.from), to: Math.min(a.to, b.to) };
}

function hull(a: Bounds, b: Bounds): Bounds {
  return { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
}

function groupBounds<T>(group: CompiledGroup<T>, term: TermDef<T>): Bounds {
  const own = group.filters.filter((f) => f.term === term && f.bounds);
  if (group.and) return own.reduce((acc, f) => intersect(acc, f.bounds as Bounds), UNBOUNDED);
  if (own.length !== group.filters.length || own.length === 0) return UNBOUNDED;
  return own.map((f) => f.bounds as Bounds).reduce(hull);
}

function compareValues(a: string | number | boolean | null, b: string | number | boolean | null, values?: readonly string[]): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (values) {
    const rank = (v: string | number | boolean) => values.length - values.findIndex((x) => normalizeEnum(x) === normalizeEnum(String(v)));
    return rank(a) - rank(b);
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function compileLegacyQuery<T>(body: JsonObject, spec: QuerySpec<T>): { query?: CompiledQuery<T>; problems: QueryProblem[] } {
  const problems: QueryProblem[] = [];
  const rawGroups = body.groups ?? [];
  const groups: CompiledGroup<T>[] = [];
  if (!Array.isArray(rawGroups)) {
    problems.push({ type: 'MissingGroups', badFilter: null, description: 'groups must be a list.' });
  } else {
    for (const raw of rawGroups) {
      const group = (raw ?? {}) as JsonObject;
      const filterClause = clause(group.filterClause);
      if (!filterClause) problems.push({ type: 'IllegalValue', badFilter: null, description: `filterClause ${String(group.filterClause)} is not AND or OR.` });
      if (!Array.isArray(group.filters) || group.filters.length === 0) {
        problems.push({ type: 'MissingFilters', badFilter: null, description: 'Every group needs at least one filter.' });
        continue;
      }
      const filters = group.filters.map((f) => compileFilter(f, spec, problems)).filter((f): f is CompiledFilter<T> => f !== undefined);
      groups.push({ and: filterClause !== 'OR', filters });
    }
  }
  const groupClause = clause(body.groupClause);
  if (!groupClause) problems.push({ type: 'IllegalValue', badFilter: null, description: `groupClause ${String(body.groupClause)} is not AND or OR.` });

  const pgNum = body.pgNum === undefined ? 0 : parseInteger(body.pgNum);
  if (pgNum === undefined || pgNum < 0) problems.push({ type: 'InvalidPageNumber', badFilter: null, description: 'pgNum must be an integer of at least 0.' });
  const pgSize = body.pgSize === undefined ? spec.defaultPageSize : parseInteger(body.pgSize);
  if (pgSize === undefined || pgSize < 1 || pgSize > spec.maxPageSize) {
    problems.push({ type: 'InvalidPageSize', badFilter: null, description: `pgSize must be between 1 and ${spec.maxPageSize}.` });
  }
  const sortName = body.srtKey === undefined || body.srtKey === null ? spec.defaultSort : String(body.srtKey).toLowerCase();
  const sortTerm = spec.terms[sortName];
  if (!sortTerm) problems.push({ type: 'IllegalValue', badFilter: null, description: `srtKey ${String(body.srtKey)} is not a sortable term.` });
  const direction = body.srtDirection === undefined || body.srtDirection === null ? 'DESC' : String(body.srtDirection).toUpperCase();
  if (direction !== 'ASC' && direction !== 'DESC') problems.push({ type: 'IllegalValue', badFilter: null, description: 'srtDirection must be ASC or DESC.' });
  if (problems.length > 0) return { problems };

  const any = groupClause === 'OR';
  const groupMatches = (group: CompiledGroup<T>, item: T) => (group.and ? group.filters.every((f) => f.predicate(item)) : group.filters.some((f) => f.predicate(item)));
  const predicate: Predicate<T> =
    groups.length === 0 ? () => true : any ? (item) => groups.some((g) => groupMatches(g, item)) : (item) => groups.every((g) => groupMatches(g, item));
  const sign = direction === 'DESC' ? -1 : 1;
  return {
    problems,
    query: {
      predicate,
      page: { index: pgNum as number, size: pgSize as number },
      sortTerm: sortName,
      descending: direction === 'DESC',
      compare: (a, b) => sign * (compareValues(sortTerm.get(a), sortTerm.get(b), sortTerm.values) || spec.tiebreak(a, b)),
      bounds: (term) => {
        if (groups.length === 0) return UNBOUNDED;
        const each = groups.map((g) => groupBounds(g, term));
        return any ? each.reduce(hull) : each.reduce(intersect);
      },
    },
  };
}

/** Filters, sorts and pages `items`. */
export function runLegacyQuery<T>(items: Iterable<T>, query: CompiledQuery<T>): { page: T[]; totalCount: number } {
  const matches: T[] = [];
  for (const item of items) if (query.predicate(item)) matches.push(item);
  matches.sort((a, b) => query.compare(a, b));
  const start = query.page.index * query.page.size;
  return { page: matches.slice(start, start + query.page.size), totalCount: matches.length };
}
