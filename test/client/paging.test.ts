import fc from 'fast-check';
import { Code42Error } from '../../src/code42/errors';
import { chunk, collectPages, distinct, pageThrough } from '../../src/code42/paging';

/** A fake paged listing of `total` numbered items that records which pages were asked for. */
function listing(total: number) {
  const asked: { pageNum: number; pageSize: number }[] = [];
  const fetchPage = (firstPage: number) => async (pageNum: number, pageSize: number) => {
    asked.push({ pageNum, pageSize });
    const start = (pageNum - firstPage) * pageSize;
    return Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => start + i);
  };
  return { asked, fetchPage };
}

describe('paging', () => {
  test('1-based listings start at page 1 and stop at the first short page', async () => {
    const { asked, fetchPage } = listing(7);

    const items = await collectPages(fetchPage(1), { firstPage: 1, pageSize: 3, operation: 'list things' });

    expect(items).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(asked).toEqual([
      { pageNum: 1, pageSize: 3 },
      { pageNum: 2, pageSize: 3 },
      { pageNum: 3, pageSize: 3 },
    ]);
  });

  test('0-based listings start at page 0', async () => {
    const { asked, fetchPage } = listing(4);

    const items = await collectPages(fetchPage(0), { firstPage: 0, pageSize: 2, operation: 'list things' });

    expect(items).toEqual([0, 1, 2, 3]);
    expect(asked.map((a) => a.pageNum)).toEqual([0, 1, 2]);
  });

  test('a listing that is an exact multiple of the page size ends with one empty page', async () => {
    const { asked, fetchPage } = listing(6);

    await collectPages(fetchPage(1), { firstPage: 1, pageSize: 3, operation: 'list things' });

    expect(asked.map((a) => a.pageNum)).toEqual([1, 2, 3]);
  });

  test('a server that keeps sending full pages is stopped at the page cap with a clear error', async () => {
    const fullPage = async (pageNum: number) => [pageNum * 2, pageNum * 2 + 1];

    const error = await collectPages(fullPage, { firstPage: 1, pageSize: 2, operation: 'list watchlists', maxPages: 5 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Code42Error);
    expect((error as Code42Error).message).toBe('Could not list watchlists: Code42 was still sending full pages after 5 pages.');
    expect((error as Code42Error).kind).toBe('protocol');
  });

  test('a server that ignores the page number is stopped at the second copy of a page', async () => {
    const asked: number[] = [];
    const samePage = async (pageNum: number) => {
      asked.push(pageNum);
      return [1, 2];
    };

    const error = await collectPages(samePage, { firstPage: 1, pageSize: 2, operation: 'list watchlists' }).catch((e: unknown) => e);

    expect((error as Code42Error).message).toBe('Could not list watchlists: Code42 sent the same page twice, so it is not paging; stopped after 2 pages.');
    expect((error as Code42Error).kind).toBe('protocol');
    expect(asked).toEqual([1, 2]);
  });

  test('breaking out of the iteration fetches no further page', async () => {
    const { asked, fetchPage } = listing(100);

    for await (const item of pageThrough(fetchPage(1), { firstPage: 1, pageSize: 10, operation: 'list things' })) {
      if (item === 12) break;
    }

    expect(asked.map((a) => a.pageNum)).toEqual([1, 2]);
  });
});

describe('batching', () => {
  test('chunks keep every item in order and none is larger than the batch size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 20 }), (items, size) => {
        const batches = chunk(items, size);
        expect(batches.flat()).toEqual(items);
        expect(batches.every((b) => b.length >= 1 && b.length <= size)).toBe(true);
        expect(batches.slice(0, -1).every((b) => b.length === size)).toBe(true);
      }),
    );
  });

  test('a batch size below 1 is a programming error', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });

  test('distinct keeps the first occurrence of each value', () => {
    expect(distinct(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });
});
