// `code42-soar commands [--json]`: the registry, one command per line (name, kind, description).
import type { CliIO } from '../cli';
import { getRegistry } from '../registry';

export async function run(argv: string[], io: CliIO): Promise<number> {
  let json = false;
  for (const token of argv) {
    if (token === '--json') json = true;
    else if (token === '--help' || token === '-h') {
      io.stdout.write('Usage: code42-soar commands [--json]\n');
      return 0;
    } else {
      io.stderr.write(`code42-soar commands: unexpected "${token}": the only option is --json.\n`);
      return 2;
    }
  }
  const commands = (io.registry ?? getRegistry()).list().map(({ name, kind, description }) => ({ name, kind, description }));
  if (json) {
    io.stdout.write(`${JSON.stringify(commands, null, 2)}\n`);
    return 0;
  }
  if (commands.length === 0) {
    io.stdout.write('No commands are registered.\n');
    return 0;
  }
  const width = Math.max(...commands.map((c) => c.name.length));
  for (const { name, kind, description } of commands) io.stdout.write(`${name.padEnd(width)}  ${kind.padEnd(5)}  ${description}\n`);
  return 0;
}
