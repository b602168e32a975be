// Simulator-only admin routes under /__sim (no token, no faults, not counted): fault rules, request
// counts, token revocation, and adding alerts to a running simulator.
import type { FastifyInstance } from 'fastify';
import { validateFaultRules } from '../faults';
import { jsonError } from '../http';
import type { AlertInput } from '../tenant';
import type { RouteDeps } from './deps';

export const ADMIN_PREFIX = '/__sim/';

export function registerAdminRoutes(app: FastifyInstance, { tenant, tokens, faults, stats }: RouteDeps): void {
  const config = { public: true };
  const attempt = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      throw jsonError(400, { error: error instanceof Error ? error.message : String(error) });
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

  app.post('/__sim/alerts', { config }, async (request) => {
    const body = request.body as { alerts?: unknown } | unknown[] | undefined;
    const inputs = Array.isArray(body) ? body : (body as { alerts?: unknown } | undefined)?.alerts;
    if (!Array.isArray(inputs)) throw jsonError(400, { error: 'Send a list of alerts, or {"alerts": [...]}.' });
    const added = attempt(() => tenant.addAlerts(inputs as AlertInput[]));
    return { ids: added.map((a) => a.id) };
  });
}
