// `code42-soar <subcommand>`: each subcommand is a module in src/cli/ exporting `summary` and `run`.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Registry } from './registry';

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** The commands to serve; default: every command in commands/ (tests pass their own). */
  registry?: Registry;
}

export interface Subcommand {
  /** One line for `code42-soar --help`. */
  summary: string;
  /** Exit code: 0 success, 1 the command reported an error, 2 usage error. */
  run(argv: string[], io: CliIO): Promise<number>;
}

const subcommandDir = join(__dirname, 'cli');

function subcommandNames(): string[] {
  return readdirSync(subcommandDir)
    .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.(js|ts)$/, ''))
    .sort();
}

function loadSubcommand(name: string): Subcommand | undefined {
  if (!/^[a-z][a-z-]*$/.test(name)) return undefined;
  const file = ['.js', '.ts'].map((ext) => join(subcommandDir, name + ext)).find((f) => existsSync(f));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return file ? (require(file) as Subcommand) : undefined;
}

function usage(): string {
  const lines = subcommandNames().map((name) => `  ${name.padEnd(10)} ${loadSubcommand(name)?.summary ?? ''}`);
  return `Usage: code42-soar <subcommand> [options]\n\nSubcommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr).write(usage());
    return name ? 0 : 2;
  }
  const subcommand = loadSubcommand(name);
  if (!subcommand) {
    io.stderr.write(`code42-soar: unknown subcommand "${name}".\n${usage()}`);
    return 2;
  }
  return subcommand.run(rest, io);
}
