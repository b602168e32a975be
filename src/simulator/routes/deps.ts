import type { FaultController, RequestStats } from '../faults';
import type { Tenant } from '../tenant';
import type { TokenIssuer } from '../tokens';

/** What every route module is given. */
export interface RouteDeps {
  tenant: Tenant;
  tokens: TokenIssuer;
  faults: FaultController;
  stats: RequestStats;
  credentials: { clientId: string; clientSecret: string };
  /** Brings the tenant up to date before a request (a persisted tenant another process may have changed). */
  sync(): void;
}
