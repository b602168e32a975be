// File-event search, the file-events table and file download end to end against the demo simulator
// (about 200 v2 file events over 7 days by the active users, touching 8 downloadable files).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { toIncident } from '../../src/fetch/incident';
import { DEMO_USERS } from '../../src/simulator/seed';
import type { FileEventDoc } from '../../src/simulator';
import { EntryType, type Entry } from '../../src/xsoar/entry';
import { expectError, expectNoResults, expectResult, keyed, simulatedForEachTest, single } from '../commands/support/harness';

const EVENTS = 'Code42.FileEvents(val.event && val.event.id && val.event.id == obj.event.id)';
const FILE = keyed('File', 'SHA256');

const s = simulatedForEachTest();

interface Doc {
  '@timestamp': string;
  event: { id: string };
  user: { email: string };
  file: { name: string; mimeType: string; hash: { md5: string; sha256: string } };
  source: { name: string | null };
  risk: { score: number };
}

const docs = (): Doc[] => s.sim.tenant.fileEvents().map((e) => e.doc as unknown as Doc);
/** Table rows of a readable output (the header row has no space after its first pipe). */
const rowCount = (entry: Entry): number => (entry.HumanReadable ?? '').split('\n').filter((line) => line.startsWith('| ')).length;

describe('code42-file-events-search', () => {
  const command = 'code42-file-events-search';

  test('by username: the risky events of the user into context, keyed by event.id, each with the documented timestamp', async () => {
    const expected = docs().filter((d) => d.user.email === DEMO_USERS.dave && d.risk.score > 0);
    expect(expected.length).toBeGreaterThan(0);
    const entries = await s.run(command, { username: DEMO_USERS.dave, 'add-to-context': 'true' });
    const events = expectResult(entries, EVENTS, 'Code42 File Events') as (Doc & { timestamp: string })[];
    // Code42 pages in event.id order; `results` (default 50) caps the total.
    expect(events.map((e) => e.event.id)).toEqual(expected.map((d) => d.event.id).sort().slice(0, 50));
    for (const event of events) expect(event.timestamp).toBe(event['@timestamp']);
    expect(rowCount(single(entries))).toBe(events.length);
  });

  test('the readable table flattens nested objects into **a.b:** lines', async () => {
    const [first] = docs().filter((d) => d.user.email === DEMO_USERS.dave && d.risk.score > 0);
    const entry = single(await s.run(command, { hash: first.file.hash.sha256, username: DEMO_USERS.dave }));
    expect(entry.HumanReadable).toMatch(/^### Code42 File Events\n\|@timestamp\|event\|user\|file\|source\|/);
    expect(entry.HumanReadable).toContain(`**email:** ${DEMO_USERS.dave}`);
    expect(entry.HumanReadable).toContain(`**hash.sha256:** ${first.file.hash.sha256}`);
    expect(entry.HumanReadable).toContain(`**score:** `);
  });

  test('without add-to-context only the table is shown and nothing goes to context', async () => {
    const entry = single(await s.run(command, { username: DEMO_USERS.dave }));
    expect(entry).toMatchObject({ Type: EntryType.note, EntryContext: {} });
    expect(rowCount(entry)).toBeGreaterThan(0);
  });

  test('by MD5 with min_risk_score 0: every event of the file, risky or not, up to `results`', async () => {
    const md5 = docs()[0].file.hash.md5;
    const all = docs().filter((d) => d.file.hash.md5 === md5);
    const entries = await s.run(command, { hash: md5, min_risk_score: '0', results: String(all.length + 5), 'add-to-context': 'yes' });
    expect((expectResult(entries, EVENTS, 'Code42 File Events') as Doc[]).length).toBe(all.length);
    const capped = expectResult(await s.run(command, { hash: md5, min_risk_score: '0', results: '3', 'add-to-context': 'true' }), EVENTS, 'Code42 File Events');
    expect(capped).toHaveLength(3);
  });

  test('by hostname and min_risk_score: only events from that host scoring at least the minimum', async () => {
    const host = docs().find((d) => d.source.name)!.source.name!;
    const expected = docs().filter((d) => d.source.name === host && d.risk.score >= 6);
    const events = expectResult(await s.run(command, { hostname: host, min_risk_score: '6', results: '500', 'add-to-context': 'true' }), EVENTS, 'Code42 File Events') as Doc[];
    expect(events.map((e) => e.event.id).sort()).toEqual(expected.map((d) => d.event.id).sort());
  });

  test('a raw JSON query is run as given and capped by `results`', async () => {
    const json = JSON.stringify({ groupClause: 'AND', groups: [{ filterClause: 'OR', filters: [{ term: 'event.action', operator: 'IS', value: 'file-printed' }] }], pgSize: 1 });
    const printed = docs().filter((d) => (d.event as unknown as { action: string }).action === 'file-printed');
    const events = expectResult(await s.run(command, { json, results: '1000', 'add-to-context': 'true' }), EVENTS, 'Code42 File Events') as Doc[];
    expect(events).toHaveLength(printed.length);
  });

  test('a user without events reads "No results found"', async () => {
    expectNoResults(await s.run(command, { username: 'nobody@example.com', 'add-to-context': 'true' }));
  });

  test.each([
    [{}, 'No query args provided for searching Code42 security events.'],
    [{ min_risk_score: '3' }, 'No query args provided for searching Code42 security events.'],
    [{ hash: 'abc123' }, 'Unsupported hash. Must be SHA256 or MD5.'],
    [{ hash: 'z'.repeat(32) }, 'Unsupported hash. Must be SHA256 or MD5.'],
    [{ json: '{"groups": [' }, 'The json argument is not valid JSON (Unexpected end of JSON input).'],
    [{ json: '[]' }, 'The json argument is not a v2 file event query: it must be a JSON object with a "groups" list.'],
    [{ json: '{"groupClause":"AND"}' }, 'The json argument is not a v2 file event query: it has no "groups" list.'],
    [{ json: '{"groups":[{"filters":[{"term":"user.email","value":"x"}]}]}' }, 'The json argument is not a v2 file event query: it has filter 1 of group 1 without a "term" and an "operator".'],
  ])('%j is refused with one sentence', async (args, sentence) => {
    expectError(await s.run(command, args as Record<string, string>), command, sentence);
  });

  test('a query Code42 rejects is reported with Code42 words, in one sentence', async () => {
    const json = JSON.stringify({ groups: [{ filters: [{ term: 'user.email', operator: 'SOUNDS_LIKE', value: 'x' }] }] });
    const [entry] = await s.run(command, { json });
    expect(entry.Type).toBe(EntryType.error);
    expect(entry.Contents).toMatch(/^Failed to execute command code42-file-events-search command\. Error: Could not search file events: .*SOUNDS_LIKE/);
  });
});

describe('code42-file-events-table', () => {
  const command = 'code42-file-events-table';

  /** An incident as fetch-incidents writes it with include_files, and a context holding earlier search results. */
  async function warRoom() {
    const [alert] = await s.client.alerts.details([s.sim.tenant.alerts.all().find((a) => a.observations.some((o) => (o.eventIds ?? []).length >= 2))!.id]);
    const ids = (alert.observations ?? []).flatMap((o) => (JSON.parse(o.data) as { files: { eventId: string }[] }).files.map((f) => f.eventId));
    const incidentEvents = await s.client.fileEvents.byIds(ids);
    const incident = toIncident(alert, { incidentType: 'Code42 Security Alert', alertUrl: 'https://console.example.com', fileEvents: incidentEvents });
    const others = docs().filter((d) => !ids.includes(d.event.id)).slice(0, 3);
    // One event both in the incident and in an earlier search: shown once.
    const searched = [incidentEvents[0], ...others] as unknown as FileEventDoc[];
    return { incident: { ...incident } as Record<string, unknown>, context: { Code42: { FileEvents: searched } }, incidentEvents, others };
  }

  test('include=all shows the incident events and the searched ones, each event once', async () => {
    const { incident, context, incidentEvents, others } = await warRoom();
    const entry = single(await s.run(command, {}, { incident, context }));
    expect(entry).toMatchObject({ Type: EntryType.note, EntryContext: {} });
    expect(entry.HumanReadable?.startsWith('### Code42 File Events\n')).toBe(true);
    expect(rowCount(entry)).toBe(incidentEvents.length + others.length);
  });

  test('include=incident and include=searches show only their own source', async () => {
    const { incident, context, incidentEvents } = await warRoom();
    expect(rowCount(single(await s.run(command, { include: 'incident' }, { incident, context })))).toBe(incidentEvents.length);
    expect(rowCount(single(await s.run(command, { include: 'searches' }, { incident, context })))).toBe(4);
  });

  test('events mapped into the code42fileevents incident field are read too', async () => {
    const { incidentEvents } = await warRoom();
    const incident = { CustomFields: { code42fileevents: incidentEvents } };
    expect(rowCount(single(await s.run(command, { include: 'incident' }, { incident })))).toBe(incidentEvents.length);
  });

  test('events added by code42-file-events-search are found in context as that command wrote them', async () => {
    const [searchEntry] = await s.run('code42-file-events-search', { username: DEMO_USERS.dave, 'add-to-context': 'true', results: '4' });
    const context = { Code42: { FileEvents: searchEntry.EntryContext?.[EVENTS] } };
    const entry = single(await s.run(command, { include: 'searches' }, { context }));
    expect(rowCount(entry)).toBe(4);
    expect(entry.HumanReadable).not.toContain('|timestamp|');
  });

  test('an incident without file events reads "No results found"', async () => {
    expectNoResults(await s.run(command, {}, { incident: { rawJSON: JSON.stringify({ alertId: 'a' }) }, context: {} }));
  });

  test.each([
    ['all', 'No incident or incident context was given to this command to read file events from.'],
    ['incident', 'No incident was given to this command to read file events from.'],
    ['searches', 'No incident context was given to this command to read file events from.'],
  ])('include=%s outside a war room says what is missing', async (include, sentence) => {
    expectError(await s.run(command, { include }), command, sentence);
  });

  test('an include value outside the list is refused with the valid values', async () => {
    expectError(await s.run(command, { include: 'everything' }), command, 'Invalid value "everything" for argument "include": expected one of all, incident, searches.');
  });
});

describe('code42-download-file', () => {
  const command = 'code42-download-file';

  const sha256Of = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

  test('by SHA256: saves the bytes Code42 serves and answers a file entry with the File context', async () => {
    const file = s.sim.tenant.files()[0];
    const entries = await s.run(command, { hash: file.sha256 });
    expect(entries).toHaveLength(2);
    const [fileEntry, result] = entries;
    expect(fileEntry).toMatchObject({ Type: EntryType.file, File: file.sha256 });
    expect(await sha256Of(s.files.pathOf(fileEntry.FileID!))).toBe(file.sha256);
    const context = expectResult([result], FILE, 'Code42 File Downloaded');
    expect(context).toEqual({
      Name: file.sha256,
      Size: file.bytes.length,
      MD5: file.md5,
      SHA1: createHash('sha1').update(file.bytes).digest('hex'),
      SHA256: file.sha256,
      EntryID: fileEntry.FileID,
    });
  });

  test('by MD5: finds the SHA256 through a file event, downloads it and saves it under the given name', async () => {
    const { file } = docs()[0];
    const [fileEntry, result] = await s.run(command, { hash: file.hash.md5.toUpperCase(), filename: 'evidence.XLSX' });
    expect(fileEntry).toMatchObject({ Type: EntryType.file, File: 'evidence.XLSX' });
    expect(await sha256Of(s.files.pathOf(fileEntry.FileID!))).toBe(file.hash.sha256);
    expect(expectResult([result], FILE, 'Code42 File Downloaded')).toMatchObject({
      Name: 'evidence.XLSX',
      Extension: 'xlsx',
      MD5: file.hash.md5,
      SHA256: file.hash.sha256,
      Info: file.mimeType,
    });
  });

  test('an MD5 no file event has seen says so', async () => {
    const md5 = '0'.repeat(32);
    expectError(await s.run(command, { hash: md5 }), command, `No file found with MD5 hash ${md5}.`);
  });

  test('a SHA256 Code42 holds no file for says so', async () => {
    const sha256 = 'f'.repeat(64);
    expectError(await s.run(command, { hash: sha256 }), command, `No file found with SHA256 hash ${sha256}.`);
  });

  test.each(['abc', 'a'.repeat(40), 'g'.repeat(64)])('hash %s is neither MD5 nor SHA256', async (hash) => {
    expectError(await s.run(command, { hash }), command, 'Unsupported hash. Must be SHA256 or MD5.');
  });
});
