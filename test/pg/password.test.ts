// The password in DATABASE_URL is a secret: it must not reach the logs (debug level included), an error,
// a /readyz or /v1/incidents answer, the serve banner's store description, or `db status` / `db migrate`
// output — with the database up, and while it is down, when every failure path speaks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { startService, type RunningService } from '../../src/server/service';
import { serviceSettings } from '../../src/server/settings';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { Capture, captureIO } from '../foundation/helpers';
import { freshDatabase, type TestDatabase } from './database';

const PASSWORD = 'Pw-0f-the-DB_4f9c1e';
const API_KEY = 'password-test-api-key';

/** A log destination that can be awaited: until() resolves once what was written matches. */
class WatchedLog extends Capture {
  private waiters: { pattern: RegExp; resolve: () => void }[] = [];

  override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    super._write(chunk, encoding, callback);
    this.waiters = this.waiters.filter((w) => !(w.pattern.test(this.text) && (w.resolve(), true)));
  }

  until(pattern: RegExp): Promise<void> {
    return pattern.test(this.text) ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }
}

let sim: RunningSimulator;
let target: TestDatabase;
let hook: Server;
let dataDir: string;

beforeAll(async () => {
  sim = await startSimulator({ sessions: 4 });
  target = await freshDatabase({ migrated: false });
  dataDir = mkdtempSync(join(tmpdir(), 'code42-soar-password-'));
  // A webhook that refuses everything, so the outbox's failure path logs too.
  hook = createServer((request, response) => request.resume().on('end', () => response.writeHead(503).end()));
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => hook.close(resolve));
  await sim.close();
  await target.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the DATABASE_URL password appears nowhere, with the database up or down', async () => {
  const url = new URL(target.url);
  url.password = PASSWORD;
  // The suite's server trusts local connections: the password is sent and ignored, as a real one would be checked.
  const env = {
    DATABASE_URL: url.href,
    CODE42_API_URL: sim.url,
    CODE42_CLIENT_ID: sim.credentials.clientId,
    CODE42_CLIENT_SECRET: sim.credentials.clientSecret,
    CODE42_SOAR_API_KEY: API_KEY,
    CODE42_SOAR_DATA_DIR: dataDir,
    CODE42_SOAR_WEBHOOK_URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
    PORT: '0',
  };
  const log = new WatchedLog();
  const seen: string[] = [];
  const call = async (path: string): Promise<number> => {
    const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    seen.push(await response.text());
    return response.status;
  };
  const db = async (action: string): Promise<number> => {
    const io = captureIO(env);
    const code = await main(['db', action], io);
    seen.push(io.stdout.text, io.stderr.text);
    return code;
  };

  const service: RunningService = await startService({
    config: loadConfig({ env }),
    settings: serviceSettings(env),
    logger: createLogger({ destination: log, level: 'debug', format: 'json' }),
    fetch: { enabled: true, intervalMs: 100 },
  });
  try {
    seen.push(service.fetching!.into);
    await log.until(/incidents fetched, [1-9]\d* new at/);
    await log.until(/\[Outbox\]/);
    expect(await call('/readyz')).toBe(200);
    expect(await call('/v1/incidents')).toBe(200);
    expect(await db('status')).toBe(0);

    await target.cutOff();
    await log.until(/The fetch run failed[^\n]*The database postgres@/);
    expect(await call('/readyz')).toBe(503);
    expect(await call('/v1/incidents')).toBe(503);
    expect(await db('status')).toBe(1);
    expect(await db('migrate')).toBe(1);
    const fetchIo = captureIO({ ...env, LOG_LEVEL: 'debug' });
    expect(await main(['fetch'], fetchIo)).toBe(1);
    seen.push(fetchIo.stdout.text, fetchIo.stderr.text);
  } finally {
    await target.restore();
    await service.close();
  }
  seen.push(log.text);
  const everything = seen.join('\n');
  // The failures did speak, naming the database by user@host:port/name.
  expect(everything).toMatch(/The database postgres@127\.0\.0\.1:\d+\/test_\w+ failed/);
  expect(everything).not.toContain(PASSWORD);
  expect(everything).not.toContain(encodeURIComponent(PASSWORD));
}, 30_000);
