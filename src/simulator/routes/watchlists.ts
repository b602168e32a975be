// Watchlists (code42-api.md §6), the .NET service: errors are plain text (`Watchlist not found`,
// `User not found`, `Error converting value "X" to type 'WatchlistSdk.Model.WatchlistType'.`); pages are
// 1-based `page` with `page_size` (py42) or `pageSize` (incydr).
import type { FastifyInstance } from 'fastify';
import { type Fail, type JsonObject, objectBody, pageOf, readPage, textError } from '../http';
import { type SimWatchlist, WATCHLIST_TYPES, type WatchlistType } from '../model';
import type { Tenant } from '../tenant';
import { isoMicros } from '../time';
import type { RouteDeps } from './deps';

const fail: Fail = (message) => textError(400, message);
const PAGE = { numberKey: 'page', sizeKeys: ['page_size', 'pageSize'], defaultSize: 100, maxSize: 1000, firstPage: 1 } as const;

export function watchlistView(tenant: Tenant, w: SimWatchlist): JsonObject {
  return {
    watchlistId: w.watchlistId,
    listType: w.listType,
    tenantId: tenant.tenantId,
    title: w.title,
    description: w.description,
    stats: { includedUsersCount: w.included.size },
  };
}

function watchlistOr(tenant: Tenant, id: string, status: 400 | 404): SimWatchlist {
  const watchlist = tenant.watchlist(id);
  if (!watchlist) throw textError(status, 'Watchlist not found');
  return watchlist;
}

function optionalText(body: JsonObject, key: string, max: number): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw fail(`Error converting value ${JSON.stringify(value)} to type 'System.String'. Path '${key}'.`);
  if (value.length > max) throw fail(`The field ${key} must be a string with a maximum length of ${max}.`);
  return value;
}

export function registerWatchlistRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  app.get('/v1/watchlists', async (request) => {
    const page = readPage(request.query as JsonObject, PAGE, fail);
    return { watchlists: pageOf(tenant.watchlists, page).map((w) => watchlistView(tenant, w)), totalCount: tenant.watchlists.length };
  });

  app.get('/v1/watchlists/:watchlistId', async (request) => watchlistView(tenant, watchlistOr(tenant, (request.params as { watchlistId: string }).watchlistId, 404)));

  app.post('/v1/watchlists', async (request) => {
    const body = objectBody(request, fail);
    const type = body.watchlistType;
    if (typeof type !== 'string' || !(WATCHLIST_TYPES as readonly string[]).includes(type)) {
      throw fail(`Error converting value ${JSON.stringify(type === undefined ? null : type)} to type 'WatchlistSdk.Model.WatchlistType'.`);
    }
    const title = optionalText(body, 'title', 50);
    const description = optionalText(body, 'description', 250);
    if (type === 'CUSTOM' && !title) throw fail('A CUSTOM watchlist needs a title.');
    if (type !== 'CUSTOM' && tenant.watchlists.some((w) => w.listType === type)) throw fail(`A watchlist of type ${type} already exists.`);
    return watchlistView(tenant, tenant.addWatchlist({ listType: type as WatchlistType, title, description }));
  });

  for (const action of ['add', 'delete'] as const) {
    app.post(`/v1/watchlists/:watchlistId/included-users/${action}`, async (request, reply) => {
      const watchlist = watchlistOr(tenant, (request.params as { watchlistId: string }).watchlistId, 400);
      const body = objectBody(request, fail);
      const userIds = body.userIds;
      if (!Array.isArray(userIds) || userIds.length === 0 || userIds.some((id) => typeof id !== 'string')) throw fail('userIds must be a non-empty list of user ids.');
      if (userIds.some((id) => !tenant.user(id as string))) throw fail('User not found');
      const addedTime = isoMicros(tenant.now() * 1000);
      for (const id of userIds as string[]) {
        if (action === 'delete') watchlist.included.delete(id);
        else if (!watchlist.included.has(id)) watchlist.included.set(id, addedTime);
      }
      return reply.code(200).send();
    });
  }

  app.get('/v1/watchlists/:watchlistId/included-users', async (request) => {
    const watchlist = watchlistOr(tenant, (request.params as { watchlistId: string }).watchlistId, 404);
    const page = readPage(request.query as JsonObject, PAGE, fail);
    const included = [...watchlist.included.entries()].map(([userId, addedTime]) => ({ userId, username: tenant.user(userId)?.username ?? null, addedTime }));
    return { includedUsers: pageOf(included, page), totalCount: included.length };
  });
}
