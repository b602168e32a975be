// Alert rules v2 (incydr-api.md §2.5): every rule (0-based pages, a bare JSON array per page), one rule, and a
// rule's username filter. Adding and removing users use the last known v2 form (INC-7519), which the portal no
// longer documents; most rules now target watchlists, so people are usually added through watchlists instead.
import type { AlertRule, AlertRuleUser, AlertRuleUsers, AlertRulesApi } from './api';
import { notFoundOn404 } from './answers';
import { ANY, arrayOf, BOOLEAN, decoder, nullable, NULLABLE_STRING, object, STRING } from './decode';
import { ENDPOINTS } from './endpoints';
import { Code42Error } from './errors';
import { collectPages } from './paging';
import type { Transport } from './transport';

/** The SDK's default page size; the server's maximum is not documented. */
const PAGE_SIZE = 100;

const RULE = object(
  { id: STRING, name: STRING },
  {
    description: NULLABLE_STRING,
    isEnabled: nullable(BOOLEAN),
    isSystemRule: nullable(BOOLEAN),
    source: NULLABLE_STRING,
    severity: NULLABLE_STRING,
    createdAt: NULLABLE_STRING,
    createdBy: NULLABLE_STRING,
    modifiedAt: NULLABLE_STRING,
    modifiedBy: NULLABLE_STRING,
    filters: nullable(
      object(
        {},
        {
          username: nullable(object({}, { mode: NULLABLE_STRING, usernames: nullable(arrayOf(STRING)) })),
          watchlist: nullable(object({}, { watchlists: nullable(arrayOf(object({ id: STRING }))) })),
        },
      ),
    ),
  },
);
const rulePage = decoder<AlertRule[]>(arrayOf(RULE));
const oneRule = decoder<AlertRule>(RULE);
const USER = object({ userIdFromAuthority: STRING, aliases: arrayOf(STRING) });
const ruleUsers = decoder<AlertRuleUsers>(object({ id: STRING, users: arrayOf(USER) }, { mode: nullable(ANY) }));

export class AlertRules implements AlertRulesApi {
  constructor(private readonly transport: Transport) {}

  list(filter: { watchlistId?: string } = {}): Promise<AlertRule[]> {
    const operation = 'list alert rules';
    return collectPages(
      (PageNumber, PageSize) => this.transport.json({ endpoint: ENDPOINTS.listAlertRules, query: { PageNumber, PageSize, WatchlistId: filter.watchlistId }, operation }, rulePage),
      { firstPage: 0, pageSize: PAGE_SIZE, operation },
    );
  }

  get(ruleId: string): Promise<AlertRule> {
    const operation = 'get the alert rule';
    return notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.getAlertRule, params: { ruleId }, operation }, oneRule), `No alert rule found with ID ${ruleId}.`, operation);
  }

  async users(ruleId: string): Promise<AlertRuleUsers> {
    const operation = 'list the users of the alert rule';
    try {
      const answer = await notFoundOn404(this.transport.json({ endpoint: ENDPOINTS.alertRuleUsers, params: { ruleId }, operation }, ruleUsers), `No alert rule found with ID ${ruleId}.`, operation);
      // Code42 sends the mode as "0"/"1" (INCLUDE/EXCLUDE); a number is read the same way.
      return { ...answer, mode: answer.mode === undefined || answer.mode === null ? null : String(answer.mode) };
    } catch (error) {
      if (error instanceof Code42Error && error.status === 400) {
        const message = `Could not ${operation}: the alert rule ${ruleId} has no username filter, so it has no users to list (it may target watchlists instead).`;
        throw new Code42Error(message, { kind: 'http', operation, status: 400, code42Text: error.code42Text });
      }
      throw error;
    }
  }

  addUsers(ruleId: string, users: AlertRuleUser[]): Promise<void> {
    const operation = 'add the users to the alert rule';
    return notFoundOn404(this.transport.send({ endpoint: ENDPOINTS.addAlertRuleUsers, params: { ruleId }, body: users, operation }), `No alert rule found with ID ${ruleId}.`, operation);
  }

  removeUsers(ruleId: string, userIds: string[]): Promise<void> {
    const operation = 'remove the users from the alert rule';
    return notFoundOn404(this.transport.send({ endpoint: ENDPOINTS.removeAlertRuleUsers, params: { ruleId }, body: userIds, operation }), `No alert rule found with ID ${ruleId}.`, operation);
  }
}
