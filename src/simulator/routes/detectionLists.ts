// Detection lists on the gateway (seed 000, code42-api.md §5): user profiles and the departing /
// high-risk employee lists. Every call is a POST whose body carries tenantId; search pages are 1-based.
import type { FastifyInstance } from 'fastify';
import { RISK_FACTORS } from '../../code42/api';
import { type JsonObject, optionalString, pageOf, readPage, requiredString, springError, stringArray } from '../http';
import type { DetectionEntry, RiskFactor, SimUser } from '../model';
import type { Tenant } from '../tenant';
import { MS_PER_DAY, isoDate, iso7 } from '../time';
import { type RouteDeps, managerAndJob, tenantBody } from './deps';

type ListName = 'departingemployee' | 'highriskemployee';

const LIST_INFO = {
  departingemployee: { entryType: 'DEPARTING_EMPLOYEE_V2', searchType: 'DEPARTING_EMPLOYEE_SEARCH_RESPONSE_V2', rollupType: 'DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2', filters: ['OPEN', 'EXFILTRATION_24_HOURS', 'EXFILTRATION_30_DAYS', 'LEAVING_TODAY'] },
  highriskemployee: { entryType: 'HIGH_RISK_EMPLOYEE_V2', searchType: 'HIGH_RISK_SEARCH_RESPONSE_V2', rollupType: 'HIGH_RISK_FILTER_ROLLUP_V2', filters: ['OPEN', 'EXFILTRATION_24_HOURS', 'EXFILTRATION_30_DAYS'] },
} as const;

const SORT_KEYS = ['CREATED_AT', 'DISPLAY_NAME', 'USER_NAME', 'DEPARTURE_DATE', 'NUM_EVENTS', 'TOTAL_BYTES'] as const;

function profileView(tenant: Tenant, user: SimUser): JsonObject {
  return {
    'type$': 'USER_V2',
    tenantId: tenant.tenantId,
    userId: user.userUid,
    userName: user.username,
    displayName: tenant.displayName(user),
    notes: user.profileNotes,
    cloudUsernames: [...user.cloudAliases],
    riskFactors: [...user.riskFactors],
  };
}

interface Exposure {
  numEvents: number;
  totalBytes: number;
}

function entryView(tenant: Tenant, list: ListName, entry: DetectionEntry, exposure?: Exposure): JsonObject {
  const user = tenant.user(entry.userUid) as SimUser;
  const view: JsonObject = {
    'type$': LIST_INFO[list].entryType,
    tenantId: tenant.tenantId,
    userId: user.userUid,
    userName: user.username,
    displayName: tenant.displayName(user),
    notes: user.profileNotes,
    createdAt: entry.createdAt,
    status: 'OPEN',
    cloudUsernames: [...user.cloudAliases],
    riskFactors: [...user.riskFactors],
    ...managerAndJob(tenant, user, 'managerUid'),
    city: user.locality,
    state: user.region,
    country: user.country,
  };
  if (list === 'departingemployee') view.departureDate = entry.departureDate ?? null;
  if (exposure) Object.assign(view, exposure);
  return view;
}

/** Exfiltration (risky file events) per user uid since `sinceMs`. */
function exposureSince(tenant: Tenant, sinceMs: number): Map<string, Exposure> {
  const out = new Map<string, Exposure>();
  for (const event of tenant.fileEvents()) {
    if (event.timestampMs < sinceMs) continue;
    const doc = event.doc as { user?: { id?: string }; risk?: { score?: number }; file?: { sizeInBytes?: number } };
    if (!doc.risk?.score || !doc.user?.id) continue;
    const exposure = out.get(doc.user.id) ?? { numEvents: 0, totalBytes: 0 };
    exposure.numEvents++;
    exposure.totalBytes += doc.file?.sizeInBytes ?? 0;
    out.set(doc.user.id, exposure);
  }
  return out;
}

function userFromBody(tenant: Tenant, body: JsonObject): SimUser {
  const userId = optionalString(body, 'userId');
  const userName = optionalString(body, 'userName') ?? optionalString(body, 'username');
  if (!userId && !userName) throw springError(400, 'userId is required.');
  const user = userId ? tenant.user(userId) : tenant.userByUsername(userName as string);
  if (!user) throw springError(400, 'Could not find user');
  return user;
}

function riskFactorsFrom(body: JsonObject): RiskFactor[] {
  const factors = stringArray(body, 'riskFactors');
  const unknown = factors.find((f) => !RISK_FACTORS.includes(f as RiskFactor));
  if (unknown) throw springError(400, `Invalid risk factor ${unknown}; valid risk factors are ${RISK_FACTORS.join(', ')}.`);
  return factors as RiskFactor[];
}

function departureDateFrom(body: JsonObject): string | null {
  const value = optionalString(body, 'departureDate');
  if (value === undefined || value === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw springError(400, `departureDate ${value} is not a date in the form yyyy-MM-dd.`);
  return value;
}

type Action = (body: JsonObject) => JsonObject | undefined;

/** Registers `POST {prefix}/{action}`: the body must name the tenant; an action with no answer sends an empty 200. */
function actionRoutes(app: FastifyInstance, tenant: Tenant, prefix: string): (action: string, handler: Action) => void {
  return (action, handler) => {
    app.post(`${prefix}/${action}`, async (request, reply) => {
      const result = handler(tenantBody(request, tenant, true));
      return result === undefined ? reply.code(200).send() : result;
    });
  };
}

function registerProfileRoutes(app: FastifyInstance, tenant: Tenant): void {
  const route = actionRoutes(app, tenant, '/v1/detection-lists/user');

  route('getbyusername', (body) => {
    const user = tenant.userByUsername(requiredString(body, 'username'));
    if (!user) throw springError(400, 'Could not find user');
    return profileView(tenant, user);
  });
  route('getbyid', (body) => profileView(tenant, userFromBody(tenant, body)));
  route('updatenotes', (body) => {
    const user = userFromBody(tenant, body);
    user.profileNotes = optionalString(body, 'notes') ?? null;
    return undefined;
  });
  route('addriskfactors', (body) => {
    const user = userFromBody(tenant, body);
    for (const factor of riskFactorsFrom(body)) if (!user.riskFactors.includes(factor)) user.riskFactors.push(factor);
    return undefined;
  });
  route('removeriskfactors', (body) => {
    const user = userFromBody(tenant, body);
    const removed = riskFactorsFrom(body);
    user.riskFactors = user.riskFactors.filter((f) => !removed.includes(f));
    return undefined;
  });
}

function search(tenant: Tenant, list: ListName, body: JsonObject): JsonObject {
  const info = LIST_INFO[list];
  const filterType = (optionalString(body, 'filterType') ?? 'OPEN').toUpperCase();
  if (!(info.filters as readonly string[]).includes(filterType)) throw springError(400, `filterType ${filterType} is not one of ${info.filters.join(', ')}.`);
  const srtKey = (optionalString(body, 'srtKey') ?? 'CREATED_AT').toUpperCase();
  if (!(SORT_KEYS as readonly string[]).includes(srtKey)) throw springError(400, `srtKey ${srtKey} is not one of ${SORT_KEYS.join(', ')}.`);
  const srtDirection = (optionalString(body, 'srtDirection') ?? 'DESC').toUpperCase();
  if (srtDirection !== 'ASC' && srtDirection !== 'DESC') throw springError(400, 'srtDirection must be ASC or DESC.');
  const page = readPage(body, { numberKey: 'pgNum', sizeKeys: ['pgSize'], defaultSize: 100, firstPage: 1 });

  const now = tenant.now();
  const day = exposureSince(tenant, now - MS_PER_DAY);
  const month = exposureSince(tenant, now - 30 * MS_PER_DAY);
  const today = isoDate(now);
  const entries = [...(list === 'departingemployee' ? tenant.departing : tenant.highRisk).values()];
  const matching = (filter: string) =>
    entries.filter((e) => {
      if (filter === 'EXFILTRATION_24_HOURS') return day.has(e.userUid);
      if (filter === 'EXFILTRATION_30_DAYS') return month.has(e.userUid);
      if (filter === 'LEAVING_TODAY') return e.departureDate === today;
      return true;
    });
  const exposureOf = (e: DetectionEntry) => (filterType === 'EXFILTRATION_24_HOURS' ? day : month).get(e.userUid) ?? { numEvents: 0, totalBytes: 0 };
  const userOf = (e: DetectionEntry) => tenant.user(e.userUid) as SimUser;
  const key = (e: DetectionEntry): string | number => {
    switch (srtKey) {
      case 'DISPLAY_NAME':
        return tenant.displayName(userOf(e)).toLowerCase();
      case 'USER_NAME':
        return userOf(e).username.toLowerCase();
      case 'DEPARTURE_DATE':
        return e.departureDate ?? '';
      case 'NUM_EVENTS':
        return exposureOf(e).numEvents;
      case 'TOTAL_BYTES':
        return exposureOf(e).totalBytes;
      default:
        return e.createdAt;
    }
  };
  const sign = srtDirection === 'DESC' ? -1 : 1;
  const items = matching(filterType).sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return sign * (ka < kb ? -1 : ka > kb ? 1 : a.userUid < b.userUid ? -1 : 1);
  });
  return {
    'type$': info.searchType,
    items: pageOf(items, page).map((e) => entryView(tenant, list, e, list === 'departingemployee' ? exposureOf(e) : undefined)),
    totalCount: items.length,
    rollups: info.filters.map((f) => ({ 'type$': info.rollupType, filterType: f, totalCount: matching(f).length })),
    filterType,
    pgSize: page.size,
    pgNum: page.index + 1,
    srtKey,
    srtDirection,
  };
}

function registerListRoutes(app: FastifyInstance, tenant: Tenant, list: ListName): void {
  const entries = list === 'departingemployee' ? tenant.departing : tenant.highRisk;
  const route = actionRoutes(app, tenant, `/v1/detection-lists/${list}`);
  const onList = (body: JsonObject) => {
    const user = userFromBody(tenant, body);
    const entry = entries.get(user.userUid);
    if (!entry) throw springError(404, `User ${user.userUid} is not on the list.`);
    return entry;
  };

  route('add', (body) => {
    const user = userFromBody(tenant, body);
    if (entries.has(user.userUid)) throw springError(400, 'User already on list');
    const entry: DetectionEntry = { userUid: user.userUid, createdAt: iso7(tenant.now()) };
    if (list === 'departingemployee') entry.departureDate = departureDateFrom(body);
    entries.set(user.userUid, entry);
    return entryView(tenant, list, entry);
  });
  route('remove', (body) => {
    entries.delete(onList(body).userUid);
    return undefined;
  });
  route('get', (body) => entryView(tenant, list, onList(body)));
  route('search', (body) => search(tenant, list, body));
  if (list === 'departingemployee') {
    route('update', (body) => {
      const entry = onList(body);
      entry.departureDate = departureDateFrom(body);
      return entryView(tenant, list, entry);
    });
  }
}

export function registerDetectionListRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  registerProfileRoutes(app, tenant);
  registerListRoutes(app, tenant, 'departingemployee');
  registerListRoutes(app, tenant, 'highriskemployee');
}
