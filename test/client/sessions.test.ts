// Sessions on the wire (incydr-api.md §2.2): the exact request of every call, 0-based paging of at most 50,
// state changes 100 ids a request (each batch only its own ids), the 2,000-character note limit, and 404s.
import nock from 'nock';
import { Code42Error, Code42NotFoundError } from '../../src/code42/errors';
import { all, API, rejectionOf, useNockClient } from './helpers';

const client = useNockClient();

const session = (n: number, extra: object = {}) => ({
  sessionId: `s-${n}`,
  tenantId: 'tenant',
  actorId: `actor-${n}`,
  beginTime: 1_700_000_000_000 + n,
  notes: [],
  riskIndicators: [{ id: 'ri', name: 'Personal cloud upload', weight: 5, eventCount: 2 }],
  scores: [{ score: 9, severity: 3, sourceTimestamp: 1_700_000_000_100 }],
  states: [{ state: 'OPEN', stateV2: 'OPEN', sourceTimestamp: 1_700_000_000_100, userId: null }],
  triggeredAlerts: [{ alertId: 'al', ruleId: 'r1', lessonId: null }],
  ...extra,
});

describe('search', () => {
  test('sends every filter in snake_case, list filters as repeated keys, 0-based page_number and page_size', async () => {
    const scope = nock(API)
      .get('/v1/sessions')
      .query({
        actor_id: 'a1',
        on_or_after: '1700000000000',
        before: '1800000000000',
        type: 'STANDARD',
        has_alerts: 'false',
        risk_indicators: ['ri1', 'ri2'],
        state: ['OPEN', 'OPEN_NEW_DATA'],
        severity: ['3', '4'],
        rule_id: 'r1',
        watchlist_id: 'w1',
        content_inspection_status: 'FOUND',
        order_by: 'score',
        sort_direction: 'desc',
        page_number: '0',
        page_size: '50',
      })
      .matchHeader('authorization', /^Bearer /)
      .reply(200, { items: [session(1)], totalCount: 1 });

    const page = await client().sessions.search(
      {
        actorId: 'a1',
        onOrAfter: 1_700_000_000_000,
        before: 1_800_000_000_000,
        type: 'STANDARD',
        hasAlerts: false,
        riskIndicators: ['ri1', 'ri2'],
        states: ['OPEN', 'OPEN_NEW_DATA'],
        severities: [3, 4],
        ruleId: 'r1',
        watchlistId: 'w1',
        contentInspectionStatus: 'FOUND',
        orderBy: 'score',
        sortDirection: 'desc',
      },
      { pageNumber: 0, pageSize: 50 },
    );

    expect(page).toEqual({ items: [session(1)], totalCount: 1 });
    expect(scope.isDone()).toBe(true);
  });

  test('has_alerts is true when not given, as the SDK sends it', async () => {
    const scope = nock(API).get('/v1/sessions').query({ has_alerts: 'true', page_number: '2', page_size: '10' }).reply(200, { items: [], totalCount: 0 });

    await client().sessions.search({}, { pageNumber: 2, pageSize: 10 });

    expect(scope.isDone()).toBe(true);
  });

  test.each([[0], [51], [2.5]])('a page size of %p is refused before sending', async (pageSize) => {
    const error = await rejectionOf(client().sessions.search({}, { pageNumber: 0, pageSize }));

    expect(error).toBeInstanceOf(Code42Error);
    expect(error.message).toBe(`Could not search sessions: the page size must be a whole number from 1 to 50, got ${pageSize}.`);
  });

  test('a negative page number is refused: pages count from 0', async () => {
    const error = await rejectionOf(client().sessions.search({}, { pageNumber: -1, pageSize: 50 }));

    expect(error.message).toBe('Could not search sessions: the page number must be a whole number from 0 (pages count from 0), got -1.');
  });

  test('a severity outside 0..4 is refused', async () => {
    const error = await rejectionOf(client().sessions.search({ severities: [5] }, { pageNumber: 0, pageSize: 50 }));

    expect(error.message).toBe('Could not search sessions: a severity must be 0 (no risk) to 4 (critical), got 5.');
  });

  test('missing lists in a session read as empty lists', async () => {
    const bare = { sessionId: 's', actorId: 'a', beginTime: 1, notes: null };
    nock(API).get('/v1/sessions').query(true).reply(200, { items: [bare], totalCount: 1 });

    const page = await client().sessions.search({}, { pageNumber: 0, pageSize: 50 });

    expect(page.items[0]).toEqual({ ...bare, notes: [], riskIndicators: [], scores: [], states: [], triggeredAlerts: [] });
  });

  test('iterate pages from 0 with 50 a page and stops at the first short page', async () => {
    const full = Array.from({ length: 50 }, (_, i) => session(i));
    const scope = nock(API)
      .get('/v1/sessions')
      .query({ has_alerts: 'true', state: 'OPEN', page_number: '0', page_size: '50' })
      .reply(200, { items: full, totalCount: 51 })
      .get('/v1/sessions')
      .query({ has_alerts: 'true', state: 'OPEN', page_number: '1', page_size: '50' })
      .reply(200, { items: [session(50)], totalCount: 51 });

    const sessions = await all(client().sessions.iterate({ states: ['OPEN'] }));

    expect(sessions.map((s) => s.sessionId)).toEqual(Array.from({ length: 51 }, (_, i) => `s-${i}`));
    expect(scope.isDone()).toBe(true);
  });
});

describe('one session', () => {
  test('get reads /v1/sessions/{id} with the id URL-encoded', async () => {
    const scope = nock(API).get('/v1/sessions/a%2Fb').reply(200, session(7, { sessionId: 'a/b' }));

    await expect(client().sessions.get('a/b')).resolves.toMatchObject({ sessionId: 'a/b', actorId: 'actor-7' });
    expect(scope.isDone()).toBe(true);
  });

  test('an unknown session is a not-found error with the XSOAR sentence', async () => {
    nock(API).get('/v1/sessions/nope').reply(404, { message: 'not found' });

    const error = await rejectionOf(client().sessions.get('nope'));

    expect(error).toBeInstanceOf(Code42NotFoundError);
    expect(error.message).toBe('No alert found with ID nope.');
  });

  test('events reads queryResult.fileEvents of /v1/sessions/{id}/events, without paging parameters', async () => {
    const event = { '@timestamp': '2026-01-01T00:00:00Z', event: { id: 'e1' }, file: { name: 'a.txt' } };
    const scope = nock(API).get('/v1/sessions/s1/events').reply(200, { queryResult: { fileEvents: [event], nextPgToken: null, problems: null, totalCount: 1 } });

    await expect(client().sessions.events('s1')).resolves.toEqual([event]);
    expect(scope.isDone()).toBe(true);
  });

  test('a session path parameter of ".." is refused, since the URL would name another path', async () => {
    const error = await rejectionOf(client().sessions.get('..'));

    expect(error.message).toBe('Could not get the session: the sessionId ".." cannot be sent in a URL path.');
  });
});

describe('changing state', () => {
  test('250 ids go as three requests of 100, 100 and 50, each with only its own ids', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `s-${i}`);
    const bodies: unknown[] = [];
    const scope = nock(API)
      .post('/v1/sessions/change-state', (body: unknown) => {
        bodies.push(body);
        return true;
      })
      .times(3)
      .reply(200);

    await client().sessions.changeState(ids, 'CLOSED_TP');

    expect(bodies).toEqual([
      { ids: ids.slice(0, 100), newState: 'CLOSED_TP' },
      { ids: ids.slice(100, 200), newState: 'CLOSED_TP' },
      { ids: ids.slice(200), newState: 'CLOSED_TP' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  test('a repeated id is sent once', async () => {
    const scope = nock(API).post('/v1/sessions/change-state', { ids: ['a', 'b'], newState: 'OPEN' }).reply(200);

    await client().sessions.changeState(['a', 'b', 'a'], 'OPEN');

    expect(scope.isDone()).toBe(true);
  });
});

describe('notes', () => {
  test('add-note posts noteContent', async () => {
    const scope = nock(API).post('/v1/sessions/s1/add-note', { noteContent: 'looked at it' }).matchHeader('content-type', 'application/json').reply(200);

    await client().sessions.addNote('s1', 'looked at it');

    expect(scope.isDone()).toBe(true);
  });

  test('a note of exactly 2,000 characters is sent', async () => {
    const note = 'x'.repeat(2000);
    const scope = nock(API).post('/v1/sessions/s1/add-note', { noteContent: note }).reply(200);

    await client().sessions.addNote('s1', note);

    expect(scope.isDone()).toBe(true);
  });

  test('a note over 2,000 characters is refused before sending', async () => {
    const error = await rejectionOf(client().sessions.addNote('s1', 'x'.repeat(2001)));

    expect(error).toBeInstanceOf(Code42Error);
    expect((error as Code42Error).kind).toBe('invalid-request');
    expect(error.message).toBe('Could not add the note to the session: the note has 2001 characters and Code42 takes at most 2000.');
  });
});
