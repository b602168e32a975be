// What the simulator cannot stage: the exact queries sent, answers that change between two calls, Code42
// sending other bytes than asked for, and a risk profile without cloud aliases. An in-memory Code42 (the
// fake of test/commands) with the areas these commands use filled in per test.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Case, Code42Api, FileEventQuery, RuleMetadata, RuleUser } from '../../src/code42/api';
import { Code42Error } from '../../src/code42/errors';
import { EntryType } from '../../src/xsoar/entry';
import { fakeCode42 } from '../commands/support/fake-code42';
import { expectError, type Harness, single, startHarness } from '../commands/support/harness';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(() => harness.close());

const ALICE = { username: 'alice@example.com', userId: '900000000000000001' };

const code42Said = (operation: string, status: number, text: string): Code42Error =>
  new Code42Error(`Could not ${operation}: Code42 answered ${status} (${text}).`, { kind: 'http', operation, status, code42Text: text });

/** The demo fake with some areas replaced. */
const fakeWith = (areas: Partial<Code42Api>): Code42Api => ({ ...fakeCode42(), ...areas });

describe('code42-file-events-search sends the incumbent query', () => {
  function recordingSearch() {
    const sent: { query: FileEventQuery; maxResults: number }[] = [];
    const code42 = fakeWith({
      fileEvents: {
        search: () => Promise.reject(new Error('not used')),
        byIds: () => Promise.reject(new Error('not used')),
        searchAll: (query, maxResults) => {
          sent.push({ query, maxResults });
          return Promise.resolve([{ '@timestamp': '2024-05-01T00:00:00.000Z', event: { id: 'e1' } }]);
        },
      },
    });
    return { sent, run: harness.runner(code42) };
  }

  test('one group per criterion, risk above min_risk_score - 1, and `results` as the total cap', async () => {
    const { sent, run } = recordingSearch();
    await run('code42-file-events-search', { hash: 'A'.repeat(64), username: 'alice@example.com', hostname: 'ALICE-MBP', min_risk_score: '3' });
    expect(sent).toEqual([
      {
        maxResults: 50,
        query: {
          groupClause: 'AND',
          groups: [
            { filterClause: 'AND', filters: [{ term: 'file.hash.sha256', operator: 'IS', value: 'a'.repeat(64) }] },
            { filterClause: 'AND', filters: [{ term: 'source.name', operator: 'IS', value: 'ALICE-MBP' }] },
            { filterClause: 'AND', filters: [{ term: 'user.email', operator: 'IS', value: 'alice@example.com' }] },
            { filterClause: 'AND', filters: [{ term: 'risk.score', operator: 'GREATER_THAN', value: 2 }] },
          ],
        },
      },
    ]);
  });

  test.each(['0', '-4'])('min_risk_score %s adds no risk filter', async (min) => {
    const { sent, run } = recordingSearch();
    await run('code42-file-events-search', { hash: 'b'.repeat(32), min_risk_score: min, results: '20000' });
    expect(sent[0]).toEqual({ maxResults: 20000, query: { groupClause: 'AND', groups: [{ filterClause: 'AND', filters: [{ term: 'file.hash.md5', operator: 'IS', value: 'b'.repeat(32) }] }] } });
  });

  test("a raw query keeps its filters and sort, drops its paging for `results`, and ignores the other criteria", async () => {
    const { sent, run } = recordingSearch();
    const groups = [{ filterClause: 'OR', filters: [{ term: 'file.name', operator: 'IS', value: '*.docx' }] }];
    await run('code42-file-events-search', { json: JSON.stringify({ groups, srtKey: '@timestamp', srtDir: 'desc', pgNum: 3, pgSize: 7, pgToken: 'x' }), username: 'bob@example.com', results: '12' });
    expect(sent).toEqual([{ maxResults: 12, query: { groupClause: 'AND', groups, srtKey: '@timestamp', srtDir: 'desc' } }]);
  });
});

test('code42-file-events-search: fields Code42 left empty (git, report, destination: null) are left out of the context, the raw event keeps them', async () => {
  const event = { '@timestamp': '2024-05-01T00:00:00.000Z', event: { id: 'e1' }, file: { name: 'a.txt' }, destination: null, git: null, report: null, responseControls: null };
  const code42 = fakeWith({
    fileEvents: {
      search: () => Promise.reject(new Error('not used')),
      byIds: () => Promise.reject(new Error('not used')),
      searchAll: () => Promise.resolve([event]),
    },
  });
  const entry = single(await harness.runner(code42)('code42-file-events-search', { username: 'alice@example.com', 'add-to-context': 'true' }));
  expect(Object.values(entry.EntryContext ?? {})).toEqual([
    [{ '@timestamp': '2024-05-01T00:00:00.000Z', timestamp: '2024-05-01T00:00:00.000Z', event: { id: 'e1' }, file: { name: 'a.txt' } }],
  ]);
  expect(entry.Contents).toEqual([event]);
});

describe('code42-download-file', () => {
  test('bytes that do not hash to the requested SHA256 are refused, not passed on as that file', async () => {
    const requested = 'c'.repeat(64);
    const code42 = fakeWith({ files: { downloadBySha256: () => Promise.resolve({ body: Readable.from([Buffer.from('not the file')]) }) } });
    const [entry] = await harness.runner(code42)('code42-download-file', { hash: requested });
    expect(entry.Type).toBe(EntryType.error);
    expect(entry.Contents).toMatch(/^Failed to execute command code42-download-file command\. Error: Code42 sent a file whose SHA256 hash is [0-9a-f]{64}, not the requested c{64}\.$/);
    // The refused bytes do not stay on disk either.
    expect(await readdir(harness.files.directory)).toEqual([]);
  });

  test('an MD5 is looked up newest first and the first event with a SHA256 wins', async () => {
    const bytes = Buffer.from('quarterly numbers');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const md5 = createHash('md5').update(bytes).digest('hex');
    const queries: FileEventQuery[] = [];
    const code42 = fakeWith({
      fileEvents: {
        search: (query) => {
          queries.push(query);
          const events = [{ event: { id: 'e1' }, file: { hash: { md5, sha256: null, sha256Error: 'failed' } } }, { event: { id: 'e2' }, file: { hash: { md5, sha256 }, mimeType: 'text/plain' } }];
          return Promise.resolve({ totalCount: 2, nextPgToken: null, fileEvents: events });
        },
        searchAll: () => Promise.reject(new Error('not used')),
        byIds: () => Promise.reject(new Error('not used')),
      },
      files: { downloadBySha256: (hash) => (hash === sha256 ? Promise.resolve({ body: Readable.from([bytes]) }) : Promise.reject(new Error(`asked for ${hash}`))) },
    });
    const [fileEntry, result] = await harness.runner(code42)('code42-download-file', { hash: md5, filename: 'numbers.txt' });
    expect(fileEntry).toMatchObject({ Type: EntryType.file, File: 'numbers.txt' });
    expect(Object.values(result.EntryContext ?? {})).toEqual([expect.objectContaining({ SHA256: sha256, MD5: md5, Info: 'text/plain', Extension: 'txt', Size: bytes.length })]);
    expect(queries[0]).toMatchObject({ srtKey: '@timestamp', srtDir: 'desc', groups: [{ filters: [{ term: 'file.hash.md5', operator: 'IS', value: md5 }] }] });
  });
});

describe('code42-case-add-file-event', () => {
  const openCase: Case = { number: 7, name: 'Seven', status: 'OPEN' };

  function casesAnswering(addError: Error) {
    const code42 = fakeWith({
      cases: {
        create: () => Promise.reject(new Error('not used')),
        get: () => Promise.resolve(openCase),
        addFileEvents: () => Promise.reject(addError),
      },
    });
    return { run: harness.runner(code42) };
  }

  test('a case closed between the check and the add is reported as closed', async () => {
    const { run } = casesAnswering(code42Said('add the file events to the case', 400, 'CASE_IS_CLOSED'));
    expectError(await run('code42-case-add-file-event', { case_number: '7', event_ids: 'e1' }), 'code42-case-add-file-event', 'Case 7 is closed; file events can be added to open cases only.');
  });

  test('any other Code42 failure is passed on as Code42 worded it', async () => {
    const error = code42Said('add the file events to the case', 400, 'INVALID_EVENT_ID: No file event e9.');
    const { run } = casesAnswering(error);
    expectError(await run('code42-case-add-file-event', { case_number: '7', event_ids: 'e9' }), 'code42-case-add-file-event', error.message);
  });
});

test('code42-legalhold-remove-user: a membership released between the check and the removal reads "not an active member"', async () => {
  const code42 = fakeWith({
    legalHold: {
      findMatterByName: (name) => Promise.resolve({ matterId: 'm1', name }),
      listCustodians: () => Promise.resolve([{ userId: ALICE.userId, membershipActive: true }]),
      addCustodian: () => Promise.reject(new Error('not used')),
      removeCustodian: () => Promise.reject(code42Said('remove the user from the legal hold matter', 400, 'USER_NOT_IN_HOLD')),
    },
  });
  expectError(
    await harness.runner(code42)('code42-legalhold-remove-user', { username: ALICE.username, mattername: 'Matter' }),
    'code42-legalhold-remove-user',
    `User '${ALICE.username}' is not an active member of legal hold matter 'Matter'`,
  );
});

test('code42-alert-rule-add-user sends the username as the only alias when the risk profile has no cloud aliases', async () => {
  const rule: RuleMetadata = { observerRuleId: 'r1', id: 'r1-id', name: 'Rule one', isSystem: false };
  const added: RuleUser[] = [];
  const code42 = fakeWith({
    alertRules: {
      list: () => Promise.resolve([rule]),
      listUsers: () => Promise.resolve([]),
      addUser: (_id, user) => Promise.resolve(void added.push(user)),
      removeUsers: () => Promise.reject(new Error('not used')),
    },
  });
  const entry = single(await harness.runner(code42)('code42-alert-rule-add-user', { rule: 'r1-id', username: ALICE.username }));
  expect(entry.Type).toBe(EntryType.note);
  expect(added).toEqual([{ userIdFromAuthority: ALICE.userId, userAliasList: [ALICE.username] }]);
});
