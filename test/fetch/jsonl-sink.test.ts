import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Incident } from '../../src/fetch/incident';
import { JsonlSink } from '../../src/fetch/jsonl-sink';
import { SinkError } from '../../src/fetch/sink';

const incident = (id: string): Incident => ({
  name: `Code42 - ${id}`,
  occurred: '2026-03-01T10:00:00.000Z',
  severity: 3,
  rawJSON: JSON.stringify({ sessionId: id }),
  dbotMirrorId: id,
  created: '2026-03-01T10:01:00.000Z',
  labels: [],
  CustomFields: { code42alertid: id },
});

const lines = async (file: string): Promise<string[]> => (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((line) => (JSON.parse(line) as Incident).dbotMirrorId);
const idsOf = (page: { incidents: Incident[] }): string[] => page.incidents.map((i) => i.dbotMirrorId);

describe('JSONL sink', () => {
  let directory: string;
  let file: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'jsonl-sink-'));
    file = join(directory, 'nested', 'incidents.jsonl');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('creates the file and appends one line per incident', async () => {
    expect(await new JsonlSink(file).deliver([incident('a'), incident('b')])).toEqual({ delivered: 2, skipped: 0 });
    expect(await lines(file)).toEqual(['a', 'b']);
  });

  it('skips incidents whose session it already holds, also within one delivery', async () => {
    const sink = new JsonlSink(file);
    await sink.deliver([incident('a')]);
    expect(await sink.deliver([incident('a'), incident('b'), incident('b')])).toEqual({ delivered: 1, skipped: 2 });
    expect(await lines(file)).toEqual(['a', 'b']);
  });

  it('knows what another writer appended since it last looked', async () => {
    const mine = new JsonlSink(file);
    const other = new JsonlSink(file);
    await mine.deliver([incident('a')]);
    await other.deliver([incident('b')]);
    expect(await mine.deliver([incident('b'), incident('c')])).toEqual({ delivered: 1, skipped: 1 });
    expect(await lines(file)).toEqual(['a', 'b', 'c']);
    expect(idsOf(await mine.read({ limit: 10 }))).toEqual(['a', 'b', 'c']);
  });

  it('reads the file again from the start when it was replaced', async () => {
    const sink = new JsonlSink(file);
    await sink.deliver([incident('a'), incident('b')]);
    await rm(file);
    await sink.deliver([incident('c')]);
    await writeFile(file, `${JSON.stringify(incident('z'))}\n`);
    expect(idsOf(await sink.read({ limit: 10 }))).toEqual(['z']);
    expect(await sink.deliver([incident('a')])).toEqual({ delivered: 1, skipped: 0 });
  });

  it('cuts off a torn last line left by a crash when it delivers, so that incident is delivered again whole', async () => {
    await new JsonlSink(file).deliver([incident('a')]);
    await appendFile(file, JSON.stringify(incident('b')).slice(0, 25));
    const sink = new JsonlSink(file);
    expect(idsOf(await sink.read({ limit: 10 }))).toEqual(['a']);
    expect(await sink.deliver([incident('b')])).toEqual({ delivered: 1, skipped: 0 });
    expect(await lines(file)).toEqual(['a', 'b']);
  });

  it('refuses a file with a damaged line before its end rather than guess', async () => {
    const flat = join(directory, 'damaged.jsonl');
    await writeFile(flat, `${JSON.stringify(incident('a'))}\n{"broken\n${JSON.stringify(incident('c'))}\n`);
    await expect(new JsonlSink(flat).deliver([incident('d')])).rejects.toThrow(/^Line 2 of .* is not an incident with a dbotMirrorId; repair or move the file before fetching into it\.$/);
  });

  it('refuses a path it cannot open as a file with one sentence naming it', async () => {
    await expect(new JsonlSink(directory).deliver([incident('a')])).rejects.toThrow(new SinkError(`Cannot open the incidents file ${directory}: EISDIR.`));
  });

  it('reads incidents back a page at a time, in delivery order', async () => {
    const sink = new JsonlSink(file);
    await sink.deliver(['a', 'b', 'c', 'd', 'e'].map(incident));
    const page = await sink.read({ offset: 1, limit: 3 });
    expect(page).toMatchObject({ total: 5, offset: 1 });
    expect(idsOf(page)).toEqual(['b', 'c', 'd']);
    expect(idsOf(await sink.read({ offset: 4, limit: 10 }))).toEqual(['e']);
    expect((await sink.read({ offset: 9 })).incidents).toEqual([]);
  });

  it('reads an empty page before anything was delivered', async () => {
    expect(await new JsonlSink(file).read()).toEqual({ total: 0, offset: 0, incidents: [] });
  });

  it('reads lines longer than its scan buffer', async () => {
    const big = { ...incident('big'), rawJSON: 'x'.repeat(3 * 1024 * 1024) };
    await new JsonlSink(file).deliver([incident('a'), big, incident('c')]);
    const page = await new JsonlSink(file).read({ offset: 1, limit: 1 });
    expect(page.total).toBe(3);
    expect(page.incidents[0].rawJSON).toHaveLength(3 * 1024 * 1024);
  });
});
