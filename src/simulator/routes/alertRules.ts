// Alert rules, legacy v1 (code42-api.md §9.1): rule metadata query (filter grammar, 0-based pgNum) and the
// rule user lists. Unknown rule -> 404; changing a system rule -> 500; rules watching all users take no list.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type JsonObject, requiredString, springError } from '../http';
import { RULE_TYPES, type SimRule } from '../model';
import { type QuerySpec, type TermDef, compileLegacyQuery, runLegacyQuery } from '../query/legacyQuery';
import type { Tenant } from '../tenant';
import { parseTimestamp } from '../time';
import { type RouteDeps, tenantBody } from './deps';

/** The id Code42 shows for list entries added without a user id. */
export const NULL_USER_ID = 'Null UserIdFromAuthority.  These usernames must be edited in the web app.';

const text = (get: (r: SimRule) => string): TermDef<SimRule> => ({ kind: 'string', get });
const date = (get: (r: SimRule) => string): TermDef<SimRule> => ({ kind: 'date', get: (r) => parseTimestamp(get(r))?.us ?? null });

const RULE_QUERY: QuerySpec<SimRule> = {
  terms: {
    tenantid: text(() => ''),
    observerruleid: text((r) => r.observerRuleId),
    id: text((r) => r.id),
    type: { kind: 'enum', get: (r) => r.type, values: RULE_TYPES },
    name: text((r) => r.name),
    description: text((r) => r.description),
    severity: { kind: 'enum', get: (r) => r.severity, values: ['HIGH', 'MEDIUM', 'LOW'] },
    issystem: { kind: 'boolean', get: (r) => r.isSystem },
    isenabled: { kind: 'boolean', get: (r) => r.isEnabled },
    rulesource: text((r) => r.ruleSource),
    createdat: date((r) => r.createdAt),
    createdby: text((r) => r.createdBy),
    modifiedat: date((r) => r.modifiedAt),
    modifiedby: text((r) => r.modifiedBy),
  },
  defaultSort: 'createdat',
  defaultPageSize: 100,
  maxPageSize: 500,
  tiebreak: (a, b) => (a.observerRuleId < b.observerRuleId ? -1 : a.observerRuleId > b.observerRuleId ? 1 : 0),
};

function ruleMetadata(tenant: Tenant, rule: SimRule): JsonObject {
  return {
    'type$': 'RULE_METADATA',
    modifiedBy: rule.modifiedBy,
    modifiedAt: rule.modifiedAt,
    name: rule.name,
    description: rule.description,
    severity: rule.severity,
    isSystem: rule.isSystem,
    isEnabled: rule.isEnabled,
    ruleSource: rule.ruleSource,
    tenantId: tenant.tenantId,
    observerRuleId: rule.observerRuleId,
    type: rule.type,
    id: rule.id,
    createdBy: rule.createdBy,
    createdAt: rule.createdAt,
  };
}

/** A rule's users; system rules follow their detection list. */
function usersOf(tenant: Tenant, rule: SimRule): [string, string[]][] {
  const list = rule.ruleSource === 'Departing Employee' ? tenant.departing : rule.ruleSource === 'High Risk Employee' ? tenant.highRisk : undefined;
  if (rule.isSystem && list) return [...list.keys()].map((uid) => [uid, [...(tenant.user(uid)?.cloudAliases ?? [])]]);
  return [...rule.users.entries()];
}

export function registerAlertRuleRoutes(app: FastifyInstance, { tenant }: RouteDeps): void {
  /** The body and the rule it names; changing a rule's users is refused where Code42 refuses it. */
  const ruleCall = (request: FastifyRequest, changing: boolean): { body: JsonObject; rule: SimRule } => {
    const body = tenantBody(request, tenant, true);
    const ruleId = requiredString(body, 'ruleId');
    const rule = tenant.rule(ruleId);
    if (!rule) throw springError(404, `Rule not found: ${ruleId}`);
    if (changing && rule.isSystem) throw springError(500, `Rule ${ruleId} is a system rule; its users follow its detection list and cannot be changed.`);
    if (changing && rule.usersToAlertOn === 'ALL_USERS') throw springError(400, `Rule ${ruleId} watches all users and takes no user list.`);
    return { body, rule };
  };

  app.post('/v1/alerts/rules/query-rule-metadata', async (request) => {
    const { query, problems } = compileLegacyQuery(tenantBody(request, tenant, false), RULE_QUERY);
    if (!query) return { 'type$': 'RULE_METADATA_SEARCH_RESPONSE', ruleMetadata: [], totalCount: 0, problems };
    const { page, totalCount } = runLegacyQuery(tenant.rules, query);
    return { 'type$': 'RULE_METADATA_SEARCH_RESPONSE', ruleMetadata: page.map((r) => ruleMetadata(tenant, r)), totalCount, problems: [] };
  });

  app.post('/v1/alert-rules/add-users', async (request, reply) => {
    const { body, rule } = ruleCall(request, true);
    const list = body.userList;
    if (!Array.isArray(list) || list.length === 0) throw springError(400, 'userList must be a non-empty list.');
    for (const raw of list as JsonObject[]) {
      const uid = typeof raw?.userIdFromAuthority === 'string' && raw.userIdFromAuthority !== '' ? raw.userIdFromAuthority : NULL_USER_ID;
      const aliases = Array.isArray(raw?.userAliasList) ? raw.userAliasList.filter((a): a is string => typeof a === 'string') : [];
      rule.users.set(uid, [...new Set([...(rule.users.get(uid) ?? []), ...aliases])]);
    }
    return reply.code(200).send();
  });

  app.post('/v1/alert-rules/remove-users', async (request, reply) => {
    const { body, rule } = ruleCall(request, true);
    const ids = body.userIdList;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw springError(400, 'userIdList must be a list of user ids.');
    for (const id of ids as string[]) rule.users.delete(id);
    return reply.code(200).send();
  });

  app.post('/v1/alert-rules/query-users', async (request) => {
    const { rule } = ruleCall(request, false);
    return {
      'type$': 'USERS_IN_RULE_RESPONSE',
      users: usersOf(tenant, rule).map(([userIdFromAuthority, userAliasList]) => ({ 'type$': 'USER_BAG', userIdFromAuthority, userAliasList })),
      usersToAlertOn: rule.usersToAlertOn,
    };
  });
}
