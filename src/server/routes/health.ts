// Liveness (the process answers) and readiness (Code42 is reachable and grants a token). Both say which mode
// runs, so a deployment that lost its credentials and fell into demo data would show it on every probe; and
// readiness answers within its deadline even when Code42 accepts connections and never answers.
import type { FastifyInstance } from 'fastify';
import type { Code42Api } from '../../code42/api';
import { Code42Error } from '../../code42/errors';
import { DatabaseError } from '../../store/database-settings';
import { sendError } from '../errors';
import { authenticatedErrors } from '../schemas';

/** `demo`: the embedded simulator serves the API (no Code42 URL and no credentials configured); `code42`: a tenant. */
export type ServiceMode = 'demo' | 'code42';

const statusSchema = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    mode: { type: 'string', enum: ['demo', 'code42'], description: 'demo: the embedded Code42 simulator answers (no tenant configured); code42: a Code42 tenant.' },
  },
  required: ['status', 'mode'],
};

/** `check`, or a Code42Error once `ms` have passed: the probe's caller hears within the deadline either way. */
function within(check: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Code42Error(`Code42 did not answer the readiness check within ${ms / 1000} seconds: it accepts connections but does not respond.`, { kind: 'timeout', operation: 'check the connection' })),
      ms,
    );
  });
  return Promise.race([check, deadline]).finally(() => clearTimeout(timer));
}

/**
 * How long a readiness answer is reused. Each check costs a token and one read of Code42's 120 requests a
 * minute that commands and fetching share; a probe every few seconds would otherwise spend a tenth of them.
 */
export const READINESS_REUSE_MS = 10_000;

/**
 * Concurrent probes share one check, so a burst of probes is one token request, not many; and its outcome,
 * success or failure, answers the probes of the next READINESS_REUSE_MS too.
 */
function sharedCheck(check: () => Promise<void>, reuseMs: number): () => Promise<void> {
  let latest: { outcome: Promise<void>; until: number } | undefined;
  return () => {
    if (latest && (latest.until === Infinity || Date.now() < latest.until)) return latest.outcome;
    const entry = { outcome: check(), until: Infinity };
    entry.outcome.then(
      () => (entry.until = Date.now() + reuseMs),
      () => (entry.until = Date.now() + reuseMs),
    );
    latest = entry;
    return entry.outcome;
  };
}

/** The PostgreSQL database replicas share (src/store): ping() rejects with a DatabaseError sentence. */
export interface DatabaseProbe {
  ping(): Promise<void>;
}

export interface HealthOptions {
  code42: Code42Api;
  /** With a database, readiness needs it too (fetching does; commands do not, and keep working without it). */
  database?: DatabaseProbe;
  mode: ServiceMode;
  /** Longest /readyz waits for Code42 before answering 503. */
  readinessTimeoutMs: number;
}

export function healthRoutes(app: FastifyInstance, options: HealthOptions): void {
  const { mode } = options;
  const checkConnection = sharedCheck(() => options.code42.checkConnection(), READINESS_REUSE_MS);

  app.get('/healthz', {
    // Rate limited like every route: a public route is the first one a flood goes for.
    config: { public: true },
    schema: {
      operationId: 'healthz',
      summary: 'Liveness: the service answers, and in which mode (demo or code42). Needs no API key.',
      tags: ['health'],
      security: [],
      response: { 200: statusSchema, 429: { description: 'Too many requests.', $ref: 'Error#' } },
    },
    handler: async () => ({ status: 'ok', mode }),
  });

  // Behind the API key: each probe makes Code42 calls (token, one read) and its failure sentence
  // describes the Code42 setup, neither of which an anonymous caller should be able to trigger or read.
  app.get('/readyz', {
    schema: {
      operationId: 'readyz',
      summary: 'Readiness: Code42 is reachable and a token can be obtained (the test-module check), the database answers (with DATABASE_URL), and in which mode.',
      tags: ['health'],
      response: { 200: statusSchema, 503: { description: 'Code42 (or, with DATABASE_URL, the database) is not usable; the message says why.', $ref: 'Error#' }, ...authenticatedErrors },
    },
    handler: async (request, reply) => {
      try {
        await Promise.all([within(checkConnection(), options.readinessTimeoutMs), options.database?.ping()]);
        return { status: 'ready', mode };
      } catch (error) {
        if (error instanceof Code42Error || error instanceof DatabaseError) return sendError(reply, 503, error.message);
        request.log.error({ err: error }, 'readiness check failed unexpectedly');
        return sendError(reply, 503, 'The connection to Code42 could not be checked.');
      }
    },
  });
}
