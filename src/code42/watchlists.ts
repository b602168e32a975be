// Watchlists (code42-api.md §6): listing, resolving what a user typed (id, type or custom title) to a
// watchlist, and the included-users list.
import type { Watchlist, WatchlistsApi, WatchlistUser } from './api';
import { notFoundOn404 } from './answers';
import { Code42NotFoundError } from './errors';
import { collectPages } from './paging';
import type { Transport } from './transport';

/** incydr's page size; the server's maximum is not documented (§17.16), so stay at a size known to work. */
const PAGE_SIZE = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const AVAILABLE_HINT = 'run !code42-watchlists-list to get a list of available Watchlists.';

export class Watchlists implements WatchlistsApi {
  constructor(private readonly transport: Transport) {}

  list(): Promise<Watchlist[]> {
    return this.listAll<Watchlist, 'watchlists'>('/v1/watchlists', 'watchlists', 'list watchlists');
  }

  async resolve(watchlist: string): Promise<Watchlist> {
    const operation = 'look up the watchlist';
    if (UUID.test(watchlist)) {
      return notFoundOn404(
        this.transport.request<Watchlist>({ method: 'GET', path: `/v1/watchlists/${encodeURIComponent(watchlist)}`, kind: 'read', operation }),
        `No watchlist found with id ${watchlist}, ${AVAILABLE_HINT}`,
        operation,
      );
    }
    const all = await this.list();
    const match = all.find((w) => w.listType === watchlist) ?? all.find((w) => w.listType === 'CUSTOM' && w.title === watchlist);
    if (!match) throw new Code42NotFoundError(`Invalid Watchlist type: ${watchlist}, ${AVAILABLE_HINT}`, operation);
    return match;
  }

  addUsers(watchlistId: string, userIds: string[]): Promise<void> {
    return this.changeIncludedUsers(watchlistId, userIds, 'add', 'add the user to the watchlist');
  }

  removeUsers(watchlistId: string, userIds: string[]): Promise<void> {
    return this.changeIncludedUsers(watchlistId, userIds, 'delete', 'remove the user from the watchlist');
  }

  listIncludedUsers(watchlistId: string): Promise<WatchlistUser[]> {
    return this.listAll<WatchlistUser, 'includedUsers'>(
      `/v1/watchlists/${encodeURIComponent(watchlistId)}/included-users`,
      'includedUsers',
      'list the users of the watchlist',
    );
  }

  private changeIncludedUsers(watchlistId: string, userIds: string[], action: 'add' | 'delete', operation: string): Promise<void> {
    return this.transport.request<void>({
      method: 'POST',
      path: `/v1/watchlists/${encodeURIComponent(watchlistId)}/included-users/${action}`,
      body: { userIds, watchlistId },
      kind: 'write',
      operation,
      responseType: 'empty',
    });
  }

  private listAll<T, K extends string>(path: string, field: K, operation: string): Promise<T[]> {
    return collectPages(
      async (page, pageSize) => {
        const answer = await this.transport.request<Partial<Record<K, T[]>>>({
          method: 'GET',
          path,
          // py42 spells the size page_size, the incydr SDK pageSize (code42-api.md §17.11): a gateway that
          // honoured only the other would send its default page, which the short-page stop takes for the end.
          query: { page, page_size: pageSize, pageSize },
          kind: 'read',
          operation,
        });
        return answer[field] ?? [];
      },
      { firstPage: 1, pageSize: PAGE_SIZE, operation },
    );
  }
}
