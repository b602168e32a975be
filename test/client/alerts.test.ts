import nock from 'nock';
import type { Code42Error } from '../../src/code42/errors';
import { API, TENANT, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const alert = (id: string) => ({ id, type: 'FED_ENDPOINT_EXFILTRATION', name: 'Rule', actor: 'a@example.com', createdAt: '2024-01-01T00:00:00Z', state: 'OPEN' });

describe('query-alerts', () => {
  test('criteria become the filter grammar: OR groups of IS, actor, rule name and created-at bounds joined by AND', async () => {
    const scope = nock(API)
      .post('/v1/alerts/query-alerts', {
        tenantId: TENANT,
        groupClause: 'AND',
        groups: [
          {
            filterClause: 'OR',
            filters: [
              { term: 'state', operator: 'IS', value: 'OPEN' },
              { term: 'state', operator: 'IS', value: 'PENDING' },
            ],
          },
          {
            filterClause: 'OR',
            filters: [
              { term: 'riskSeverity', operator: 'IS', value: 'CRITICAL' },
              { term: 'riskSeverity', operator: 'IS', value: 'HIGH' },
            ],
          },
          { filterClause: 'OR', filters: [{ term: 'actor', operator: 'IS', value: 'a@example.com' }] },
          { filterClause: 'OR', filters: [{ term: 'name', operator: 'IS', value: 'Exfiltration' }] },
          {
            filterClause: 'AND',
            filters: [
              { term: 'createdAt', operator: 'ON_OR_AFTER', value: '2024-01-01T00:00:00.000Z' },
              { term: 'createdAt', operator: 'ON_OR_BEFORE', value: '2024-01-31T23:59:59.999Z' },
              { term: 'createdAt', operator: 'ON', value: '2024-01-15' },
            ],
          },
        ],
        pgNum: 2,
        pgSize: 50,
        srtKey: 'CreatedAt',
        srtDirection: 'ASC',
      })
      .reply(200, { type$: 'ALERT_QUERY_RESPONSE', totalCount: 101, problems: [], alerts: [alert('a1')] });

    const result = await client().alerts.query(
      {
        state: ['OPEN', 'PENDING'],
        riskSeverity: ['CRITICAL', 'HIGH'],
        actor: 'a@example.com',
        ruleName: 'Exfiltration',
        createdOnOrAfter: '2024-01-01T00:00:00.000Z',
        createdOnOrBefore: '2024-01-31T23:59:59.999Z',
        createdOn: '2024-01-15',
      },
      { pgNum: 2, pgSize: 50, srtDirection: 'ASC' },
    );

    expect(result).toEqual({ alerts: [alert('a1')], totalCount: 101 });
    expect(scope.isDone()).toBe(true);
  });

  test('no criteria sends no groups and sorts by CreatedAt descending', async () => {
    const scope = nock(API)
      .post('/v1/alerts/query-alerts', { tenantId: TENANT, groupClause: 'AND', groups: [], pgNum: 0, pgSize: 500, srtKey: 'CreatedAt', srtDirection: 'DESC' })
      .reply(200, { totalCount: 0, problems: [], alerts: [] });

    await client().alerts.query({}, { pgNum: 0, pgSize: 500 });

    expect(scope.isDone()).toBe(true);
  });

  test('a page size above 500 is refused before anything is sent', async () => {
    const error = (await rejectionOf(client().alerts.query({}, { pgNum: 0, pgSize: 501 }))) as Code42Error;

    expect(error.kind).toBe('invalid-request');
    expect(error.message).toBe('Could not search alerts: the page size must be between 1 and 500, got 501.');
  });

  test('a negative page number is refused (pages are 0-based)', async () => {
    const error = await rejectionOf(client().alerts.query({}, { pgNum: -1, pgSize: 10 }));

    expect(error.message).toBe('Could not search alerts: the page number must be 0 or more, got -1.');
  });

  test('problems in a 200 answer become an error naming them', async () => {
    nock(API)
      .post('/v1/alerts/query-alerts')
      .reply(200, { totalCount: 0, alerts: [], problems: [{ type: 'IllegalValue', badFilter: { term: 'state', operator: 'IS', value: 'BOGUS' } }, { type: 'InvalidPageNumber', badFilter: null }] });

    const error = (await rejectionOf(client().alerts.query({ state: ['BOGUS'] }, { pgNum: 0, pgSize: 10 }))) as Code42Error;

    expect(error.message).toBe('Could not search alerts: Code42 reported IllegalValue in filter state IS "BOGUS"; InvalidPageNumber.');
    expect(error.mentions('IllegalValue')).toBe(true);
  });
});

describe('query-details', () => {
  test('ids go in batches of at most 100 and the answer follows the caller order, without unknown ids', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `id-${i}`);
    const batches: string[][] = [];
    nock(API)
      .post('/v1/alerts/query-details', (body: { tenantId: string; alertIds: string[] }) => body.tenantId === TENANT)
      .times(3)
      .reply(200, (_uri, body) => {
        const { alertIds } = body as { alertIds: string[] };
        batches.push(alertIds);
        // Code42 answers in its own order and leaves out ids it does not know.
        return { alerts: [...alertIds].reverse().filter((id) => id !== 'id-7').map(alert) };
      });

    const details = await client().alerts.details(ids);

    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(ids);
    expect(details.map((d) => d.id)).toEqual(ids.filter((id) => id !== 'id-7'));
  });

  test('a repeated id is asked for and answered once', async () => {
    const scope = nock(API).post('/v1/alerts/query-details', { tenantId: TENANT, alertIds: ['b', 'a'] }).reply(200, { alerts: [alert('a'), alert('b')] });

    const details = await client().alerts.details(['b', 'a', 'b']);

    expect(details.map((d) => d.id)).toEqual(['b', 'a']);
    expect(scope.isDone()).toBe(true);
  });

  test('an id Code42 answers 404 for names no alert: it is left out, as py42 users read Py42NotFoundError', async () => {
    nock(API).post('/v1/alerts/query-details', { tenantId: TENANT, alertIds: ['gone'] }).reply(404, { message: 'Alert not found' });

    await expect(client().alerts.details(['gone'])).resolves.toEqual([]);
  });

  test('a batch answered 404 is asked id by id, so the known alerts of the batch still come back in order', async () => {
    const scope = nock(API)
      .post('/v1/alerts/query-details', { tenantId: TENANT, alertIds: ['a', 'gone', 'b'] })
      .reply(404, { message: 'Alert not found' })
      .post('/v1/alerts/query-details', { tenantId: TENANT, alertIds: ['a'] })
      .reply(200, { alerts: [alert('a')] })
      .post('/v1/alerts/query-details', { tenantId: TENANT, alertIds: ['gone'] })
      .reply(404, { message: 'Alert not found' })
      .post('/v1/alerts/query-details', { tenantId: TENANT, alertIds: ['b'] })
      .reply(200, { alerts: [alert('b')] });

    const details = await client().alerts.details(['a', 'gone', 'b']);

    expect(details.map((d) => d.id)).toEqual(['a', 'b']);
    expect(scope.isDone()).toBe(true);
  });

  test('any other failure of query-details is still an error', async () => {
    nock(API).post('/v1/alerts/query-details').reply(400, { message: 'Bad alert id' });

    const error = (await rejectionOf(client().alerts.details(['x']))) as Code42Error;

    expect(error.status).toBe(400);
    expect(error.message).toBe('Could not get the alert details: Code42 answered 400 Bad Request (Bad alert id).');
  });

  test('no ids means no request', async () => {
    await expect(client().alerts.details([])).resolves.toEqual([]);
  });
});

describe('update-state and add-note', () => {
  test('update-state sends at most 100 ids per call with the state and a null note when none is given', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `id-${i}`);
    const scope = nock(API)
      .post('/v1/alerts/update-state', { tenantId: TENANT, alertIds: ids.slice(0, 100), state: 'RESOLVED', note: null })
      .reply(200)
      .post('/v1/alerts/update-state', { tenantId: TENANT, alertIds: ids.slice(100), state: 'RESOLVED', note: null })
      .reply(200);

    await client().alerts.updateState(ids, 'RESOLVED');

    expect(scope.isDone()).toBe(true);
  });

  test('update-state carries the note', async () => {
    const scope = nock(API).post('/v1/alerts/update-state', { tenantId: TENANT, alertIds: ['a'], state: 'IN_PROGRESS', note: 'looking' }).reply(200);

    await client().alerts.updateState(['a'], 'IN_PROGRESS', 'looking');

    expect(scope.isDone()).toBe(true);
  });

  test('add-note sends the tenant, the alert id and the note', async () => {
    const scope = nock(API).post('/v1/alerts/add-note', { tenantId: TENANT, alertId: 'a1', note: 'x'.repeat(2000) }).reply(200);

    await client().alerts.addNote('a1', 'x'.repeat(2000));

    expect(scope.isDone()).toBe(true);
  });

  test('a note over 2000 characters is refused with a clear sentence, for add-note and update-state alike', async () => {
    const note = 'x'.repeat(2001);

    const addError = (await rejectionOf(client().alerts.addNote('a1', note))) as Code42Error;
    const updateError = (await rejectionOf(client().alerts.updateState(['a1'], 'OPEN', note))) as Code42Error;

    expect(addError.kind).toBe('invalid-request');
    expect(addError.message).toBe('Could not add a note to the alert: the note is 2001 characters long and Code42 accepts at most 2000.');
    expect(updateError.message).toBe('Could not update the alert state: the note is 2001 characters long and Code42 accepts at most 2000.');
  });
});
