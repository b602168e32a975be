// `npm run bench -- fetch [--sessions N] [--budget REQUESTS_PER_MINUTE]`: fetch-incidents draining a tenant of
// 10,000 open alerting sessions (max_fetch 200, run after run until nothing is new), with include_files off
// and on. Prints, for each:
//   - the requests made against the minimum: ceil(N/50) session pages + 1 token (+ N event calls with
//     include_files), N being the sessions delivered;
//   - peak RSS of the process that fetches (target < 300 MiB with include_files);
//   - client CPU per 1,000 sessions;
//   - wall time against the very same requests replayed through the product's own HTTP stack (undici's fetch
//     over an undici Agent, as src/code42/transport.ts sends them) with no processing: searches one after
//     another, each run's event calls EVENTS_CONCURRENCY at a time, as the fetch sends them (target <= 1.3x).
// The simulator runs in a child process, so its memory and CPU are not counted. The fetch runs of each mode run in
// a child process of their own, as a scheduled fetch would: what the bench itself holds (the recorded requests,
// the replays, the other mode's runs) is not counted in that peak RSS. The simulator's rate limit is off and the
// client is paced at --budget requests a minute (default 1,000,000; `--budget none` sends unpaced): at Code42's
// 120 a minute, 10,000 event calls alone would take 80+ minutes, which measures the limit, not the code.
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, fetch as undiciFetch } from 'undici';
import { SlidingWindowBudget, unlimitedBudget } from '../src/code42/budget';
import { createCode42Client, type Code42Client } from '../src/code42/client';
import type { FetchFunction } from '../src/code42/transport';
import { EVENTS_CONCURRENCY, fetchIncidents, SESSION_PAGE_SIZE } from '../src/fetch/fetch-incidents';
import type { LastRun } from '../src/fetch/last-run';

const DEFAULT_SESSIONS = 10_000;
const DEFAULT_BUDGET = 1_000_000;
const MAX_FETCH = 200;
const TIMED_PASSES = 3;
const MiB = 1024 * 1024;
const CODE42_PER_MINUTE = 120;

// ---- the simulator child ----

type ToChild = { type: 'stats' } | { type: 'reset' };
// The fetcher gets the simulator's credentials by message, not on its command line (which `ps` shows).
type ToFetcher = { type: 'start'; ready: FromSimulator; budget: number | null; includeFiles: boolean } | { type: 'pass' } | { type: 'done' };
type FromFetcher = { type: 'pass'; pass: Pass } | { type: 'done'; maxRssBytes: number };
type FromSimulator = { type: 'ready'; url: string; clientId: string; clientSecret: string; open: number };
type FromChild = FromSimulator | { type: 'stats'; requests: Record<string, number> };

async function serveSimulator(sessions: number): Promise<void> {
  const { startSimulator } = await import('../src/simulator');
  const { sessionInputs } = await import('../src/simulator/generate');
  const simulator = await startSimulator({ sessions: 0 });
  const tenant = simulator.tenant;
  // The generator's streams (late first alerts, shared timestamps, 1-3 events each), every session open.
  tenant.addSessions(sessionInputs(tenant, tenant.random(), sessions).map((input) => ({ ...input, state: 'OPEN' })));
  const open = tenant.sessions.filter((s) => s.triggeredAlerts.length > 0 && ['OPEN', 'OPEN_NEW_DATA'].includes(tenant.stateOf(s))).length;
  process.on('message', (message: ToChild) => {
    const requests = simulator.stats.snapshot();
    if (message.type === 'reset') simulator.stats.reset();
    process.send!({ type: 'stats', requests } satisfies FromChild);
  });
  process.on('disconnect', () => void simulator.close().then(() => process.exit(0)));
  process.send!({ type: 'ready', url: simulator.url, ...simulator.credentials, open } satisfies FromChild);
}

class SimulatorChild {
  private constructor(
    private readonly child: ChildProcess,
    readonly ready: FromSimulator,
  ) {}

  static start(sessions: number): Promise<SimulatorChild> {
    const child = fork(__filename, ['--simulator-child', String(sessions)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`The simulator process exited early (code ${code}).`)));
      child.once('message', (message: FromChild) => {
        if (message.type === 'ready') resolve(new SimulatorChild(child, message));
      });
    });
  }

  /** Requests per route since the last reset; `reset` also zeroes the counters. */
  reset(): Promise<Record<string, number>> {
    return new Promise((resolve) => {
      this.child.once('message', (message: FromChild) => resolve(message.type === 'stats' ? message.requests : {}));
      this.child.send({ type: 'reset' } satisfies ToChild);
    });
  }

  stop(): void {
    this.child.removeAllListeners('exit');
    this.child.disconnect();
  }
}

// ---- one pass: fetch runs until nothing is new ----

interface Recorded {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

interface Pass {
  incidents: number;
  runs: number;
  ms: number;
  cpuMs: number;
  requests: Recorded[];
}

/** A client whose every request is recorded (then sent by undici's fetch, as the transport does by default). */
function recordingClient(ready: SimulatorChild['ready'], budget: number, log: Recorded[]): Code42Client {
  const fetch: FetchFunction = (url, init) => {
    log.push({ url, method: init.method, headers: init.headers, body: init.body });
    return undiciFetch(url, init) as ReturnType<FetchFunction>;
  };
  return createCode42Client({
    apiUrl: ready.url,
    consoleUrl: ready.url,
    clientId: ready.clientId,
    clientSecret: ready.clientSecret,
    budget: Number.isFinite(budget) ? new SlidingWindowBudget({ requests: budget, windowMs: 60_000 }) : unlimitedBudget,
    fetch,
  });
}

async function fetchPass(ready: SimulatorChild['ready'], budget: number, includeFiles: boolean): Promise<Pass> {
  const requests: Recorded[] = [];
  const client = recordingClient(ready, budget, requests);
  const params = { first_fetch: '4 days', max_fetch: MAX_FETCH, include_files: includeFiles };
  let lastRun: LastRun = {};
  let runs = 0;
  let incidents = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (;;) {
    const result = await fetchIncidents(client, params, lastRun, new Date());
    runs += 1;
    lastRun = result.lastRun;
    if (result.incidents.length === 0) break;
    incidents += result.incidents.length;
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await client.close();
  return { incidents, runs, ms, cpuMs: (used.user + used.system) / 1000, requests };
}

/** The child that fetches: one pass per 'pass' message; 'done' answers with its peak RSS and ends it. */
function serveFetcher(): void {
  let start: Extract<ToFetcher, { type: 'start' }> | undefined;
  process.on('message', (message: ToFetcher) => {
    if (message.type === 'start') {
      start = message;
      return;
    }
    if (message.type === 'done') {
      process.send!({ type: 'done', maxRssBytes: process.resourceUsage().maxRSS * 1024 } satisfies FromFetcher, () => process.exit(0));
      return;
    }
    if (!start) throw new Error('The fetching process was asked for a pass before it was started.');
    fetchPass(start.ready, start.budget ?? Infinity, start.includeFiles).then(
      (pass) => process.send!({ type: 'pass', pass } satisfies FromFetcher),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  });
}

class FetcherChild {
  private constructor(private readonly child: ChildProcess) {}

  static start(ready: SimulatorChild['ready'], budget: number, includeFiles: boolean): FetcherChild {
    const child = fork(__filename, ['--fetch-child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    child.send({ type: 'start', ready, budget: Number.isFinite(budget) ? budget : null, includeFiles } satisfies ToFetcher);
    child.once('exit', (code) => {
      if (code !== 0) process.stderr.write(`The fetching process exited (code ${code}).\n`);
    });
    return new FetcherChild(child);
  }

  private ask<T extends FromFetcher['type']>(message: ToFetcher, answer: T): Promise<Extract<FromFetcher, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`The fetching process exited early (code ${code}).`));
      this.child.once('exit', onExit);
      this.child.once('message', (reply: FromFetcher) => {
        this.child.off('exit', onExit);
        if (reply.type === answer) resolve(reply as Extract<FromFetcher, { type: T }>);
        else reject(new Error(`The fetching process answered ${reply.type}, not ${answer}.`));
      });
      this.child.send(message);
    });
  }

  async pass(): Promise<Pass> {
    return (await this.ask({ type: 'pass' }, 'pass')).pass;
  }

  /** Ends the child; its peak RSS over all its passes. */
  async done(): Promise<number> {
    return (await this.ask({ type: 'done' }, 'done')).maxRssBytes;
  }
}

// ---- the floor: the same requests, no processing ----

async function send(agent: Agent, { url, method, headers, body }: Recorded): Promise<void> {
  const response = await undiciFetch(url, { method, headers, body, redirect: 'manual', dispatcher: agent });
  await response.arrayBuffer();
}

/** Searches and lookups one after another; each run of event calls EVENTS_CONCURRENCY at a time, as the fetch sends them. */
async function replay(requests: Recorded[]): Promise<number> {
  const agent = new Agent();
  const started = performance.now();
  for (let i = 0; i < requests.length; ) {
    if (!requests[i].url.endsWith('/events')) {
      await send(agent, requests[i++]);
      continue;
    }
    const batch: Recorded[] = [];
    while (i < requests.length && requests[i].url.endsWith('/events')) batch.push(requests[i++]);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(EVENTS_CONCURRENCY, batch.length) }, async () => {
        while (next < batch.length) await send(agent, batch[next++]);
      }),
    );
  }
  const ms = performance.now() - started;
  await agent.close();
  return ms;
}

// ---- report ----

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function option(argv: string[], name: string, fallback: number): number {
  const index = argv.indexOf(name);
  if (index === -1) return fallback;
  if (name === '--budget' && argv[index + 1] === 'none') return Infinity;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a positive whole number, not "${argv[index + 1] ?? ''}".`);
  return value;
}

export async function main(argv: string[] = []): Promise<void> {
  const sessions = option(argv, '--sessions', DEFAULT_SESSIONS);
  const budget = option(argv, '--budget', DEFAULT_BUDGET);
  const simulator = await SimulatorChild.start(sessions);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  try {
    const { open } = simulator.ready;
    out(`simulator: ${fmt(sessions)} generated alerting sessions, ${fmt(open)} open in all (demo sessions included); rate limit off`);
    out(
      `client pacing: ${Number.isFinite(budget) ? `${fmt(budget)} requests/minute` : 'none'} (--budget). Code42 allows ${CODE42_PER_MINUTE}/minute: ` +
        `${fmt(open)} event calls alone would take ${fmt(open / CODE42_PER_MINUTE)} minutes there, which measures the limit, not the code.`,
    );
    for (const includeFiles of [false, true]) {
      const fetcher = FetcherChild.start(simulator.ready, budget, includeFiles);
      await fetcher.pass(); // warm-up: JIT, connections, the simulator's caches
      await simulator.reset();
      // Only the fastest pass keeps its recorded requests (for the replay): the others would only inflate the RSS.
      let best: Pass | undefined;
      let made: Record<string, number> = {};
      let cpuMs = Infinity;
      for (let i = 0; i < TIMED_PASSES; i++) {
        const pass = await fetcher.pass();
        const counted = await simulator.reset();
        cpuMs = Math.min(cpuMs, pass.cpuMs);
        if (!best || pass.ms < best.ms) [best, made] = [pass, counted];
      }
      if (!best) throw new Error('No timed pass ran.');
      const rss = await fetcher.done();
      const replays: number[] = [];
      for (let i = 0; i < TIMED_PASSES; i++) replays.push(await replay(best.requests));
      await simulator.reset();
      const floor = Math.min(...replays);
      const n = best.incidents;
      const pages = Object.entries(made).filter(([route]) => route === 'GET /v1/sessions').reduce((sum, [, c]) => sum + c, 0);
      const events = Object.entries(made).filter(([route]) => route.endsWith('/events')).reduce((sum, [, c]) => sum + c, 0);
      const tokens = Object.entries(made).filter(([route]) => route.includes('/oauth')).reduce((sum, [, c]) => sum + c, 0);
      const total = Object.values(made).reduce((sum, c) => sum + c, 0);
      const minimum = Math.ceil(n / SESSION_PAGE_SIZE) + 1 + (includeFiles ? n : 0);
      const cpuPerThousand = cpuMs / (n / 1000);
      out('');
      out(`include_files ${includeFiles ? 'on' : 'off'}: ${fmt(n)} incidents in ${best.runs} runs of max_fetch ${MAX_FETCH}`);
      out(
        `  requests: ${fmt(total)} made (${fmt(pages)} session pages, ${fmt(tokens)} token${includeFiles ? `, ${fmt(events)} event calls` : ''}` +
          `${total - pages - tokens - events > 0 ? `, ${fmt(total - pages - tokens - events)} other` : ''}); minimum ${fmt(minimum)} ` +
          `(ceil(${fmt(n)}/${SESSION_PAGE_SIZE}) pages + token${includeFiles ? ` + ${fmt(n)} event calls` : ''}) => ${fmt(total / minimum, 3)}x`,
      );
      out(`  peak RSS of the fetching process: ${fmt(rss / MiB, 1)} MiB${includeFiles ? ' (target < 300 MiB)' : ''}`);
      out(`  client CPU: ${fmt(cpuPerThousand, 1)} ms per 1,000 sessions`);
      out(`  wall time: ${fmt(best.ms)} ms (best of ${TIMED_PASSES}) vs ${fmt(floor)} ms replaying the same ${fmt(best.requests.length)} requests through undici fetch + Agent with no processing => ${fmt(best.ms / floor, 2)}x (target <= 1.3x)`);
    }
  } finally {
    simulator.stop();
  }
}

if (process.argv[2] === '--fetch-child') serveFetcher();
if (process.argv[2] === '--simulator-child') {
  serveSimulator(Number(process.argv[3] ?? DEFAULT_SESSIONS)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
