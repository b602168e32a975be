// The undici connection pool the transport hands to the global fetch: keep-alive, connect/headers/body
// timeouts, `insecure` (skip certificate checks) and `proxy` (the standard HTTP(S)_PROXY/NO_PROXY variables).
import type { Dispatcher } from 'undici';
import { Agent, envHttpProxyAgent } from './undici';

export interface DispatcherOptions {
  insecure: boolean;
  proxy: boolean;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const tls = { rejectUnauthorized: !options.insecure, timeout: options.connectTimeoutMs };
  const pool = { headersTimeout: options.headersTimeoutMs, bodyTimeout: options.bodyTimeoutMs, connect: tls };
  // Without `proxy` the variables are ignored on purpose: the user asked for a direct connection.
  return options.proxy ? new (envHttpProxyAgent())({ ...pool, requestTls: tls, proxyTls: { timeout: options.connectTimeoutMs } }) : new Agent(pool);
}
