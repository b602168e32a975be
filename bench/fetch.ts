// `npm run bench -- fetch`: fetch-incidents draining 10,000 open alerts, max_fetch 200, with include_files
// off and on. Prints the requests made against the minimum (query pages + detail batches of 100 + file-event
// batches), the wall time against a raw floor (the very same HTTP requests replayed with undici, bodies read
// and discarded) and the peak RSS. The simulator runs in a child process so its memory is not counted.
// Targets: requests = minimum; time <= 1.5x the floor; peak RSS < 300 MiB with include_files.
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'undici';
import type { AlertDetails, AlertSummary } from '../src/code42/api';
import { createCode42Client, type Code42Client } from '../src/code42/client';
import { ALERT_PAGE_SIZE, DETAILS_BATCH_SIZE, FILE_EVENT_BATCH_SIZE, fetchIncidents, type FetchClient } from '../src/fetch/fetch-incidents';
import { observedEventIds } from '../src/fetch/incident';
import type { LastRun } from '../src/fetch/last-run';

const ALERTS = 10_000;
const EVENTS = 20_000;
const FILES_PER_ALERT = 3;
const MAX_FETCH = 200;
const TIMED_PASSES = 7;
const MiB = 1024 * 1024;
const ROUTES = {
  query: 'POST /v1/alerts/query-alerts',
  details: 'POST /v1/alerts/query-details',
  fileEvents: 'POST /v2/file-events',
  token: 'POST /v1/oauth',
} as const;

// ---- the simulator child ----

type ToChild = { type: 'stats' } | { type: 'reset' };
type FromChild = { type: 'ready'; url: string; clientId: string; clientSecret: string } | { type: 'stats'; requests: Record<string, number> };

async function serveSimulator(): Promise<void> {
  const { startSimulator } = await import('../src/simulator');
  const simulator = await startSimulator({ alerts: 0, events: EVENTS });
  const events = simulator.tenant.fileEvents().map((event) => event.id);
  const newest = Date.now() - 60_000;
  // Every third alert shares its createdAt with two others, as bursts from one rule do.
  simulator.tenant.addAlerts(
    Array.from({ length: ALERTS }, (_, i) => ({
      createdAt: newest - Math.floor((ALERTS - i) / 3) * 20_000,
      riskSeverity: ['LOW', 'MODERATE', 'HIGH', 'CRITICAL'][i % 4],
      eventIds: Array.from({ length: FILES_PER_ALERT }, (_, j) => events[(i * FILES_PER_ALERT + j) % events.length]),
    })),
  );
  process.on('message', (message: ToChild) => {
    const requests = simulator.stats.snapshot();
    if (message.type === 'reset') simulator.stats.reset();
    process.send!({ type: 'stats', requests } satisfies FromChild);
  });
  process.on('disconnect', () => void simulator.close().then(() => process.exit(0)));
  process.send!({ type: 'ready', url: simulator.url, ...simulator.credentials } satisfies FromChild);
}

class SimulatorChild {
  private constructor(
    private readonly child: ChildProcess,
    readonly ready: Extract<FromChild, { type: 'ready' }>,
  ) {}

  static start(): Promise<SimulatorChild> {
    const child = fork(__filename, ['--simulator-child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`The simulator process exited early (code ${code}).`)));
      child.once('message', (message: FromChild) => {
        if (message.type === 'ready') resolve(new SimulatorChild(child, message));
      });
    });
  }

  /** Requests per route since the last reset; `reset` also zeroes the counters. */
  private ask(type: ToChild['type']): Promise<Record<string, number>> {
    return new Promise((resolve) => {
      this.child.once('message', (message: FromChild) => resolve(message.type === 'stats' ? message.requests : {}));
      this.child.send({ type } satisfies ToChild);
    });
  }

  stats(): Promise<Record<string, number>> {
    return this.ask('stats');
  }

  reset(): Promise<Record<string, number>> {
    return this.ask('reset');
  }

  stop(): void {
    this.child.removeAllListeners('exit');
    this.child.disconnect();
  }
}

// ---- one fetch pass: runs until nothing new ----

interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

interface PassResult {
  runs: number;
  incidents: number;
  ms: number;
  minimum: { query: number; details: number; fileEvents: number };
}

/** Query pages offset paging needs to reach `needed` alerts (or, when the run ends short, to see the end). */
function minimumPages(distinctRead: number, needed: number | undefined): number {
  return needed === undefined ? Math.floor(distinctRead / ALERT_PAGE_SIZE) + 1 : Math.ceil(needed / ALERT_PAGE_SIZE);
}

/**
 * Fetches until nothing is new. With `count`, also works out the least a fetch could have asked for — that
 * bookkeeping re-reads every answer, so timed passes run without it.
 */
async function fetchPass(client: Code42Client, includeFiles: boolean, count: boolean): Promise<PassResult> {
  const params = { first_fetch: '24 hours', max_fetch: MAX_FETCH, include_files: includeFiles };
  const minimum = { query: 0, details: 0, fileEvents: 0 };
  let read: AlertSummary[] = [];
  let details: AlertDetails[] = [];
  // Watches what each run read and got, to work out the least a fetch could have asked for.
  const watched: FetchClient = {
    alerts: {
      query: async (criteria, page) => {
        const answer = await client.alerts.query(criteria, page);
        read.push(...answer.alerts);
        return answer;
      },
      details: async (ids) => {
        const answer = await client.alerts.details(ids);
        details.push(...answer);
        return answer;
      },
      updateState: (ids, state, note) => client.alerts.updateState(ids, state, note),
      addNote: (id, note) => client.alerts.addNote(id, note),
    },
    fileEvents: client.fileEvents,
    alertUrl: (id) => client.alertUrl(id),
  };
  let lastRun: LastRun = {};
  let runs = 0;
  let incidents = 0;
  const started = performance.now();
  for (;;) {
    read = [];
    details = [];
    const result = await fetchIncidents(count ? watched : client, params, lastRun, new Date());
    runs += 1;
    if (count) {
      const distinct = [...new Set(read.map((alert) => alert.id))];
      const last = result.incidents.at(-1)?.dbotMirrorId;
      minimum.query += minimumPages(distinct.length, result.incidents.length === MAX_FETCH && last ? distinct.indexOf(last) + 1 : undefined);
      minimum.details += Math.ceil(result.incidents.length / DETAILS_BATCH_SIZE);
      if (includeFiles) minimum.fileEvents += Math.ceil(new Set(details.flatMap(observedEventIds)).size / FILE_EVENT_BATCH_SIZE);
    }
    if (result.incidents.length === 0) break;
    incidents += result.incidents.length;
    lastRun = result.lastRun;
  }
  return { runs, incidents, ms: performance.now() - started, minimum };
}

/** Runs `task` with the global fetch recording every request the Code42 client sends. */
async function recording<T>(task: () => Promise<T>): Promise<{ result: T; requests: RecordedRequest[] }> {
  const original = globalThis.fetch;
  const requests: RecordedRequest[] = [];
  globalThis.fetch = (input, init) => {
    requests.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    return original(input, init);
  };
  try {
    return { result: await task(), requests };
  } finally {
    globalThis.fetch = original;
  }
}

/** The requests, one after another, over a fresh keep-alive pool, each body read and dropped; milliseconds taken. */
async function timedReplay(requests: RecordedRequest[], send: (recorded: RecordedRequest, agent: Agent) => Promise<void>): Promise<number> {
  const agent = new Agent();
  const started = performance.now();
  for (const recorded of requests) await send(recorded, agent);
  const ms = performance.now() - started;
  await agent.close();
  return ms;
}

/** The floor: undici's own request API. */
async function viaUndici({ url, method, headers, body }: RecordedRequest, agent: Agent): Promise<void> {
  const response = await request(url, { method: method as 'GET' | 'POST', headers, body, dispatcher: agent });
  for await (const _chunk of response.body);
}

/**
 * For reference, not the target: the global fetch, the HTTP stack the client is bound to (nock intercepts it, not
 * undici.request). The distance from the floor is that stack's, not the fetch's processing.
 */
async function viaGlobalFetch({ url, method, headers, body }: RecordedRequest, agent: Agent): Promise<void> {
  const response = await fetch(url, { method, headers, body, dispatcher: agent as unknown as RequestInit['dispatcher'] });
  const reader = response.body?.getReader();
  while (reader && !(await reader.read()).done);
}

// ---- report ----

const count = (requests: Record<string, number>, route: string): number => requests[route] ?? 0;
const verdict = (ok: boolean): string => (ok ? 'meets target' : 'MISSES target');

async function scenario(simulator: SimulatorChild, includeFiles: boolean, out: NodeJS.WritableStream): Promise<void> {
  const client = createCode42Client({ apiUrl: simulator.ready.url, consoleUrl: simulator.ready.url, clientId: simulator.ready.clientId, clientSecret: simulator.ready.clientSecret });
  try {
    await simulator.reset();
    // The warm-up pass is also the recording of the requests to replay, and the request count.
    const { result: warm, requests } = await recording(() => fetchPass(client, includeFiles, true));
    const made = await simulator.reset();
    const replayed = requests.filter((r) => !r.url.endsWith('/v1/oauth'));
    const timings = { fetch: [] as number[], raw: [] as number[], viaFetch: [] as number[], cpu: [] as number[] };
    for (let pass = 0; pass < TIMED_PASSES; pass++) {
      const cpuBefore = process.cpuUsage();
      timings.fetch.push((await fetchPass(client, includeFiles, false)).ms);
      const cpu = process.cpuUsage(cpuBefore);
      timings.cpu.push((cpu.user + cpu.system) / 1000);
      timings.raw.push(await timedReplay(replayed, viaUndici));
    }
    // Apart from the timed passes, so that the garbage it leaves is not collected inside one of them.
    for (let pass = 0; pass < TIMED_PASSES; pass++) timings.viaFetch.push(await timedReplay(replayed, viaGlobalFetch));
    const fetchMs = Math.min(...timings.fetch);
    const rawMs = Math.min(...timings.raw);
    const viaFetchMs = Math.min(...timings.viaFetch);
    const minimum = warm.minimum.query + warm.minimum.details + warm.minimum.fileEvents;
    const madeTotal = count(made, ROUTES.query) + count(made, ROUTES.details) + count(made, ROUTES.fileEvents);
    const rssMiB = (process.resourceUsage().maxRSS * 1024) / MiB;
    out.write(
      [
        `include_files ${includeFiles ? 'on' : 'off'}: ${warm.incidents} incidents in ${warm.runs} runs (max_fetch ${MAX_FETCH}, the last run finds nothing new)`,
        `  requests   ${madeTotal} made vs ${minimum} minimum — ${verdict(madeTotal === minimum)}`,
        `             query-alerts ${count(made, ROUTES.query)} (min ${warm.minimum.query}), query-details ${count(made, ROUTES.details)} (min ${warm.minimum.details})` +
          `, file-events ${count(made, ROUTES.fileEvents)} (min ${warm.minimum.fileEvents}); plus ${count(made, ROUTES.token)} token request(s)`,
        `  wall time  ${fetchMs.toFixed(0)} ms vs raw floor ${rawMs.toFixed(0)} ms = ${(fetchMs / rawMs).toFixed(2)}x (target <= 1.50x) — ${verdict(fetchMs <= 1.5 * rawMs)}` +
          `  [best of ${TIMED_PASSES}; fetch ${timings.fetch.map((t) => t.toFixed(0)).join('/')}, raw ${timings.raw.map((t) => t.toFixed(0)).join('/')} ms]`,
        `  reference  the same requests through the global fetch, no processing: ${viaFetchMs.toFixed(0)} ms = ${(viaFetchMs / rawMs).toFixed(2)}x the floor (best of ${TIMED_PASSES})`,
        `  client CPU ${Math.min(...timings.cpu).toFixed(0)} ms per fetch pass (parsing answers, building incidents), the rest of the wall time is waiting for Code42`,
        `  peak RSS   ${rssMiB.toFixed(0)} MiB so far in this process (target < 300 MiB with include_files)${includeFiles ? ` — ${verdict(rssMiB < 300)}` : ''}`,
        '',
      ].join('\n'),
    );
  } finally {
    await client.close();
  }
}

/** `--files off|on` runs one scenario; both by default. */
function includeFilesChoices(argv: string[]): boolean[] {
  const choice = argv.find((arg) => arg.startsWith('--files='))?.slice('--files='.length) ?? argv[argv.indexOf('--files') + 1];
  if (argv.includes('--files') || choice !== undefined) {
    if (choice === 'off') return [false];
    if (choice === 'on') return [true];
    throw new Error('--files takes off or on (both scenarios run without it).');
  }
  return [false, true];
}

export async function main(argv: string[] = []): Promise<void> {
  const out = process.stdout;
  const choices = includeFilesChoices(argv);
  out.write(`Simulator (separate process): ${ALERTS} open alerts, ${FILES_PER_ALERT} file events each, ${EVENTS} events in all.\n\n`);
  const simulator = await SimulatorChild.start();
  try {
    for (const includeFiles of choices) await scenario(simulator, includeFiles, out);
  } finally {
    simulator.stop();
  }
}

if (require.main === module && process.argv[2] === '--simulator-child') {
  serveSimulator().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
