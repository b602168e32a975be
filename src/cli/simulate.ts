// `code42-soar simulate`: runs the Code42 simulator standalone (state kept for its lifetime, or in a JSON file
// with --state) and prints the demo tenant's users, watchlists, matters and rules (as shell comments) and, as
// lines a shell can eval, the environment variables that point `run` and `serve` at it.
import type { CliIO } from '../cli';
import { type RunningSimulator, describeTenant, startSimulator } from '../simulator';

const USAGE = 'code42-soar simulate [--port 4242] [--host 127.0.0.1] [--seed S] [--sessions N] [--events M] [--state FILE]';

export interface SimulateFlags {
  port: number;
  host: string;
  seed?: number;
  sessions?: number;
  events?: number;
  /** The tenant's JSON file: loaded when present, saved after every change. */
  statePath?: string;
}

/** Every error line starts like those of the other subcommands, so a script's log says which command failed. */
const PREFIX = 'code42-soar simulate: ';

type Parsed = { flags: SimulateFlags } | { error: string } | { help: true };

const INTEGER_FLAGS = {
  '--port': { key: 'port', min: 0, max: 65535 },
  '--seed': { key: 'seed', min: -(2 ** 31), max: 2 ** 32 - 1 },
  '--sessions': { key: 'sessions', min: 0, max: 1_000_000 },
  '--events': { key: 'events', min: 0, max: 5_000_000 },
} as const;

export function parseSimulateArgs(argv: readonly string[]): Parsed {
  const flags: SimulateFlags = { port: 4242, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name !== '--host' && name !== '--state' && !(name in INTEGER_FLAGS)) return { error: `Unknown argument "${arg}"; usage: ${USAGE}.` };
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') return { error: `${name} needs a value; usage: ${USAGE}.` };
    if (name === '--host') {
      flags.host = value;
      continue;
    }
    if (name === '--state') {
      flags.statePath = value;
      continue;
    }
    const spec = INTEGER_FLAGS[name as keyof typeof INTEGER_FLAGS];
    const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < spec.min || n > spec.max) return { error: `${name} needs an integer between ${spec.min} and ${spec.max}, not "${value}".` };
    flags[spec.key] = n;
  }
  return { flags };
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function listenFailure(error: unknown, flags: SimulateFlags): string {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') return `Port ${flags.port} on ${flags.host} is already in use; choose another with --port.`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `Cannot listen on host ${flags.host}; use a local address such as 127.0.0.1.`;
  if (code === 'EACCES') return `Not allowed to listen on port ${flags.port}; choose a port above 1023 with --port.`;
  return `The simulator could not start: ${(error instanceof Error ? error.message : String(error)).replace(/\.$/, '')}.`;
}

/** Runs until `stopped` resolves (SIGINT/SIGTERM for the real CLI). */
export async function runSimulate(argv: readonly string[], io: CliIO, stopped: () => Promise<void>): Promise<number> {
  const parsed = parseSimulateArgs(argv);
  if ('help' in parsed) {
    io.stdout.write(`Usage: ${USAGE}\n`);
    return 0;
  }
  if ('error' in parsed) {
    io.stderr.write(`${PREFIX}${parsed.error}\n`);
    return 2;
  }
  const { flags } = parsed;
  let simulator: RunningSimulator;
  try {
    simulator = await startSimulator(flags);
  } catch (error) {
    io.stderr.write(`${PREFIX}${listenFailure(error, flags)}\n`);
    return 1;
  }
  const { tenant, url, credentials } = simulator;
  io.stdout.write(
    [
      `# Code42 simulator listening on ${url} (${tenant.users.length} users, ${tenant.sessions.length} sessions, ${tenant.fileEvents.length} file events${flags.statePath ? `, saved in ${flags.statePath}` : ''}); Ctrl-C stops it.`,
      ...describeTenant(tenant).map((line) => (line === '' ? '#' : `# ${line}`)),
      `export CODE42_API_URL=${url}`,
      `export CODE42_CONSOLE_URL=${url}`,
      `export CODE42_CLIENT_ID=${credentials.clientId}`,
      `export CODE42_CLIENT_SECRET=${credentials.clientSecret}`,
      '',
    ].join('\n'),
  );
  await stopped();
  await simulator.close();
  io.stderr.write('Code42 simulator stopped.\n');
  return 0;
}

export function run(argv: string[], io: CliIO): Promise<number> {
  return runSimulate(argv, io, untilSignal);
}
