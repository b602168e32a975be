// Liveness (the process answers) and readiness (Code42 is reachable and grants a token).
import type { FastifyInstance } from 'fastify';
import type { Code42Api } from '../../code42/api';
import { Code42Error } from '../../code42/errors';
import { sendError } from '../errors';
import { authenticatedErrors } from '../schemas';

const statusSchema = { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] };

/** Concurrent probes share one check, so a burst of probes is one token request, not many. */
function singleFlight(check: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= check().finally(() => {
      running = undefined;
    });
    return running;
  };
}

export function healthRoutes(app: FastifyInstance, options: { code42: Code42Api }): void {
  const checkConnection = singleFlight(() => options.code42.checkConnection());

  app.get('/healthz', {
    config: { public: true, rateLimit: false },
    schema: {
      operationId: 'healthz',
      summary: 'Liveness: the service answers. Needs no API key.',
      tags: ['health'],
      security: [],
      response: { 200: statusSchema },
    },
    handler: async () => ({ status: 'ok' }),
  });

  // Behind the API key: each probe makes Code42 calls (token, one read) and its failure sentence
  // describes the Code42 setup, neither of which an anonymous caller should be able to trigger or read.
  app.get('/readyz', {
    schema: {
      operationId: 'readyz',
      summary: 'Readiness: Code42 is reachable and a token can be obtained (the test-module check).',
      tags: ['health'],
      response: { 200: statusSchema, 503: { description: 'Code42 is not usable; the message says why.', $ref: 'Error#' }, ...authenticatedErrors },
    },
    handler: async (request, reply) => {
      try {
        await checkConnection();
        return { status: 'ready' };
      } catch (error) {
        if (error instanceof Code42Error) return sendError(reply, 503, error.message);
        request.log.error({ err: error }, 'readiness check failed unexpectedly');
        return sendError(reply, 503, 'The connection to Code42 could not be checked.');
      }
    },
  });
}
