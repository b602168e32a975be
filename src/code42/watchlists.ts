// Watchlists v2 (incydr-api.md §2.4): actor membership. Listing (1-based pages), one watchlist, creation,
// resolving what a user typed (id, type or custom title) to a watchlist, the member lists, and included
// actors added or removed 100 at a time. v2 takes actor ids only, never user ids.
import { type Watchlist, type WatchlistMember, type WatchlistsApi, WATCHLIST_TYPES, type WatchlistType } from './api';
import { invalidRequest, notFoundOn404 } from './answers';
import { arrayOf, decoder, nullable, NULLABLE_NUMBER, object, STRING } from './decode';
import { type Endpoint, ENDPOINTS } from './endpoints';
import { Code42NotFoundError } from './errors';
import { chunk, collectPages, distinct } from './paging';
import type { Transport } from './transport';

/** The SDK's page size (it resolves types from one page of 100); the server's maximum is not documented. */
const PAGE_SIZE = 100;
/** Actor ids per included-actors add/delete request (incydr-api.md §2.4). */
const WATCHLIST_ACTOR_BATCH = 100;
const MAX_TITLE = 50;
const MAX_DESCRIPTION = 250;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AVAILABLE_HINT = 'run !code42-watchlists-list to get a list of available Watchlists.';

const WATCHLIST = object(
  { watchlistId: STRING, listType: STRING },
  {
    title: nullable(STRING),
    description: nullable(STRING),
    tenantId: STRING,
    stats: nullable(
      object(
        {},
        {
          includedActorsCount: NULLABLE_NUMBER,
          excludedActorsCount: NULLABLE_NUMBER,
          includedDepartmentsCount: NULLABLE_NUMBER,
          includedDirectoryGroupsCount: NULLABLE_NUMBER,
          excludedDepartmentsCount: NULLABLE_NUMBER,
          excludedDirectoryGroupsCount: NULLABLE_NUMBER,
        },
      ),
    ),
  },
);
const MEMBER = object({ actorId: STRING }, { actorname: nullable(STRING), addedTime: nullable(STRING) });
const oneWatchlist = decoder<Watchlist>(WATCHLIST);
const watchlistPage = decoder<{ watchlists: Watchlist[] }>(object({ watchlists: arrayOf(WATCHLIST) }, { totalCount: NULLABLE_NUMBER }));
const memberPage = decoder<{ watchlistMembers: WatchlistMember[] }>(object({ watchlistMembers: arrayOf(MEMBER) }, { totalCount: NULLABLE_NUMBER }));
const includedPage = decoder<{ includedActors: WatchlistMember[] }>(object({ includedActors: arrayOf(MEMBER) }, { totalCount: NULLABLE_NUMBER }));

export class Watchlists implements WatchlistsApi {
  constructor(private readonly transport: Transport) {}

  list(filter: { actorId?: string } = {}): Promise<Watchlist[]> {
    const operation = 'list watchlists';
    return collectPages(
      async (page, pageSize) =>
        (await this.transport.json({ endpoint: ENDPOINTS.listWatchlists, query: { page, pageSize, actorId: filter.actorId }, operation }, watchlistPage)).watchlists,
      { firstPage: 1, pageSize: PAGE_SIZE, operation },
    );
  }

  get(watchlistId: string): Promise<Watchlist> {
    const operation = 'get the watchlist';
    return notFoundOn404(
      this.transport.json({ endpoint: ENDPOINTS.getWatchlist, params: { watchlistId }, operation }, oneWatchlist),
      `No watchlist found with ID ${watchlistId}, ${AVAILABLE_HINT}`,
      operation,
    );
  }

  async create(input: { watchlistType: WatchlistType; title?: string; description?: string }): Promise<Watchlist> {
    const operation = 'create the watchlist';
    if (!(WATCHLIST_TYPES as readonly string[]).includes(input.watchlistType)) throw invalidRequest(operation, `the watchlist type must be one of ${WATCHLIST_TYPES.join(', ')}, got "${input.watchlistType}".`);
    if (input.watchlistType === 'CUSTOM' && !input.title?.trim()) throw invalidRequest(operation, 'a CUSTOM watchlist needs a title.');
    if ((input.title?.length ?? 0) > MAX_TITLE) throw invalidRequest(operation, `the title has ${input.title?.length} characters and Code42 takes at most ${MAX_TITLE}.`);
    if ((input.description?.length ?? 0) > MAX_DESCRIPTION) throw invalidRequest(operation, `the description has ${input.description?.length} characters and Code42 takes at most ${MAX_DESCRIPTION}.`);
    return this.transport.json({ endpoint: ENDPOINTS.createWatchlist, body: { watchlistType: input.watchlistType, title: input.title, description: input.description }, operation }, oneWatchlist);
  }

  async resolve(watchlist: string): Promise<Watchlist> {
    const operation = 'look up the watchlist';
    const wanted = watchlist.trim();
    if (UUID.test(wanted)) {
      return notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.getWatchlist, params: { watchlistId: wanted }, operation }, oneWatchlist), `Invalid Watchlist type: ${watchlist}, ${AVAILABLE_HINT}`, operation);
    }
    const all = await this.list();
    const upper = wanted.toUpperCase();
    // Types are upper-case words, so `departing_employee` still names DEPARTING_EMPLOYEE.
    const ofType = all.filter((w) => w.listType.toUpperCase() === upper);
    if (ofType.length === 1) return ofType[0];
    if (ofType.length > 1) {
      const titles = ofType.map((w) => `"${w.title ?? w.watchlistId}"`).join(', ');
      throw new Code42NotFoundError(`There are ${ofType.length} ${upper} watchlists (${titles}); give the title or the ID of the one you mean.`, operation);
    }
    // A custom watchlist by its title: exactly as typed first, then regardless of case.
    const custom = all.filter((w) => w.listType === 'CUSTOM');
    const byTitle = custom.find((w) => w.title === wanted) ?? custom.find((w) => w.title?.toLowerCase() === wanted.toLowerCase());
    if (byTitle) return byTitle;
    throw new Code42NotFoundError(`Invalid Watchlist type: ${watchlist}, ${AVAILABLE_HINT}`, operation);
  }

  members(watchlistId: string): Promise<WatchlistMember[]> {
    return this.listMembers(ENDPOINTS.watchlistMembers, watchlistId, 'list the members of the watchlist', async (call) => (await this.transport.json(call, memberPage)).watchlistMembers);
  }

  includedActors(watchlistId: string): Promise<WatchlistMember[]> {
    return this.listMembers(ENDPOINTS.watchlistIncludedActors, watchlistId, 'list the actors included in the watchlist', async (call) => (await this.transport.json(call, includedPage)).includedActors);
  }

  addActors(watchlistId: string, actorIds: string[]): Promise<void> {
    return this.changeActors(ENDPOINTS.addWatchlistActors, watchlistId, actorIds, 'add the actors to the watchlist');
  }

  removeActors(watchlistId: string, actorIds: string[]): Promise<void> {
    return this.changeActors(ENDPOINTS.removeWatchlistActors, watchlistId, actorIds, 'remove the actors from the watchlist');
  }

  private listMembers(
    endpoint: Endpoint,
    watchlistId: string,
    operation: string,
    fetchPage: (call: { endpoint: Endpoint; params: { watchlistId: string }; query: Record<string, number>; operation: string }) => Promise<WatchlistMember[]>,
  ): Promise<WatchlistMember[]> {
    const notFound = `No watchlist found with ID ${watchlistId}, ${AVAILABLE_HINT}`;
    return notFoundOn404(
      collectPages(
        // The SDK spells the size page_size here (pageSize for the watchlist list), and no source pins which the
        // server honours (incydr-api.md §5.4). A server that honoured only the other spelling would send its
        // default page, which the short-page stop would take for the end, so both are sent.
        (page, pageSize) => fetchPage({ endpoint, params: { watchlistId }, query: { page, page_size: pageSize, pageSize }, operation }),
        { firstPage: 1, pageSize: PAGE_SIZE, operation },
      ),
      notFound,
      operation,
    );
  }

  private async changeActors(endpoint: Endpoint, watchlistId: string, actorIds: string[], operation: string): Promise<void> {
    for (const batch of chunk(distinct(actorIds), WATCHLIST_ACTOR_BATCH)) {
      // A 404 here may name the watchlist or an actor id; Code42's own text says which, so it is not rewritten.
      await this.transport.send({ endpoint, params: { watchlistId }, body: { actorIds: batch, watchlistId }, operation });
    }
  }
}
