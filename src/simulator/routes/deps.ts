import type { FastifyRequest } from 'fastify';
import type { FaultController, RequestStats } from '../faults';
import { type JsonObject, objectBody, springError } from '../http';
import type { SimUser } from '../model';
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
 * The JSON body of a detection-list, alert or rule call, which carries `tenantId`: a wrong one is refused
 * (403), a missing one too where the service requires it (400).
 */
export function tenantBody(request: FastifyRequest, tenant: Tenant, required: boolean): JsonObject {
  const body = objectBody(request);
  const given = body.tenantId;
  if (given === undefined || given === null || given === '') {
    if (required) throw springError(400, 'tenantId is required.');
    return body;
  }
  if (given !== tenant.tenantId) throw springError(403, `tenantId ${String(given)} is not the tenant of this token.`);
  return body;
}

/**
 * Who the user reports to and what they do, as risk profiles and detection-list entries both show it; the
 * two name the manager's id differently.
 */
export function managerAndJob(tenant: Tenant, user: SimUser, managerIdKey: 'managerId' | 'managerUid'): JsonObject {
  const manager = user.managerUid ? tenant.user(user.managerUid) : undefined;
  return {
    [managerIdKey]: manager?.userUid ?? null,
    managerUsername: manager?.username ?? null,
    managerDisplayName: manager ? tenant.displayName(manager) : null,
    title: user.title,
    division: user.division,
    department: user.department,
    employmentType: user.employmentType,
  };
}
