// openRuntime: a configured instance gets a client pointed at it; no credentials starts the demo simulator.
import { join } from 'node:path';
import { tmpdir } from 'node:os';
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
    expect(runtime.context.config).toBe(config);
    expect(runtime.context.log).toBe(log);
    expect(runtime.context.files).toBe(runtime.files);
    expect(runtime.files.directory).toBe(join(process.cwd(), 'data', 'files'));
    expect(runtime.context.code42.alertUrl('a-1')).toBe('https://console.eu5.code42.com/app/#/alerts/review-alerts/a-1');
    expect(output.text).not.toContain('Demo mode');
  } finally {
    await runtime.close();
  }
});

test('files go where the caller says', async () => {
  const directory = join(tmpdir(), 'code42-soar-runtime-files');
  const config = loadConfig({ env: { CODE42_CLIENT_ID: 'key-1', CODE42_CLIENT_SECRET: 'secret-1' } });
  const runtime = await openRuntime({ config, logger: capturedLogger().log, registry, filesDirectory: directory });
  await runtime.close();
  expect(runtime.files).toEqual(new LocalFileStore(directory));
});

describe('demo mode', () => {
  test('starts the simulator, says so in one log line, and talks to it over HTTP', async () => {
    const { log, output } = capturedLogger();
    const runtime = await openRuntime({ config: loadConfig({ env: {} }), logger: log, registry });
    try {
      const url = runtime.simulator!.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(runtime.config).toMatchObject({ demo: true, api_url: url, console_url: url });
      const demoLines = output.lines.filter((line) => line.includes('Demo mode'));
      expect(demoLines).toHaveLength(1);
      expect(JSON.parse(demoLines[0])).toMatchObject({ level: 30, simulator: url });
      await expect(runtime.context.code42.checkConnection()).resolves.toBeUndefined();
    } finally {
      await runtime.close();
    }
  });

  test('close() stops the simulator, and closing twice is harmless', async () => {
    const runtime = await openRuntime({ config: loadConfig({ env: {} }), logger: capturedLogger().log, registry });
    const url = runtime.simulator!.url;
    await runtime.close();
    await runtime.close();
    await expect(fetch(`${url}/v1/customer`)).rejects.toThrow();
  });
});
