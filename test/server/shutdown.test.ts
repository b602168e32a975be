// Graceful shutdown: close() lets the command in flight answer and the fetch run in progress deliver and
// checkpoint, then nothing is listening any more.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { DEMO_USERS } from '../../src/simulator';
import { startService, type RunningService } from '../../src/server/service';

const API_KEY = 'shutdown-test-key-0123456789';

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let dataDir: string;
let service: RunningService;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'code42-soar-shutdown-'));
  service = await startService({
    config: loadConfig({ env: {} }),
    settings: { host: '127.0.0.1', port: 0, apiKey: API_KEY, apiKeyGenerated: false, dataDir },
    logger: createLogger({ level: 'silent' }),
    fetch: { enabled: true, intervalMs: 50 },
  });
});
afterAll(async () => {
  await service.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('close() finishes the command in flight and the fetch run in progress, then stops listening', async () => {
  const stateFile = join(dataDir, 'fetch-state.json');
  await until(() => existsSync(stateFile), 'the first fetch run');
  const simulator = service.runtime.simulator!;

  // A new alert (session) whose fetch run is held up in its search, and a command held up in Code42.
  simulator.faults.add([
    { method: 'GET', path: '/v1/sessions', kind: 'latency', latencyMs: 600 },
    { method: 'GET', path: '/v2/watchlists', kind: 'latency', latencyMs: 600 },
  ]);
  const searchesBefore = simulator.stats.count('GET', '/v1/sessions');
  const alert = simulator.tenant.addSession({ username: DEMO_USERS.alice });
  const watchlistsBefore = simulator.stats.count('GET', '/v2/watchlists');
  const command = fetch(`${service.url}/v1/commands/code42-watchlists-list`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}` } });
  await until(
    () => simulator.stats.count('GET', '/v1/sessions') > searchesBefore && simulator.stats.count('GET', '/v2/watchlists') > watchlistsBefore,
    'the fetch run and the command to reach Code42',
  );

  await service.close();

  const response = await command;
  expect(response.status).toBe(200);
  expect(((await response.json()) as { Type: number }[])[0].Type).toBe(1);
  // The run in progress delivered the new alert once and wrote its checkpoint past it.
  expect(await readFile(stateFile, 'utf8')).toContain(alert.sessionId);
  const sink = await readFile(join(dataDir, 'incidents.jsonl'), 'utf8');
  expect(sink.split('\n').filter((line) => line.includes(`"dbotMirrorId":"${alert.sessionId}"`))).toHaveLength(1);
  await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
});
