// User risk profiles (code42-api.md §7.1): get, list (1-based `page`, `page_size`) and PATCH with `paths`
// given as one comma-separated value (py42) or repeated parameters (incydr); only listed fields change.
import type { FastifyInstance } from 'fastify';
import { type JsonObject, objectBody, pageOf, readPage, springError } from '../http';
import type { DateParts, SimUser } from '../model';
import type { Tenant } from '../tenant';
import { type RouteDeps, managerAndJob } from './deps';

const PATCHABLE = ['startDate', 'endDate', 'notes'] as const;
type Patchable = (typeof PATCHABLE)[number];

export function riskProfileView(tenant: Tenant, user: SimUser): JsonObject {
  return {
    userId: user.userUid,
    tenantId: tenant.tenantId,
    username: user.username,
    displayName: tenant.displayName(user),
    notes: user.profileNotes,
    ...managerAndJob(tenant, user, 'managerId'),
    country: user.country,
    region: user.region,
    locality: user.locality,
    active: user.active,
    deleted: false,
    supportUser: false,
    cloudAliases: [...user.cloudAliases],
    startDate: user.startDate,
    endDate: user.endDate,
  };
}

function pathsOf(raw: unknown): Patchable[] {
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) throw springError(400, 'paths is required: list the fields to update (startDate, endDate, notes).');
  const unknown = values.find((v) => !(PATCHABLE as readonly string[]).includes(v));
  if (unknown) throw springError(400, `Unknown path ${unknown}; updatable paths are ${PATCHABLE.join(', ')}.`);
  return values as Patchable[];
}

function dateFrom(value: unknown, key: string): DateParts | null {
  if (value === undefined || value === null) return null;
  const d = value as Partial<DateParts>;
  const valid =
    typeof value === 'object' &&
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    new Date(Date.UTC(d.year as number, (d.month as number) - 1, d.day as number)).getUTCDate() === d.day;
  if (!valid) throw springError(400, `${key} must be an object {year, month, day} naming a real date.`);
  return { year: d.year as number, month: d.month as number, day: d.day as number };
}

export function registerRiskProfileRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  const userOr404 = (userId: string) => {
    const user = tenant.user(userId);
    if (!user) throw springError(404, `No risk profile for user ${userId}.`);
    return user;
  };

  app.get('/v1/user-risk-profiles', async (request) => {
    const page = readPage(request.query as JsonObject, { numberKey: 'page', sizeKeys: ['page_size', 'pageSize'], defaultSize: 100, maxSize: 1000, firstPage: 1 });
    const users = tenant.users();
    return { userRiskProfiles: pageOf(users, page).map((u) => riskProfileView(tenant, u)), totalCount: users.length };
  });

  app.get('/v1/user-risk-profiles/:userId', async (request) => riskProfileView(tenant, userOr404((request.params as { userId: string }).userId)));

  app.patch('/v1/user-risk-profiles/:userId', async (request) => {
    const user = userOr404((request.params as { userId: string }).userId);
    const paths = pathsOf((request.query as JsonObject).paths);
    const body = objectBody(request);
    const startDate = paths.includes('startDate') ? dateFrom(body.startDate, 'startDate') : user.startDate;
    const endDate = paths.includes('endDate') ? dateFrom(body.endDate, 'endDate') : user.endDate;
    let notes = user.profileNotes;
    if (paths.includes('notes')) {
      if (body.notes !== undefined && body.notes !== null && typeof body.notes !== 'string') throw springError(400, 'notes must be a string.');
      notes = (body.notes as string | null | undefined) ?? null;
    }
    Object.assign(user, { startDate, endDate, profileNotes: notes });
    return riskProfileView(tenant, user);
  });
}
