// The fastify app: both hosts' routes on one server, the request pipeline (count -> faults -> token check),
// body parsers that accept empty JSON bodies and OAuth form bodies, and error bodies in each service's shape.
import fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { FaultRule } from './faults';
import { SimHttpError, consoleError, isConsolePath, reasonPhrase, sendError, springBody, springError } from './http';
import { ADMIN_PREFIX, registerAdminRoutes } from './routes/admin';
import { registerAlertRoutes } from './routes/alerts';
import { registerAlertRuleRoutes } from './routes/alertRules';
import { registerAuthRoutes } from './routes/auth';
import { registerCaseRoutes } from './routes/cases';
import type { RouteDeps } from './routes/deps';
import { registerDetectionListRoutes } from './routes/detectionLists';
import { registerFileEventRoutes } from './routes/fileEvents';
import { registerLegalHoldRoutes } from './routes/legalHold';
import { registerRiskProfileRoutes } from './routes/riskProfiles';
import { registerUserRoutes } from './routes/users';
import { registerWatchlistRoutes } from './routes/watchlists';
import { bearerToken } from './tokens';

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

function errorFor(status: number, path: string, message: string): SimHttpError {
  return isConsolePath(path) ? consoleError(status, status === 401 ? 'TOKEN_INVALID' : reasonPhrase(status).toUpperCase().replace(/\s/g, '_'), message) : springError(status, message);
}

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
    if (path.startsWith(ADMIN_PREFIX)) return;
    deps.stats.record(request.method, request.is404 ? path : request.routeOptions.url ?? path);

    const fired: FaultRule[] = deps.faults.take(request.method, path);
    const delay = fired.reduce((sum, f) => sum + (f.latencyMs ?? 0), 0);
    if (delay > 0) await sleep(delay);
    if (fired.some((f) => f.kind === 'revoke-tokens')) deps.tokens.revokeAll();
    const terminal = fired.find((f) => f.kind === 'status' || f.kind === 'drop');
    if (terminal?.kind === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (terminal?.kind === 'status') {
      const status = terminal.status ?? 500;
      const retryAfter = terminal.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
      if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
      if (terminal.body !== undefined) return reply.code(status).send(terminal.body);
      return sendError(reply, request, errorFor(status, path, `Simulated ${status} ${reasonPhrase(status)}.`));
    }

    if (request.is404 || (request.routeOptions.config as { public?: boolean } | undefined)?.public) return;
    const token = bearerToken(request.headers.authorization);
    const check = token === undefined ? 'missing' : deps.tokens.check(token);
    if (check !== 'valid') return sendError(reply, request, errorFor(401, path, UNAUTHORIZED[check]));
  });

  app.setErrorHandler((error: FastifyError | SimHttpError, request, reply) => {
    if (error instanceof SimHttpError) return sendError(reply, request, error);
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const message = status === 500 ? 'Internal simulator error.' : error.message;
    if (status === 500) request.log.error(error);
    return sendError(reply, request, errorFor(status, request.url.split('?')[0], message));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    reply.code(404).send(isConsolePath(path) ? [{ name: 'NOT_FOUND', description: `No route ${request.method} ${path}.` }] : springBody(404, `No route ${request.method} ${path}.`, path));
  });
}

export function buildApp(deps: RouteDeps, options: { logger?: boolean } = {}): FastifyInstance {
  const app = fastify({ logger: options.logger ?? false, bodyLimit: 32 * 1024 * 1024, forceCloseConnections: true });
  installParsers(app);
  installPipeline(app, deps);
  for (const register of [
    registerAuthRoutes,
    registerUserRoutes,
    registerDetectionListRoutes,
    registerWatchlistRoutes,
    registerRiskProfileRoutes,
    registerAlertRoutes,
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
