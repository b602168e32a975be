// The HTTP service (architecture.md §7): the registry, fetch-incidents and health as routes, behind a
// bearer API key and a rate limit, documented by OpenAPI generated from the argument schemas.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type onRequestHookHandler } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { Logger } from 'pino';
import type { CommandContext } from '../command';
import type { InstanceConfig } from '../config';
import type { Registry } from '../registry';
import { createKeyCheck } from './auth';
import { DOCS_CONTENT_SECURITY_POLICY, docsPage, type OpenApiDocument } from './docs';
import { handleError, handleNotFound, HttpError, parseJsonBody, schemaErrorFormatter, sendError } from './errors';
import { REFUSAL_WINDOW_MS, RefusalLog } from './refusals';
import { commandRoutes } from './routes/commands';
import { fetchRoutes, type IncidentSource } from './routes/fetch';
import { healthRoutes, type DatabaseProbe } from './routes/health';
import { entrySchema, errorSchema } from './schemas';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without the API key (health, docs). */
    public?: boolean;
  }
}

/** What the service needs of a runtime (src/runtime.ts provides it). */
export interface ServedRuntime {
  config: InstanceConfig;
  registry: Registry;
  context: CommandContext;
}

export interface ServerLimits {
  /** Largest accepted request body. */
  bodyLimitBytes: number;
  /** Requests per client address per minute (health probes included). */
  rateLimitPerMinute: number;
  /** Longest /readyz waits for Code42 before answering 503 (it must answer within 10 s). */
  readinessTimeoutMs: number;
  /** Longest a command may run before the caller gets a 504. */
  commandTimeoutMs: number;
  /** Longest a client may take to send a whole request. */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyLimitBytes: 1024 * 1024,
  rateLimitPerMinute: 1200,
  readinessTimeoutMs: 8_000,
  commandTimeoutMs: 120_000,
  requestTimeoutMs: 30_000,
};

export interface ServerOptions {
  runtime: ServedRuntime;
  /** The bearer key every route but health and docs requires. */
  apiKey: string;
  logger: Logger;
  /** Where scheduled fetching delivers incidents; without it `GET /v1/incidents` answers 404. */
  incidents?: IncidentSource;
  /** The PostgreSQL database replicas share, if any: /readyz checks it too. */
  database?: DatabaseProbe;
  limits?: Partial<ServerLimits>;
  /** The clock fetch-incidents runs with (tests pin it). */
  now?: () => Date;
}

function refuseWithoutKey(reply: FastifyReply): FastifyReply {
  reply.header('www-authenticate', 'Bearer realm="code42-soar"');
  return sendError(reply, 401, 'Missing or wrong API key: send the header "Authorization: Bearer <key>".');
}

function requireApiKey(isValid: (authorization: string | undefined) => boolean): onRequestHookHandler {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (isValid(request.headers.authorization)) return done();
    refuseWithoutKey(reply);
  };
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // Typed as fastify's logger interface (which pino implements) so the app is a plain FastifyInstance.
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance,
    // One line per request, written in onResponse below, instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: limits.bodyLimitBytes,
    requestTimeout: limits.requestTimeoutMs,
    // Longer than the usual 60 s idle timeout of load balancers, so they never reuse a socket we closed.
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    // An unknown field is a mistake to report, not to drop silently (fastify's default removes it).
    // Union types (`type: ['string', 'null']`) are how the schemas say "or unset"; without allowUnionTypes ajv
    // warns on stderr at start, breaking the service's one-JSON-line-per-record log.
    ajv: { customOptions: { removeAdditional: false, allowUnionTypes: true } },
    schemaErrorFormatter,
    // Errors fastify meets before routing (a malformed URL) get the same answer format as every other.
    frameworkErrors: (error, request, reply) => void handleError(error, request, reply),
  });

  const isValidKey = createKeyCheck(options.apiKey);
  app.setErrorHandler(handleError);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as HttpError, undefined);
    }
  });
  app.addSchema(errorSchema);
  app.addSchema(entrySchema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'code42-soar',
        version: '1.0.0',
        description:
          'Code42 Incydr integration for Cortex XSOAR as a service: every XSOAR command of the integration, fetch-incidents ' +
          'and the incidents delivered by scheduled fetching. Send "Authorization: Bearer <API key>" on every route but /healthz.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
      tags: [
        { name: 'commands', description: 'XSOAR commands: body = arguments, answer = war-room entries.' },
        { name: 'incidents', description: 'fetch-incidents and scheduled fetching.' },
        { name: 'registry', description: 'The command registry.' },
        { name: 'health', description: 'Liveness and readiness.' },
      ],
    },
    // Keep the schema names (Error, Entry) in components instead of def-0, def-1.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(rateLimit, { max: limits.rateLimitPerMinute, timeWindow: 60_000 });
  // Without a valid key every path answers 401, routes or not: a 404 would let anyone map the routes. Unknown
  // paths are rate limited too: they are where a scan goes.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) =>
    isValidKey(request.headers.authorization) ? handleNotFound(request, reply) : refuseWithoutKey(reply),
  );

  // Added per route after the rate limit's own hook, so unauthenticated floods are throttled too.
  const authenticate = requireApiKey(isValidKey);
  app.addHook('onRoute', (route) => {
    if (route.config?.public) return;
    const existing = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [...existing, authenticate];
  });
  // close() waits for requests in flight; their answers must close the connection, or the client's idle
  // keep-alive socket would hold close() open until the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  const refusals = new RefusalLog(app.log);
  app.addHook('onResponse', async (request, reply) => {
    const ms = Math.round(reply.elapsedTime);
    const refused = reply.statusCode === 401 || reply.statusCode === 429;
    if (refused && !refusals.record(reply.statusCode, request.ip)) return;
    // The message repeats the fields so the text log format (LOG_FORMAT=text) says what was served too.
    const summarised = refused ? `; further refused requests are counted and summarised every ${REFUSAL_WINDOW_MS / 1000} seconds` : '';
    request.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, ms },
      `${request.method} ${request.url} ${reply.statusCode} ${ms} ms${summarised}`,
    );
  });
  app.addHook('onClose', async () => refusals.flush());

  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  let docs: string | undefined;
  app.get('/docs', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    docs ??= docsPage(app.swagger() as unknown as OpenApiDocument);
    return reply.type('text/html; charset=utf-8').header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY).send(docs);
  });
  // Where the docs page used to be (swagger-ui served /docs/): a bookmark keeps working.
  app.get('/docs/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.redirect('/docs', 301));

  const { registry, context, config } = options.runtime;
  healthRoutes(app, { code42: context.code42, mode: config.demo ? 'demo' : 'code42', readinessTimeoutMs: limits.readinessTimeoutMs, database: options.database });
  commandRoutes(app, { registry, context, commandTimeoutMs: limits.commandTimeoutMs });
  fetchRoutes(app, { code42: context.code42, config, incidents: options.incidents, now: options.now ?? (() => new Date()) });
  return app;
}
