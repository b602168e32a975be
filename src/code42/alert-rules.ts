// Alert rules (code42-api.md §9.1, legacy v1 on the gateway): rule metadata and the rules' user lists.
// The rule id the user-list APIs take is the metadata's `observerRuleId`.
import type { AlertRulesApi, RuleMetadata, RuleUser } from './api';
import { isAnyOf } from './alerts';
import { failOnProblems, type SearchProblem } from './answers';
import { collectPages } from './paging';
import type { Transport } from './transport';

const METADATA_PAGE_SIZE = 100;

export class AlertRules implements AlertRulesApi {
  constructor(private readonly transport: Transport) {}

  async list(filter: { name?: string } = {}): Promise<RuleMetadata[]> {
    const operation = 'list alert rules';
    const tenantId = await this.transport.tenantId();
    const groups = filter.name === undefined ? [] : [isAnyOf('Name', [filter.name])];
    return collectPages(
      async (pgNum, pgSize) => {
        const answer = await this.transport.request<{ ruleMetadata?: RuleMetadata[]; problems?: SearchProblem[] | null }>({
          method: 'POST',
          path: '/v1/alerts/rules/query-rule-metadata',
          body: { tenantId, groups, groupClause: 'AND', pgNum, pgSize, srtKey: 'CreatedAt', srtDirection: 'DESC' },
          kind: 'read',
          operation,
        });
        failOnProblems(answer.problems, operation);
        return answer.ruleMetadata ?? [];
      },
      { firstPage: 0, pageSize: METADATA_PAGE_SIZE, operation },
    );
  }

  async addUser(ruleId: string, user: RuleUser): Promise<void> {
    await this.send('add-users', { ruleId, userList: [user] }, 'add the user to the alert rule');
  }

  async removeUsers(ruleId: string, userIds: string[]): Promise<void> {
    await this.send('remove-users', { ruleId, userIdList: userIds }, 'remove the users from the alert rule');
  }

  async listUsers(ruleId: string): Promise<RuleUser[]> {
    const answer = await this.transport.request<{ users?: RuleUser[] }>({
      method: 'POST',
      path: '/v1/alert-rules/query-users',
      body: { tenantId: await this.transport.tenantId(), ruleId },
      kind: 'read',
      operation: 'list the users of the alert rule',
    });
    return answer.users ?? [];
  }

  private async send(action: string, fields: Record<string, unknown>, operation: string): Promise<void> {
    await this.transport.request<void>({
      method: 'POST',
      path: `/v1/alert-rules/${action}`,
      body: { tenantId: await this.transport.tenantId(), ...fields },
      kind: 'write',
      operation,
      responseType: 'empty',
    });
  }
}
