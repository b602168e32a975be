// Soak: three `serve` replicas (child processes, the compiled CLI) on one PostgreSQL database and one
// simulator with its rate limit on. Sessions arrive all along; the leaseholder is killed with SIGKILL at
// random moments and replaced; the webhook receiver fails a share of its posts. At the end every eligible
// session is in the table exactly once and was accepted by the receiver under its session id as
// Idempotency-Key, every replica answers the same, and the simulator never answered 429.
//
// Random choices come from one seed, printed on failure; SOAK_SEED=<n> replays it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type ServeProcess } from '../../bench/replicas/serve-process';
import { startWebhookReceiver, type WebhookReceiver } from '../../bench/replicas/webhook-receiver';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { Random } from '../../src/simulator/random';
import { SCHEMA } from '../../src/store/migrations';
import { freshDatabase, type TestDatabase } from './database';

const SEED = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ARRIVALS_MS = 12_000;
const SETTLE_MS = 30_000;
const API_KEY = 'soak-test-api-key-0123';
/** The simulator's limit, and the budget the replicas share (CODE42_SOAR_REQUEST_BUDGET). */
const LIMIT = { requests: 20, windowMs: 4_000 };

let target: TestDatabase;
let sim: RunningSimulator;
let receiver: WebhookReceiver;
let dataDir: string;
const replicas = new Set<ServeProcess>();
let limited = 0;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  target = await freshDatabase({ migrated: false });
  sim = await startSimulator({ sessions: 0, rateLimit: LIMIT });
  // Counts the simulator's own 429 answers (the real limiter, observed, not replaced).
  const take = sim.tenant.limiter.take.bind(sim.tenant.limiter);
  sim.tenant.limiter.take = () => {
    const admitted = take();
    if (!admitted.ok) limited++;
    return admitted;
  };
  receiver = await startWebhookReceiver({ failureRate: 0.3, maxFailuresPerKey: 3, seed: SEED });
  dataDir = mkdtempSync(join(tmpdir(), 'code42-soar-soak-'));
});

afterAll(async () => {
  for (const replica of replicas) replica.child.kill('SIGKILL');
  await Promise.all([...replicas].map((r) => r.exited));
  await receiver?.close();
  await sim?.close();
  await target?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function replicaEnv(index: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DATABASE_URL: target.url,
    CODE42_API_URL: sim.url,
    CODE42_CLIENT_ID: sim.credentials.clientId,
    CODE42_CLIENT_SECRET: sim.credentials.clientSecret,
    CODE42_FIRST_FETCH: '30 days',
    CODE42_MAX_FETCH: '50',
    CODE42_SOAR_WEBHOOK_URL: receiver.url,
    CODE42_SOAR_REQUEST_BUDGET: `${LIMIT.requests}/${LIMIT.windowMs / 1000}`,
    CODE42_SOAR_API_KEY: API_KEY,
    CODE42_SOAR_DATA_DIR: join(dataDir, `replica-${index}`),
    LOG_LEVEL: 'info',
  };
}

let started = 0;
async function addReplica(): Promise<ServeProcess> {
  const replica = await startServe(replicaEnv(started++), ['--fetch-interval-seconds', '0.25']);
  replicas.add(replica);
  return replica;
}

async function leaseholderPid(): Promise<number | undefined> {
  const { rows } = await target.db
    .query<{ holder: string }>(`SELECT holder FROM ${SCHEMA}.leases WHERE expires_at > now()`)
    .catch(() => ({ rows: [] as { holder: string }[] }));
  // Holder names are host:pid:random (src/store/lease.ts).
  return rows[0] ? Number(rows[0].holder.split(':').at(-2)) : undefined;
}

/** Sessions the fetch filters select: alerting, open, begun within first_fetch. */
function eligibleSessions(): string[] {
  const from = Date.now() - 30 * 24 * 3_600_000;
  return sim.tenant.sessions
    .filter((s) => s.triggeredAlerts.length > 0 && ['OPEN', 'OPEN_NEW_DATA'].includes(s.states.at(-1)?.state ?? '') && s.beginTime >= from)
    .map((s) => s.sessionId)
    .sort();
}

async function storedSessions(): Promise<string[]> {
  const { rows } = await target.db.query<{ session_id: string }>(`SELECT session_id FROM ${SCHEMA}.incidents ORDER BY session_id`).catch(() => ({ rows: [] }));
  return rows.map((r) => r.session_id);
}

async function pendingDeliveries(): Promise<number> {
  const { rows } = await target.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.outbox WHERE delivered_at IS NULL`).catch(() => ({ rows: [{ n: '-1' }] }));
  return Number(rows[0].n);
}

async function incidentsSeenBy(replica: ServeProcess): Promise<string[]> {
  const response = await fetch(`${replica.url}/v1/incidents?limit=1000`, { headers: { authorization: `Bearer ${API_KEY}` } });
  expect(response.status).toBe(200);
  const page = (await response.json()) as { incidents: { dbotMirrorId: string }[] };
  return page.incidents.map((i) => i.dbotMirrorId).sort();
}

test(`three replicas, random kill -9 of the leaseholder, arriving sessions, a failing webhook: each session once (seed ${SEED})`, async () => {
  const random = new Random(SEED);
  try {
    await Promise.all([addReplica(), addReplica(), addReplica()]);
    const added: string[] = [];
    let kills = 0;
    const begin = performance.now();
    const arriving = (): boolean => performance.now() - begin < ARRIVALS_MS;
    // Chaos, beside the arrivals: every 1.5-4 s, kill -9 whichever replica holds the lease and start another.
    const chaos = (async () => {
      while (arriving()) {
        await pause(1_500 + random.int(2_500));
        const pid = await leaseholderPid();
        const victim = [...replicas].find((r) => r.pid === pid);
        if (!victim) continue;
        victim.child.kill('SIGKILL');
        await victim.exited;
        replicas.delete(victim);
        kills++;
        await addReplica();
      }
    })();
    while (arriving()) {
      added.push(sim.tenant.addSession({ severity: 1 + random.int(4), exfiltrationSummary: `soak session ${added.length}` }).sessionId);
      await pause(50 + random.int(250));
    }
    await chaos;

    const eligible = eligibleSessions();
    const settleBy = performance.now() + SETTLE_MS;
    while (performance.now() < settleBy) {
      const stored = await storedSessions();
      if (stored.length === eligible.length && (await pendingDeliveries()) === 0) break;
      await pause(200);
    }

    expect(kills).toBeGreaterThan(0);
    expect(eligible).toEqual(expect.arrayContaining(added));
    const stored = await storedSessions();
    expect(stored).toEqual(eligible);
    expect(await pendingDeliveries()).toBe(0);
    // Accepted at least once each, always under the session id; nothing else accepted.
    expect(receiver.accepted.every((d) => d.key === d.sessionId)).toBe(true);
    expect([...new Set(receiver.accepted.map((d) => d.sessionId))].sort()).toEqual(eligible);
    expect(receiver.refused).toBeGreaterThan(0);
    // Every replica reads the same table.
    for (const replica of replicas) expect(await incidentsSeenBy(replica)).toEqual(eligible);
    expect(limited).toBe(0);
  } catch (error) {
    const summary = { requests: sim.stats.snapshot(), answered429: limited, stored: (await storedSessions()).length, eligible: eligibleSessions().length, pending: await pendingDeliveries(), refused: receiver.refused };
    const logs = [...replicas].map((r) => `--- replica ${r.pid}\n${r.log().slice(-4_000)}`).join('\n');
    throw new Error(`Soak failed with SOAK_SEED=${SEED}: ${(error as Error).message}\n${JSON.stringify(summary)}\n${logs}`);
  }
}, 90_000);
