// Watchlists v2 (incydr-api.md §2.4): actor membership only. The list takes `page`/`pageSize` (1-based) and
// `actorId`; member and included/excluded-actor lists take `page`/`page_size` as the SDK sends them (`pageSize`
// is honoured too: which one the server reads is not pinned by any source). Changes take at most 100 actor ids.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type JsonObject, badRequest, objectBody, oneOf, pageOf, queryString, readPage, springError, stringArray } from '../http';
import { type SimWatchlist, WATCHLIST_TYPES } from '../model';
import type { Tenant } from '../tenant';
import type { RouteDeps } from './deps';

export const WATCHLIST_CHANGE_MAX_IDS = 100;
const LIST_PAGE = { numberKey: 'page', sizeKeys: ['pageSize', 'page_size'], defaultSize: 100, maxSize: 1000, firstPage: 1 } as const;
const MEMBER_PAGE = { numberKey: 'page', sizeKeys: ['page_size', 'pageSize'], defaultSize: 100, maxSize: 1000, firstPage: 1 } as const;

function watchlistView(tenant: Tenant, watchlist: SimWatchlist): JsonObject {
  return {
    watchlistId: watchlist.watchlistId,
    listType: watchlist.listType,
    title: watchlist.title,
    description: watchlist.description,
    tenantId: tenant.tenantId,
    stats: {
      includedActorsCount: watchlist.includedActors.length,
      excludedActorsCount: watchlist.excludedActors.length,
      includedDepartmentsCount: watchlist.includedDepartments.length,
      includedDirectoryGroupsCount: 0,
      excludedDepartmentsCount: 0,
      excludedDirectoryGroupsCount: 0,
    },
  };
}

export function registerWatchlistRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  const watchlistOr404 = (request: FastifyRequest) => {
    const { watchlistId } = request.params as { watchlistId: string };
    const watchlist = tenant.watchlist(watchlistId);
    if (!watchlist) throw springError(404, `No watchlist found with id ${watchlistId}.`);
    return watchlist;
  };
  const memberView = (entry: { actorId: string; addedTime: string }) => ({ actorId: entry.actorId, actorname: tenant.actor(entry.actorId)?.name ?? null, addedTime: entry.addedTime });

  app.get('/v2/watchlists', async (request) => {
    const query = request.query as JsonObject;
    const page = readPage(query, LIST_PAGE);
    const actorId = queryString(query, 'actorId');
    const actor = actorId === undefined ? undefined : tenant.actor(actorId);
    const lists = actorId === undefined ? tenant.watchlists : actor ? tenant.watchlistsOf(actor) : [];
    return { watchlists: pageOf(lists, page).map((w) => watchlistView(tenant, w)), totalCount: lists.length };
  });

  app.post('/v2/watchlists', async (request) => {
    const body = objectBody(request);
    const [listType] = oneOf([String(body.watchlistType ?? '')], WATCHLIST_TYPES, 'watchlistType');
    const title = typeof body.title === 'string' ? body.title : null;
    const description = typeof body.description === 'string' ? body.description : null;
    return watchlistView(tenant, tenant.addWatchlist({ listType, title, description }));
  });

  app.get('/v2/watchlists/:watchlistId', async (request) => watchlistView(tenant, watchlistOr404(request)));

  app.get('/v2/watchlists/:watchlistId/members', async (request) => {
    const members = tenant.members(watchlistOr404(request));
    return { watchlistMembers: pageOf(members, readPage(request.query as JsonObject, MEMBER_PAGE)).map(memberView), totalCount: members.length };
  });

  for (const [segment, list, key] of [
    ['included-actors', 'includedActors', 'includedActors'],
    ['excluded-actors', 'excludedActors', 'excludedActors'],
  ] as const) {
    app.get(`/v2/watchlists/:watchlistId/${segment}`, async (request) => {
      const entries = watchlistOr404(request)[list];
      return { [key]: pageOf(entries, readPage(request.query as JsonObject, MEMBER_PAGE)).map(memberView), totalCount: entries.length };
    });
    app.get(`/v2/watchlists/:watchlistId/${segment}/:actorId`, async (request) => {
      const { actorId } = request.params as { actorId: string };
      const entry = watchlistOr404(request)[list].find((e) => e.actorId === actorId);
      if (!entry) throw springError(404, `Actor ${actorId} is not in the ${segment} of this watchlist.`);
      return memberView(entry);
    });
    for (const action of ['add', 'delete'] as const) {
      app.post(`/v2/watchlists/:watchlistId/${segment}/${action}`, async (request, reply) => {
        const watchlist = watchlistOr404(request);
        const body = objectBody(request);
        const actorIds = stringArray(body, 'actorIds');
        if (actorIds.length === 0) throw badRequest('actorIds must name at least one actor.');
        if (actorIds.length > WATCHLIST_CHANGE_MAX_IDS) throw badRequest(`actorIds holds ${actorIds.length} ids; at most ${WATCHLIST_CHANGE_MAX_IDS} are allowed per request.`);
        tenant.changeWatchlistActors(watchlist.watchlistId, list, actorIds, action === 'add');
        return reply.code(200).send();
      });
    }
  }

  app.get('/v2/watchlists/:watchlistId/included-departments', async (request) => {
    const entries = watchlistOr404(request).includedDepartments;
    return { includedDepartments: pageOf(entries, readPage(request.query as JsonObject, MEMBER_PAGE)), totalCount: entries.length };
  });
  for (const action of ['add', 'delete'] as const) {
    app.post(`/v2/watchlists/:watchlistId/included-departments/${action}`, async (request, reply) => {
      const watchlist = watchlistOr404(request);
      const departments = stringArray(objectBody(request), 'departments');
      tenant.changeWatchlistDepartments(watchlist.watchlistId, departments, action === 'add');
      return reply.code(200).send();
    });
  }
}
