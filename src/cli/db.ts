// `code42-soar db migrate|status`: the PostgreSQL schema that DATABASE_URL (or PGHOST / PGDATABASE) points
// at. `serve` migrates on start by itself; these let an operator do it ahead of a rollout and check it.
import type { CliIO } from '../cli';
import { openDatabase } from '../store/database';
import { DATABASE_URL_ENV, DatabaseError, databaseSettings } from '../store/database-settings';
import { migrate, migrationStatus, MIGRATIONS } from '../store/migrations';

const USAGE = [
  'Usage: code42-soar db migrate|status',
  '',
  '  migrate   apply every pending migration (serve also does this when it starts)',
  '  status    list the migrations applied and those pending',
  '',
  `The database: ${DATABASE_URL_ENV} (postgres://user:password@host:5432/database), or PGHOST / PGDATABASE with`,
  'PGPORT, PGUSER and PGPASSWORD.',
  '',
].join('\n');

const iso = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [action, ...rest] = argv;
  if (action === '--help' || action === '-h') {
    io.stdout.write(USAGE);
    return 0;
  }
  const misuse =
    action === undefined
      ? 'say what to do: db migrate or db status.'
      : action !== 'migrate' && action !== 'status'
        ? `unknown action "${action}": db migrate or db status.`
        : rest.length > 0
          ? `db ${action} takes no arguments, not "${rest[0]}".`
          : undefined;
  if (misuse) {
    io.stderr.write(`code42-soar db: ${misuse}\n`);
    return 2;
  }
  let settings;
  try {
    settings = databaseSettings(io.env);
  } catch (error) {
    io.stderr.write(`code42-soar db: ${(error as Error).message}\n`);
    return 2;
  }
  if (!settings) {
    io.stderr.write(`code42-soar db: no database is configured; set ${DATABASE_URL_ENV} (postgres://user:password@host:5432/database) or PGHOST / PGDATABASE.\n`);
    return 2;
  }
  const db = openDatabase(settings);
  try {
    if (action === 'migrate') {
      const applied = await migrate(db);
      const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
      if (applied.length === 0) io.stdout.write(`The database ${db.description} is up to date (schema version ${latest}).\n`);
      else {
        for (const m of applied) io.stdout.write(`applied ${m.version}: ${m.name}\n`);
        io.stdout.write(`The database ${db.description} is at schema version ${latest}.\n`);
      }
      return 0;
    }
    const status = await migrationStatus(db);
    const version = status.applied.at(-1)?.version ?? 0;
    io.stdout.write(`Database ${db.description}: schema version ${version}, ${status.pending.length} pending.\n`);
    for (const m of status.applied) io.stdout.write(`  applied  ${m.version}  ${iso(m.appliedAt)}  ${m.name}\n`);
    for (const m of status.pending) io.stdout.write(`  pending  ${m.version}  ${m.name}\n`);
    if (status.pending.length > 0) io.stdout.write('Run `code42-soar db migrate` (or start serve) to apply them.\n');
    return 0;
  } catch (error) {
    if (!(error instanceof DatabaseError)) throw error;
    io.stderr.write(`code42-soar db: ${error.message}\n`);
    return 1;
  } finally {
    await db.close();
  }
}
