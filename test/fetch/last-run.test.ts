import { advanceLastRun, LastRunError, MAX_TRACKED_IDS, queryStartMs, readCheckpoint } from '../../src/fetch/last-run';

const MINUTE = 60_000;
const T = Date.parse('2024-03-01T10:00:00.000Z');

describe('reading lastRun', () => {
  it('treats {} as the first run', () => {
    expect(readCheckpoint({})).toEqual({ emitted: new Map() });
    expect(queryStartMs(readCheckpoint({}), 5 * MINUTE)).toBeUndefined();
  });

  it('reads the official integration lastRun, epoch seconds as a float', () => {
    const checkpoint = readCheckpoint({ last_fetch: 1709287200.654321 });
    expect(checkpoint.watermark).toBe(1709287200654);
    expect(checkpoint.emitted.size).toBe(0);
    // It names no ids, so a look-back could only repeat what it delivered: the query starts at its last_fetch.
    expect(queryStartMs(checkpoint, 5 * MINUTE)).toBe(1709287200654);
  });

  it('reads its own lastRun, epoch milliseconds with the ids and their times', () => {
    const checkpoint = readCheckpoint({ last_fetch: T, last_fetched_ids: ['a', 'b'], last_fetched_times: [T - MINUTE, T] });
    expect(checkpoint.watermark).toBe(T);
    expect([...checkpoint.emitted]).toEqual([
      ['a', T - MINUTE],
      ['b', T],
    ]);
  });

  it.each([
    ['last_fetch', { last_fetch: 1e20 }],
    ['last_fetch_floor', { last_fetch: T, last_fetch_floor: 9e15 }],
  ])('refuses a %s beyond the last representable date instead of failing later', (field, lastRun) => {
    expect(() => readCheckpoint(lastRun)).toThrow(LastRunError);
    expect(() => readCheckpoint(lastRun)).toThrow(`The saved lastRun is unreadable: ${field} must be an epoch time`);
  });

  it('takes a numeric string as lastRun values survive a string round-trip in old XSOAR versions', () => {
    expect(readCheckpoint({ last_fetch: String(T) } as Record<string, unknown>).watermark).toBe(T);
  });

  it('counts an id without a time as created at the watermark, the latest it can be', () => {
    const checkpoint = readCheckpoint({ last_fetch: T, last_fetched_ids: ['a', 'b'], last_fetched_times: [T - MINUTE] });
    expect(checkpoint.emitted.get('b')).toBe(T);
  });

  it('starts no earlier than the floor set when the id list hit its cap', () => {
    const checkpoint = readCheckpoint({ last_fetch: T, last_fetched_ids: [], last_fetch_floor: T - MINUTE });
    expect(queryStartMs(checkpoint, 5 * MINUTE)).toBe(T - MINUTE);
  });

  it.each([
    [{ last_fetch: 'yesterday' }, 'The saved lastRun is unreadable: last_fetch must be an epoch time, not "yesterday".'],
    [{ last_fetch: -5 }, 'The saved lastRun is unreadable: last_fetch must be an epoch time, not -5.'],
    [{ last_fetch: T, last_fetched_ids: 'a,b' }, 'The saved lastRun is unreadable: last_fetched_ids must be a list of alert ids.'],
  ])('refuses %j with one sentence rather than guessing', (lastRun, message) => {
    expect(() => readCheckpoint(lastRun as Record<string, unknown>)).toThrow(new LastRunError(message));
  });
});

describe('advancing lastRun', () => {
  it('moves the watermark to the newest emitted createdAt and remembers the ids inside the look-back', () => {
    const next = advanceLastRun(readCheckpoint({}), [
      { id: 'a', createdMs: T - 10 * MINUTE },
      { id: 'b', createdMs: T - 2 * MINUTE },
      { id: 'c', createdMs: T },
    ], 5 * MINUTE);
    expect(next).toEqual({ last_fetch: T, last_fetched_ids: ['b', 'c'], last_fetched_times: [T - 2 * MINUTE, T] });
  });

  it('keeps earlier ids still inside the new look-back and forgets older ones', () => {
    const previous = readCheckpoint({ last_fetch: T, last_fetched_ids: ['a', 'b'], last_fetched_times: [T - 4 * MINUTE, T] });
    const next = advanceLastRun(previous, [{ id: 'c', createdMs: T + 2 * MINUTE }], 5 * MINUTE);
    expect(next.last_fetched_ids).toEqual(['b', 'c']);
  });

  it('never moves the watermark back when only late alerts were emitted', () => {
    const previous = readCheckpoint({ last_fetch: T, last_fetched_ids: ['a'], last_fetched_times: [T] });
    const next = advanceLastRun(previous, [{ id: 'late', createdMs: T - 3 * MINUTE }], 5 * MINUTE);
    expect(next.last_fetch).toBe(T);
    expect(next.last_fetched_ids).toEqual(['a', 'late']);
  });

  it('replaces the official integration lastRun with its own format', () => {
    const next = advanceLastRun(readCheckpoint({ last_fetch: T / 1000 }), [{ id: 'a', createdMs: T + MINUTE }], 5 * MINUTE);
    expect(next).toEqual({ last_fetch: T + MINUTE, last_fetched_ids: ['a'], last_fetched_times: [T + MINUTE] });
  });

  it('caps the id list by forgetting whole old timestamps and raising the floor past them', () => {
    const burst = Array.from({ length: MAX_TRACKED_IDS + 50 }, (_, i) => ({ id: `id-${i}`, createdMs: T + Math.floor(i / 10) }));
    const next = advanceLastRun(readCheckpoint({}), burst, 5 * MINUTE);
    expect(next.last_fetched_ids!.length).toBeLessThanOrEqual(MAX_TRACKED_IDS);
    expect(next.last_fetched_ids!.length).toBeGreaterThan(MAX_TRACKED_IDS - 10);
    const oldestKept = Math.min(...next.last_fetched_times!);
    expect(next.last_fetch_floor).toBe(oldestKept);
    expect(burst.filter((alert) => alert.createdMs >= oldestKept).map((alert) => alert.id)).toEqual(next.last_fetched_ids);
  });

  it('keeps every id at the watermark even beyond the cap', () => {
    const sameInstant = Array.from({ length: MAX_TRACKED_IDS + 5 }, (_, i) => ({ id: `id-${i}`, createdMs: T }));
    const next = advanceLastRun(readCheckpoint({}), sameInstant, 5 * MINUTE);
    expect(next.last_fetched_ids).toHaveLength(MAX_TRACKED_IDS + 5);
  });

  it('drops the floor once the look-back has moved past it', () => {
    const previous = readCheckpoint({ last_fetch: T, last_fetched_ids: ['a'], last_fetched_times: [T], last_fetch_floor: T - MINUTE });
    expect(advanceLastRun(previous, [{ id: 'b', createdMs: T + 10 * MINUTE }], 5 * MINUTE)).not.toHaveProperty('last_fetch_floor');
    expect(advanceLastRun(previous, [{ id: 'b', createdMs: T + MINUTE }], 5 * MINUTE).last_fetch_floor).toBe(T - MINUTE);
  });
});
