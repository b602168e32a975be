// `code42-soar <subcommand>`: an explicit index of the subcommands, each loaded only when it runs, so
// `--help` and a one-shot command never load the HTTP service or the simulator they do not use.
import type { Registry } from './registry';

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** The commands to serve; default: every command in commands/ (tests pass their own). */
  registry?: Registry;
}

export interface Subcommand {
  /** Exit code: 0 success, 1 the command reported an error, 2 usage error. */
  run(argv: string[], io: CliIO): Promise<number>;
}

interface IndexEntry {
  /** One line for `code42-soar --help`. */
  summary: string;
  load(): Promise<Subcommand>;
}

export const SUBCOMMANDS: Record<string, IndexEntry> = {
  commands: { summary: 'List the commands (name, read/write, description); --json for machine output.', load: () => import('./cli/commands') },
  db: { summary: 'Migrate or show the PostgreSQL schema that DATABASE_URL points at (db migrate, db status).', load: () => import('./cli/db') },
  fetch: { summary: 'Fetch new alerts once as incidents: fetch [--state FILE] [--sink FILE|URL] [--config FILE].', load: () => import('./cli/fetch') },
  playbook: { summary: 'Run, validate, test or draw an XSOAR playbook: playbook run|validate|test|graph <file.yml> [options].', load: () => import('./cli/playbook') },
  run: { summary: 'Run one command: run <command> [name=value ...] [--json] [--config FILE] [--incident FILE] [--context FILE].', load: () => import('./cli/run') },
  serve: { summary: 'Serve the commands and fetch-incidents over HTTP, with scheduled fetching (demo mode without credentials).', load: () => import('./cli/serve') },
  simulate: { summary: 'Run the Code42 simulator (demo tenant) until Ctrl-C and print the variables that point run/serve at it.', load: () => import('./cli/simulate') },
};

function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, entry]) => `  ${name.padEnd(10)} ${entry.summary}`);
  return `Usage: code42-soar <subcommand> [options]\n\nSubcommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr).write(usage());
    return name ? 0 : 2;
  }
  const entry = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (!entry) {
    io.stderr.write(`code42-soar: unknown subcommand "${name}".\n${usage()}`);
    return 2;
  }
  return (await entry.load()).run(rest, io);
}
