// Users and orgs v1 on the gateway (incydr-api.md §2.6): `GET /v1/users` (1-based `page`, `pageSize`),
// by id, activate/deactivate, roles; `GET /v1/orgs`. There is no create, block or unblock endpoint.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type JsonObject, booleanParam, pageOf, queryString, readPage, springError } from '../http';
import type { SimOrg, SimRole, SimUser } from '../model';
import type { Tenant } from '../tenant';
import type { RouteDeps } from './deps';

function userView(tenant: Tenant, user: SimUser): JsonObject {
  const org = tenant.org(user.orgGuid);
  return {
    legacyUserId: user.legacyUserId,
    userId: user.userId,
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    legacyOrgId: org?.legacyOrgId ?? null,
    orgId: org?.legacyOrgId ?? null,
    orgGuid: user.orgGuid,
    orgName: org?.orgName ?? null,
    notes: user.notes,
    active: user.active,
    blocked: user.blocked,
    creationDate: user.creationDate,
    modificationDate: user.modificationDate,
  };
}

function orgView(tenant: Tenant, org: SimOrg): JsonObject {
  return {
    ...org,
    userCount: tenant.users.filter((u) => u.orgGuid === org.orgGuid).length,
    computerCount: tenant.users.filter((u) => u.orgGuid === org.orgGuid && u.active).length,
    orgCount: tenant.orgs.filter((o) => o.parentOrgGuid === org.orgGuid).length,
  };
}

const roleView = (role: SimRole) => ({ roleId: role.roleId, roleName: role.roleName, creationDate: null, modificationDate: null, permissionIds: role.permissionIds });

export function registerUserRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  const userOr404 = (request: FastifyRequest) => {
    const { userId } = request.params as { userId: string };
    const user = tenant.user(userId);
    if (!user) throw springError(404, `No user found with id ${userId}.`);
    return user;
  };

  app.get('/v1/users', async (request) => {
    const query = request.query as JsonObject;
    const page = readPage(query, { numberKey: 'page', sizeKeys: ['pageSize'], defaultSize: 100, maxSize: 500, firstPage: 1 });
    const username = queryString(query, 'username')?.toLowerCase();
    const active = booleanParam(queryString(query, 'active'), 'active');
    const blocked = booleanParam(queryString(query, 'blocked'), 'blocked');
    const users = tenant.users.filter((u) => (username === undefined || u.username === username) && (active === undefined || u.active === active) && (blocked === undefined || u.blocked === blocked));
    return { users: pageOf(users, page).map((u) => userView(tenant, u)), totalCount: users.length };
  });

  // Registered before /v1/users/:userId so "roles" is not read as a user id.
  app.get('/v1/users/roles', async () => tenant.data.roles.map(roleView));
  app.get('/v1/users/roles/:roleId', async (request) => {
    const { roleId } = request.params as { roleId: string };
    const role = tenant.data.roles.find((r) => r.roleId === roleId);
    if (!role) throw springError(404, `No role found with id ${roleId}.`);
    return roleView(role);
  });

  app.get('/v1/users/:userId', async (request) => userView(tenant, userOr404(request)));

  for (const [action, active] of [
    ['activate', true],
    ['deactivate', false],
  ] as const) {
    app.post(`/v1/users/:userId/${action}`, async (request, reply) => {
      tenant.setUserActive(userOr404(request).userId, active);
      return reply.code(200).send();
    });
  }

  app.get('/v1/users/:userId/roles', async (request) => {
    const user = userOr404(request);
    return tenant.data.roles.filter((r) => user.roleIds.includes(r.roleId)).map(roleView);
  });

  app.get('/v1/orgs', async (request) => {
    const active = booleanParam(queryString(request.query as JsonObject, 'active'), 'active');
    const orgs = tenant.orgs.filter((o) => active === undefined || o.active === active);
    return { orgs: orgs.map((o) => orgView(tenant, o)), totalCount: orgs.length };
  });
  app.get('/v1/orgs/:orgGuid', async (request) => {
    const { orgGuid } = request.params as { orgGuid: string };
    const org = tenant.org(orgGuid);
    if (!org) throw springError(404, `No org found with guid ${orgGuid}.`);
    return orgView(tenant, org);
  });
}
