// Exactly-once under pressure, against the real simulator over HTTP: random alert streams (crowded shared
// timestamps, late-indexed alerts inside the look-back, alerts arriving while a run is in progress), random
// max_fetch, random faults (429, 5xx, dropped connections) and crashes between delivery and checkpoint.
// After the storm, runs without faults drain the rest; the sink must then hold every eligible alert once,
// and the runs that checkpointed must between them have emitted each exactly once.
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createCode42Client, type Code42Client } from '../../src/code42/client';
import type { FetchClient } from '../../src/fetch/fetch-incidents';
import type { Incident } from '../../src/fetch/incident';
import { JsonlSink } from '../../src/fetch/jsonl-sink';
import { Scheduler } from '../../src/fetch/scheduler';
import type { DeliveryReport, IncidentSink } from '../../src/fetch/sink';
import { startSimulator, type AlertInput, type FaultRule, type RunningSimulator } from '../../src/simulator';

const T0 = Date.parse('2024-03-01T10:00:00.000Z');
const LOOKBACK_MINUTES = 5;
const LOOKBACK_MS = LOOKBACK_MINUTES * 60_000;
/** Late alerts stay this far inside the look-back. */
const LATE_MARGIN_MS = 30_000;
const SEVERITIES = ['CRITICAL', 'HIGH', 'MODERATE', 'LOW', 'NO_RISK_INDICATED'] as const;
const CHOICES = ['Critical', 'High', 'Moderate', 'Low'] as const;
const ROUTES = ['/v1/alerts/query-alerts', '/v1/alerts/query-details', '/v2/file-events', '*'];

interface ArrivalSpec {
  /** 0: now; otherwise that many ms in the past (a late alert), within the look-back. */
  ageMs: number;
  /** Alerts sharing this createdAt. */
  count: number;
  severity: (typeof SEVERITIES)[number];
  open: boolean;
}

interface Step {
  before: ArrivalSpec[];
  /** Added after the run has read its first page of alerts. */
  during: ArrivalSpec[];
  maxFetch: number;
  faults: FaultRule[];
  crash: 'none' | 'after-delivery' | 'torn-write';
  advanceMs: number;
}

const arrival = (maxCount: number): fc.Arbitrary<ArrivalSpec> =>
  fc.record({
    ageMs: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: LOOKBACK_MS - LATE_MARGIN_MS }),
      fc.integer({ min: LOOKBACK_MS - 3 * LATE_MARGIN_MS, max: LOOKBACK_MS - LATE_MARGIN_MS }),
    ),
    count: fc.integer({ min: 1, max: maxCount }),
    severity: fc.constantFrom(...SEVERITIES),
    open: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  });

const fault: fc.Arbitrary<FaultRule> = fc.record({
  path: fc.constantFrom(...ROUTES),
  kind: fc.constantFrom('status' as const, 'drop' as const),
  status: fc.constantFrom(429, 500, 502, 503, 504),
  retryAfterSeconds: fc.constant(0),
  times: fc.integer({ min: 1, max: 3 }),
  probability: fc.constantFrom(0.3, 1),
});

const step: fc.Arbitrary<Step> = fc.record({
  before: fc.array(fc.oneof({ weight: 12, arbitrary: arrival(6) }, { weight: 1, arbitrary: arrival(650) }), { maxLength: 4 }),
  during: fc.array(arrival(4), { maxLength: 2 }),
  maxFetch: fc.integer({ min: 1, max: 200 }),
  faults: fc.array(fault, { maxLength: 2 }),
  crash: fc.constantFrom('none', 'none', 'after-delivery', 'torn-write'),
  // Mostly seconds apart; sometimes far enough for the watermark to leave earlier alerts behind the look-back.
  advanceMs: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 30_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 120_000, max: 300_000 }) }),
});

const scenario = fc.record({
  steps: fc.array(step, { minLength: 3, maxLength: 8 }),
  severities: fc.subarray([...CHOICES]),
  includeFiles: fc.boolean(),
});

/** Records what reached deliver(); throws after delivering (or after a torn append) to play a crash. */
class Harness implements IncidentSink {
  readonly description = 'test sink';
  crash: Step['crash'] = 'none';
  lastDelivery: string[] = [];
  constructor(
    readonly inner: JsonlSink,
    private readonly file: string,
  ) {}
  async deliver(incidents: readonly Incident[]): Promise<DeliveryReport> {
    this.lastDelivery = incidents.map((incident) => incident.dbotMirrorId);
    if (this.crash === 'torn-write') {
      const [first, ...rest] = incidents;
      await this.inner.deliver(rest.slice(0, Math.floor(rest.length / 2)));
      await appendFile(this.file, JSON.stringify(first).slice(0, 40));
      throw new Error('crashed in the middle of a write');
    }
    const report = await this.inner.deliver(incidents);
    if (this.crash === 'after-delivery') throw new Error('crashed after delivery');
    return report;
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('fetch exactly once (property, against the simulator)', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'fetch-property-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('leaves every eligible alert in the sink exactly once across faults, crashes and restarts', async () => {
    let iteration = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ steps, severities, includeFiles }) => {
        let now = T0;
        const simulator: RunningSimulator = await startSimulator({ alerts: 0, events: 20, clock: () => now, tokenTtlSeconds: 86_400 });
        const client: Code42Client = createCode42Client({
          apiUrl: simulator.url,
          consoleUrl: simulator.url,
          clientId: simulator.credentials.clientId,
          clientSecret: simulator.credentials.clientSecret,
          retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 },
        });
        const stateFile = join(directory, `state-${iteration}.json`);
        const sinkFile = join(directory, `incidents-${iteration}.jsonl`);
        iteration += 1;
        const eventIds = simulator.tenant.fileEvents().map((event) => event.id);
        let during: ArrivalSpec[] = [];
        const addAlerts = (specs: ArrivalSpec[]): void => {
          const inputs: AlertInput[] = specs.flatMap((spec, s) =>
            Array.from({ length: spec.count }, (_, i) => ({
              createdAt: now - spec.ageMs,
              riskSeverity: spec.severity,
              state: spec.open ? 'OPEN' : 'RESOLVED',
              eventIds: eventIds.slice((s + i) % 10, ((s + i) % 10) + 2),
            })),
          );
          simulator.tenant.addAlerts(inputs);
        };
        // The run in progress reads its first page, then the new alerts land.
        const fetchClient: FetchClient = {
          alerts: {
            query: async (criteria, page) => {
              const answer = await client.alerts.query(criteria, page);
              addAlerts(during);
              during = [];
              return answer;
            },
            details: (ids) => client.alerts.details(ids),
            updateState: (ids, state, note) => client.alerts.updateState(ids, state, note),
            addNote: (id, note) => client.alerts.addNote(id, note),
          },
          fileEvents: client.fileEvents,
          alertUrl: (id) => client.alertUrl(id),
        };
        const params = { first_fetch: '1 hour', alert_severity: severities, include_files: includeFiles, fetch_lookback: LOOKBACK_MINUTES };
        const committed: string[] = [];
        const restart = async (maxFetch: number, previous?: Harness): Promise<{ harness: Harness; scheduler: Scheduler }> => {
          await previous?.close();
          const harness = new Harness(await JsonlSink.open(sinkFile), sinkFile);
          const scheduler = new Scheduler({
            client: fetchClient,
            params: { ...params, max_fetch: maxFetch },
            stateFile,
            sink: harness,
            intervalMinutes: 1,
            clock: () => new Date(now),
          });
          return { harness, scheduler };
        };
        const runOnce = async (scheduler: Scheduler, harness: Harness): Promise<boolean> => {
          harness.lastDelivery = [];
          try {
            const report = await scheduler.runOnce();
            if (report.fetched > 0) committed.push(...harness.lastDelivery);
            return report.fetched > 0;
          } catch {
            return true;
          }
        };

        try {
          let running = await restart(steps[0].maxFetch);
          for (const { before, during: inRun, maxFetch, faults, crash, advanceMs } of steps) {
            addAlerts(before);
            during = inRun;
            simulator.faults.clear();
            simulator.faults.add(faults);
            running = await restart(maxFetch, running.harness);
            running.harness.crash = crash;
            await runOnce(running.scheduler, running.harness);
            during = [];
            now += advanceMs;
          }
          simulator.faults.clear();
          running = await restart(200, running.harness);
          for (let drain = 0; drain < 40 && (await runOnce(running.scheduler, running.harness)); drain++);
          await running.harness.close();

          const wanted = new Set(severities.map((s) => s.toUpperCase()));
          const eligible = simulator.tenant.alerts
            .all()
            .filter((alert) => alert.state === 'OPEN' && (wanted.size === 0 || wanted.has(alert.riskSeverity)))
            .map((alert) => alert.id)
            .sort();
          const inSink = (await readFile(sinkFile, 'utf8'))
            .split('\n')
            .filter(Boolean)
            .map((line) => (JSON.parse(line) as Incident).dbotMirrorId);
          expect([...inSink].sort()).toEqual(eligible);
          expect([...committed].sort()).toEqual(eligible);
        } finally {
          await client.close();
          await simulator.close();
        }
      }),
      { numRuns: 40, seed: Number(process.env.FETCH_PROPERTY_SEED ?? Date.now() % 2 ** 31) },
    );
  }, 60_000);
});
