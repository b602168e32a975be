// The embedded Code42 simulator: `startSimulator()` serves the current Incydr API (incydr-api.md §2) on one
// loopback URL, backed by a deterministic in-memory tenant (optionally persisted to a JSON file).
import type { AddressInfo } from 'node:net';
import { buildApp } from './app';
import { FaultController, type FaultRule, RequestStats } from './faults';
import { generateArrivals } from './generate';
import { loadTenant, persist } from './persistence';
import type { RateLimit } from './rate-limit';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEFAULT_SEED, buildDemoTenant } from './seed';
import type { Tenant } from './tenant';
import { DEFAULT_TOKEN_TTL_SECONDS, TokenIssuer } from './tokens';

export { Tenant, TenantError, severityOfScore } from './tenant';
export type { SessionInput, SessionDataInput, PersonInput, RuleInput, CaseInput } from './tenant';
export type { RateLimit } from './rate-limit';
export type { FaultRule, FaultKind, ActiveFault, FaultController, RequestStats } from './faults';
export type { SimActor, SimCase, SimFile, SimMatter, SimOrg, SimRule, SimSession, SimUser, SimWatchlist, FileEventDoc, TenantData } from './model';
export { sessionView } from './routes/sessions';
export { describeTenant } from './describe';
export {
  DEMO_CASE_NAME,
  DEMO_CHILD_ACTORS,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_CUSTOM_WATCHLISTS,
  DEMO_DISTINCT_ACTOR_USERS,
  DEMO_MATTERS,
  DEMO_ORG_NAMES,
  DEMO_RULES,
  DEMO_USERNAMES,
  DEMO_USERS,
} from './seed';

export interface SimulatorOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0 = a free random port). */
  port?: number;
  /** Seed of the demo tenant (default 42): the same seed and clock give the same tenant. */
  seed?: number;
  /** Generated alerting sessions (default 40; 10,000 for the fetch bench). */
  sessions?: number;
  /** File events outside sessions (default 200). */
  events?: number;
  /** fastify request logging (default off). */
  logger?: boolean;
  /** Lifetime of issued tokens in seconds (default 900); also the `expires_in` answered. */
  tokenTtlSeconds?: number;
  /** Fault rules armed from the start. */
  faults?: FaultRule[];
  /** At most `requests` API requests per `windowMs`; above it 429 with Retry-After (default: no limit). */
  rateLimit?: RateLimit;
  /** The simulator's clock in epoch ms (default Date.now); tests pass a fixed or movable clock. */
  clock?: () => number;
  /**
   * A JSON file holding the tenant: loaded when it exists (seed, sessions and events are then ignored; the
   * alerting sessions that would have arrived while it was idle are added), written when it does not, and
   * saved after every change.
   */
  statePath?: string;
}

export interface RunningSimulator {
  /** Base URL of the API, e.g. http://127.0.0.1:43123. */
  url: string;
  credentials: { clientId: string; clientSecret: string };
  tenant: Tenant;
  faults: FaultController;
  /** Requests served per route (`stats.count('GET', '/v1/sessions')`). */
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
  const saved = options.statePath === undefined ? undefined : loadTenant(options.statePath, clock);
  const arrived = saved ? generateArrivals(saved) : 0;
  const tenant = saved ?? buildDemoTenant({ seed, sessions: options.sessions, events: options.events, clock });
  // A `run` that only reads leaves the file as it was.
  const file = options.statePath === undefined ? undefined : persist(tenant, options.statePath, saved === undefined || arrived > 0);
  if (options.rateLimit) tenant.setRateLimit(options.rateLimit);
  const tokens = new TokenIssuer(tenant.tenantId, clock, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const faults = new FaultController(seed);
  if (options.faults) faults.add(options.faults);
  const stats = new RequestStats();
  const credentials = { clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET };
  const sync = () => file?.sync();
  const app = buildApp({ tenant, tokens, faults, stats, credentials, sync }, { logger: options.logger });
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
