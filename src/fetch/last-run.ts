// lastRun: the checkpoint between fetch runs on sessions (architecture §5, issue 12). Everything in it comes
// from Code42's data, never from this host's clock.
//
// What the numbers mean. `GET /v1/sessions?on_or_after=` filters on a session's beginTime, and a session
// becomes visible to that query (has_alerts) only when its first alert lands, which can be well after it
// began. So the checkpoint speaks about beginTimes, and about what Code42 had visible:
//   - frontier F: every eligible session with beginTime < F that Code42 showed when its part of the range
//     was read has been delivered;
//   - data time E: the newest time (endTime/lastUpdated/firstObserved) Code42 reported at the start of the
//     run that wrote the checkpoint. A session that was not visible then becomes visible after E, and with
//     its first alert within the look-back L of its begin it began after E - L;
//   - delivered: every delivered session id whose beginTime is at or after where the next query starts,
//     with that beginTime, so the overlap (shared timestamps, the look-back) can never deliver one twice.
// The next query starts at min(F, max(F, E) - L): F when the run is far behind the data (draining a backlog:
// nothing below F can still become visible within the look-back), E - L when it is up to date. This trusts
// Code42's timestamps to be no later than the moment it answers (a session cannot end in the future); the host's
// clock is never consulted, so a skewed host changes nothing.
//
// Why a session created while a run reads is still delivered: it was not visible when its part of the range
// was read, so it became visible after the run's first answer, hence after E; with its first alert within L of
// its begin, it began after E - L, where the next query starts (or earlier). A run stopped by max_fetch keeps
// its frontier at or below E for the same reason. The guarantee is for sessions whose first alert lands within
// the look-back of their begin (fetch_lookback, as the issue states it); a later one is delivered when the
// query still reaches it, and never twice.
//
// Stored form (JSON, what XSOAR keeps): { sessions: 1, frontier, data_time?, delivered: { id: beginTime },
// floor?, span_ms?, inherited? }. `sessions: 1` marks the format.
//
// Two older forms are continued:
//   - the XSOAR Code42 integration 6.x (sessions): { last_fetch: <max firstObserved delivered, ms>,
//     incidents_at_last_fetch_timestamp: [session ids first observed at that instant] }. It delivered every
//     session first observed before last_fetch, and those listed at it; both stay skipped while the query
//     can still reach them;
//   - the alerts era: ours { last_fetch: <ms>, last_fetched_ids, last_fetched_times, last_fetch_floor? } or the
//     incumbent's { last_fetch: <epoch seconds> }. Their ids are ALERT ids and name no session, so they are
//     ignored; sessions first observed at or before that instant count as delivered (as alerts).

export type LastRun = Record<string, unknown>;

/** A migrated integration's own rule for what it had delivered. */
export interface Inherited {
  /** Sessions first observed before this instant (epoch ms) were delivered. */
  firstObserved: number;
  /** True: also those first observed exactly at it (the alerts era cannot name them). */
  inclusive: boolean;
  /** Sessions first observed exactly at the instant that were delivered (6.x). */
  ids: Set<string>;
}

export interface Checkpoint {
  /** Undefined before the first run: first_fetch decides where it starts. */
  frontier?: number;
  dataTime?: number;
  /** Session id -> beginTime (epoch ms). */
  delivered: Map<string, number>;
  /** Only when the id list hit its cap: no query starts before this. */
  floor?: number;
  /** The width of beginTime window the last run ended with (a hint for the next). */
  spanMs?: number;
  inherited?: Inherited;
}

/**
 * Most ids remembered. Only a burst of more delivered sessions than this inside one look-back reaches it; then
 * the oldest beginTimes are forgotten and the floor moves past them, giving up the look-back for late first
 * alerts in that burst rather than ever delivering a session twice. Ids sharing the newest beginTime are kept
 * whatever their number.
 */
export const MAX_TRACKED_IDS = 5000;

/** Epoch values below this are seconds (1e11 ms is 1973; 1e11 s is the year 5138). */
const SECONDS_LIMIT = 1e11;
/** The last instant a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

export class LastRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LastRunError';
  }
}

const unreadable = (what: string): LastRunError => new LastRunError(`The saved lastRun is unreadable: ${what}.`);

function epochMs(value: unknown, field: string, secondsAllowed = false): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) throw unreadable(`${field} must be an epoch time, not ${JSON.stringify(value)}`);
  const ms = Math.floor(secondsAllowed && number < SECONDS_LIMIT ? number * 1000 : number);
  if (ms > MAX_DATE_MS) throw unreadable(`${field} must be an epoch time, not ${JSON.stringify(value)}`);
  return ms;
}

function idList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) throw unreadable(`${field} must be a list of session ids`);
  return value as string[];
}

function ours(raw: Record<string, unknown>): Checkpoint {
  const frontier = epochMs(raw.frontier, 'frontier');
  if (frontier === undefined) throw unreadable('frontier is missing');
  const delivered = new Map<string, number>();
  const stored = raw.delivered ?? {};
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) throw unreadable('delivered must map session ids to their beginTime');
  for (const [id, time] of Object.entries(stored)) delivered.set(id, epochMs(time, `delivered.${id}`) ?? frontier);
  const checkpoint: Checkpoint = { frontier, delivered };
  const dataTime = epochMs(raw.data_time, 'data_time');
  if (dataTime !== undefined) checkpoint.dataTime = dataTime;
  const floor = epochMs(raw.floor, 'floor');
  if (floor !== undefined) checkpoint.floor = floor;
  const span = epochMs(raw.span_ms, 'span_ms');
  if (span !== undefined && span > 0) checkpoint.spanMs = span;
  if (raw.inherited !== undefined && raw.inherited !== null) {
    const inherited = raw.inherited as Record<string, unknown>;
    const firstObserved = epochMs(inherited.first_observed, 'inherited.first_observed');
    if (firstObserved === undefined) throw unreadable('inherited.first_observed is missing');
    checkpoint.inherited = { firstObserved, inclusive: inherited.inclusive === true, ids: new Set(idList(inherited.ids, 'inherited.ids')) };
  }
  return checkpoint;
}

/** Reads a lastRun written by this integration (either era) or by the XSOAR Code42 integration ({} on the first run). */
export function readCheckpoint(lastRun: LastRun | null | undefined): Checkpoint {
  const raw = lastRun ?? {};
  if (raw.sessions !== undefined) return ours(raw);
  if ('incidents_at_last_fetch_timestamp' in raw) {
    // XSOAR Code42 6.x: last_fetch is the newest firstObserved it delivered, in ms (null before its first run).
    const instant = epochMs(raw.last_fetch, 'last_fetch');
    if (instant === undefined) return { delivered: new Map() };
    return {
      frontier: instant,
      delivered: new Map(),
      inherited: { firstObserved: instant, inclusive: false, ids: new Set(idList(raw.incidents_at_last_fetch_timestamp, 'incidents_at_last_fetch_timestamp')) },
    };
  }
  // The alerts era: createdAt of the newest alert delivered (ours in ms, the incumbent's in seconds). Its
  // last_fetched_ids are alert ids, which name no session; they are deliberately not read.
  const instant = epochMs(raw.last_fetch, 'last_fetch', true);
  if (instant === undefined) return { delivered: new Map() };
  return { frontier: instant, delivered: new Map(), inherited: { firstObserved: instant, inclusive: true, ids: new Set() } };
}

/** Where the next query starts (epoch ms), or undefined on the first run (first_fetch decides). */
export function queryStartMs(checkpoint: Checkpoint, lookbackMs: number): number | undefined {
  const { frontier, dataTime, floor } = checkpoint;
  if (frontier === undefined) return undefined;
  const start = Math.min(frontier, Math.max(frontier, dataTime ?? frontier) - lookbackMs);
  return floor === undefined ? start : Math.max(start, floor);
}

/** What the inherited integration already delivered (its sessions stay skipped). */
export function inheritedDelivered(inherited: Inherited | undefined, session: { sessionId: string; firstObserved?: number | null; beginTime: number }): boolean {
  if (!inherited) return false;
  const first = session.firstObserved ?? session.beginTime;
  return first < inherited.firstObserved || (first === inherited.firstObserved && (inherited.inclusive || inherited.ids.has(session.sessionId)));
}

export interface RunOutcome {
  frontier: number;
  dataTime?: number;
  spanMs?: number;
  /** Sessions delivered by this run: id -> beginTime. */
  delivered: ReadonlyMap<string, number>;
}

/**
 * Newest beginTimes first, whole timestamps at a time, until MAX_TRACKED_IDS: the oldest beginTime kept
 * (undefined when everything fits). The newest timestamp is always kept.
 */
function capFloor(times: number[]): number | undefined {
  if (times.length <= MAX_TRACKED_IDS) return undefined;
  const sorted = [...times].sort((a, b) => b - a);
  let floor = sorted[0];
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i] !== floor) {
      if (i >= MAX_TRACKED_IDS) break;
      floor = sorted[i];
    }
  }
  return floor;
}

/** The lastRun after a successful run. */
export function nextLastRun(previous: Checkpoint, outcome: RunOutcome, lookbackMs: number): LastRun {
  const frontier = outcome.frontier;
  const dataTime = outcome.dataTime ?? previous.dataTime;
  const natural = queryStartMs({ frontier, dataTime, delivered: new Map() }, lookbackMs)!;
  // A floor the natural start has passed says nothing any more.
  let floor = previous.floor !== undefined && previous.floor > natural ? previous.floor : undefined;
  let start = floor ?? natural;
  const inWindow = [...new Map([...previous.delivered, ...outcome.delivered])].filter(([, time]) => time >= start);
  const cap = capFloor(inWindow.map(([, time]) => time));
  if (cap !== undefined && cap > start) start = floor = cap;

  const stored: LastRun = { sessions: 1, frontier };
  if (dataTime !== undefined) stored.data_time = dataTime;
  stored.delivered = Object.fromEntries(inWindow.filter(([, time]) => time >= start));
  if (floor !== undefined) stored.floor = floor;
  if (outcome.spanMs !== undefined) stored.span_ms = outcome.spanMs;
  // The inherited rule matters while the query can still reach what it covers: a session first observed
  // at or before its instant began no later than that.
  const inherited = previous.inherited;
  if (inherited && start <= inherited.firstObserved) {
    stored.inherited = { first_observed: inherited.firstObserved, inclusive: inherited.inclusive, ids: [...inherited.ids] };
  }
  return stored;
}
