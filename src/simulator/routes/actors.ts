// Actors (incydr-api.md §2.3; they replace user risk profiles): search (1-based `page`, `pageSize` 1..500,
// answer `{actors}`), by id, by name, parent and family forms, and PATCH of notes/startDate/endDate.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type JsonObject, badRequest, booleanParam, objectBody, pageOf, queryString, readPage, springError } from '../http';
import type { SimActor } from '../model';
import type { RouteDeps } from './deps';

export const ACTOR_PAGE_MAX = 500;

/** The wire shape (XS actor_response.json); the internal user link stays inside. */
function actorView(actor: SimActor): JsonObject {
  const { userId: _internal, ...wire } = actor;
  return wire;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function datePatch(body: JsonObject, key: 'startDate' | 'endDate'): string | null {
  const value = body[key];
  if (value === null) return null;
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw badRequest(`${key} must be a date "YYYY-MM-DD" or null.`);
  return value;
}

export function registerActorRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  const byId = (request: FastifyRequest) => {
    const { actorId } = request.params as { actorId: string };
    const actor = tenant.actor(actorId);
    if (!actor) throw springError(404, `No actor found with id ${actorId}.`);
    return actor;
  };
  const byName = (request: FastifyRequest) => {
    const { name } = request.params as { name: string };
    const actor = tenant.actorByName(name);
    if (!actor) throw springError(404, `No actor found with name ${name}.`);
    return actor;
  };
  const family = (actor: SimActor) => {
    const parent = tenant.parentOf(actor);
    return { parent: actorView(parent), children: tenant.childrenOf(parent).map(actorView) };
  };

  const search = (parents: boolean) => async (request: FastifyRequest) => {
    const query = request.query as JsonObject;
    const page = readPage(query, { numberKey: 'page', sizeKeys: ['pageSize'], defaultSize: ACTOR_PAGE_MAX, maxSize: ACTOR_PAGE_MAX, firstPage: 1 });
    const starts = queryString(query, 'nameStartsWith')?.toLowerCase();
    const ends = queryString(query, 'nameEndsWith')?.toLowerCase();
    const active = booleanParam(queryString(query, 'active'), 'active');
    const matching = tenant.actors.filter((a) => (starts === undefined || a.name.startsWith(starts)) && (ends === undefined || a.name.endsWith(ends)) && (active === undefined || a.active === active));
    // The /parent form answers each match's parent (once), where it has one.
    const answer = parents ? [...new Map(matching.map((a) => tenant.parentOf(a)).map((a) => [a.actorId, a])).values()] : matching;
    return { actors: pageOf(answer, page).map(actorView) };
  };
  app.get('/v1/actors/actor/search', search(false));
  app.get('/v1/actors/actor/search/parent', search(true));

  app.get('/v1/actors/actor/id/:actorId', async (request) => actorView(byId(request)));
  app.get('/v1/actors/actor/id/:actorId/parent', async (request) => actorView(tenant.parentOf(byId(request))));
  app.get('/v1/actors/actor/id/:actorId/family', async (request) => family(byId(request)));
  app.get('/v1/actors/actor/name/:name/parent', async (request) => actorView(tenant.parentOf(byName(request))));
  app.get('/v1/actors/actor/name/:name/family', async (request) => family(byName(request)));

  app.patch('/v1/actors/actor/id/:actorId', async (request) => {
    const actor = byId(request);
    const body = objectBody(request);
    const patch: Partial<Pick<SimActor, 'notes' | 'startDate' | 'endDate'>> = {};
    if ('notes' in body) {
      if (body.notes !== null && typeof body.notes !== 'string') throw badRequest('notes must be a string or null.');
      patch.notes = body.notes as string | null;
    }
    if ('startDate' in body) patch.startDate = datePatch(body, 'startDate');
    if ('endDate' in body) patch.endDate = datePatch(body, 'endDate');
    return actorView(tenant.updateActor(actor.actorId, patch));
  });
}
