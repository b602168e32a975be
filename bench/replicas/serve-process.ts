// A `code42-soar serve` replica as a child process (the compiled CLI, as a user runs it), for the replicas
// soak test and benchmark: started with its own environment, known by the URL its banner prints, killed
// with any signal (SIGKILL for a crash).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root';

export interface ServeProcess {
  pid: number;
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** The process's log so far (JSON lines on stderr), for a failure message. */
  log(): string;
}

/** The CLI a user runs (it loads the compiled dist/), whether this file runs from bench/ or dist/bench/. */
const BIN = join(projectRoot(), 'bin', 'code42-soar.js');
const START_TIMEOUT_MS = 20_000;
const KEPT_LOG_CHARS = 64_000;

export function startServe(env: NodeJS.ProcessEnv, args: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: { ...env, HOST: '127.0.0.1', PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-KEPT_LOG_CHARS);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${START_TIMEOUT_MS / 1000} s:\n${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /serving on (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ pid: child.pid!, url: match[1], child, exited, log: () => stderr });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (code ${code}) before it was serving:\n${stdout}${stderr}`));
    });
  });
}
