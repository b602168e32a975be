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

/**
 * Bodies of detection-list, alert and rule calls carry `tenantId`: a wrong one is refused (403), a missing one
 * too where the service requires it (400).
 */
export function checkTenantId(body: Record<string, unknown>, tenant: Tenant, required: boolean, fail: (status: number, message: string) => Error): void {
  const given = body.tenantId;
  if (given === undefined || given === null || given === '') {
    if (required) throw fail(400, 'tenantId is required.');
    return;
  }
  if (given !== tenant.tenantId) throw fail(403, `tenantId ${String(given)} is not the tenant of this token.`);
}
