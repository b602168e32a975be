// File downloads (sha256, md5 through a file-event search, xfc content id; streamed to disk) and the file
// event search and table, end to end.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { DEMO_USERS } from '../../src/simulator/seed';
import { ssdeep } from '../../src/ssdeep';
import { contextKey, EntryType } from '../../src/xsoar/entry';
import { expectError, expectNoResults, failure, single, useCommands } from '../commands/support/harness';

const c = useCommands({ sessions: 0 });

const FILE = contextKey('File', 'SHA256');
const EVENTS = contextKey('Code42.FileEvents', 'event.id');

describe('code42-download-file', () => {
  /** A demo file some file event recorded, with its metadata. */
  const seenFile = () => c.sim.tenant.files.find((f) => c.sim.tenant.fileEvents.some((e) => (e.file as { hash?: { sha256?: string } }).hash?.sha256 === f.sha256))!;

  test.each(['sha256', 'md5'] as const)('by %s: a file entry, the bytes on disk, and File.* with SSDeep of the bytes and Type from Code42', async (kind) => {
    const file = seenFile();
    const entries = await c.run('code42-download-file', { hash: file[kind].toUpperCase() });
    expect(entries.map((e) => e.Type)).toEqual([EntryType.file, EntryType.note]);
    const [fileEntry, result] = entries;
    expect(fileEntry.File).toBe(file.name);
    const stored = result.EntryContext?.[FILE] as Record<string, unknown>;
    expect(stored).toMatchObject({ Name: file.name, Size: file.bytes.length, SHA256: file.sha256, MD5: file.md5, SSDeep: ssdeep(file.bytes), Type: file.mimeType, EntryID: fileEntry.FileID });
    expect(stored.SHA1).toBe(createHash('sha1').update(file.bytes).digest('hex'));
    expect(result.HumanReadable).toMatch(/^### Code42 File Downloaded\n/);
  });

  test('filename names the saved file', async () => {
    const file = seenFile();
    const [fileEntry] = await c.run('code42-download-file', { hash: file.sha256, filename: 'evidence.bin' });
    expect(fileEntry.File).toBe('evidence.bin');
  });

  test('an MD5 no file event saw says so', async () => {
    expectError(await c.run('code42-download-file', { hash: '0'.repeat(32) }), 'code42-download-file', `No file found with MD5 hash ${'0'.repeat(32)}.`);
  });

  test('a hash of another length is the incumbent\'s sentence', async () => {
    expectError(await c.run('code42-download-file', { hash: 'abc' }), 'code42-download-file', 'Unsupported hash. Must be SHA256 or MD5.');
  });

  test('an unknown SHA256 is one sentence, not a file', async () => {
    expectError(await c.run('code42-download-file', { hash: 'f'.repeat(64) }), 'code42-download-file', `No file found with SHA256 hash ${'f'.repeat(64)}.`);
  });
});

describe('code42-download-file-by-xfc-id', () => {
  test('downloads the file with that XFC content id to disk, with the SSDeep of its bytes', async () => {
    const file = c.sim.tenant.files[0];
    const entries = await c.run('code42-download-file-by-xfc-id', { xfc_id: file.xfcContentId });
    expect(entries.map((e) => e.Type)).toEqual([EntryType.file, EntryType.note]);
    const stored = entries[1].EntryContext?.[FILE] as { SHA256: string; SSDeep: string; EntryID: string };
    expect(stored.SHA256).toBe(file.sha256);
    // test/foundation/ssdeep.test.ts holds src/ssdeep.ts to the ssdeep CLI's digests.
    expect(stored.SSDeep).toBe(ssdeep(file.bytes));
    expect(stored.SSDeep).toMatch(/^\d+:[A-Za-z0-9+/]+:[A-Za-z0-9+/]*$/);
    expect(await readFile(c.files.pathOf(stored.EntryID))).toEqual(file.bytes);
  });

  test('an unknown id is one sentence', async () => {
    expectError(await c.run('code42-download-file-by-xfc-id', { xfc_id: 'no-such-id' }), 'code42-download-file-by-xfc-id', 'No file found with XFC content ID no-such-id.');
  });
});

describe('code42-file-events-search', () => {
  const times = (events: { '@timestamp': string }[]) => events.map((e) => e['@timestamp']);
  const newestFirst = (list: string[]) => [...list].sort().reverse();

  test('by username, newest first, into context by event id, with the analyst columns in the table', async () => {
    const entry = single(await c.run('code42-file-events-search', { username: DEMO_USERS.dave, 'add-to-context': 'true', results: '10' }));
    const events = entry.EntryContext?.[EVENTS] as { '@timestamp': string; timestamp: string; user: { email: string } }[];
    expect(events).toHaveLength(10);
    expect(events.every((e) => e.user.email === DEMO_USERS.dave && e.timestamp === e['@timestamp'])).toBe(true);
    expect(times(events)).toEqual(newestFirst(times(events)));
    expect(entry.HumanReadable).toMatch(/^### Code42 File Events\n\|Time\|User\|Action\|File\|Path\|Hash\|Device\|Destination\|Risk Score\|\n/);
    expect(entry.HumanReadable).not.toMatch(/[{}]/);
  });

  test('without add-to-context only the table is shown', async () => {
    const entry = single(await c.run('code42-file-events-search', { username: DEMO_USERS.dave, results: '3' }));
    expect(entry.EntryContext).toEqual({});
    expect(entry.HumanReadable).toContain(DEMO_USERS.dave);
  });

  test('by md5 and by sha256 of a file', async () => {
    const file = c.sim.tenant.files[0];
    for (const hash of [file.md5, file.sha256]) {
      const events = single(await c.run('code42-file-events-search', { hash, 'add-to-context': 'true', min_risk_score: '0' })).EntryContext?.[EVENTS] as { file: { hash: { sha256: string } } }[];
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.file.hash.sha256 === file.sha256)).toBe(true);
    }
  });

  test('min_risk_score alone is a valid query', async () => {
    const events = single(await c.run('code42-file-events-search', { min_risk_score: '10', 'add-to-context': 'true' })).EntryContext?.[EVENTS] as { risk: { score: number } }[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.risk.score >= 10)).toBe(true);
  });

  test('a raw json query keeps its page size and its sort', async () => {
    const query = { groupClause: 'AND', groups: [{ filterClause: 'AND', filters: [{ term: 'user.email', operator: 'IS', value: DEMO_USERS.dave }] }], pgSize: 3, srtKey: '@timestamp', srtDir: 'asc' };
    const before = c.sim.stats.count('POST', '/v2/file-events');
    const events = single(await c.run('code42-file-events-search', { json: JSON.stringify(query), results: '7', 'add-to-context': 'true' })).EntryContext?.[EVENTS] as { '@timestamp': string }[];
    expect(events).toHaveLength(7);
    expect(times(events)).toEqual([...times(events)].sort());
    // 7 events in pages of 3: three requests.
    expect(c.sim.stats.count('POST', '/v2/file-events') - before).toBe(3);
  });

  test('no criteria at all is the incumbent\'s sentence', async () => {
    expectError(await c.run('code42-file-events-search'), 'code42-file-events-search', 'No query args provided for searching Code42 security events.');
  });

  test('json that is not a file event query says what is wrong with it', async () => {
    expectError(await c.run('code42-file-events-search', { json: '[]' }), 'code42-file-events-search', 'The json argument is not a v2 file event query: it must be a JSON object with a "groups" list.');
    const [entry] = await c.run('code42-file-events-search', { json: '{' });
    expect(entry.Contents).toMatch(new RegExp(`^${failure('code42-file-events-search', 'The json argument is not valid JSON').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  test('nothing found answers "No results found"', async () => {
    expectNoResults(await c.run('code42-file-events-search', { username: 'nobody@example.com' }));
  });
});

describe('code42-file-events-table', () => {
  test('shows the incident\'s and the searches\' events once each, in the analyst columns', async () => {
    const [a, b] = c.sim.tenant.fileEvents;
    const entry = single(
      await c.run('code42-file-events-table', {}, { incident: { CustomFields: { code42fileevents: [a, b] } }, context: { Code42: { FileEvents: [b] } } }),
    );
    expect(entry.HumanReadable?.match(/\n\| /g)).toHaveLength(2);
    expect(entry.HumanReadable).toContain((a.file as { name: string }).name);
  });

  test('include=searches without a context says there is nothing to read', async () => {
    expectError(await c.run('code42-file-events-table', { include: 'searches' }), 'code42-file-events-table', 'No incident context was given to this command to read file events from.');
  });
});
