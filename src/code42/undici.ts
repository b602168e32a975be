// The pieces of undici the transport uses, and only those: its fetch and its connection pool. `require('undici')`
// loads all of undici (mock agents, HTTP caches, cookies, WebSocket, EventSource: 110 modules, about 45 ms of
// every one-shot command's start on Node 20); fetch and Agent are 41 of them. undici documents no narrower entry
// point, so these are the files its own index re-exports them from (it has no package "exports" map, so Node
// resolves them). test/foundation/cli-start.test.ts checks they are the very function and class the index
// exports, and test/foundation/cli.test.ts that `run` does not load the index. Should an undici release move a
// file, the whole package is loaded instead: slower to start, never broken.
// What the index also does on load is mix undici's request/stream/pipeline/connect helpers into every dispatcher;
// fetch needs none of them (it only calls `dispatch`), the proxy agent does (below).
import type * as Undici from 'undici';

/** `undici/<path>`'s exports, or undefined when an undici release has moved that file. */
function undiciFile(path: string): unknown {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`undici/${path}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const wholeUndici = (): typeof Undici => require('undici') as typeof Undici;

/** undici's fetch (its index only wraps this one, to add its own file to error stacks). */
export const fetch: typeof Undici.fetch = (undiciFile('lib/web/fetch/index.js') as Pick<typeof Undici, 'fetch'> | undefined)?.fetch ?? wholeUndici().fetch;

export const Agent: typeof Undici.Agent = (undiciFile('lib/dispatcher/agent.js') as typeof Undici.Agent | undefined) ?? wholeUndici().Agent;

/**
 * Only an instance with `proxy` on needs it, and it needs the whole index: the proxy agent tunnels with
 * `Dispatcher.prototype.connect`, which undici's index mixes into every dispatcher when it loads.
 */
export const envHttpProxyAgent = (): typeof Undici.EnvHttpProxyAgent => wholeUndici().EnvHttpProxyAgent;
