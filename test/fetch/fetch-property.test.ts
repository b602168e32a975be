// Exactly once under pressure, against the simulator over HTTP (issue 12). Random session streams: crowds
// sharing one beginTime (more than a page), first alerts landing after the session began (within the
// look-back), sessions created while a run is reading, analysts moving delivered sessions out of OPEN and new
// data bringing them back as OPEN_NEW_DATA. Random faults (429, 5xx, dropped connections), crashes between
// delivery and checkpoint (and a torn last line, an orphaned temporary checkpoint), two fetchers sharing the
// data folder at once — one of them sometimes with its own checkpoint but the same sink — and lock files left
// by an earlier version. After the storm, fault-free runs drain the rest. The sink must then hold every
// session the guarantee covers exactly once, and nothing twice. Faults come from the simulator's injection,
// never from sleeps; the seed is printed on failure (FETCH_PROPERTY_SEED=<seed> replays it).
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { SessionsApi } from '../../src/code42/api';
import type { Code42Client } from '../../src/code42/client';
import type { FetchClient } from '../../src/fetch/fetch-incidents';
import type { Incident } from '../../src/fetch/incident';
import { JsonlSink } from '../../src/fetch/jsonl-sink';
import type { LastRun } from '../../src/fetch/last-run';
import { Scheduler } from '../../src/fetch/scheduler';
import { FileFetchStore } from '../../src/fetch/store';
import { writeLastRunFile } from '../../src/fetch/state-file';
import { startSimulator, type FaultRule, type RunningSimulator } from '../../src/simulator';
import { clientFor } from '../support/simulator';

const T0 = Date.parse('2026-12-01T12:00:00.000Z');
const MINUTE = 60_000;
const LOOKBACK_MINUTES = 5;
const LOOKBACK_MS = LOOKBACK_MINUTES * MINUTE;
const FIRST_FETCH_MS = 60 * MINUTE;
const MAX_ADVANCE_MS = 3 * MINUTE;
const MAX_STEPS = 5;
/**
 * How old a session present before the first run may be. first_fetch counts back from the first run that
 * succeeds, which may come only after the last step (all failed), when the clock has moved on.
 */
const BACKLOG_MS = FIRST_FETCH_MS - MAX_STEPS * MAX_ADVANCE_MS - MINUTE;
const CHOICES = ['Low', 'Moderate', 'High', 'Critical'] as const;

interface Arrival {
  /** How long before now the session began: within the look-back, or (before the first run) anywhere in first_fetch. */
  ageMs: number;
  /** Of that age, how much later its first alert landed (a late first alert). */
  lateMs: number;
  /** Sessions sharing this beginTime. */
  count: number;
  severity: number;
}

interface Step {
  arrivals: Arrival[];
  /** Created while the run reads (after its first request). */
  midRun: Arrival[];
  /** Delivered sessions an analyst moves to IN_PROGRESS (by index, modulo), and whether new data reopens them. */
  worked: { pick: number; reopen: boolean }[];
  maxFetch: number;
  faults: FaultRule[];
  crash: 'none' | 'before-checkpoint' | 'torn-line' | 'orphan';
  /** A second fetcher at the same time: on the same checkpoint, or with its own checkpoint and the same sink. */
  second: 'none' | 'same-state' | 'own-state';
  staleLock: 'none' | 'dead-pid' | 'empty' | 'garbage';
  advanceMs: number;
}

const arrival = (maxAgeMs: number, maxCount: number): fc.Arbitrary<Arrival> =>
  fc
    .record({
      ageMs: fc.integer({ min: 0, max: maxAgeMs }),
      late: fc.double({ min: 0, max: 1, noNaN: true }),
      // Now and then a crowd sharing one beginTime, more than a page of it.
      count: maxCount > 3 ? fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 40, max: maxCount }) }) : fc.integer({ min: 1, max: maxCount }),
      severity: fc.integer({ min: 1, max: 4 }),
    })
    .map(({ ageMs, late, count, severity }) => ({ ageMs, lateMs: Math.floor(ageMs * late), count, severity }));

const fault: fc.Arbitrary<FaultRule> = fc.oneof(
  fc.record({ path: fc.constantFrom('/v1/sessions', '*'), kind: fc.constant('status' as const), status: fc.constantFrom(429, 500, 502, 503), retryAfterSeconds: fc.constant(0), probability: fc.constantFrom(0.1, 0.3) }),
  fc.record({ path: fc.constantFrom('/v1/sessions', '/v1/sessions/:id/events', '*'), kind: fc.constant('drop' as const), probability: fc.constantFrom(0.1, 0.3) }),
);

// Arrivals are young (within the look-back, minus a margin for the frozen clock) except before the first run,
// where the whole first_fetch range is backlog.
const step = (first: boolean): fc.Arbitrary<Step> =>
  fc.record({
    arrivals: fc.array(arrival(first ? BACKLOG_MS : LOOKBACK_MS - MINUTE, 70), { maxLength: first ? 6 : 3 }),
    midRun: fc.array(arrival(LOOKBACK_MS - MINUTE, 3), { maxLength: 2 }),
    worked: fc.array(fc.record({ pick: fc.nat(), reopen: fc.boolean() }), { maxLength: 3 }),
    maxFetch: fc.constantFrom(1, 7, 50, 200),
    faults: fc.array(fault, { maxLength: 2 }),
    crash: fc.constantFrom('none', 'none', 'before-checkpoint', 'torn-line', 'orphan'),
    second: fc.constantFrom('none', 'none', 'same-state', 'own-state'),
    staleLock: fc.constantFrom('none', 'none', 'dead-pid', 'empty', 'garbage'),
    advanceMs: fc.integer({ min: 0, max: MAX_ADVANCE_MS }),
  });

const scenario = fc.record({
  severities: fc.subarray([...CHOICES]),
  includeFiles: fc.boolean(),
  steps: fc.tuple(step(true), fc.array(step(false), { minLength: 1, maxLength: MAX_STEPS - 1 })).map(([head, tail]) => [head, ...tail]),
});

/** What the model knows about each session it created. */
interface Known {
  beginTime: number;
  /** When it became visible (added) — the guarantee covers it when it began within the look-back before that. */
  visibleAt: number;
  /** An analyst moved it out of OPEN before it was delivered: then nothing is promised but "at most once". */
  workedBeforeDelivery: boolean;
}

async function sinkIds(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => (JSON.parse(line) as Incident).dbotMirrorId);
}

describe('fetch-incidents exactly once (property, against the simulator)', () => {
  it('delivers every covered session exactly once and nothing twice', async () => {
    const seed = Number(process.env.FETCH_PROPERTY_SEED ?? Date.now() % 2 ** 31);
    // One simulator for every run (starting one costs a quarter of a second); each run lives 30 days after the
    // previous one, far outside its one-hour first_fetch, so runs cannot see each other's sessions.
    let now = T0;
    let base = T0;
    const sim: RunningSimulator = await startSimulator({ sessions: 0, events: 20, clock: () => now });
    try {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ severities, includeFiles, steps }) => {
        base += 30 * 1440 * MINUTE;
        now = base;
        // A client per run: its token was issued on this run's clock.
        const client: Code42Client = clientFor(sim, { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2 });
        const directory = await mkdtemp(join(tmpdir(), 'fetch-property-'));
        const stateFile = join(directory, 'fetch-state.json');
        const sinkFile = join(directory, 'incidents.jsonl');
        const known = new Map<string, Known>();
        const add = (spec: Arrival): void => {
          const beginTime = now - spec.ageMs;
          for (let i = 0; i < spec.count; i++) {
            const session = sim.tenant.addSession({ beginTime, firstObserved: beginTime + spec.lateMs, severity: spec.severity, events: 1 });
            known.set(session.sessionId, { beginTime, visibleAt: now - base, workedBeforeDelivery: false });
          }
        };

        let midRun: Arrival[] = [];
        const sessions = client.sessions;
        const fetchClient: FetchClient = {
          sessions: Object.assign(Object.create(sessions) as SessionsApi, {
            search: async (...args: Parameters<SessionsApi['search']>) => {
              const page = await sessions.search(...args);
              midRun.splice(0).forEach(add);
              return page;
            },
          }),
          actors: client.actors,
          alertRules: client.alertRules,
          sessionUrl: (id) => client.sessionUrl(id),
        };
        const params = { first_fetch: '1 hour', alert_severity: severities, include_files: includeFiles, fetch_lookback: LOOKBACK_MINUTES };
        const failCheckpoint = async (): Promise<void> => {
          throw new Error('killed between delivery and checkpoint');
        };
        const stores: FileFetchStore[] = [];
        const scheduler = (maxFetch: number, options: { own?: boolean; crash?: boolean } = {}): Scheduler => {
          const store = new FileFetchStore({
            stateFile: options.own ? join(directory, 'cli-state.json') : stateFile,
            sink: new JsonlSink(sinkFile),
            saveCheckpoint: options.crash ? failCheckpoint : (file: string, lastRun: LastRun) => writeLastRunFile(file, lastRun),
          });
          stores.push(store);
          return new Scheduler({ client: fetchClient, params: { ...params, max_fetch: maxFetch }, store, intervalMinutes: 1, clock: () => new Date(now) });
        };
        const attempt = (run: Promise<unknown>): Promise<void> => run.then(
          () => undefined,
          () => undefined,
        );

        try {
          for (const s of steps) {
            s.arrivals.forEach(add);
            midRun = [...s.midRun];
            const delivered = new Set(await sinkIds(sinkFile));
            const candidates = [...known.keys()];
            for (const { pick, reopen } of s.worked) {
              if (candidates.length === 0) break;
              const id = candidates[pick % candidates.length];
              if (!delivered.has(id)) known.get(id)!.workedBeforeDelivery = true;
              sim.tenant.changeSessionStates([id], 'IN_PROGRESS', null);
              if (reopen) sim.tenant.addSessionData(id, { events: 1 });
            }
            if (s.staleLock !== 'none') await writeFile(`${stateFile}.lock`, { 'dead-pid': '999999', empty: '', garbage: '\u0000?' }[s.staleLock]);
            if (s.crash === 'torn-line') await appendFile(sinkFile, '{"name":"Code42 - torn","dbotMirrorId":"');
            if (s.crash === 'orphan') await writeFile(join(directory, `.fetch-state.json.${process.pid}.0badc0de.tmp`), '{"half":');
            sim.faults.clear();
            sim.faults.add(s.faults);
            const runs = [attempt(scheduler(s.maxFetch, { crash: s.crash === 'before-checkpoint' }).runOnce())];
            if (s.second !== 'none') runs.push(attempt(scheduler(s.maxFetch, { own: s.second === 'own-state' }).runOnce()));
            await Promise.all(runs);
            now += s.advanceMs;
          }
          sim.faults.clear();
          midRun = [];
          const drain = scheduler(200);
          for (let run = 0; run < 30 && (await drain.runOnce()).fetched > 0; run++);

          const inSink = await sinkIds(sinkFile);
          expect(inSink.length).toBe(new Set(inSink).size);
          const wanted = severities.map((label) => CHOICES.indexOf(label) + 1);
          const covered = [...known]
            .filter(([id, k]) => {
              const session = sim.tenant.session(id)!;
              const open = ['OPEN', 'OPEN_NEW_DATA'].includes(sim.tenant.stateOf(session));
              const severityMatches = wanted.length === 0 || wanted.includes(sim.tenant.severityOf(session));
              const inRange = k.visibleAt === 0 || base + k.visibleAt - k.beginTime <= LOOKBACK_MS;
              return open && severityMatches && inRange && !k.workedBeforeDelivery;
            })
            .map(([id]) => id)
            .sort();
          expect(inSink.filter((id) => covered.includes(id)).sort()).toEqual(covered);
          // Nothing from outside this run's sessions either.
          for (const id of inSink) expect(known.has(id)).toBe(true);
        } finally {
          await Promise.all(stores.map((store) => store.close()));
          await client.close();
          await rm(directory, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env.FETCH_PROPERTY_RUNS ?? 12), seed, endOnFailure: true },
    );
    } finally {
      await sim.close();
    }
  }, 60_000);
});
