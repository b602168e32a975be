// Cases (incydr-api.md §2.8): create (name <= 50, description <= 250, findings <= 30,000), list (1-based
// `pgNum`, `pgSize`, filters), get, update, delete, and file events of a case. Errors are
// `{"problem": "...", "description": ...}` (400), unknown cases a Spring-style 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type JsonObject, jsonError, objectBody, oneOf, pageOf, queryString, readPage, springError } from '../http';
import type { SimCase } from '../model';
import { type Tenant, TenantError } from '../tenant';
import type { RouteDeps } from './deps';

const LIMITS = { name: 50, description: 250, findings: 30_000 } as const;
const PAGE = { numberKey: 'pgNum', sizeKeys: ['pgSize'], defaultSize: 100, maxSize: 500, firstPage: 1 } as const;

const problem = (name: string, description: string | null = null) => jsonError(400, { problem: name, description });

function caseView(tenant: Tenant, kase: SimCase): JsonObject {
  const username = (id: string | null) => (id ? (tenant.user(id)?.username ?? null) : null);
  const uidOf = (name: string) => tenant.userByUsername(name)?.userId ?? name;
  return {
    number: kase.number,
    name: kase.name,
    createdAt: kase.createdAt,
    updatedAt: kase.updatedAt,
    description: kase.description,
    findings: kase.findings,
    subject: kase.subject,
    subjectUsername: username(kase.subject),
    status: kase.status,
    assignee: kase.assignee,
    assigneeUsername: username(kase.assignee),
    createdByUserUid: uidOf(kase.createdBy),
    createdByUsername: kase.createdBy,
    lastModifiedByUserUid: uidOf(kase.lastModifiedBy),
    lastModifiedByUsername: kase.lastModifiedBy,
    archivalTime: null,
  };
}

function field(tenant: Tenant, body: JsonObject, key: keyof typeof LIMITS | 'subject' | 'assignee'): string | null {
  const value = body[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw problem('INVALID_REQUEST', `${key} must be a string.`);
  if (key in LIMITS && value.length > LIMITS[key as keyof typeof LIMITS]) throw problem(`${key.toUpperCase()}_TOO_LONG`, `${key} has more than ${LIMITS[key as keyof typeof LIMITS]} characters.`);
  if ((key === 'subject' || key === 'assignee') && !tenant.user(value)) throw problem('INVALID_USER', `The ${key} ${value} is not a user of this tenant.`);
  return value;
}

export function registerCaseRoutes(app: FastifyInstance, { tenant, credentials }: RouteDeps): void {
  const caseOr404 = (request: FastifyRequest) => {
    const raw = (request.params as { number: string }).number;
    const kase = /^\d+$/.test(raw) ? tenant.case(Number(raw)) : undefined;
    if (!kase) throw springError(404, `Case ${raw} not found.`);
    return kase;
  };
  const asProblem = (action: () => void) => {
    try {
      action();
    } catch (error) {
      if (error instanceof TenantError && error.status === 400) throw problem(error.message.split(':')[0], error.message);
      throw error;
    }
  };

  app.post('/v1/cases', async (request) => {
    const body = objectBody(request, (m) => problem('INVALID_REQUEST', m));
    const name = field(tenant, body, 'name');
    if (!name) throw problem('NAME_REQUIRED', 'name is required.');
    if (tenant.cases.some((c) => c.name.toLowerCase() === name.toLowerCase())) throw problem('NAME_EXISTS', `A case named ${name} already exists.`);
    const kase = tenant.createCase({
      name,
      subject: field(tenant, body, 'subject'),
      assignee: field(tenant, body, 'assignee'),
      description: field(tenant, body, 'description'),
      findings: field(tenant, body, 'findings'),
      createdBy: credentials.clientId,
    });
    return caseView(tenant, kase);
  });

  app.get('/v1/cases', async (request) => {
    const query = request.query as JsonObject;
    const page = readPage(query, PAGE);
    const status = queryString(query, 'status');
    if (status !== undefined) oneOf([status], ['OPEN', 'CLOSED'], 'status');
    const name = queryString(query, 'name')?.toLowerCase();
    const assignee = queryString(query, 'assignee');
    const cases = tenant.cases.filter((c) => (status === undefined || c.status === status) && (name === undefined || c.name.toLowerCase().includes(name)) && (assignee === undefined || c.assignee === assignee));
    return { cases: pageOf(cases, page).map((c) => caseView(tenant, c)), totalCount: cases.length };
  });

  app.get('/v1/cases/:number', async (request) => caseView(tenant, caseOr404(request)));

  app.put('/v1/cases/:number', async (request) => {
    const kase = caseOr404(request);
    const body = objectBody(request, (m) => problem('INVALID_REQUEST', m));
    const patch: Parameters<Tenant['updateCase']>[1] = {};
    for (const key of ['subject', 'assignee', 'description', 'findings'] as const) if (key in body) patch[key] = field(tenant, body, key);
    if ('name' in body) {
      const name = field(tenant, body, 'name');
      if (name === null) throw problem('NAME_REQUIRED', 'name cannot be empty.');
      patch.name = name;
    }
    if ('status' in body) patch.status = oneOf([String(body.status)], ['OPEN', 'CLOSED'] as const, 'status')[0];
    return caseView(tenant, tenant.updateCase(kase.number, patch, credentials.clientId));
  });

  app.delete('/v1/cases/:number', async (request, reply) => {
    tenant.deleteCase(caseOr404(request).number);
    return reply.code(200).send();
  });

  app.post('/v1/cases/:number/fileevent', async (request, reply) => {
    const kase = caseOr404(request);
    const events = objectBody(request, (m) => problem('INVALID_REQUEST', m)).events;
    if (!Array.isArray(events) || events.length === 0 || events.some((e) => typeof e !== 'string')) throw problem('INVALID_REQUEST', 'events must be a non-empty list of event ids.');
    asProblem(() => tenant.addCaseEvents(kase.number, events as string[]));
    return reply.code(200).send();
  });

  const eventView = (eventId: string) => {
    const doc = tenant.fileEvent(eventId) as { '@timestamp'?: string; file?: { name?: string; directory?: string }; risk?: { score?: number; severity?: string; indicators?: { name: string; weight: number }[] } } | undefined;
    return {
      eventId,
      eventTimestamp: doc?.['@timestamp'] ?? null,
      fileAvailability: 'EXACT_FILE_AVAILABLE',
      fileName: doc?.file?.name ?? null,
      filePath: doc?.file?.directory ?? null,
      riskIndicators: (doc?.risk?.indicators ?? []).map((i) => ({ name: i.name, weight: i.weight })),
      riskScore: doc?.risk?.score ?? 0,
      riskSeverity: doc?.risk?.severity ?? 'NO_RISK_INDICATED',
    };
  };

  app.get('/v1/cases/:number/fileevent', async (request) => {
    const kase = caseOr404(request);
    return { events: pageOf(kase.eventIds, readPage(request.query as JsonObject, PAGE)).map(eventView), totalCount: kase.eventIds.length };
  });
  app.get('/v1/cases/:number/fileevent/:eventId', async (request) => {
    const kase = caseOr404(request);
    const { eventId } = request.params as { eventId: string };
    if (!kase.eventIds.includes(eventId)) throw springError(404, `Case ${kase.number} has no file event ${eventId}.`);
    return eventView(eventId);
  });
  app.delete('/v1/cases/:number/fileevent/:eventId', async (request, reply) => {
    tenant.removeCaseEvent(caseOr404(request).number, (request.params as { eventId: string }).eventId);
    return reply.code(200).send();
  });
}
