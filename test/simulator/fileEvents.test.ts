import { createHash } from 'node:crypto';
import { DEMO_USERS } from '../../src/simulator';
import { useApi } from './helpers';

interface EventDoc {
  '@timestamp': string;
  event: { id: string };
  user: { email: string };
  file: { name: string; hash: { sha256: string; md5: string } };
  risk: { score: number };
}
interface Page {
  totalCount: number;
  nextPgToken: string | null;
  fileEvents: EventDoc[];
  problems: { type: string; description: string }[] | null;
}

// No generated sessions: the 300 background events and the few of the three scripted sessions.
const api = useApi({ events: 300, sessions: 0 });
const total = () => api.sim.tenant.fileEvents.length;

const search = (body: Record<string, unknown>) => api.post('/v2/file-events', { groupClause: 'AND', groups: [], pgNum: 1, pgSize: 100, srtDir: 'asc', srtKey: 'event.id', ...body });
const is = (term: string, value: unknown, operator = 'IS') => ({ filterClause: 'AND', filters: [{ term, operator, value }] });

describe('v2 file-event search', () => {
  test('an IS filter on user.email answers only that user’s events', async () => {
    const body = (await search({ groups: [is('user.email', DEMO_USERS.dave)] })).json<Page>();
    const expected = api.sim.tenant.fileEvents.filter((e) => (e.user as { email: string }).email === DEMO_USERS.dave);
    expect(body.totalCount).toBe(expected.length);
    expect(body.fileEvents.every((e) => e.user.email === DEMO_USERS.dave)).toBe(true);
    expect(body.nextPgToken).toBeNull();
    expect(body.problems).toBeNull();
  });

  test('pgNum is 1-based and the last page is short', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map(async (pgNum) => (await search({ pgNum, pgSize: 90 })).json<Page>().fileEvents.map((e) => e.event.id)));
    expect(pages.map((p) => p.length)).toEqual([90, 90, 90, total() - 270]);
    expect(new Set(pages.flat()).size).toBe(total());
    expect(pages.flat()).toEqual([...pages.flat()].sort());
  });

  test('pgToken paging walks every event once, the token being the last event id', async () => {
    const seen: string[] = [];
    let token: string | null = '';
    let calls = 0;
    while (token !== null) {
      const body: Page = (await search({ pgToken: token, pgSize: 70, srtKey: '@timestamp', srtDir: 'desc' })).json<Page>();
      seen.push(...body.fileEvents.map((e) => e.event.id));
      if (body.nextPgToken !== null) expect(body.nextPgToken).toBe(body.fileEvents[body.fileEvents.length - 1].event.id);
      token = body.nextPgToken;
      calls++;
    }
    expect(calls).toBe(Math.ceil(total() / 70));
    expect(new Set(seen).size).toBe(total());
  });

  test('a token that is not an event of the search is 400 INVALID_PAGE_TOKEN', async () => {
    const result = await search({ pgToken: 'no-such-event' });
    expect(result.status).toBe(400);
    expect(result.text).toContain('INVALID_PAGE_TOKEN');
  });

  test('pgSize above 10,000 is 400', async () => {
    expect((await search({ pgSize: 10_001 })).status).toBe(400);
  });

  test('a page beyond the 10,000-result window is 400', async () => {
    const result = await search({ pgNum: 11, pgSize: 1000 });
    expect(result.status).toBe(400);
    expect(result.json<Page>().problems?.[0].description).toContain('10000');
  });

  test('more than 1,024 criteria is 400', async () => {
    const ids = Array.from({ length: 1025 }, (_, i) => `id-${i}`);
    const result = await search({ groups: [{ filterClause: 'OR', filters: ids.map((value) => ({ term: 'event.id', operator: 'IS', value })) }] });
    expect(result.status).toBe(400);
    expect(result.text).toContain('1024');
  });

  test('an unknown operator answers 400 with problems naming the bad filter', async () => {
    const result = await search({ groups: [is('user.email', 'x', 'SOUNDS_LIKE')] });
    expect(result.status).toBe(400);
    expect(result.json<Page>().problems).toEqual([expect.objectContaining({ type: 'SEARCH_FAILED', badFilter: { term: 'user.email', operator: 'SOUNDS_LIKE', value: 'x' } })]);
  });

  test('wildcards, GREATER_THAN and IS_ANY select the expected events', async () => {
    const events = api.sim.tenant.fileEvents as unknown as EventDoc[];
    const zip = (await search({ groups: [is('file.name', '*.zip')], pgSize: 1000 })).json<Page>();
    expect(zip.totalCount).toBe(events.filter((e) => e.file.name.endsWith('.zip')).length);
    const risky = (await search({ groups: [is('risk.score', 5, 'GREATER_THAN')], pgSize: 1000 })).json<Page>();
    expect(risky.totalCount).toBe(events.filter((e) => e.risk.score > 5).length);
    const two = [events[0].event.id, events[1].event.id];
    const byIds = (await search({ groups: [is('event.id', two, 'IS_ANY')] })).json<Page>();
    expect(byIds.fileEvents.map((e) => e.event.id).sort()).toEqual([...two].sort());
  });

  test('a hash search finds the events of that file', async () => {
    const file = api.sim.tenant.files[0];
    const body = (await search({ groups: [is('file.hash.md5', file.md5)], pgSize: 1000 })).json<Page>();
    expect(body.totalCount).toBeGreaterThan(0);
    expect(body.fileEvents.every((e) => e.file.hash.sha256 === file.sha256)).toBe(true);
  });
});

describe('file download by sha256', () => {
  test('answers bytes whose sha256 and md5 are the hashes the events show', async () => {
    const file = api.sim.tenant.files[2];
    const result = await fetch(`${api.sim.url}/v1/files/get-file-by-sha256/${file.sha256}`, { headers: { authorization: `Bearer ${api.token}` } });
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/octet-stream');
    const bytes = Buffer.from(await result.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    expect(createHash('md5').update(bytes).digest('hex')).toBe(file.md5);
  });

  test('an unknown sha256 is 404', async () => {
    expect((await api.get(`/v1/files/get-file-by-sha256/${'0'.repeat(64)}`)).status).toBe(404);
  });
});

describe('file download by XFC content id', () => {
  test('an exfiltration event names the content id that serves its file', async () => {
    const event = (api.sim.tenant.fileEvents as unknown as (EventDoc & { event: { xfcEventId: string | null } })[]).find((e) => e.event.xfcEventId !== null);
    const result = await fetch(`${api.sim.url}/v1/files/get-file-by-xfc-content-id/${event?.event.xfcEventId}`, { headers: { authorization: `Bearer ${api.token}` } });
    expect(result.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await result.arrayBuffer())).digest('hex')).toBe(event?.file.hash.sha256);
  });

  test('an unknown content id is 404', async () => {
    expect((await api.get('/v1/files/get-file-by-xfc-content-id/no-such-content')).status).toBe(404);
  });
});

describe('the FileEventV2 shape', () => {
  // The objects the SDK's FileEventV2 model requires, with their required lists (risk.untrustedValues).
  test('every event carries every top-level object and the required risk.untrustedValues lists', async () => {
    const { fileEvents } = (await search({ pgSize: 1000 })).json<{ fileEvents: Record<string, Record<string, unknown>>[] }>();
    for (const event of fileEvents) {
      for (const key of ['@timestamp', 'event', 'user', 'file', 'source', 'destination', 'process', 'risk']) expect(event[key]).toBeDefined();
      expect(event.risk.untrustedValues).toEqual({ accountNames: [], domains: [], gitRepositoryUris: [], slackWorkspaces: [], urlPaths: [] });
      expect(typeof event.event.id).toBe('string');
      expect(Array.isArray(event.risk.indicators)).toBe(true);
    }
  });

  test('ON_OR_AFTER and ON_OR_BEFORE on @timestamp bound the events by time', async () => {
    const all = api.sim.tenant.fileEvents;
    const from = all[100]['@timestamp'];
    const to = all[199]['@timestamp'];
    const body = (await search({ groups: [is('@timestamp', from, 'ON_OR_AFTER'), is('@timestamp', to, 'ON_OR_BEFORE')], pgSize: 1000 })).json<Page>();
    expect(body.totalCount).toBe(all.filter((e) => e['@timestamp'] >= from && e['@timestamp'] <= to).length);
  });

  test('IS_NOT leaves out the value', async () => {
    const body = (await search({ groups: [is('user.email', DEMO_USERS.dave, 'IS_NOT')], pgSize: 1000 })).json<Page>();
    expect(body.totalCount).toBe(api.sim.tenant.fileEvents.filter((e) => (e.user as { email: string }).email !== DEMO_USERS.dave).length);
  });
});
