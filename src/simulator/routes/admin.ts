// Simulator-only admin routes under /__sim (no token, no faults, no rate limit, not counted): fault rules,
// request counts, token revocation, the rate limit, and adding or advancing sessions in a running simulator
// (the HTTP face of Tenant.addSession / addSessionData for tests in other processes).
import type { FastifyInstance } from 'fastify';
import { validateFaultRules } from '../faults';
import { jsonError } from '../http';
import type { SessionDataInput, SessionInput } from '../tenant';
import type { RouteDeps } from './deps';
import { sessionView } from './sessions';

export const ADMIN_PREFIX = '/__sim/';

export function registerAdminRoutes(app: FastifyInstance, { tenant, tokens, faults, stats }: RouteDeps): void {
  const config = { public: true };
  const attempt = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      const status = (error as { status?: number }).status === 404 ? 404 : 400;
      throw jsonError(status, { error: error instanceof Error ? error.message : String(error) });
    }
  };

  app.get('/__sim/faults', { config }, async () => ({ faults: faults.list() }));
  app.post('/__sim/faults', { config }, async (request) => {
    const body = request.body as { rules?: unknown } | unknown[] | undefined;
    const rules = Array.isArray(body) ? body : (body as { rules?: unknown } | undefined)?.rules ?? body;
    attempt(() => faults.add(validateFaultRules(rules)));
    return { faults: faults.list() };
  });
  app.delete('/__sim/faults', { config }, async () => {
    faults.clear();
    return { faults: [] };
  });

  app.get('/__sim/stats', { config }, async () => ({ requests: stats.snapshot(), total: stats.total() }));
  app.delete('/__sim/stats', { config }, async () => {
    stats.reset();
    return { requests: {}, total: 0 };
  });

  app.post('/__sim/tokens/revoke', { config }, async () => {
    tokens.revokeAll();
    return { revoked: true };
  });

  // Body {requests, windowMs}, or null / {} to switch the limit off.
  app.put('/__sim/rate-limit', { config }, async (request) => {
    const body = request.body as { requests?: number; windowMs?: number } | null | undefined;
    const limit = body && body.requests !== undefined ? { requests: Number(body.requests), windowMs: Number(body.windowMs) } : undefined;
    attempt(() => tenant.setRateLimit(limit));
    return { rateLimit: tenant.limiter.current ?? null };
  });

  // One session input, a list, or {"sessions": [...]}; answers the sessions as GET /v1/sessions/{id} would.
  app.post('/__sim/sessions', { config }, async (request) => {
    const body = request.body as SessionInput | SessionInput[] | { sessions?: SessionInput[] } | undefined;
    const inputs = Array.isArray(body) ? body : body && 'sessions' in body && Array.isArray(body.sessions) ? body.sessions : [(body ?? {}) as SessionInput];
    const added = attempt(() => inputs.map((input) => tenant.addSession(input)));
    return { sessions: added.map((s) => sessionView(tenant, s)) };
  });

  app.post('/__sim/sessions/:sessionId/data', { config }, async (request) => {
    const { sessionId } = request.params as { sessionId: string };
    const session = attempt(() => tenant.addSessionData(sessionId, (request.body ?? {}) as SessionDataInput));
    return sessionView(tenant, session);
  });
}
