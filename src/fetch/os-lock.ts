// One fetcher per state file, across processes, held by the kernel (issue 12). The lock is a listening socket
// whose name is derived from the state file's real path: a Unix socket in Linux's abstract namespace, a named
// pipe on Windows. Binding a name is atomic, a second bind fails with EADDRINUSE, and the kernel frees the name
// the moment the holder exits, however it exits (kill -9 included) — so there is no stale lock, no pid to
// check and no takeover that could race. A lock FILE cannot give that in Node (no flock), and the well-known
// mkdir lock library removes a stale lock by path, which lets two takers win (node-proper-lockfile#121).
//
// Scope: one host and one network namespace (two containers sharing a volume each have their own namespace;
// replicas use the PostgreSQL store, issue 14). Elsewhere (macOS, BSD) a file created exclusively stands in;
// it is never taken over, so a crash there leaves it for the user to delete (the error says which file).
import { createHash } from 'node:crypto';
import { mkdir, open, realpath, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';

export interface HeldLock {
  release(): Promise<void>;
}

/** Another fetcher holds the state; one sentence. */
export class FetchBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchBusyError';
  }
}

/** The state file's real path (its directory resolved; the file itself may not exist yet). */
async function identity(stateFile: string): Promise<string> {
  const directory = dirname(resolve(stateFile));
  await mkdir(directory, { recursive: true });
  return join(await realpath(directory), basename(stateFile));
}

function socketName(id: string): string | undefined {
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 40);
  if (process.platform === 'linux') return `\0code42-soar-fetch-${hash}`;
  if (process.platform === 'win32') return `\\\\.\\pipe\\code42-soar-fetch-${hash}`;
  return undefined;
}

function listen(name: string): Promise<Server | undefined> {
  return new Promise((resolveListen, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolveListen(undefined) : reject(error)));
    server.listen({ path: name, exclusive: true }, () => {
      // The lock must not keep a process alive that has nothing else to do.
      server.unref();
      resolveListen(server);
    });
  });
}

/** Where the exclusive-create stand-in lives (not the alerts-era `<state>.lock`, which is ignored everywhere). */
export const fallbackLockFile = (stateFile: string): string => join(dirname(stateFile), `.${basename(stateFile)}.held`);

async function fileLock(stateFile: string): Promise<HeldLock | undefined> {
  const file = fallbackLockFile(stateFile);
  try {
    await (await open(file, 'wx')).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  return { release: () => rm(file, { force: true }) };
}

/** Takes the lock of `stateFile`, or returns undefined at once when another holder has it. */
export async function tryLock(stateFile: string): Promise<HeldLock | undefined> {
  const name = socketName(await identity(stateFile));
  if (name === undefined) return fileLock(stateFile);
  const server = await listen(name);
  if (!server) return undefined;
  return { release: () => new Promise<void>((done) => server.close(() => done())) };
}

/** The sentence for a state file another fetcher holds. */
export function busyMessage(file: string): string {
  const leftover = socketName('') === undefined ? ` (if no fetcher runs, a crash left ${fallbackLockFile(file)}: delete it)` : '';
  return `Another fetch run is using ${file}${leftover}; one fetcher per state and sink file — this run did nothing and the next one tries again.`;
}
