import { inheritedDelivered, LastRunError, MAX_TRACKED_IDS, nextLastRun, queryStartMs, readCheckpoint } from '../../src/fetch/last-run';

const T = Date.parse('2026-12-01T12:00:00.000Z');
const MINUTE = 60_000;
const L = 5 * MINUTE;
const session = (sessionId: string, firstObserved: number) => ({ sessionId, firstObserved, beginTime: firstObserved - MINUTE });

describe('reading lastRun', () => {
  it('reads {} and null as a first run', () => {
    expect(readCheckpoint({})).toEqual({ delivered: new Map() });
    expect(readCheckpoint(null)).toEqual({ delivered: new Map() });
    expect(queryStartMs(readCheckpoint({}), L)).toBeUndefined();
  });

  it('round-trips its own form', () => {
    const stored = { sessions: 1, frontier: T, data_time: T + MINUTE, delivered: { a: T, b: T - MINUTE }, span_ms: 1234 };
    expect(readCheckpoint(stored)).toEqual({ frontier: T, dataTime: T + MINUTE, delivered: new Map([['a', T], ['b', T - MINUTE]]), spanMs: 1234 });
  });

  it('continues the XSOAR 6.x lastRun: sessions first observed before last_fetch, and those it listed at it, count as delivered', () => {
    const checkpoint = readCheckpoint({ last_fetch: T, incidents_at_last_fetch_timestamp: ['listed'] });
    expect(checkpoint.frontier).toBe(T);
    expect(queryStartMs(checkpoint, L)).toBe(T - L);
    expect(inheritedDelivered(checkpoint.inherited, session('old', T - 1))).toBe(true);
    expect(inheritedDelivered(checkpoint.inherited, session('listed', T))).toBe(true);
    expect(inheritedDelivered(checkpoint.inherited, session('unlisted', T))).toBe(false);
    expect(inheritedDelivered(checkpoint.inherited, session('new', T + 1))).toBe(false);
  });

  it('reads a 6.x lastRun before its first run (last_fetch null) as a first run', () => {
    expect(readCheckpoint({ last_fetch: null, incidents_at_last_fetch_timestamp: [] })).toEqual({ delivered: new Map() });
  });

  it('continues our alerts-era lastRun from its instant and ignores its alert ids', () => {
    const checkpoint = readCheckpoint({ last_fetch: T, last_fetched_ids: ['alert-1'], last_fetched_times: [T], last_fetch_floor: T - MINUTE });
    expect(checkpoint).toEqual({ frontier: T, delivered: new Map(), inherited: { firstObserved: T, inclusive: true, ids: new Set() } });
    expect(inheritedDelivered(checkpoint.inherited, session('any', T))).toBe(true);
    expect(inheritedDelivered(checkpoint.inherited, session('any', T + 1))).toBe(false);
  });

  it("continues the incumbent's alerts-era lastRun, whose last_fetch is in epoch seconds", () => {
    expect(readCheckpoint({ last_fetch: T / 1000 + 0.25 }).frontier).toBe(T + 250);
  });

  it.each([
    [{ last_fetch: 'soon' }, 'last_fetch must be an epoch time, not "soon"'],
    [{ last_fetch: -5 }, 'last_fetch must be an epoch time, not -5'],
    [{ last_fetch: T, incidents_at_last_fetch_timestamp: [1] }, 'incidents_at_last_fetch_timestamp must be a list of session ids'],
    [{ sessions: 1 }, 'frontier is missing'],
    [{ sessions: 1, frontier: T, delivered: ['a'] }, 'delivered must map session ids to their beginTime'],
  ])('refuses %j with one sentence', (lastRun, problem) => {
    expect(() => readCheckpoint(lastRun)).toThrow(new LastRunError(`The saved lastRun is unreadable: ${problem}.`));
  });
});

describe('where the next query starts', () => {
  it('is the data time minus the look-back when the run is up to date', () => {
    expect(queryStartMs({ frontier: T, dataTime: T + MINUTE, delivered: new Map() }, L)).toBe(T + MINUTE - L);
  });

  it('is the frontier itself when the frontier is more than the look-back behind the data (a backlog)', () => {
    expect(queryStartMs({ frontier: T - 60 * MINUTE, dataTime: T, delivered: new Map() }, L)).toBe(T - 60 * MINUTE);
  });

  it('never goes below the floor', () => {
    expect(queryStartMs({ frontier: T, dataTime: T, floor: T - MINUTE, delivered: new Map() }, L)).toBe(T - MINUTE);
  });
});

describe('the lastRun after a run', () => {
  const empty = { delivered: new Map<string, number>() };

  it('keeps exactly the delivered ids the next query can reach', () => {
    const previous = { frontier: T - 20 * MINUTE, dataTime: T - 20 * MINUTE, delivered: new Map([['old', T - 30 * MINUTE], ['recent', T - 3 * MINUTE]]) };
    const lastRun = nextLastRun(previous, { frontier: T, dataTime: T, delivered: new Map([['new', T - MINUTE]]) }, L);
    expect(lastRun).toEqual({ sessions: 1, frontier: T, data_time: T, delivered: { recent: T - 3 * MINUTE, new: T - MINUTE } });
  });

  it('stays bounded: past MAX_TRACKED_IDS the oldest beginTimes are forgotten and a floor keeps the query above them', () => {
    const delivered = new Map(Array.from({ length: MAX_TRACKED_IDS + 10 }, (_, i) => [`s${i}`, T - L + i] as [string, number]));
    const lastRun = nextLastRun(empty, { frontier: T, dataTime: T, delivered }, L);
    expect(Object.keys(lastRun.delivered as object)).toHaveLength(MAX_TRACKED_IDS);
    expect(lastRun.floor).toBe(T - L + 10);
    expect(queryStartMs(readCheckpoint(lastRun), L)).toBe(T - L + 10);
  });

  it('keeps every id sharing the newest beginTime, however many', () => {
    const delivered = new Map(Array.from({ length: MAX_TRACKED_IDS + 3 }, (_, i) => [`s${i}`, T] as [string, number]));
    const lastRun = nextLastRun(empty, { frontier: T, dataTime: T, delivered }, L);
    expect(Object.keys(lastRun.delivered as object)).toHaveLength(MAX_TRACKED_IDS + 3);
    expect(lastRun.floor).toBe(T);
  });

  it('drops the inherited rule once the query can no longer reach what it covers', () => {
    const inherited = readCheckpoint({ last_fetch: T, incidents_at_last_fetch_timestamp: ['x'] });
    expect(nextLastRun(inherited, { frontier: T, dataTime: T, delivered: new Map() }, L).inherited).toEqual({ first_observed: T, inclusive: false, ids: ['x'] });
    expect(nextLastRun(inherited, { frontier: T + L + 1, dataTime: T + L + 1, delivered: new Map() }, L).inherited).toBeUndefined();
  });

  it('writes the data time of the previous run when this run learned none', () => {
    expect(nextLastRun({ frontier: T, dataTime: T, delivered: new Map() }, { frontier: T, delivered: new Map() }, L).data_time).toBe(T);
  });
});
