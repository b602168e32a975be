// Legal hold on the gateway (code42-api.md §12.3): matters (1-based `page`), custodians add/remove/list.
// Unknown matter -> 403 (Code42 does not tell "missing" from "not yours"); already a member -> 400 USER_ALREADY_IN_HOLD.
import type { FastifyInstance } from 'fastify';
import { type JsonObject, booleanParam, objectBody, pageOf, readPage, requiredString, springError } from '../http';
import type { SimMatter } from '../model';
import type { Tenant } from '../tenant';
import { isoMs } from '../time';
import type { RouteDeps } from './deps';

const PAGE = { numberKey: 'page', sizeKeys: ['pageSize', 'page_size'], defaultSize: 100, maxSize: 1000, firstPage: 1 } as const;

function matterView(tenant: Tenant, matter: SimMatter): JsonObject {
  const creator = tenant.user(matter.creatorUid);
  return {
    matterId: matter.matterId,
    name: matter.name,
    description: matter.description,
    notes: matter.notes,
    active: matter.active,
    creationDate: matter.creationDate,
    policyId: matter.policyId,
    creator: { userId: matter.creatorUid, username: creator?.username ?? null },
    creatorPrincipal: { type: 'USER', principalId: matter.creatorUid, displayName: creator ? tenant.displayName(creator) : null },
  };
}

export function registerLegalHoldRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  const matterOr403 = (matterId: string) => {
    const matter = tenant.matter(matterId);
    if (!matter) throw springError(403, `Matter ${matterId} does not exist or you may not see it.`);
    return matter;
  };
  const custodianFrom = (request: Parameters<typeof objectBody>[0]) => {
    const userId = requiredString(objectBody(request), 'userId');
    const user = tenant.user(userId);
    if (!user) throw springError(400, `INVALID_USER: no user ${userId}.`);
    return user;
  };

  app.get('/v1/legal-hold/matters', async (request) => {
    const query = request.query as JsonObject;
    const page = readPage(query, PAGE);
    const name = typeof query.name === 'string' && query.name !== '' ? query.name.toLowerCase() : undefined;
    const active = booleanParam(query.active, 'active');
    const creator = typeof query.creatorUserId === 'string' && query.creatorUserId !== '' ? query.creatorUserId : undefined;
    const matters = tenant.matters.filter(
      (m) => (name === undefined || m.name.toLowerCase().includes(name)) && (active === undefined || m.active === active) && (creator === undefined || m.creatorUid === creator),
    );
    return { matters: pageOf(matters, page).map((m) => matterView(tenant, m)) };
  });

  app.post('/v1/legal-hold/matters/:matterId/custodians', async (request) => {
    const matter = matterOr403((request.params as { matterId: string }).matterId);
    const user = custodianFrom(request);
    const existing = matter.memberships.get(user.userUid);
    if (existing?.active) throw springError(400, 'USER_ALREADY_IN_HOLD');
    const membership = { active: true, creationDate: isoMs(tenant.now()) };
    matter.memberships.set(user.userUid, membership);
    return {
      membershipActive: true,
      membershipCreationDate: membership.creationDate,
      matter: { matterId: matter.matterId, name: matter.name },
      custodian: { userId: user.userUid, username: user.username, email: user.email },
    };
  });

  app.post('/v1/legal-hold/matters/:matterId/custodians/remove', async (request, reply) => {
    const matter = matterOr403((request.params as { matterId: string }).matterId);
    const user = custodianFrom(request);
    const membership = matter.memberships.get(user.userUid);
    if (!membership?.active) throw springError(400, `USER_NOT_IN_HOLD: ${user.username} is not an active custodian of this matter.`);
    membership.active = false;
    return reply.code(200).send();
  });

  app.get('/v1/legal-hold/matters/:matterId/custodians', async (request) => {
    const matter = matterOr403((request.params as { matterId: string }).matterId);
    const page = readPage(request.query as JsonObject, PAGE);
    const custodians = [...matter.memberships.entries()]
      .filter(([, m]) => m.active)
      .map(([userId, m]) => {
        const user = tenant.user(userId);
        return { membershipActive: m.active, membershipCreationDate: m.creationDate, userId, name: user?.username ?? null, email: user?.email ?? null };
      });
    return { custodians: pageOf(custodians, page) };
  });
}
