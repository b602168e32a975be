// Shared test doubles for the foundation suites: capturing streams, a CLI io, a command context, a command.
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { CliIO } from '../../src/cli';
import type { Code42Api } from '../../src/code42/api';
import { type CommandContext, type CommandSettings, defineCommand, type FileStore } from '../../src/command';
import { loadConfig } from '../../src/config';
import { createLogger, type LogFormat } from '../../src/log';
import type { Registry } from '../../src/registry';

/** A writable stream that keeps everything written to it. */
export class Capture extends Writable {
  private readonly chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }

  get text(): string {
    return this.chunks.join('');
  }

  /** pino writes one record per line. */
  get lines(): string[] {
    return this.text.split('\n').filter((line) => line !== '');
  }
}

export interface CapturedIO extends CliIO {
  stdout: Capture;
  stderr: Capture;
}

export function captureIO(env: NodeJS.ProcessEnv = {}, registry?: Registry): CapturedIO {
  return { stdout: new Capture(), stderr: new Capture(), env, registry };
}

/** A debug-level logger whose lines are kept; JSON lines unless `format` says text. */
export function capturedLogger(format?: LogFormat): { log: Logger; output: Capture } {
  const output = new Capture();
  return { log: createLogger({ destination: output, level: 'debug', format }), output };
}

/** A Code42Api whose every area is unusable: tests replace the parts a handler touches. */
export function fakeCode42(parts: Partial<Code42Api> = {}): Code42Api {
  return new Proxy(parts as Code42Api, {
    get(target, property: string) {
      if (property in target) return target[property as keyof Code42Api];
      throw new Error(`The test's fake Code42 API has no ${property}.`);
    },
  });
}

/** A command that only checks the connection to Code42, for runs through the CLI and the real client. */
export const connectionCheck = defineCommand({
  name: 'code42-test-connection',
  description: 'Check the API client.',
  kind: 'read',
  args: {},
  async handler({ code42 }) {
    await code42.checkConnection();
    return { readable: 'ok' };
  },
});

const noFiles: FileStore = {
  save: () => Promise.reject(new Error('This test stores no files.')),
  remove: () => Promise.reject(new Error('This test stores no files.')),
};

export function fakeContext(options: { code42?: Partial<Code42Api>; settings?: CommandSettings; log?: Logger } = {}): CommandContext {
  return {
    code42: fakeCode42(options.code42),
    settings: options.settings ?? { highRiskWatchlistTitle: loadConfig({ env: {} }).high_risk_watchlist_title },
    log: options.log ?? createLogger({ destination: new Capture(), level: 'silent' }),
    files: noFiles,
  };
}
