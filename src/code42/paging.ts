// Paging and batching shared by every API area. Code42 numbers pages from 0 (sessions, alert rules) or from 1
// (everything else), and the SDK stops at the first short page rather than trusting totalCount (incydr-api.md
// §2), so that is what we do too.
import { Code42Error } from './errors';

/** Far beyond any real tenant; only a server that ignores the page parameter gets here. */
const DEFAULT_PAGE_CAP = 10_000;

export interface PagingOptions {
  /** Number of the first page: 0 for sessions and alert rules, 1 for the others. */
  firstPage: 0 | 1;
  pageSize: number;
  /** What is being listed, as a phrase ("list watchlists"); names the error raised at the page cap. */
  operation: string;
  /** Most pages fetched before giving up with a Code42Error. */
  maxPages?: number;
}

/** Fetches one page: the page number (per `firstPage`) and the page size to ask for. */
export type PageFetcher<T> = (pageNum: number, pageSize: number) => Promise<T[]>;

/** Every item, page after page, until a page holds fewer than `pageSize` items. Breaking out stops paging. */
export async function* pageThrough<T>(fetchPage: PageFetcher<T>, options: PagingOptions): AsyncGenerator<T, void, undefined> {
  const maxPages = options.maxPages ?? DEFAULT_PAGE_CAP;
  let previousEnds: string | undefined;
  for (let fetched = 0; ; fetched++) {
    if (fetched >= maxPages) {
      throw new Code42Error(`Could not ${options.operation}: Code42 was still sending full pages after ${maxPages} pages.`, {
        kind: 'protocol',
        operation: options.operation,
      });
    }
    const items = await fetchPage(options.firstPage + fetched, options.pageSize);
    // A full page that starts and ends like the last one: the server ignores the page number, and would
    // otherwise be read again and again until the page cap.
    const ends = items.length >= options.pageSize ? JSON.stringify([items[0], items[items.length - 1]]) : undefined;
    if (ends !== undefined && ends === previousEnds) {
      throw new Code42Error(`Could not ${options.operation}: Code42 sent the same page twice, so it is not paging; stopped after ${fetched + 1} pages.`, {
        kind: 'protocol',
        operation: options.operation,
      });
    }
    previousEnds = ends;
    yield* items;
    if (items.length < options.pageSize) return;
  }
}

/** Every item of every page, in order. */
export async function collectPages<T>(fetchPage: PageFetcher<T>, options: PagingOptions): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pageThrough(fetchPage, options)) items.push(item);
  return items;
}

/** `items` cut into consecutive batches of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Batch size must be a positive integer, got ${size}.`);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** The distinct values of `items`, first occurrence first. */
export function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
