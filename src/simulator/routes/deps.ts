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
}
