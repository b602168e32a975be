// File events v2 (code42-api.md §10): one-page search, pgToken paging past the 10,000-event window, and
// lookup by event id. Code42's limits are checked before sending so the user gets a sentence, not a 400.
import type { FileEvent, FileEventPage, FileEventQuery, FileEventsApi } from './api';
import { failOnProblems, invalidRequest, type SearchProblem } from './answers';
import { Code42Error } from './errors';
import { chunk, distinct, inOrderOf } from './paging';
import type { Transport } from './transport';

export const MAX_FILE_EVENT_PAGE_SIZE = 10_000;
/** pgNum * pgSize may not reach past the first 10,000 results; pgToken paging goes further. */
export const FILE_EVENT_WINDOW = 10_000;
export const MAX_FILE_EVENT_CRITERIA = 1024;
/** Ids per byIds request: under the criteria limit with room to spare. */
const IDS_PER_REQUEST = 1000;

function criteriaCount(query: FileEventQuery): number {
  return query.groups.reduce((sum, group) => sum + group.filters.length, 0);
}

function checkLimits(query: FileEventQuery, operation: string): void {
  const { pgSize, pgNum = 1 } = query;
  if (pgSize !== undefined && (!Number.isInteger(pgSize) || pgSize < 1 || pgSize > MAX_FILE_EVENT_PAGE_SIZE)) {
    throw invalidRequest(operation, `the page size must be between 1 and ${MAX_FILE_EVENT_PAGE_SIZE}, got ${pgSize}.`);
  }
  const usesToken = query.pgToken !== undefined && query.pgToken !== null;
  if (!usesToken && (!Number.isInteger(pgNum) || pgNum < 1 || pgNum * (pgSize ?? 1) > FILE_EVENT_WINDOW)) {
    throw invalidRequest(operation, `page ${pgNum} lies outside the first ${FILE_EVENT_WINDOW} results; page with pgToken instead.`);
  }
  const criteria = criteriaCount(query);
  if (criteria > MAX_FILE_EVENT_CRITERIA) {
    throw invalidRequest(operation, `the query has ${criteria} criteria and Code42 accepts at most ${MAX_FILE_EVENT_CRITERIA}.`);
  }
}

export class FileEvents implements FileEventsApi {
  constructor(private readonly transport: Transport) {}

  async search(query: FileEventQuery): Promise<FileEventPage> {
    const operation = 'search file events';
    checkLimits(query, operation);
    const answer = await this.transport.request<Partial<FileEventPage> & { problems?: SearchProblem[] | null }>({
      method: 'POST',
      path: '/v2/file-events',
      body: query,
      kind: 'read',
      operation,
    });
    failOnProblems(answer.problems, operation);
    const fileEvents = answer.fileEvents ?? [];
    return { totalCount: answer.totalCount ?? fileEvents.length, nextPgToken: answer.nextPgToken ?? null, fileEvents };
  }

  async searchAll(query: FileEventQuery, maxResults: number): Promise<FileEvent[]> {
    const events: FileEvent[] = [];
    if (maxResults <= 0) return events;
    const pgSize = Math.min(maxResults, MAX_FILE_EVENT_PAGE_SIZE);
    // The token is the last event's id, so the sort must be one Code42 can resume from (py42's default).
    const base: FileEventQuery = { srtKey: 'event.id', srtDir: 'asc', ...query, pgNum: 1, pgSize };
    let pgToken: string | null = '';
    while (pgToken !== null && events.length < maxResults) {
      const page = await this.search({ ...base, pgToken });
      events.push(...page.fileEvents);
      if (page.fileEvents.length === 0) break;
      if (page.nextPgToken !== null && page.nextPgToken === pgToken) {
        throw new Code42Error('Could not search file events: Code42 sent the same page token twice.', { kind: 'protocol', operation: 'search file events' });
      }
      pgToken = page.nextPgToken;
    }
    return events.slice(0, maxResults);
  }

  async byIds(eventIds: string[]): Promise<FileEvent[]> {
    const wanted = distinct(eventIds);
    const found = new Map<string, FileEvent>();
    for (const ids of chunk(wanted, IDS_PER_REQUEST)) {
      const query: FileEventQuery = {
        groupClause: 'AND',
        groups: [{ filterClause: 'OR', filters: ids.map((id) => ({ term: 'event.id', operator: 'IS', value: id })) }],
      };
      for (const event of await this.searchAll(query, ids.length)) {
        const id = event.event?.id;
        if (id !== undefined) found.set(id, event);
      }
    }
    return inOrderOf(wanted, found);
  }
}
