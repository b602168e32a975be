// lastRun: the checkpoint between fetch runs (xsoar-conventions §3.4). The watermark is the createdAt of the
// newest alert ever emitted (never the wall clock) and only moves forward; the next query starts one
// look-back before it. Every id emitted at or after that start is remembered with its createdAt, so the
// overlap — alerts sharing a timestamp across a page or run boundary, alerts indexed late — cannot repeat.
//
// Stored form: { last_fetch: <watermark, epoch ms>, last_fetched_ids: [id...], last_fetched_times: [ms...]
// (createdAt of each id, same order), last_fetch_floor?: <ms> }. The official integration stored
// { last_fetch: <epoch seconds, float> }: values below 1e11 are read as seconds (1e11 ms is 1973, 1e11 s
// is year 5138), and the first query after it starts at that instant with no look-back, since without its
// ids a look-back would deliver its last minutes again. An id without a time counts as created at the watermark, the latest it can be, so it is
// kept at least as long as needed.

export type LastRun = {
  last_fetch?: number;
  last_fetched_ids?: string[];
  last_fetched_times?: number[];
  /** Only when the id list hit its cap: the query never starts before this (epoch ms). */
  last_fetch_floor?: number;
};

export interface Checkpoint {
  /** createdAt (epoch ms) of the newest alert emitted; undefined before the first alert. */
  watermark?: number;
  floor?: number;
  /** Alert id -> createdAt (epoch ms), for every id emitted at or after watermark minus look-back. */
  emitted: Map<string, number>;
  /**
   * Set for the official integration's lastRun: it names no emitted ids, so a look-back could only repeat
   * what it already delivered, and the query starts at its `last_fetch` exactly.
   */
  inherited?: true;
}

export interface EmittedAlert {
  id: string;
  createdMs: number;
}

/**
 * Most ids remembered. Only a burst of more alerts than this inside one look-back reaches it; then the
 * oldest timestamps are forgotten and the floor moves past them, giving up look-back for late alerts in
 * that burst rather than ever emitting an alert twice. Ids at the watermark itself are always kept.
 */
export const MAX_TRACKED_IDS = 2000;

const SECONDS_LIMIT = 1e11;
/** The last instant a JavaScript Date can hold; a watermark past it cannot start a query. */
const MAX_DATE_MS = 8.64e15;

export class LastRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LastRunError';
  }
}

function epochMs(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  const ms = typeof number === 'number' && Number.isFinite(number) && number >= 0 ? Math.floor(number < SECONDS_LIMIT ? number * 1000 : number) : NaN;
  if (!(ms <= MAX_DATE_MS)) {
    throw new LastRunError(`The saved lastRun is unreadable: ${field} must be an epoch time, not ${JSON.stringify(value)}.`);
  }
  return ms;
}

/** Reads a lastRun written by this integration or by the official Code42 integration ({} on the first run). */
export function readCheckpoint(lastRun: LastRun | Record<string, unknown> | null | undefined): Checkpoint {
  const raw = (lastRun ?? {}) as Record<string, unknown>;
  const watermark = epochMs(raw.last_fetch, 'last_fetch');
  const emitted = new Map<string, number>();
  if (watermark === undefined) return { emitted };
  const ids = raw.last_fetched_ids ?? [];
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
    throw new LastRunError('The saved lastRun is unreadable: last_fetched_ids must be a list of alert ids.');
  }
  const times = Array.isArray(raw.last_fetched_times) ? raw.last_fetched_times : [];
  ids.forEach((id: string, index) => {
    const time = times[index];
    emitted.set(id, typeof time === 'number' && Number.isFinite(time) ? Math.min(time, watermark) : watermark);
  });
  const floor = epochMs(raw.last_fetch_floor, 'last_fetch_floor');
  return raw.last_fetched_ids === undefined ? { watermark, floor, emitted, inherited: true } : { watermark, floor, emitted };
}

/** Where the next query starts (epoch ms), or undefined on the first run (first_fetch decides). */
export function queryStartMs(checkpoint: Checkpoint, lookbackMs: number): number | undefined {
  if (checkpoint.watermark === undefined) return undefined;
  return Math.max(checkpoint.watermark - (checkpoint.inherited ? 0 : lookbackMs), checkpoint.floor ?? 0);
}

/**
 * When the ids in the window exceed MAX_TRACKED_IDS: the oldest createdAt still remembered, keeping the
 * newest timestamps first, whole timestamps at a time (the watermark's own always fits). Otherwise 0.
 */
function capFloor(times: number[], watermark: number): number {
  if (times.length <= MAX_TRACKED_IDS) return 0;
  const counts = new Map<number, number>();
  for (const time of times) counts.set(time, (counts.get(time) ?? 0) + 1);
  let kept = 0;
  let floor = watermark;
  for (const time of [...counts.keys()].sort((a, b) => b - a)) {
    kept += counts.get(time)!;
    if (kept > MAX_TRACKED_IDS && time < watermark) break;
    floor = time;
  }
  return floor;
}

/** The lastRun after emitting `emitted` (non-empty, ascending createdAt) from `checkpoint`. */
export function advanceLastRun(checkpoint: Checkpoint, emitted: readonly EmittedAlert[], lookbackMs: number): LastRun {
  const newest = Math.max(...emitted.map((alert) => alert.createdMs));
  const watermark = Math.max(checkpoint.watermark ?? newest, newest);
  const remembered = new Map(checkpoint.emitted);
  for (const alert of emitted) remembered.set(alert.id, alert.createdMs);
  const horizon = watermark - lookbackMs;
  const inWindow = [...remembered].filter(([, time]) => time >= horizon);
  const floor = Math.max(capFloor(inWindow.map(([, time]) => time), watermark), checkpoint.floor ?? 0);
  const kept = inWindow.filter(([, time]) => time >= floor);
  return {
    last_fetch: watermark,
    last_fetched_ids: kept.map(([id]) => id),
    last_fetched_times: kept.map(([, time]) => time),
    ...(floor > horizon ? { last_fetch_floor: floor } : {}),
  };
}
