// fetch-incidents as a stateless call (the caller keeps lastRun, as XSOAR does) and the incidents
// scheduled fetching delivered to this service's sink.
import type { FastifyInstance } from 'fastify';
import { Code42Error } from '../../code42/errors';
import type { InstanceConfig } from '../../config';
import { FetchParamsError } from '../../fetch/errors';
import { fetchIncidents, type FetchClient } from '../../fetch/fetch-incidents';
import type { IncidentPage } from '../../fetch/jsonl-sink';
import { LastRunError, type LastRun } from '../../fetch/last-run';
import type { FetchParamsInput } from '../../fetch/params';
import { fetchOverridesSchema, parametersOf } from '../../parameters';
import { isBlank } from '../../values';
import { sendError } from '../errors';
import { authenticatedErrors } from '../schemas';

/** What `GET /v1/incidents` reads: the JSONL sink of scheduled fetching. */
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
  description: 'The lastRun the previous call returned; {} or null on the first run. The official integration\'s form is read too.',
  properties: {
    last_fetch: { type: 'number', description: 'createdAt of the newest alert emitted (epoch ms; seconds are read as the official integration wrote them).' },
    last_fetched_ids: { type: 'array', items: { type: 'string' } },
    last_fetched_times: { type: 'array', items: { type: 'number' } },
    last_fetch_floor: { type: 'number' },
  },
  additionalProperties: true,
};

const incidentSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    occurred: { type: 'string' },
    severity: { type: 'number' },
    rawJSON: { type: 'string', description: 'The alert details as JSON text.' },
    dbotMirrorId: { type: 'string', description: 'The Code42 alert id.' },
    type: { type: 'string' },
    details: { type: 'string' },
  },
  required: ['name', 'occurred', 'severity', 'rawJSON', 'dbotMirrorId'],
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

  app.post<{ Body: FetchBody | undefined }>('/v1/fetch-incidents', {
    schema: {
      operationId: 'fetchIncidents',
      summary: 'One fetch-incidents run: the incidents for open alerts not yet emitted, and the lastRun to send next time.',
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
        return await fetchIncidents(code42, withOverrides(configured, body.params), body.lastRun ?? {}, now());
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
        ...authenticatedErrors,
      },
    },
    handler: async (request, reply) => {
      if (!incidents) return sendError(reply, 404, 'This service keeps no incidents: scheduled fetching is off or delivers to a webhook.');
      return incidents.read(request.query);
    },
  });
}
