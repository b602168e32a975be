// Alert rules v2 (incydr-api.md §2.5): list (0-based `PageNumber`, `PageSize`, `WatchlistId`; a bare JSON
// array), get, enable/disable, and the username filter's users: GET, DELETE (everyone), and the undocumented
// POST users / remove-users of INC-7519. A rule without a username filter answers 400 on every users call.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type JsonObject, badRequest, pageOf, queryString, readPage, springError } from '../http';
import type { SimRule } from '../model';
import type { RouteDeps } from './deps';

/** RuleDetails as XS rule_response.json shows it; filters carry only what the rule uses. */
function ruleView(rule: SimRule): JsonObject {
  let order = 0;
  const filters: JsonObject = {};
  if (rule.users !== null) {
    // The filter's mode spelling is not in any source (the users call answers "0" = INCLUDE); inference.
    filters.username = { mode: 'INCLUDE', usernames: rule.users.flatMap((u) => u.aliases), criteriaOrder: ++order };
  }
  if (rule.watchlistIds.length > 0) filters.watchlist = { watchlists: rule.watchlistIds.map((id) => ({ id })), criteriaOrder: ++order };
  if (rule.riskIndicators.length > 0) filters.riskIndicator = { categories: [], indicators: rule.riskIndicators, criteriaOrder: ++order };
  return {
    createdAt: rule.createdAt,
    createdBy: rule.createdBy,
    modifiedAt: rule.modifiedAt,
    modifiedBy: rule.modifiedBy,
    isSystemRule: rule.isSystemRule,
    systemRemovedRiskIndicators: [],
    id: rule.id,
    name: rule.name,
    description: rule.description,
    isEnabled: rule.isEnabled,
    source: rule.source,
    severity: rule.severity,
    notifications: { isEnabled: true, contacts: [{ isEnabled: true, type: 'Email', address: rule.createdBy.includes('@') ? rule.createdBy : 'security@example.com' }] },
    education: null,
    filters,
    alertOnBlockedBrowserActivity: false,
    ...rule.extra,
  };
}

function ruleUsersBody(request: FastifyRequest): { userIdFromAuthority: string; aliases: string[] }[] {
  const body = request.body;
  const valid =
    Array.isArray(body) &&
    body.length > 0 &&
    body.every((u) => u && typeof u === 'object' && typeof (u as JsonObject).userIdFromAuthority === 'string' && Array.isArray((u as JsonObject).aliases) && ((u as JsonObject).aliases as unknown[]).every((a) => typeof a === 'string'));
  if (!valid) throw badRequest('The body must be a non-empty JSON array of {"userIdFromAuthority": "...", "aliases": ["..."]}.');
  return body as { userIdFromAuthority: string; aliases: string[] }[];
}

export function registerAlertRuleRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  const ruleOr404 = (request: FastifyRequest) => {
    const { ruleId } = request.params as { ruleId: string };
    const rule = tenant.rule(ruleId);
    if (!rule) throw springError(404, `No alert rule found with id ${ruleId}.`);
    return rule;
  };

  app.get('/v2/alert-rules', async (request) => {
    const query = request.query as JsonObject;
    const page = readPage(query, { numberKey: 'PageNumber', sizeKeys: ['PageSize'], defaultSize: 100, maxSize: 500, firstPage: 0 });
    const watchlistId = queryString(query, 'WatchlistId');
    const rules = tenant.rules.filter((r) => watchlistId === undefined || r.watchlistIds.includes(watchlistId));
    return pageOf(rules, page).map(ruleView);
  });

  app.get('/v2/alert-rules/:ruleId', async (request) => ruleView(ruleOr404(request)));

  for (const [action, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post(`/v2/alert-rules/:ruleId/${action}`, async (request, reply) => {
      tenant.setRuleEnabled(ruleOr404(request).id, enabled);
      return reply.code(200).send();
    });
    app.post(`/v2/alert-rules/${action}`, async (request, reply) => {
      const ids = request.body;
      if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) throw badRequest('The body must be a non-empty JSON array of rule ids.');
      for (const id of ids as string[]) tenant.setRuleEnabled(id, enabled);
      return reply.code(200).send();
    });
  }

  app.get('/v2/alert-rules/:ruleId/users', async (request) => {
    const rule = ruleOr404(request);
    return { id: rule.id, users: tenant.ruleUsers(rule.id), mode: '0' };
  });
  app.post('/v2/alert-rules/:ruleId/users', async (request, reply) => {
    const rule = ruleOr404(request);
    tenant.addRuleUsers(rule.id, ruleUsersBody(request));
    return reply.code(200).send();
  });
  app.post('/v2/alert-rules/:ruleId/remove-users', async (request, reply) => {
    const rule = ruleOr404(request);
    const ids = request.body;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) throw badRequest('The body must be a non-empty JSON array of user ids.');
    tenant.removeRuleUsers(rule.id, ids as string[]);
    return reply.code(200).send();
  });
  app.delete('/v2/alert-rules/:ruleId/users', async (request, reply) => {
    tenant.removeRuleUsers(ruleOr404(request).id);
    return reply.code(200).send();
  });
}
