// The client as a whole: one transport for every area, and the console link of a session.
import nock from 'nock';
import { createCode42Client } from '../../src/code42/client';
import { Transport } from '../../src/code42/transport';
import { API, useNockClient } from './helpers';

const client = useNockClient();

describe('createCode42Client', () => {
  test('every API area shares the one transport and its token', async () => {
    const scope = nock(API).get('/v1/users').query(true).reply(200, { users: [], totalCount: 0 }).get('/v2/watchlists').query(true).reply(200, { watchlists: [], totalCount: 0 });

    await client().users.findByUsername('x@example.com');
    await client().watchlists.list();

    // One token endpoint answer (set up before the test) served both calls.
    expect(scope.isDone()).toBe(true);
    expect(client().transport).toBeInstanceOf(Transport);
  });

  test('sessionUrl links to the session in the console, whatever the trailing slash of the console URL', async () => {
    const withSlash = createCode42Client({ apiUrl: 'https://api.us.code42.com/', consoleUrl: 'https://console.us.code42.com/', clientId: 'key-x', clientSecret: 's' });

    expect(client().sessionUrl('abc-123')).toBe('https://console.us.code42.com/app/#/alerts/review-alerts/abc-123');
    expect(withSlash.sessionUrl('abc/123')).toBe('https://console.us.code42.com/app/#/alerts/review-alerts/abc%2F123');
    await withSlash.close();
  });
});
