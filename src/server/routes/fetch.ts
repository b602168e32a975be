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

/** The instance's fetch parameters, under their XSOAR names. */
export function fetchParamsOf(config: InstanceConfig): FetchParamsInput {
  const { alert_severity, first_fetch, max_fetch, include_files, incidentType, fetch_lookback } = config;
  return { alert_severity, first_fetch, max_fetch, include_files, incidentType, fetch_lookback };
}

// Strings first: XSOAR sends instance parameters as text, and parseFetchParams reads both forms. null is an
// unset parameter, as XSOAR hands it over.
const textOr = (native: object, description: string) => ({ description, anyOf: [{ type: 'string' }, native, { type: 'null' }] });
const text = (description: string) => ({ type: ['string', 'null'], description });

const paramsSchema = {
  type: 'object',
  description: "Overrides of the instance's fetch parameters (XSOAR names; fetch_time and fetch_limit are accepted aliases).",
  properties: {
    alert_severity: textOr({ type: 'array', items: { type: 'string' } }, 'Critical, High, Moderate, Low (comma-separated or an array); empty = all.'),
    first_fetch: text('How far back the first run looks, e.g. "3 days", or an ISO 8601 date.'),
    fetch_time: text('Alias of first_fetch.'),
    max_fetch: textOr({ type: 'integer' }, 'Most incidents per run, 1 to 200.'),
    fetch_limit: textOr({ type: 'integer' }, 'Alias of max_fetch.'),
    include_files: textOr({ type: 'boolean' }, 'Attach the file events of each alert.'),
    incidentType: text('The XSOAR incident type of the incidents.'),
    fetch_lookback: textOr({ type: 'integer' }, 'Minutes of overlap for alerts indexed late.'),
  },
  additionalProperties: false,
};

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

/** Each alias and the XSOAR name it stands for (parseFetchParams prefers the XSOAR name). */
const ALIASES = { fetch_time: 'first_fetch', fetch_limit: 'max_fetch' } as const;

const isUnset = (value: unknown): boolean => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * The instance's parameters with the overrides actually given. An unset one — null, as XSOAR hands it over,
 * which the body schema reads as "" where text comes first — leaves the instance's value in place. One given
 * under an alias replaces the instance's value under the XSOAR name, which would otherwise win over it.
 */
export function withOverrides(configured: FetchParamsInput, overrides: FetchParamsInput = {}): FetchParamsInput {
  const given: FetchParamsInput = Object.fromEntries(Object.entries(overrides).filter(([, value]) => !isUnset(value)));
  const params: FetchParamsInput = { ...configured, ...given };
  for (const [alias, name] of Object.entries(ALIASES)) {
    if (alias in given && !(name in given)) delete params[name];
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
