import { isDeepStrictEqual } from 'node:util';
import nock from 'nock';
import type { FileEventQuery } from '../../src/code42/api';
import type { Code42Error } from '../../src/code42/errors';
import { API, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const byHash: FileEventQuery = {
  groupClause: 'AND',
  groups: [{ filterClause: 'AND', filters: [{ term: 'file.hash.sha256', operator: 'IS', value: 'abc' }] }],
};
const event = (id: string) => ({ '@timestamp': '2024-01-01T00:00:00.000Z', event: { id } });
const events = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => event(`${prefix}-${String(i).padStart(5, '0')}`));

type SentQuery = FileEventQuery & { pgToken?: string };

describe('one page', () => {
  test('search POSTs the query to /v2/file-events and returns the page', async () => {
    const query = { ...byHash, pgNum: 1, pgSize: 50, srtDir: 'desc' as const, srtKey: '@timestamp' };
    const scope = nock(API).post('/v2/file-events', (body: unknown) => isDeepStrictEqual(body, query)).reply(200, { totalCount: 1, nextPgToken: null, problems: null, fileEvents: [event('e1')] });

    await expect(client().fileEvents.search(query)).resolves.toEqual({ totalCount: 1, nextPgToken: null, fileEvents: [event('e1')] });
    expect(scope.isDone()).toBe(true);
  });

  test('problems become an error naming the bad filter', async () => {
    nock(API)
      .post('/v2/file-events')
      .reply(200, { totalCount: 0, fileEvents: [], problems: [{ type: 'SEARCH_FAILED', description: 'unknown term', badFilter: { term: 'nope', operator: 'IS', value: 'x' } }] });

    const error = await rejectionOf(client().fileEvents.search(byHash));

    expect(error.message).toBe('Could not search file events: Code42 reported SEARCH_FAILED in filter nope IS "x" (unknown term).');
  });

  test('a page reaching past the 10,000-event window, a page over 10,000 and over 1,024 criteria are refused before sending', async () => {
    const tooManyCriteria: FileEventQuery = {
      groupClause: 'AND',
      groups: [{ filterClause: 'OR', filters: Array.from({ length: 1025 }, (_, i) => ({ term: 'event.id', operator: 'IS', value: `e${i}` })) }],
    };

    const window = (await rejectionOf(client().fileEvents.search({ ...byHash, pgNum: 3, pgSize: 5000 }))) as Code42Error;
    const size = await rejectionOf(client().fileEvents.search({ ...byHash, pgSize: 10_001 }));
    const criteria = await rejectionOf(client().fileEvents.search(tooManyCriteria));

    expect(window.kind).toBe('invalid-request');
    expect(window.message).toBe('Could not search file events: page 3 lies outside the first 10000 results; page with pgToken instead.');
    expect(size.message).toBe('Could not search file events: the page size must be a whole number from 1 to 10000, got 10001.');
    expect(criteria.message).toBe('Could not search file events: the query has 1025 criteria and Code42 accepts at most 1024.');
  });

  test('INVALID_PAGE_TOKEN from Code42 is passed through', async () => {
    nock(API).post('/v2/file-events').reply(400, { problems: [{ type: 'INVALID_PAGE_TOKEN', description: 'stale token' }] });

    const error = (await rejectionOf(client().fileEvents.search({ ...byHash, pgToken: 'gone' }))) as Code42Error;

    expect(error.status).toBe(400);
    expect(error.mentions('INVALID_PAGE_TOKEN')).toBe(true);
  });
});

describe('searchAll', () => {
  test('pages with pgToken from "" following nextPgToken, page size min(max, 10000), until the cap', async () => {
    const sent: SentQuery[] = [];
    nock(API)
      .post('/v2/file-events')
      .times(3)
      .reply(200, (_uri, body) => {
        const query = body as SentQuery;
        sent.push(query);
        const page = events(`p${sent.length}`, 10_000);
        return { totalCount: 25_000, nextPgToken: page[page.length - 1].event.id, problems: null, fileEvents: page };
      });

    const found = await client().fileEvents.searchAll(byHash, 25_000);

    expect(found).toHaveLength(25_000);
    expect(sent.map((q) => [q.pgToken, q.pgSize, q.pgNum])).toEqual([
      ['', 10_000, 1],
      ['p1-09999', 10_000, 1],
      ['p2-09999', 10_000, 1],
    ]);
    expect(sent[0]).toMatchObject({ ...byHash, srtKey: 'event.id', srtDir: 'asc' });
  });

  test('a small cap asks for a page of that size and stops when the token runs out', async () => {
    const scope = nock(API)
      .post('/v2/file-events', (q: SentQuery) => q.pgToken === '' && q.pgSize === 50)
      .reply(200, { totalCount: 30, nextPgToken: null, fileEvents: events('a', 30) });

    const found = await client().fileEvents.searchAll(byHash, 50);

    expect(found).toHaveLength(30);
    expect(scope.isDone()).toBe(true);
  });

  test("the query's own page size is kept when it is below the cap", async () => {
    const scope = nock(API)
      .post('/v2/file-events', (q: SentQuery) => q.pgSize === 20)
      .reply(200, { totalCount: 5, nextPgToken: null, fileEvents: events('a', 5) });

    await client().fileEvents.searchAll({ ...byHash, pgSize: 20 }, 500);

    expect(scope.isDone()).toBe(true);
  });

  test("the caller's sort is kept", async () => {
    const scope = nock(API)
      .post('/v2/file-events', (q: SentQuery) => q.srtKey === '@timestamp' && q.srtDir === 'desc')
      .reply(200, { totalCount: 1, nextPgToken: null, fileEvents: events('a', 1) });

    await client().fileEvents.searchAll({ ...byHash, srtKey: '@timestamp', srtDir: 'desc' }, 10);

    expect(scope.isDone()).toBe(true);
  });

  test('a server repeating the same token is stopped with an error instead of looping', async () => {
    nock(API).post('/v2/file-events').times(2).reply(200, { totalCount: 9, nextPgToken: 'same', fileEvents: events('a', 3) });

    const error = (await rejectionOf(client().fileEvents.searchAll(byHash, 9))) as Code42Error;

    expect(error.kind).toBe('protocol');
    expect(error.message).toBe('Could not search file events: Code42 sent the same page token twice, so it is not paging.');
  });
});
