// Legal hold (incydr-api.md §2.7): matters (1-based `page`, `pageSize`; `name` matches equal or partial),
// one matter, custodians add / remove / list, and a user's memberships. `userId` is the /v1/users id.
// An unknown matter answers 404 (the current API's sources do not say; the console API answered 403).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type JsonObject, booleanParam, objectBody, pageOf, queryString, readPage, requiredString, springError } from '../http';
import type { SimMatter } from '../model';
import type { Tenant } from '../tenant';
import type { RouteDeps } from './deps';

const PAGE = { numberKey: 'page', sizeKeys: ['pageSize', 'page_size'], defaultSize: 100, maxSize: 500, firstPage: 1 } as const;

function matterView(tenant: Tenant, matter: SimMatter): JsonObject {
  const creator = tenant.user(matter.creatorUserId);
  return {
    matterId: matter.matterId,
    name: matter.name,
    description: matter.description,
    notes: matter.notes,
    active: matter.active,
    creationDate: matter.creationDate,
    policyId: matter.policyId,
    creator: { userId: matter.creatorUserId, username: creator?.username ?? null },
    creatorPrincipal: { type: 'USER', principalId: matter.creatorUserId, displayName: creator ? [creator.firstName, creator.lastName].filter(Boolean).join(' ') : null },
  };
}

export function registerLegalHoldRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  const matterOr404 = (request: FastifyRequest) => {
    const { matterId } = request.params as { matterId: string };
    const matter = tenant.matter(matterId);
    if (!matter) throw springError(404, `No legal-hold matter found with id ${matterId}.`);
    return matter;
  };

  app.get('/v1/legal-hold/matters', async (request) => {
    const query = request.query as JsonObject;
    const page = readPage(query, PAGE);
    const name = queryString(query, 'name')?.toLowerCase();
    const active = booleanParam(queryString(query, 'active'), 'active');
    const creator = queryString(query, 'creatorUserId');
    const matters = tenant.matters.filter((m) => (name === undefined || m.name.toLowerCase().includes(name)) && (active === undefined || m.active === active) && (creator === undefined || m.creatorUserId === creator));
    return { matters: pageOf(matters, page).map((m) => matterView(tenant, m)) };
  });

  app.get('/v1/legal-hold/matters/:matterId', async (request) => matterView(tenant, matterOr404(request)));

  app.post('/v1/legal-hold/matters/:matterId/custodians', async (request) => {
    const matter = matterOr404(request);
    const userId = requiredString(objectBody(request), 'userId');
    const { membership } = tenant.addCustodian(matter.matterId, userId);
    const user = tenant.user(userId);
    return {
      membershipActive: membership.active,
      membershipCreationDate: membership.creationDate,
      matter: { matterId: matter.matterId, name: matter.name },
      custodian: { userId, username: user?.username ?? null, email: user?.username ?? null },
    };
  });

  app.post('/v1/legal-hold/matters/:matterId/custodians/remove', async (request, reply) => {
    const matter = matterOr404(request);
    tenant.removeCustodian(matter.matterId, requiredString(objectBody(request), 'userId'));
    return reply.code(200).send();
  });

  app.get('/v1/legal-hold/matters/:matterId/custodians', async (request) => {
    const matter = matterOr404(request);
    const custodians = matter.memberships
      .filter((m) => m.active)
      .map((m) => {
        const user = tenant.user(m.userId);
        const name = user ? [user.firstName, user.lastName].filter(Boolean).join(' ') : null;
        return { membershipActive: m.active, membershipCreationDate: m.creationDate, userId: m.userId, name, email: user?.username ?? null, username: user?.username ?? null };
      });
    return { custodians: pageOf(custodians, readPage(request.query as JsonObject, PAGE)) };
  });

  app.get('/v1/legal-hold/custodians/:userId', async (request) => {
    const { userId } = request.params as { userId: string };
    if (!tenant.user(userId)) throw springError(404, `No user found with id ${userId}.`);
    const memberships = tenant.matters.flatMap((matter) =>
      matter.memberships.filter((m) => m.userId === userId).map((m) => ({ membershipActive: m.active, membershipCreationDate: m.creationDate, matterId: matter.matterId, name: matter.name })),
    );
    return { matters: pageOf(memberships, readPage(request.query as JsonObject, PAGE)) };
  });
}
