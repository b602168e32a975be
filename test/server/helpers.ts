// A running service for tests: demo-mode runtime (its own simulator) and the fastify app on 127.0.0.1:0.
import type { FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { openRuntime, type Runtime } from '../../src/runtime';
import type { RunningSimulator } from '../../src/simulator';
import { buildServer, type ServerOptions } from '../../src/server/app';

export const API_KEY = 'test-key-0123456789abcdef';

export interface TestService {
  url: string;
  app: FastifyInstance;
  runtime: Runtime;
  simulator: RunningSimulator;
  /** Every log line the service wrote. */
  logs: string[];
  /** `fetch` to the service with the API key. */
  call(path: string, init?: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

/** `configEnv`: CODE42_* instance parameters for the runtime (demo mode with the defaults when empty). */
export async function startTestService(options: Partial<Omit<ServerOptions, 'runtime' | 'logger'>> = {}, configEnv: NodeJS.ProcessEnv = {}): Promise<TestService> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  // Its own data directory: a demo tenant persists there, and tests must not share one.
  const dataDir = mkdtempSync(join(tmpdir(), 'code42-soar-service-'));
  const runtime = await openRuntime({ config: loadConfig({ env: configEnv }), logger, dataDir });
  const app = await buildServer({ runtime, apiKey: API_KEY, logger, ...options });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    runtime,
    simulator: runtime.simulator!,
    logs,
    call(path, init = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${API_KEY}`, ...init.headers };
      let body: string | undefined = init.rawBody;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      return fetch(`${url}${path}`, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
    },
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

/** A response body that is one sentence: no stack frame, no line break, no internal object dump. */
export function expectOneSentence(message: unknown): void {
  expect(typeof message).toBe('string');
  const text = message as string;
  expect(text).not.toMatch(/\n|\bat .+:\d+:\d+|\[object Object\]/);
  expect(text).toMatch(/[.?!]$/);
}
