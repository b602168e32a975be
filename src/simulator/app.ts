// The fastify app: the gateway routes of the current Incydr API on one server, the request pipeline
// (count -> faults -> rate limit -> token check), body parsers that accept empty JSON bodies and OAuth form
// bodies, and Spring-style error bodies. Retired routes (/v1/alerts/*, /v1/watchlists/*, /v1/detection-lists/*,
// /v1/user-risk-profiles/*, /v1/alert-rules/*, console /api/*) are not registered: they answer 404, as a real
// tenant does (incydr-api.md §5.1 leaves 404 vs 410 open; 404 is what the brief and the SDK's error path assume).
import fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { FaultRule } from './faults';
import { SimHttpError, reasonPhrase, sendError, springBody, springError } from './http';
import { ADMIN_PREFIX, registerAdminRoutes } from './routes/admin';
import { registerActorRoutes } from './routes/actors';
import { registerAlertRuleRoutes } from './routes/alertRules';
import { registerAuthRoutes } from './routes/auth';
import { registerCaseRoutes } from './routes/cases';
import type { RouteDeps } from './routes/deps';
import { registerFileEventRoutes } from './routes/fileEvents';
import { registerLegalHoldRoutes } from './routes/legalHold';
import { registerSessionRoutes } from './routes/sessions';
import { registerUserRoutes } from './routes/users';
import { registerWatchlistRoutes } from './routes/watchlists';
import { StateFileError } from './persistence';
import { TenantError } from './tenant';
import { bearerToken } from './tokens';

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

const UNAUTHORIZED: Record<string, string> = {
  missing: 'An access token is required: send Authorization: Bearer <token>.',
  expired: 'The access token has expired.',
  revoked: 'The access token was revoked.',
  invalid: 'The access token is not valid.',
};

function installParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(springError(400, 'The request body is not valid JSON.'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
}

function installPipeline(app: FastifyInstance, deps: RouteDeps): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    deps.sync();
    if (path.startsWith(ADMIN_PREFIX)) return;
    deps.stats.record(request.method, request.is404 ? path : request.routeOptions.url ?? path);

    const fired: FaultRule[] = deps.faults.take(request.method, path);
    const delay = fired.reduce((sum, f) => sum + (f.latencyMs ?? 0), 0);
    if (delay > 0) await sleep(delay);
    if (fired.some((f) => f.kind === 'revoke-tokens')) deps.tokens.revokeAll();
    const terminal = fired.find((f) => f.kind === 'status' || f.kind === 'drop' || f.kind === 'hang');
    if (terminal?.kind === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (terminal?.kind === 'hang') {
      // The connection stays open and silent; closing the simulator (forceCloseConnections) ends it.
      reply.hijack();
      return;
    }
    if (terminal?.kind === 'status') {
      const status = terminal.status ?? 500;
      const retryAfter = terminal.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
      if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
      if (terminal.body !== undefined) return reply.code(status).send(terminal.body);
      return sendError(reply, request, springError(status, `Simulated ${status} ${reasonPhrase(status)}.`));
    }

    const isPublic = (request.routeOptions.config as { public?: boolean } | undefined)?.public === true;
    if (!isPublic) {
      const admitted = deps.tenant.limiter.take();
      if (!admitted.ok) {
        reply.header('retry-after', String(Math.max(1, Math.ceil(admitted.retryAfterMs / 1000))));
        return sendError(reply, request, springError(429, 'Too many requests: the API client is over its rate limit.'));
      }
    }
    if (request.is404 || isPublic) return;
    const token = bearerToken(request.headers.authorization);
    const check = token === undefined ? 'missing' : deps.tokens.check(token);
    if (check !== 'valid') return sendError(reply, request, springError(401, UNAUTHORIZED[check]));
  });

  app.setErrorHandler((error: FastifyError | SimHttpError | TenantError | StateFileError, request, reply) => {
    if (error instanceof SimHttpError) return sendError(reply, request, error);
    if (error instanceof TenantError) return sendError(reply, request, springError(error.status, error.message));
    if (error instanceof StateFileError) return sendError(reply, request, springError(500, error.message));
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const message = status === 500 ? 'Internal simulator error.' : error.message;
    if (status === 500) request.log.error(error);
    return sendError(reply, request, springError(status, message));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    reply.code(404).send(springBody(404, `No route ${request.method} ${path}.`, path));
  });
}

export function buildApp(deps: RouteDeps, options: { logger?: boolean } = {}): FastifyInstance {
  const app = fastify({ logger: options.logger ?? false, bodyLimit: 32 * 1024 * 1024, forceCloseConnections: true });
  installParsers(app);
  installPipeline(app, deps);
  for (const register of [
    registerAuthRoutes,
    registerUserRoutes,
    registerActorRoutes,
    registerWatchlistRoutes,
    registerSessionRoutes,
    registerAlertRuleRoutes,
    registerFileEventRoutes,
    registerLegalHoldRoutes,
    registerCaseRoutes,
    registerAdminRoutes,
  ]) {
    register(app, deps);
  }
  return app;
}
