// `serve` with DATABASE_URL, in process: readiness reports the database, and commands keep working while the
// database is down (they need none; the shared request budget then paces this replica alone).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { startService, type RunningService } from '../../src/server/service';
import { serviceSettings } from '../../src/server/settings';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { expectOneSentence } from '../server/helpers';
import { freshDatabase, type TestDatabase } from './database';

const API_KEY = 'serve-database-api-key';
let target: TestDatabase;
let sim: RunningSimulator;
let service: RunningService;
let dataDir: string;

beforeAll(async () => {
  target = await freshDatabase({ migrated: false });
  sim = await startSimulator({ sessions: 3 });
  dataDir = mkdtempSync(join(tmpdir(), 'code42-soar-serve-db-'));
  const env = {
    DATABASE_URL: target.url,
    CODE42_API_URL: sim.url,
    CODE42_CLIENT_ID: sim.credentials.clientId,
    CODE42_CLIENT_SECRET: sim.credentials.clientSecret,
    CODE42_SOAR_API_KEY: API_KEY,
    CODE42_SOAR_DATA_DIR: dataDir,
    PORT: '0',
  };
  service = await startService({
    config: loadConfig({ env }),
    settings: serviceSettings(env),
    logger: pino({ level: 'silent' }),
    fetch: { enabled: true, intervalMs: 60_000 },
  });
});

afterAll(async () => {
  await target.restore();
  await service?.close();
  await sim?.close();
  await target?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = (path: string, body?: unknown): Promise<Response> =>
  fetch(`${service.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

test('the service says where scheduled fetching goes, and is ready with Code42 and the database up', async () => {
  expect(service.fetching?.into).toBe(`PostgreSQL postgres@127.0.0.1:${new URL(target.url).port}${new URL(target.url).pathname}`);
  const ready = await call('/readyz');
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready', mode: 'code42' });
});

test('with the database down, readiness names it and commands still answer', async () => {
  await target.cutOff();

  const ready = await call('/readyz');
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ message: expect.stringMatching(/^The database postgres@127\.0\.0\.1:\d+\/test_\w+ failed: /) });
  const command = await call('/v1/commands/code42-alert-search', { results: '2' });
  expect(command.status).toBe(200);
  const entries = (await command.json()) as { Type: number }[];
  expect(entries[0].Type).toBe(1);
});

test('with the database down, GET /v1/incidents answers 503 in one sentence naming the database', async () => {
  await target.cutOff();

  const response = await call('/v1/incidents');
  expect(response.status).toBe(503);
  const body = (await response.json()) as { message: string };
  expect(body.message).toMatch(/^The database postgres@127\.0\.0\.1:\d+\/test_\w+ failed: [^\n]+\.$/);
  expectOneSentence(body.message);
});
