// fetch-incidents as a stateless call (the caller keeps lastRun, as XSOAR does) and the incidents
// scheduled fetching delivered to this service's sink — read from the sink on every request, so what a CLI
// fetch sharing data/ appended is there too.
import type { FastifyInstance } from 'fastify';
import { Code42Error } from '../../code42/errors';
import type { InstanceConfig } from '../../config';
import { FetchParamsError } from '../../fetch/errors';
import { ActorNameCache } from '../../fetch/enrich';
import { fetchIncidents, type FetchClient } from '../../fetch/fetch-incidents';
import type { IncidentPage } from '../../fetch/jsonl-sink';
import { LastRunError, type LastRun } from '../../fetch/last-run';
import type { FetchParamsInput } from '../../fetch/params';
import { fetchOverridesSchema, parametersOf } from '../../parameters';
import { DatabaseError } from '../../store/database-settings';
import { isBlank } from '../../values';
import { sendError } from '../errors';
import { authenticatedErrors } from '../schemas';

/** What `GET /v1/incidents` reads: the store of scheduled fetching (FetchStore.read), fresh on every call. */
export interface IncidentSource {
  read(page: { offset: number; limit: number }): Promise<IncidentPage>;
}

export interface FetchRoutesOptions {
  code42: FetchClient;
  config: InstanceConfig;
  incidents?: IncidentSource;
  now: () => Date;
}

/** The instance's fetch parameters, under their XSOAR names (the fetch surface of the parameter table). */
export function fetchParamsOf(config: InstanceConfig): FetchParamsInput {
  const configured: Record<string, unknown> = { ...config };
  return Object.fromEntries(parametersOf('fetch').map((spec) => [spec.name, configured[spec.name]]));
}

const paramsSchema = fetchOverridesSchema();

const lastRunSchema = {
  type: ['object', 'null'],
  description:
    'The lastRun the previous call returned; {} or null on the first run. A lastRun of the XSOAR Code42 integration 6.x ' +
    '(last_fetch, incidents_at_last_fetch_timestamp) or of the alerts era (last_fetch) is continued.',
  properties: {
    sessions: { type: 'number', description: 'Format marker of this integration\'s checkpoint (1).' },
    frontier: { type: 'number', description: 'Epoch ms: every alerting session beginning before it that Code42 showed has been delivered.' },
    data_time: { type: 'number', description: 'Epoch ms: the newest time Code42 reported when the run that wrote this began.' },
    delivered: { type: 'object', additionalProperties: { type: 'number' }, description: 'Session id -> beginTime of the sessions delivered that the next query can still reach.' },
    last_fetch: { type: ['number', 'string', 'null'], description: 'Older integrations: the instant they fetched up to (ms; seconds in the alerts era).' },
    incidents_at_last_fetch_timestamp: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: true,
};

const labelSchema = { type: 'object', properties: { type: { type: 'string' }, value: { type: 'string' } }, required: ['type', 'value'] };

const incidentSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    occurred: { type: 'string' },
    severity: { type: 'number' },
    rawJSON: { type: 'string', description: 'The session with its enrichment (actor, rule_names, riskSeverity, state, fileevents) as JSON text.' },
    dbotMirrorId: { type: 'string', description: 'The Code42 session id.' },
    created: { type: 'string' },
    labels: { type: 'array', items: labelSchema },
    CustomFields: { type: 'object', additionalProperties: true, description: 'code42alertid, code42username, code42alertstate, code42severity, code42fileevents.' },
    type: { type: 'string' },
    details: { type: 'string' },
  },
  required: ['name', 'occurred', 'severity', 'rawJSON', 'dbotMirrorId', 'created', 'labels', 'CustomFields'],
  additionalProperties: true,
};

/**
 * The instance's parameters with the overrides actually given. An unset one — null, as XSOAR hands it over,
 * which the body schema reads as "" where text comes first — leaves the instance's value in place. One given
 * under an alias replaces the instance's value under the XSOAR name, which would otherwise win over it.
 */
export function withOverrides(configured: FetchParamsInput, overrides: FetchParamsInput = {}): FetchParamsInput {
  const given: Record<string, unknown> = Object.fromEntries(Object.entries(overrides).filter(([, value]) => !isBlank(value)));
  const params: Record<string, unknown> = { ...configured, ...given };
  for (const spec of parametersOf('fetch')) {
    for (const alias of spec.aliases ?? []) if (alias in given && !(spec.name in given)) delete params[spec.name];
  }
  return params;
}

interface FetchBody {
  lastRun?: LastRun | null;
  params?: FetchParamsInput;
}

export function fetchRoutes(app: FastifyInstance, options: FetchRoutesOptions): void {
  const { code42, config, incidents, now } = options;
  const configured = fetchParamsOf(config);
  // Actor names outlive a call here as they do in the scheduler (bounded, enrich.ts).
  const actorNames = new ActorNameCache();

  app.post<{ Body: FetchBody | undefined }>('/v1/fetch-incidents', {
    schema: {
      operationId: 'fetchIncidents',
      summary: 'One fetch-incidents run: the incidents for open alerting sessions not yet delivered, and the lastRun to send next time.',
      description: 'Stateless: the caller keeps lastRun. Nothing changes in Code42 or in this service.',
      tags: ['incidents'],
      body: { type: ['object', 'null'], properties: { lastRun: lastRunSchema, params: paramsSchema }, additionalProperties: false },
      response: {
        200: {
          type: 'object',
          properties: { incidents: { type: 'array', items: incidentSchema }, lastRun: { type: 'object', additionalProperties: true } },
          required: ['incidents', 'lastRun'],
        },
        400: { description: 'A fetch parameter or lastRun is invalid.', $ref: 'Error#' },
        502: { description: 'Code42 failed; the message says how.', $ref: 'Error#' },
        ...authenticatedErrors,
      },
    },
    handler: async (request, reply) => {
      const body = request.body ?? {};
      try {
        return await fetchIncidents(code42, withOverrides(configured, body.params), body.lastRun ?? {}, now(), { actorNames });
      } catch (error) {
        if (error instanceof FetchParamsError || error instanceof LastRunError) return sendError(reply, 400, error.message);
        if (error instanceof Code42Error) return sendError(reply, 502, error.message);
        throw error;
      }
    },
  });

  app.get<{ Querystring: { offset: number; limit: number } }>('/v1/incidents', {
    schema: {
      operationId: 'listIncidents',
      summary: 'The incidents scheduled fetching delivered, in delivery order.',
      tags: ['incidents'],
      querystring: {
        type: 'object',
        properties: { offset: { type: 'integer', minimum: 0, default: 0 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } },
        additionalProperties: false,
      },
      response: {
        200: {
          type: 'object',
          properties: { total: { type: 'integer' }, offset: { type: 'integer' }, incidents: { type: 'array', items: incidentSchema } },
          required: ['total', 'offset', 'incidents'],
        },
        404: { description: 'This service keeps no incidents (scheduled fetching is off or delivers to a webhook).', $ref: 'Error#' },
        503: { description: 'The database that holds the incidents (DATABASE_URL) failed; the message names it and why.', $ref: 'Error#' },
        ...authenticatedErrors,
      },
    },
    handler: async (request, reply) => {
      if (!incidents) return sendError(reply, 404, 'This service keeps no incidents: scheduled fetching is off or delivers to a webhook.');
      try {
        return await incidents.read(request.query);
      } catch (error) {
        // A database outage is the service's dependency being unavailable, not a fault here: 503, in the
        // store's one sentence (it names user@host:port/database, never the password).
        if (error instanceof DatabaseError) return sendError(reply, 503, error.message);
        throw error;
      }
    },
  });
}
