// fetch-incidents on sessions (architecture §5, issue 12): a pure function of the client, the parameters,
// lastRun and the time (the time only places first_fetch). Nothing is sent when the parameters are bad, and
// nothing is returned but a complete answer, so a failure anywhere leaves the caller's lastRun where it was.
//
// How sessions are read. `GET /v1/sessions` filters on beginTime (on_or_after, before) but sorts only by
// end time or score, and pages by offset. Offsets are not stable while analysts work: a session closed, or one
// whose end time moves when it gains data, shifts every later session one place back, so the next page would
// silently skip one. So this never pages a range across requests: it reads beginTime WINDOWS that each fit in
// ONE answer (one answer is one consistent snapshot; its totalCount says whether it was whole). The window
// width adapts to the density Code42 reports (totalCount) and is remembered in lastRun; an answer that did not
// hold its whole window is narrowed and asked again. Only more than a page of sessions sharing one
// millisecond of beginTime is paged (see SessionReader.instant).
//
// Each run starts with one question for the whole range, newest end time first: when all of it fits in one
// answer (the usual case once caught up) that is the only request; otherwise it gives the density and the
// newest data time, which bounds the frontier (last-run.ts). A run draining a backlog far behind the data
// skips that question and goes on with the remembered width.
import { SESSION_SEVERITIES, type Code42Api, type FileEvent, type Session, type SessionCriteria, type SessionPage, type SessionsApi } from '../code42/api';
import { Code42Error, Code42NotFoundError } from '../code42/errors';
import { ActorNameCache, eachLimited, enrichSessions } from './enrich';
import { firstFetchStart } from './first-fetch';
import { sessionIncident, type Incident } from './incident';
import { inheritedDelivered, nextLastRun, queryStartMs, readCheckpoint, type Checkpoint, type LastRun } from './last-run';
import { parseFetchParams, type FetchParamsInput } from './params';

export const SESSION_PAGE_SIZE = 50;
/**
 * Sessions a window aims to hold: under a page, so that a window whose count is a little above the estimate
 * still comes back whole in one answer.
 */
export const WINDOW_TARGET = 40;
/** Far beyond what max_fetch can need; only a server ignoring the filters gets here. */
const MAX_REQUESTS_PER_RUN = 1000;
/** Attempts at reading one crowded millisecond twice alike before the run gives up (and advances nothing). */
const INSTANT_ATTEMPTS = 3;
/** `/v1/sessions/{id}/events` calls in flight at once; the client's request budget paces them further. */
export const EVENTS_CONCURRENCY = 8;
/** Open sessions: OPEN_NEW_DATA is an OPEN session that gained data after a state change. */
export const FETCHED_STATES = ['OPEN', 'OPEN_NEW_DATA'];

/** The part of the Code42 client a fetch uses. */
export type FetchClient = Pick<Code42Api, 'sessions' | 'actors' | 'alertRules' | 'sessionUrl'>;

export interface FetchOptions {
  /** Actor names remembered across runs; a scheduler keeps one. Without it a run remembers only its own. */
  actorNames?: ActorNameCache;
}

export interface FetchResult {
  incidents: Incident[];
  lastRun: LastRun;
}

const protocolError = (message: string): Code42Error => new Code42Error(`Could not fetch incidents: ${message}`, { kind: 'protocol', operation: 'fetch incidents' });

/** The newest instant a batch of sessions reports; every one is a time Code42 had already reached. */
function dataTimeOf(sessions: readonly Session[], since: number | undefined): number | undefined {
  let newest = since;
  for (const s of sessions) {
    for (const time of [s.beginTime, s.endTime, s.lastUpdated, s.firstObserved]) {
      if (typeof time === 'number' && (newest === undefined || time > newest)) newest = time;
    }
  }
  return newest;
}

const byBeginTime = (a: Session, b: Session): number => a.beginTime - b.beginTime || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0);

class SessionReader {
  requests = 0;

  constructor(
    private readonly api: SessionsApi,
    private readonly criteria: SessionCriteria,
  ) {}

  async page(onOrAfter: number, before: number | undefined, direction: 'asc' | 'desc', pageNumber = 0): Promise<SessionPage> {
    if (++this.requests > MAX_REQUESTS_PER_RUN) throw protocolError(`Code42 still had sessions to read after ${MAX_REQUESTS_PER_RUN} requests.`);
    const criteria: SessionCriteria = { ...this.criteria, onOrAfter, orderBy: 'end_time', sortDirection: direction };
    if (before !== undefined) criteria.before = before;
    return this.api.search(criteria, { pageNumber, pageSize: SESSION_PAGE_SIZE });
  }

  /** Every page of the millisecond `at`, or undefined when the totalCount changed between two of them. */
  private async pagesOf(at: number): Promise<Session[] | undefined> {
    const sessions: Session[] = [];
    let total: number | undefined;
    for (let pageNumber = 0; ; pageNumber++) {
      const page = await this.page(at, at + 1, 'asc', pageNumber);
      if (total !== undefined && page.totalCount !== total) return undefined;
      total = page.totalCount;
      sessions.push(...page.items);
      if (page.items.length < SESSION_PAGE_SIZE) return sessions.length === total ? sessions : undefined;
    }
  }

  /**
   * Every session beginning in the millisecond `at`, when more than a page share it: the one place pages are
   * chained. Offsets shift when a session leaves or moves meanwhile, and a removal balanced by an arrival keeps
   * totalCount as it was, so the crowd is read twice and taken only when both readings list the same sessions
   * in the same order: a shift during either shows as a difference. Crowds this large are rare; the double
   * read is their price.
   */
  async instant(at: number): Promise<Session[]> {
    for (let attempt = 0; attempt < INSTANT_ATTEMPTS; attempt++) {
      const first = await this.pagesOf(at);
      const second = first && (await this.pagesOf(at));
      if (first && second && first.length === second.length && first.every((s, i) => s.sessionId === second[i].sessionId)) return second;
    }
    throw protocolError(`the sessions beginning at ${new Date(at).toISOString()} kept changing while they were read; the next run tries again.`);
  }
}

interface Scan {
  chosen: Session[];
  frontier: number;
  dataTime?: number;
  spanMs: number;
}

/**
 * The sessions to deliver (beginTime order, at most maxFetch) and where the range stands after them. Windows go
 * up from `start`; the last one is open-ended. `delivered` says what earlier runs (or an inherited integration)
 * delivered.
 */
async function scanSessions(
  reader: SessionReader,
  start: number,
  checkpoint: Checkpoint,
  lookbackMs: number,
  maxFetch: number,
  delivered: (session: Session) => boolean,
): Promise<Scan> {
  const chosen: Session[] = [];
  let dataTime = checkpoint.dataTime;
  let span = checkpoint.spanMs;
  const done = (frontier: number): Scan => ({ chosen, frontier, dataTime, spanMs: span ?? 1 });
  // The whole range has been read: everything Code42 showed is delivered, and what it did not show yet
  // becomes visible after dataTime (the frontier may not pass it, last-run.ts).
  const complete = (): Scan => done(Math.max(checkpoint.frontier ?? start, dataTime ?? start));
  // max_fetch reached: the frontier stops at the first session left over.
  const truncated = (at: number): Scan => done(Math.min(at, dataTime ?? at));

  /** Takes what is new in a whole window [.., end); returns where the frontier stops when max_fetch is reached. */
  const take = (sessions: readonly Session[], end: number | undefined): number | undefined => {
    const fresh = sessions.filter((s) => !delivered(s)).sort(byBeginTime);
    const room = maxFetch - chosen.length;
    if (fresh.length > room) {
      chosen.push(...fresh.slice(0, room));
      return fresh[room].beginTime;
    }
    chosen.push(...fresh);
    // Full, or so nearly full that one more request would bring a handful: stop at the window's end (max_fetch
    // is a maximum; the next run starts here with a whole window).
    return end !== undefined && maxFetch - chosen.length < Math.min(maxFetch, WINDOW_TARGET) / 4 ? end : undefined;
  };

  const behind = span !== undefined && dataTime !== undefined && checkpoint.frontier !== undefined && checkpoint.frontier < dataTime - lookbackMs;
  if (!behind) {
    const first = await reader.page(start, undefined, 'desc');
    dataTime = dataTimeOf(first.items, dataTime);
    if (first.totalCount <= first.items.length) {
      const stop = take(first.items, undefined);
      return stop === undefined ? complete() : truncated(stop);
    }
    span = Math.max(1, Math.floor((((dataTime ?? start) - start + 1) * WINDOW_TARGET) / first.totalCount));
  }
  let width = span ?? 1;
  let from = start;
  // Set when the open-ended window did not fit: the next one must be closed.
  let mustClose = false;
  for (;;) {
    const end = !mustClose && (dataTime === undefined || from + width > dataTime) ? undefined : from + width;
    const page = await reader.page(from, end, 'asc');
    let sessions = page.items;
    if (page.totalCount > page.items.length) {
      if (end === undefined || width > 1) {
        width = Math.max(1, Math.floor((width * WINDOW_TARGET) / page.totalCount));
        mustClose = true;
        span = width;
        continue;
      }
      sessions = await reader.instant(from);
    }
    const stop = take(sessions, end);
    if (stop !== undefined) return truncated(stop);
    if (end === undefined) return complete();
    from = end;
    mustClose = false;
    // Grow towards the target (at most 4x a step, so one sparse stretch does not overshoot a dense one).
    width = Math.max(1, Math.floor(width * Math.min(4, WINDOW_TARGET / Math.max(page.totalCount, WINDOW_TARGET / 4))));
    span = width;
  }
}

/** A session's file events; a session Code42 no longer knows (deleted since it was listed) has none. */
async function fileEventsOf(sessions: SessionsApi, sessionId: string): Promise<FileEvent[]> {
  try {
    return await sessions.events(sessionId);
  } catch (error) {
    // Failing the run for a deleted session would fail every run after it.
    if (!(error instanceof Code42NotFoundError)) throw error;
    return [];
  }
}

/**
 * One fetch run: the incidents for the alerting sessions not yet delivered (beginTime order, at most max_fetch)
 * and the lastRun to save once they are delivered.
 */
export async function fetchIncidents(client: FetchClient, input: FetchParamsInput, lastRun: LastRun | null | undefined, now: Date = new Date(), options: FetchOptions = {}): Promise<FetchResult> {
  const params = parseFetchParams(input, now);
  const checkpoint = readCheckpoint(lastRun);
  const lookbackMs = params.lookbackMinutes * 60_000;
  const start = queryStartMs(checkpoint, lookbackMs) ?? firstFetchStart(params.firstFetch, now).getTime();
  const criteria: SessionCriteria = { hasAlerts: true, states: FETCHED_STATES };
  if (params.severities.length > 0) criteria.severities = params.severities.map((label) => SESSION_SEVERITIES.indexOf(label));

  const delivered = (session: Session): boolean => checkpoint.delivered.has(session.sessionId) || inheritedDelivered(checkpoint.inherited, session);
  const scan = await scanSessions(new SessionReader(client.sessions, criteria), start, checkpoint, lookbackMs, params.maxFetch, delivered);

  const enrichment = await enrichSessions(client, scan.chosen, options.actorNames ?? new ActorNameCache());
  const incidentOf = (index: number, fileEvents?: FileEvent[]): Incident =>
    sessionIncident(scan.chosen[index], enrichment[index], { incidentType: params.incidentType, sessionUrl: client.sessionUrl(scan.chosen[index].sessionId), now, fileEvents });
  const incidents: Incident[] = new Array(scan.chosen.length);
  if (params.includeFiles) {
    // One events call per session, EVENTS_CONCURRENCY at a time (the client's request budget paces them
    // further); each incident is written as its events land, while the other calls are still on the wire.
    await eachLimited(
      scan.chosen.map((_, index) => index),
      EVENTS_CONCURRENCY,
      async (index) => void (incidents[index] = incidentOf(index, await fileEventsOf(client.sessions, scan.chosen[index].sessionId))),
    );
  } else {
    for (let index = 0; index < scan.chosen.length; index++) incidents[index] = incidentOf(index);
  }
  const outcome = { frontier: scan.frontier, dataTime: scan.dataTime, spanMs: scan.spanMs, delivered: new Map(scan.chosen.map((s) => [s.sessionId, s.beginTime])) };
  return { incidents, lastRun: nextLastRun(checkpoint, outcome, lookbackMs) };
}
