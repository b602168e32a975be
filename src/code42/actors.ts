// Actors (incydr-api.md §2.3), which replace user risk profiles: search (1-based pages of at most 500), one
// actor by id, by name with its parent, its family, and updates of notes, start and end date.
import type { Actor, ActorFamily, ActorPatch, ActorsApi } from './api';
import { invalidRequest, notFoundOn404 } from './answers';
import { arrayOf, BOOLEAN, decoder, nullable, NULLABLE_STRING, object, type Schema, STRING } from './decode';
import { ENDPOINTS } from './endpoints';
import type { Transport } from './transport';

const MAX_ACTOR_PAGE_SIZE = 500;

const ACTOR: Schema = object(
  { actorId: STRING, name: STRING },
  {
    active: nullable(BOOLEAN),
    startDate: NULLABLE_STRING,
    endDate: NULLABLE_STRING,
    notes: NULLABLE_STRING,
    alternateNames: arrayOf(STRING),
    inScope: nullable(BOOLEAN),
    firstName: NULLABLE_STRING,
    lastName: NULLABLE_STRING,
    title: NULLABLE_STRING,
    division: NULLABLE_STRING,
    department: NULLABLE_STRING,
    employeeType: NULLABLE_STRING,
    locality: NULLABLE_STRING,
    region: NULLABLE_STRING,
    country: NULLABLE_STRING,
    managerActorId: NULLABLE_STRING,
    parentActorId: NULLABLE_STRING,
  },
);
const oneActor = decoder<Actor>(ACTOR);
const actorPage = decoder<{ actors: Actor[] }>(object({ actors: arrayOf(ACTOR) }));
const actorFamily = decoder<ActorFamily>(object({ parent: ACTOR, children: arrayOf(ACTOR) }));

/** Actor dates are plain calendar dates on the wire. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class Actors implements ActorsApi {
  constructor(private readonly transport: Transport) {}

  async search(filter: { nameStartsWith?: string; nameEndsWith?: string; active?: boolean; parents?: boolean }, page: { page: number; pageSize: number }): Promise<Actor[]> {
    const operation = 'search actors';
    if (!Number.isInteger(page.pageSize) || page.pageSize < 1 || page.pageSize > MAX_ACTOR_PAGE_SIZE) {
      throw invalidRequest(operation, `the page size must be a whole number from 1 to ${MAX_ACTOR_PAGE_SIZE}, got ${page.pageSize}.`);
    }
    if (!Number.isInteger(page.page) || page.page < 1) throw invalidRequest(operation, `the page must be a whole number from 1 (pages count from 1), got ${page.page}.`);
    const answer = await this.transport.json(
      {
        endpoint: filter.parents ? ENDPOINTS.searchParentActors : ENDPOINTS.searchActors,
        query: { nameStartsWith: filter.nameStartsWith, nameEndsWith: filter.nameEndsWith, active: filter.active, page: page.page, pageSize: page.pageSize },
        operation,
      },
      actorPage,
    );
    return answer.actors;
  }

  byId(actorId: string): Promise<Actor> {
    const operation = 'get the actor';
    return notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.getActor, params: { actorId }, operation }, oneActor), `No actor found with ID ${actorId}.`, operation);
  }

  byNameWithParent(name: string): Promise<Actor> {
    const operation = 'look up the actor';
    return notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.actorByNameWithParent, params: { name }, operation }, oneActor), `No user found with username ${name}.`, operation);
  }

  family(actorId: string): Promise<ActorFamily> {
    const operation = "get the actor's family";
    return notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.actorFamily, params: { actorId }, operation }, actorFamily), `No actor found with ID ${actorId}.`, operation);
  }

  async update(actorId: string, patch: ActorPatch): Promise<Actor> {
    const operation = 'update the actor';
    for (const field of ['startDate', 'endDate'] as const) {
      const value = patch[field];
      if (typeof value === 'string' && !DATE.test(value)) throw invalidRequest(operation, `the ${field} must be a date written YYYY-MM-DD, got "${value}".`);
    }
    // Only the keys given are sent: an absent key leaves the field alone, null clears it.
    const body = Object.fromEntries((['notes', 'startDate', 'endDate'] as const).filter((key) => patch[key] !== undefined).map((key) => [key, patch[key]]));
    return notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.updateActor, params: { actorId }, body, operation }, oneActor), `No actor found with ID ${actorId}.`, operation);
  }
}
