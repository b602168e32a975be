// openRuntime: a configured instance gets a client pointed at it; no URL and no credentials starts the demo
// simulator, whose tenant persists in the data directory; handlers get settings, never the configuration.
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { inspect } from 'node:util';
import { loadConfig } from '../../src/config';
import { LocalFileStore } from '../../src/file-store';
import { Registry } from '../../src/registry';
import { openRuntime } from '../../src/runtime';
import { capturedLogger } from './helpers';

const registry = new Registry([]);

test('a configured instance gets a client for its URLs and no simulator', async () => {
  const { log, output } = capturedLogger();
  const config = loadConfig({ env: { CODE42_CLIENT_ID: 'key-1', CODE42_CLIENT_SECRET: 'secret-1', CODE42_CONSOLE_URL: 'console.eu5.code42.com' } });
  const runtime = await openRuntime({ config, logger: log, registry });
  try {
    expect(runtime.simulator).toBeUndefined();
    expect(runtime.config).toBe(config);
    expect(runtime.registry).toBe(registry);
    expect(runtime.context.settings).toEqual({ highRiskWatchlistTitle: 'High Risk Employees' });
    expect(runtime.context.log).toBe(log);
    expect(runtime.context.files).toBe(runtime.files);
    expect(runtime.files.directory).toBe(join(process.cwd(), 'data', 'files'));
    expect(runtime.context.code42.sessionUrl('a-1')).toBe('https://console.eu5.code42.com/app/#/alerts/review-alerts/a-1');
    expect(output.text).not.toContain('Demo mode');
  } finally {
    await runtime.close();
  }
});

test('files go under the data directory the caller says', async () => {
  const dataDir = join(tmpdir(), 'code42-soar-runtime-data');
  const config = loadConfig({ env: { CODE42_CLIENT_ID: 'key-1', CODE42_CLIENT_SECRET: 'secret-1' } });
  const runtime = await openRuntime({ config, logger: capturedLogger().log, registry, dataDir });
  await runtime.close();
  expect(runtime.files).toEqual(new LocalFileStore(join(dataDir, 'files')));
});

test('handlers get the settings they need, from the parameter table, and nothing that holds the client secret', async () => {
  const secret = 'Zq7-runtime-secret-77a1';
  const config = loadConfig({ env: { CODE42_CLIENT_ID: 'key-1', CODE42_CLIENT_SECRET: secret, CODE42_HIGH_RISK_WATCHLIST_TITLE: 'Insider Watch' } });
  const runtime = await openRuntime({ config, logger: capturedLogger().log, registry, dataDir: mkdtempSync(join(tmpdir(), 'code42-soar-runtime-')) });
  try {
    expect(runtime.context.settings).toEqual({ highRiskWatchlistTitle: 'Insider Watch' });
    expect(Object.keys(runtime.context).sort()).toEqual(['code42', 'files', 'log', 'settings']);
    // What console.log and a logger would print of the whole context, the real Code42 client included.
    expect(inspect(runtime.context, { depth: 6 })).not.toContain(secret);
    const { log, output } = capturedLogger();
    log.info({ context: runtime.context }, 'the whole context');
    expect(output.text).toContain('the whole context');
    expect(output.text).not.toContain(secret);
  } finally {
    await runtime.close();
  }
});

describe('demo mode', () => {
  test('starts the simulator, says so in one log line, and talks to it over HTTP', async () => {
    const { log, output } = capturedLogger();
    const dataDir = mkdtempSync(join(tmpdir(), 'code42-soar-demo-'));
    const runtime = await openRuntime({ config: loadConfig({ env: {} }), logger: log, registry, dataDir });
    try {
      const url = runtime.simulator!.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(runtime.config).toMatchObject({ demo: true, api_url: url, console_url: url });
      const demoLines = output.lines.filter((line) => line.includes('Demo mode'));
      expect(demoLines).toHaveLength(1);
      expect(JSON.parse(demoLines[0])).toMatchObject({ level: 30, simulator: url, statePath: join(dataDir, 'simulator-tenant.json') });
      await expect(runtime.context.code42.checkConnection()).resolves.toBeUndefined();
    } finally {
      await runtime.close();
    }
  });

  test('close() stops the simulator, and closing twice is harmless', async () => {
    const runtime = await openRuntime({ config: loadConfig({ env: {} }), logger: capturedLogger().log, registry, dataDir: mkdtempSync(join(tmpdir(), 'code42-soar-demo-')) });
    const url = runtime.simulator!.url;
    await runtime.close();
    await runtime.close();
    await expect(fetch(`${url}/v1/customer`)).rejects.toThrow();
  });
});

test('the demo tenant persists in the data directory: a change made by one runtime is seen by the next', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'code42-soar-demo-'));
  const first = await openRuntime({ config: loadConfig({ env: {} }), logger: capturedLogger().log, registry, dataDir });
  let watchlistId: string;
  try {
    const created = await first.context.code42.watchlists.create({ watchlistType: 'CUSTOM', title: 'Persisted by the first run' });
    watchlistId = created.watchlistId;
  } finally {
    await first.close();
  }
  expect(existsSync(join(dataDir, 'simulator-tenant.json'))).toBe(true);
  const second = await openRuntime({ config: loadConfig({ env: {} }), logger: capturedLogger().log, registry, dataDir });
  try {
    await expect(second.context.code42.watchlists.get(watchlistId)).resolves.toMatchObject({ title: 'Persisted by the first run' });
  } finally {
    await second.close();
  }
});
