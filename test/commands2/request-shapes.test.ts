// Exact request shapes of the commands whose Code42 request is built from the arguments (nock): the file event
// query of code42-file-events-search, and code42-download-file refusing bytes that are not the file asked for.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import pino from 'pino';
import { type CommandContext, DEFAULT_SETTINGS } from '../../src/command';
import { LocalFileStore } from '../../src/file-store';
import { getRegistry } from '../../src/registry';
import { API, useNockClient } from '../client/helpers';
import { expectError, single } from '../commands/support/harness';

const client = useNockClient();
let directory: string;
let files: LocalFileStore;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'code42-shapes-'));
  files = new LocalFileStore(directory);
});
afterEach(() => rm(directory, { recursive: true, force: true }));

const run = (command: string, args: Record<string, string>) => {
  const ctx: CommandContext = { code42: client(), log: pino({ level: 'silent' }), files, settings: DEFAULT_SETTINGS };
  return getRegistry().execute(command, args, ctx);
};

const event = (id: string) => ({ '@timestamp': '2026-12-01T10:00:00.000Z', event: { id, action: 'file-created' }, user: { email: 'dave@example.com' } });

/** Answers one file event search and hands the body it was sent to `seen`. */
function searchAnswering(seen: unknown[], events = [event('e1')]) {
  return nock(API)
    .post('/v2/file-events', (body: unknown) => {
      seen.push(body);
      return true;
    })
    .reply(200, { totalCount: events.length, nextPgToken: null, fileEvents: events });
}

describe('code42-file-events-search', () => {
  test('one group per criterion (hash by its length, hostname, username), risk above min_risk_score - 1, newest first, results as the page size', async () => {
    const seen: unknown[] = [];
    searchAnswering(seen);
    const md5 = 'A'.repeat(32);
    await run('code42-file-events-search', { hash: md5, hostname: 'DAVE-PC', username: 'dave@example.com', min_risk_score: '3', results: '20' });
    expect(seen).toEqual([
      {
        groupClause: 'AND',
        groups: [
          { filterClause: 'AND', filters: [{ term: 'file.hash.md5', operator: 'IS', value: md5.toLowerCase() }] },
          { filterClause: 'AND', filters: [{ term: 'source.name', operator: 'IS', value: 'DAVE-PC' }] },
          { filterClause: 'AND', filters: [{ term: 'user.email', operator: 'IS', value: 'dave@example.com' }] },
          { filterClause: 'AND', filters: [{ term: 'risk.score', operator: 'GREATER_THAN', value: 2 }] },
        ],
        srtKey: '@timestamp',
        srtDir: 'desc',
        pgNum: 1,
        pgSize: 20,
        pgToken: '',
      },
    ]);
  });

  test('min_risk_score alone is the whole query', async () => {
    const seen: unknown[] = [];
    searchAnswering(seen);
    await run('code42-file-events-search', { min_risk_score: '7' });
    expect(seen).toEqual([expect.objectContaining({ groups: [{ filterClause: 'AND', filters: [{ term: 'risk.score', operator: 'GREATER_THAN', value: 6 }] }] })]);
  });

  test('a raw query keeps its filters, page size and sort; the other criteria are ignored', async () => {
    const seen: unknown[] = [];
    searchAnswering(seen);
    const groups = [{ filterClause: 'OR', filters: [{ term: 'file.category', operator: 'IS', value: 'Archive' }] }];
    await run('code42-file-events-search', { json: JSON.stringify({ groupClause: 'AND', groups, pgSize: 5, pgNum: 9, srtKey: 'risk.score', srtDir: 'asc' }), username: 'ignored@example.com' });
    expect(seen).toEqual([{ groupClause: 'AND', groups, pgSize: 5, srtKey: 'risk.score', srtDir: 'asc', pgNum: 1, pgToken: '' }]);
  });

  test('a raw query with a page size Code42 refuses is one sentence and nothing is sent', async () => {
    expectError(
      await run('code42-file-events-search', { json: JSON.stringify({ groups: [{ filters: [{ term: 'a', operator: 'IS', value: 1 }] }], pgSize: 0 }) }),
      'code42-file-events-search',
      'The json argument is not a v2 file event query: its "pgSize" must be a whole number from 1 to 10000.',
    );
  });
});

describe('code42-download-file', () => {
  test('bytes that do not hash to the requested SHA256 are refused and not kept', async () => {
    const sha256 = 'a'.repeat(64);
    searchAnswering([], []);
    nock(API).get(`/v1/files/get-file-by-sha256/${sha256}`).reply(200, 'not the file', { 'content-type': 'application/octet-stream' });
    const entry = single(await run('code42-download-file', { hash: sha256 }));
    expect(entry.Contents).toMatch(/^Failed to execute command code42-download-file command\. Error: Code42 sent a file whose SHA256 hash is [0-9a-f]{64}, not the requested a{64}\.$/);
    expect(await readdir(directory)).toEqual([]);
  });
});

describe('alerts from a tenant older than 2026-06 (sessions without rule and actor names)', () => {
  const session = (n: number, ruleIds: string[]) => ({
    sessionId: `s-${n}`,
    tenantId: 'tenant',
    actorId: 'actor-1',
    beginTime: 1_700_000_000_000 + n,
    notes: [],
    riskIndicators: [],
    scores: [{ score: 9, severity: 3, sourceTimestamp: 1_700_000_000_100 }],
    states: [{ state: 'OPEN', stateV2: 'OPEN', sourceTimestamp: 1_700_000_000_100, userId: null }],
    triggeredAlerts: ruleIds.map((ruleId) => ({ alertId: `al-${ruleId}`, ruleId, lessonId: null })),
  });

  test('each rule and actor name is read once per search; a deleted rule shows its id', async () => {
    nock(API).get('/v1/sessions').query(true).reply(200, { items: [session(1, ['r1']), session(2, ['r1', 'gone'])], totalCount: 2 });
    const rule = nock(API).get('/v2/alert-rules/r1').once().reply(200, { id: 'r1', name: 'USB exfiltration' });
    const gone = nock(API).get('/v2/alert-rules/gone').once().reply(404, { error: 'Not Found' });
    const actor = nock(API).get('/v1/actors/actor/id/actor-1').once().reply(200, { actorId: 'actor-1', name: 'dave@example.com' });
    const entry = single(await run('code42-alert-search', { results: '2' }));
    expect(Object.values(entry.EntryContext ?? {})[0]).toEqual([
      expect.objectContaining({ ID: 's-1', Username: 'dave@example.com', Description: 'USB exfiltration' }),
      expect.objectContaining({ ID: 's-2', Username: 'dave@example.com', Description: 'USB exfiltration, gone' }),
    ]);
    expect(rule.isDone() && gone.isDone() && actor.isDone()).toBe(true);
  });
});
