// `npm run bench -- <name>`: runs bench/<name>.ts (compiled), or every benchmark when no name is given.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Benchmark {
  main(argv: string[]): Promise<void>;
}

async function runAll(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.js') && f !== 'run.js')
    .map((f) => f.slice(0, -3))
    .sort();
  if (name && !available.includes(name)) {
    process.stderr.write(`Unknown benchmark "${name}". Available: ${available.join(', ')}.\n`);
    process.exitCode = 2;
    return;
  }
  for (const bench of name ? [name] : available) {
    process.stdout.write(`== bench ${bench} ==\n`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await (require(join(__dirname, `${bench}.js`)) as Benchmark).main(rest);
  }
}

runAll().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
