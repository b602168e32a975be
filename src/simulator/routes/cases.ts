// Cases on the gateway (code42-api.md §13.2). Errors are `{"problem": "...", "description": ...}` (400).
import type { FastifyInstance } from 'fastify';
import { type JsonObject, jsonError, objectBody, pageOf, readPage, springError } from '../http';
import type { SimCase } from '../model';
import type { Tenant } from '../tenant';
import type { RouteDeps } from './deps';

const LIMITS = { name: 50, description: 250, findings: 30_000 } as const;

const problem = (name: string, description: string | null = null) => jsonError(400, { problem: name, description });

function caseView(tenant: Tenant, kase: SimCase): JsonObject {
  return {
    number: kase.number,
    name: kase.name,
    createdAt: kase.createdAt,
    updatedAt: kase.updatedAt,
    description: kase.description,
    findings: kase.findings,
    subject: kase.subject,
    subjectUsername: kase.subject ? (tenant.user(kase.subject)?.username ?? null) : null,
    status: kase.status,
    assignee: kase.assignee,
    assigneeUsername: kase.assignee ? (tenant.user(kase.assignee)?.username ?? null) : null,
    createdByUserUid: tenant.userByUsername(kase.createdBy)?.userUid ?? kase.createdBy,
    createdByUsername: kase.createdBy,
    lastModifiedByUserUid: tenant.userByUsername(kase.lastModifiedBy)?.userUid ?? kase.lastModifiedBy,
    lastModifiedByUsername: kase.lastModifiedBy,
    archivalTime: null,
  };
}

function optionalField(body: JsonObject, key: keyof typeof LIMITS | 'subject' | 'assignee'): string | null {
  const value = body[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw problem('INVALID_REQUEST', `${key} must be a string.`);
  if (key in LIMITS && value.length > LIMITS[key as keyof typeof LIMITS]) throw problem(`${key.toUpperCase()}_TOO_LONG`, `${key} has more than ${LIMITS[key as keyof typeof LIMITS]} characters.`);
  return value;
}

export function registerCaseRoutes(app: FastifyInstance, { tenant, credentials }: RouteDeps): void {
  const caseOr404 = (raw: string) => {
    const kase = /^\d+$/.test(raw) ? tenant.case(Number(raw)) : undefined;
    if (!kase) throw springError(404, `Case ${raw} not found.`);
    return kase;
  };

  app.post('/v1/cases', async (request) => {
    const body = objectBody(request, (m) => problem('INVALID_REQUEST', m));
    const name = optionalField(body, 'name');
    if (!name) throw problem('NAME_REQUIRED', 'name is required.');
    if (tenant.cases.some((c) => c.name.toLowerCase() === name.toLowerCase())) throw problem('NAME_EXISTS');
    for (const key of ['subject', 'assignee'] as const) {
      const uid = optionalField(body, key);
      if (uid !== null && !tenant.user(uid)) throw problem('INVALID_USER', `The ${key} ${uid} is not a user of this tenant.`);
    }
    const kase = tenant.createCase({
      name,
      subject: optionalField(body, 'subject'),
      assignee: optionalField(body, 'assignee'),
      description: optionalField(body, 'description'),
      findings: optionalField(body, 'findings'),
      createdBy: credentials.clientId,
    });
    return caseView(tenant, kase);
  });

  app.get('/v1/cases', async (request) => {
    const page = readPage(request.query as JsonObject, { numberKey: 'pgNum', sizeKeys: ['pgSize'], defaultSize: 100, maxSize: 500, firstPage: 1 });
    return { cases: pageOf(tenant.cases, page).map((c) => caseView(tenant, c)), totalCount: tenant.cases.length };
  });

  app.get('/v1/cases/:number', async (request) => caseView(tenant, caseOr404((request.params as { number: string }).number)));

  app.post('/v1/cases/:number/fileevent', async (request, reply) => {
    const kase = caseOr404((request.params as { number: string }).number);
    const body = objectBody(request, (m) => problem('INVALID_REQUEST', m));
    const events = body.events;
    if (!Array.isArray(events) || events.length === 0 || events.some((e) => typeof e !== 'string')) throw problem('INVALID_REQUEST', 'events must be a non-empty list of event ids.');
    if (kase.status !== 'OPEN') throw problem('CASE_IS_CLOSED');
    const ids = events as string[];
    if (ids.some((id) => kase.eventIds.includes(id))) throw problem('CASE_ALREADY_HAS_EVENT');
    const unknown = ids.find((id) => !tenant.fileEvent(id));
    if (unknown) throw problem('INVALID_EVENT_ID', `No file event ${unknown}.`);
    kase.eventIds.push(...new Set(ids));
    kase.updatedAt = new Date(tenant.now()).toISOString();
    return reply.code(200).send();
  });

  app.get('/v1/cases/:number/fileevent', async (request) => {
    const kase = caseOr404((request.params as { number: string }).number);
    const page = readPage(request.query as JsonObject, { numberKey: 'pgNum', sizeKeys: ['pgSize'], defaultSize: 100, maxSize: 500, firstPage: 1 });
    const events = kase.eventIds.map((eventId) => {
      const doc = tenant.fileEvent(eventId)?.doc as { '@timestamp'?: string; file?: { name?: string; directory?: string }; risk?: { score?: number; severity?: string; indicators?: { name: string }[] } } | undefined;
      return {
        eventId,
        eventTimestamp: doc?.['@timestamp'] ?? null,
        fileAvailability: 'EXACT_FILE_AVAILABLE',
        fileName: doc?.file?.name ?? null,
        filePath: doc?.file?.directory ?? null,
        riskIndicators: (doc?.risk?.indicators ?? []).map((i) => i.name),
        riskScore: doc?.risk?.score ?? 0,
        riskSeverity: doc?.risk?.severity ?? 'NO_RISK_INDICATED',
      };
    });
    return { events: pageOf(events, page), totalCount: events.length };
  });
}
