// The embedded Code42 simulator: `startSimulator()` serves the gateway and console routes of
// notes/paths.md on one loopback URL, backed by a deterministic in-memory tenant.
import type { AddressInfo } from 'node:net';
import { buildApp } from './app';
import { FaultController, type FaultRule, RequestStats } from './faults';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEFAULT_SEED, buildDemoTenant } from './seed';
import type { Tenant } from './tenant';
import { DEFAULT_TOKEN_TTL_SECONDS, TokenIssuer } from './tokens';

export type { Tenant, AlertInput, UserInput, CaseInput, ObservationInput } from './tenant';
export type { FaultRule, FaultKind, ActiveFault, FaultController, RequestStats } from './faults';
export type { SimAlert, SimUser, SimWatchlist, SimRule, SimFileEvent, SimFile, SimMatter, SimCase, FileEventDoc } from './model';
export { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_USERS, DEMO_USERNAMES, DEMO_MATTERS, DEMO_CUSTOM_WATCHLISTS, DEMO_ORG_NAMES, DEMO_CASE_NAME } from './seed';

export interface SimulatorOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0 = a free random port). */
  port?: number;
  /** Seed of the demo tenant (default 42): the same seed gives the same tenant. */
  seed?: number;
  /** Number of alerts to generate (default 40). */
  alerts?: number;
  /** Number of file events to generate (default 200). */
  events?: number;
  /** fastify request logging (default off). */
  logger?: boolean;
  /** Lifetime of issued tokens in seconds (default 900); also the `expires_in` answered. */
  tokenTtlSeconds?: number;
  /** Fault rules armed from the start. */
  faults?: FaultRule[];
  /** The simulator's clock in epoch ms (default Date.now); tests pass a fixed or movable clock. */
  clock?: () => number;
}

export interface RunningSimulator {
  /** Base URL serving BOTH gateway and console routes, e.g. http://127.0.0.1:43123. */
  url: string;
  credentials: { clientId: string; clientSecret: string };
  tenant: Tenant;
  faults: FaultController;
  /** Requests served per route (`stats.count('POST', '/v1/alerts/query-alerts')`). */
  stats: RequestStats;
  /** Token issuance: `tokens.revokeAll()`, `tokens.ttlSeconds = 5`. */
  tokens: TokenIssuer;
  /** Every issued token stops working. */
  revokeTokens(): void;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const clock = options.clock ?? Date.now;
  const seed = options.seed ?? DEFAULT_SEED;
  const tenant = buildDemoTenant({ seed, alerts: options.alerts, events: options.events, clock });
  const tokens = new TokenIssuer(tenant.tenantId, clock, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const faults = new FaultController(seed);
  if (options.faults) faults.add(options.faults);
  const stats = new RequestStats();
  const credentials = { clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET };
  const app = buildApp({ tenant, tokens, faults, stats, credentials }, { logger: options.logger });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${port}`,
    credentials,
    tenant,
    faults,
    stats,
    tokens,
    revokeTokens: () => tokens.revokeAll(),
    close: () => app.close(),
  };
}
