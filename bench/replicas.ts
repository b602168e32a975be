// `npm run bench -- replicas`: scheduled fetching on PostgreSQL (issue 14). Prints
//   1. fetch throughput with the PostgreSQL store against the file store, on the same simulator (same
//      sessions, same client, no rate limit: the store is the only difference), runs of max_fetch 200;
//   2. database round trips per fetch run (the store's) and per Code42 request (the shared budget's);
//   3. failover: the time from kill -9 of the leaseholder `serve` to another replica holding the lease,
//      and to its first committed run, with 3 replicas at a 1 s fetch interval.
// It starts its own throwaway PostgreSQL (bench/replicas/postgres-server.ts) unless BENCH_DATABASE_URL names
// a server (a superuser URL; a database is created on it and dropped). Needs `npm run build` first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { unlimitedBudget } from '../src/code42/budget';
import { createCode42Client } from '../src/code42/client';
import { Scheduler } from '../src/fetch/scheduler';
import { FileFetchStore, type FetchStore } from '../src/fetch/store';
import { startSimulator, type RunningSimulator } from '../src/simulator';
import { Database } from '../src/store/database';
import { PgRequestBudget } from '../src/store/budget';
import { SCHEMA, migrate } from '../src/store/migrations';
import { defaultLeaseMs, ReplicaFetchStore } from '../src/store/replica-store';
import { startLocalPostgres } from './replicas/postgres-server';
import { startServe, type ServeProcess } from './replicas/serve-process';

const SESSIONS = 2_000;
const MAX_FETCH = 200;
const FAILOVERS = 3;
const INTERVAL_S = 1;

/** Polls `probe` until it returns a value, for at most 30 s. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`Gave up waiting for ${what} after 30 s.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const params = { first_fetch: '30 days', max_fetch: String(MAX_FETCH), alert_severity: [] };

async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${process.pid}_${Date.now()}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin(`DROP DATABASE ${name} WITH (FORCE)`) };
}

interface Drain {
  runs: number;
  incidents: number;
  ms: number;
}

/** Runs until a run fetches nothing new: every session once, max_fetch at a time. */
async function drain(sim: RunningSimulator, store: FetchStore): Promise<Drain> {
  const client = createCode42Client({ apiUrl: sim.url, consoleUrl: sim.url, ...sim.credentials, budget: unlimitedBudget });
  const scheduler = new Scheduler({ client, params, store, intervalMinutes: 1 });
  const started = performance.now();
  let runs = 0;
  let incidents = 0;
  for (;;) {
    const report = await scheduler.runOnce();
    runs++;
    incidents += report.delivered;
    if (report.delivered === 0) break;
  }
  const ms = performance.now() - started;
  await client.close();
  return { runs, incidents, ms };
}

const rate = (d: Drain): string => `${Math.round((d.incidents / d.ms) * 1000)} incidents/s (${d.incidents} in ${d.runs} runs, ${Math.round(d.ms)} ms)`;

async function throughput(databaseUrl: string): Promise<void> {
  const sim = await startSimulator({ sessions: SESSIONS });
  const dir = mkdtempSync(join(tmpdir(), 'code42-soar-bench-'));
  const db = new Database({ pool: { connectionString: databaseUrl }, description: 'bench' });
  try {
    await migrate(db);
    // One drain each to warm up (JIT, token, connections), then the best of three, alternating.
    const fileDrain = (): Promise<Drain> => drain(sim, new FileFetchStore({ stateFile: join(mkdtempSync(join(dir, 'f-')), 'fetch-state.json') }));
    const pgDrain = async (): Promise<Drain & { tripsPerRun: number }> => {
      await db.query(`TRUNCATE ${SCHEMA}.outbox, ${SCHEMA}.incidents, ${SCHEMA}.checkpoints, ${SCHEMA}.leases`);
      const replica = new ReplicaFetchStore({ db, intervalMs: 60_000 });
      await replica.ensureMigrated();
      const before = db.roundTrips;
      const result = await drain(sim, replica);
      const tripsPerRun = (db.roundTrips - before) / result.runs;
      await replica.close();
      return { ...result, tripsPerRun };
    };
    await fileDrain();
    await pgDrain();
    const files: Drain[] = [];
    const pgs: (Drain & { tripsPerRun: number })[] = [];
    for (let i = 0; i < 3; i++) {
      files.push(await fileDrain());
      pgs.push(await pgDrain());
    }
    const file = files.reduce((a, b) => (b.ms < a.ms ? b : a));
    const pg = pgs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const perRun = pg.tripsPerRun;
    process.stdout.write(`fetch throughput, ${SESSIONS}-session tenant, max_fetch ${MAX_FETCH}, best of 3 after a warm-up:\n`);
    process.stdout.write(`  file store (JSONL + checkpoint file): ${rate(file)}\n`);
    process.stdout.write(`  PostgreSQL store:                     ${rate(pg)}  (${(pg.ms / file.ms).toFixed(2)}x the file store's time)\n`);
    process.stdout.write(`database round trips per fetch run (store): ${perRun.toFixed(1)} (lease, checkpoint read, BEGIN, checkpoint, incidents + outbox, COMMIT, lease renewal; a run with no incidents skips the insert)\n`);

    // The shared budget: what each Code42 request costs the database.
    const budget = new PgRequestBudget(db, { apiUrl: sim.url, clientId: sim.credentials.clientId });
    const paced = createCode42Client({ apiUrl: sim.url, consoleUrl: sim.url, ...sim.credentials, budget });
    const statsBefore = sim.stats.total();
    const tripsBefore = db.roundTrips;
    for (let page = 0; page < 10; page++) await paced.sessions.search({}, { pageNumber: page, pageSize: 10 });
    const requests = sim.stats.total() - statsBefore;
    // Releases are sent without waiting; let them land before counting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.stdout.write(`database round trips per Code42 request (shared budget): ${((db.roundTrips - tripsBefore) / Math.max(1, requests)).toFixed(1)} (${requests} requests: a grant, and a release when the answer begins)\n`);
    await paced.close();
  } finally {
    await db.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function failover(databaseUrl: string): Promise<void> {
  const sim = await startSimulator({ sessions: 200 });
  const dir = mkdtempSync(join(tmpdir(), 'code42-soar-bench-'));
  const db = new Database({ pool: { connectionString: databaseUrl }, description: 'bench' });
  const replicas = new Set<ServeProcess>();
  let started = 0;
  const add = async (): Promise<void> => {
    const env = {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      CODE42_API_URL: sim.url,
      CODE42_CLIENT_ID: sim.credentials.clientId,
      CODE42_CLIENT_SECRET: sim.credentials.clientSecret,
      CODE42_FIRST_FETCH: '30 days',
      CODE42_SOAR_API_KEY: 'bench-replicas-api-key',
      CODE42_SOAR_DATA_DIR: join(dir, `replica-${started++}`),
      LOG_LEVEL: 'warn',
    };
    replicas.add(await startServe(env, ['--fetch-interval-seconds', String(INTERVAL_S)]));
  };
  const holder = async (): Promise<{ pid: number; token: number } | undefined> => {
    const { rows } = await db.query<{ holder: string; token: string }>(`SELECT holder, token FROM ${SCHEMA}.leases WHERE expires_at > now()`).catch(() => ({ rows: [] as { holder: string; token: string }[] }));
    return rows[0] ? { pid: Number(rows[0].holder.split(':').at(-2)), token: Number(rows[0].token) } : undefined;
  };
  const version = async (): Promise<number> => {
    const { rows } = await db.query<{ version: string }>(`SELECT version FROM ${SCHEMA}.checkpoints`).catch(() => ({ rows: [] as { version: string }[] }));
    return Number(rows[0]?.version ?? 0);
  };
  try {
    await Promise.all([add(), add(), add()]);
    const leaseMs = defaultLeaseMs(INTERVAL_S * 1000);
    process.stdout.write(`failover, 3 replicas, fetch interval ${INTERVAL_S} s, lease ${leaseMs / 1000} s (bound: interval + lease = ${INTERVAL_S + leaseMs / 1000} s):\n`);
    for (let round = 1; round <= FAILOVERS; round++) {
      const current = await waitFor('a leaseholder', async () => {
        const h = await holder();
        return h && [...replicas].some((r) => r.pid === h.pid) ? h : undefined;
      });
      // A session the next leaseholder must deliver.
      sim.tenant.addSession({ severity: 4, exfiltrationSummary: `failover ${round}` });
      const victim = [...replicas].find((r) => r.pid === current.pid)!;
      const committed = await version();
      const killedAt = performance.now();
      victim.child.kill('SIGKILL');
      await victim.exited;
      replicas.delete(victim);
      await waitFor('another replica to take the lease', async () => {
        const h = await holder();
        return h && h.token !== current.token ? h : undefined;
      });
      const takeoverMs = performance.now() - killedAt;
      await waitFor('a run committed by the new leaseholder', async () => ((await version()) > committed ? true : undefined));
      const runMs = performance.now() - killedAt;
      process.stdout.write(`  round ${round}: lease taken over after ${Math.round(takeoverMs)} ms, first run committed after ${Math.round(runMs)} ms\n`);
      await add();
    }
  } finally {
    for (const r of replicas) r.child.kill('SIGKILL');
    await Promise.all([...replicas].map((r) => r.exited));
    await db.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  const external = process.env.BENCH_DATABASE_URL;
  const server = external ? undefined : await startLocalPostgres();
  process.stdout.write(`PostgreSQL: ${server ? server.description : 'BENCH_DATABASE_URL'}\n`);
  const serverUrl = external ?? server!.url;
  try {
    for (const step of [throughput, failover]) {
      const database = await createDatabase(serverUrl);
      try {
        await step(database.url);
      } finally {
        await database.drop();
      }
    }
  } finally {
    await server?.stop();
  }
}
