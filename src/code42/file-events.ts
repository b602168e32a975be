// File events v2 (incydr-api.md §2.9): one-page search, and pgToken paging past the 10,000-event window.
// Code42's limits are checked before sending, so the user gets a sentence, not a 400.
import type { FileEvent, FileEventPage, FileEventQuery, FileEventsApi } from './api';
import { failOnProblems, invalidRequest, type SearchProblem } from './answers';
import { ANY, arrayOf, decoder, NUMBER, nullable, object, type Schema, STRING } from './decode';
import { ENDPOINTS } from './endpoints';
import { Code42Error } from './errors';
import type { Transport } from './transport';

const MAX_FILE_EVENT_PAGE_SIZE = 10_000;
/** pgNum * pgSize may not reach past the first 10,000 results; pgToken paging goes further. */
const FILE_EVENT_WINDOW = 10_000;
/** Criteria one query may hold (code42-api.md §10, which incydr-api.md leaves standing for /v2/file-events). */
const MAX_FILE_EVENT_CRITERIA = 1024;

/** A v2 file event: everywhere only `event.id` (and `@timestamp`, when present) is relied upon. */
export const FILE_EVENT: Schema = object({ event: object({ id: STRING }) }, { '@timestamp': STRING });

const fileEventPage = decoder<{ totalCount?: number | null; nextPgToken?: string | null; fileEvents?: FileEvent[] | null; problems?: SearchProblem[] | null }>(
  object({}, { totalCount: nullable(NUMBER), nextPgToken: nullable(STRING), fileEvents: nullable(arrayOf(FILE_EVENT)), problems: nullable(arrayOf(ANY)) }),
);

function checkLimits(query: FileEventQuery, operation: string): void {
  const { pgSize, pgNum = 1 } = query;
  if (pgSize !== undefined && (!Number.isInteger(pgSize) || pgSize < 1 || pgSize > MAX_FILE_EVENT_PAGE_SIZE)) {
    throw invalidRequest(operation, `the page size must be a whole number from 1 to ${MAX_FILE_EVENT_PAGE_SIZE}, got ${pgSize}.`);
  }
  // With a pgToken the window does not apply: the token says where to go on.
  const usesToken = query.pgToken !== undefined && query.pgToken !== null && query.pgToken !== '';
  if (!usesToken && (!Number.isInteger(pgNum) || pgNum < 1 || pgNum * (pgSize ?? 100) > FILE_EVENT_WINDOW)) {
    throw invalidRequest(operation, `page ${pgNum} lies outside the first ${FILE_EVENT_WINDOW} results; page with pgToken instead.`);
  }
  const criteria = query.groups.reduce((sum, group) => sum + group.filters.length, 0);
  if (criteria > MAX_FILE_EVENT_CRITERIA) throw invalidRequest(operation, `the query has ${criteria} criteria and Code42 accepts at most ${MAX_FILE_EVENT_CRITERIA}.`);
}

export class FileEvents implements FileEventsApi {
  constructor(private readonly transport: Transport) {}

  async search(query: FileEventQuery): Promise<FileEventPage> {
    const operation = 'search file events';
    checkLimits(query, operation);
    const answer = await this.transport.json({ endpoint: ENDPOINTS.searchFileEvents, body: query, operation }, fileEventPage);
    failOnProblems(answer.problems, operation);
    const fileEvents = answer.fileEvents ?? [];
    return { totalCount: answer.totalCount ?? fileEvents.length, nextPgToken: answer.nextPgToken || null, fileEvents };
  }

  async searchAll(query: FileEventQuery, maxResults: number): Promise<FileEvent[]> {
    const events: FileEvent[] = [];
    if (maxResults <= 0) return events;
    // A raw query's own page size is honoured (commands.md: "its pgSize and sort honoured"); `maxResults` caps the total.
    const pgSize = Math.min(query.pgSize ?? maxResults, maxResults, MAX_FILE_EVENT_PAGE_SIZE);
    // Token paging needs a sort Code42 can resume from: the SDK's default, event.id ascending. pgToken "" asks
    // for the first page and a token back; pgNum stays 1, since the token, not the number, moves on.
    const base: FileEventQuery = { srtKey: 'event.id', srtDir: 'asc', ...query, pgNum: 1, pgSize };
    let pgToken = '';
    for (;;) {
      const page = await this.search({ ...base, pgToken });
      events.push(...page.fileEvents);
      if (events.length >= maxResults || page.fileEvents.length === 0 || page.nextPgToken === null) break;
      if (page.nextPgToken === pgToken) {
        throw new Code42Error('Could not search file events: Code42 sent the same page token twice, so it is not paging.', { kind: 'protocol', operation: 'search file events' });
      }
      pgToken = page.nextPgToken;
    }
    return events.slice(0, maxResults);
  }
}
