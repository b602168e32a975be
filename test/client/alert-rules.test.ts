import nock from 'nock';
import type { Code42Error } from '../../src/code42/errors';
import { API, TENANT, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const rule = (n: number) => ({ observerRuleId: `r${n}`, id: `meta-${n}`, name: `Rule ${n}`, isSystem: false });
const metadataBody = (pgNum: number, groups: { filterClause: string; filters: { term: string; operator: string; value: string }[] }[] = []) => ({ tenantId: TENANT, groups, groupClause: 'AND', pgNum, pgSize: 100, srtKey: 'CreatedAt', srtDirection: 'DESC' });

describe('rule metadata', () => {
  test('list pages query-rule-metadata from pgNum 0 until a short page', async () => {
    const scope = nock(API)
      .post('/v1/alerts/rules/query-rule-metadata', metadataBody(0))
      .reply(200, { ruleMetadata: Array.from({ length: 100 }, (_, i) => rule(i)), totalCount: 103, problems: [] })
      .post('/v1/alerts/rules/query-rule-metadata', metadataBody(1))
      .reply(200, { ruleMetadata: [rule(100), rule(101), rule(102)], totalCount: 103, problems: [] });

    const rules = await client().alertRules.list();

    expect(rules).toHaveLength(103);
    expect(scope.isDone()).toBe(true);
  });

  test('a name filter is one Name IS filter', async () => {
    const scope = nock(API)
      .post('/v1/alerts/rules/query-rule-metadata', metadataBody(0, [{ filterClause: 'OR', filters: [{ term: 'Name', operator: 'IS', value: 'Rule 3' }] }]))
      .reply(200, { ruleMetadata: [rule(3)], totalCount: 1, problems: [] });

    await expect(client().alertRules.list({ name: 'Rule 3' })).resolves.toEqual([rule(3)]);
    expect(scope.isDone()).toBe(true);
  });

  test('problems in the answer become an error', async () => {
    nock(API).post('/v1/alerts/rules/query-rule-metadata').reply(200, { ruleMetadata: [], problems: [{ type: 'InvalidPageSize', badFilter: null }] });

    const error = await rejectionOf(client().alertRules.list());

    expect(error.message).toBe('Could not list alert rules: Code42 reported InvalidPageSize.');
  });
});

describe('rule user lists', () => {
  test('addUser sends the user with its aliases; removeUsers sends the id list', async () => {
    const scope = nock(API)
      .post('/v1/alert-rules/add-users', { tenantId: TENANT, ruleId: 'r1', userList: [{ userIdFromAuthority: 'u1', userAliasList: ['a@x.com'] }] })
      .reply(200)
      .post('/v1/alert-rules/remove-users', { tenantId: TENANT, ruleId: 'r1', userIdList: ['u1', 'u2'] })
      .reply(200);

    await client().alertRules.addUser('r1', { userIdFromAuthority: 'u1', userAliasList: ['a@x.com'] });
    await client().alertRules.removeUsers('r1', ['u1', 'u2']);

    expect(scope.isDone()).toBe(true);
  });

  test('listUsers reads query-users', async () => {
    const users = [{ userIdFromAuthority: 'u1', userAliasList: ['a@x.com'] }];
    const scope = nock(API).post('/v1/alert-rules/query-users', { tenantId: TENANT, ruleId: 'r1' }).reply(200, { type$: 'USERS_IN_RULE_RESPONSE', users, usersToAlertOn: 'SPECIFIED_USERS' });

    await expect(client().alertRules.listUsers('r1')).resolves.toEqual(users);
    expect(scope.isDone()).toBe(true);
  });

  test('an unknown rule fails with status 404 and says what was being done', async () => {
    nock(API).post('/v1/alert-rules/add-users').reply(404);

    const error = (await rejectionOf(client().alertRules.addUser('nope', { userIdFromAuthority: 'u1', userAliasList: [] }))) as Code42Error;

    expect(error.status).toBe(404);
    expect(error.message).toMatch(/^Could not add the user to the alert rule/);
  });
});
