import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Incident } from '../../src/fetch/incident';
import { JsonlSink } from '../../src/fetch/jsonl-sink';
import { SinkError } from '../../src/fetch/sink';

const incident = (id: string): Incident => ({ name: `Code42 - ${id}`, occurred: '2024-03-01T10:00:00.000Z', severity: 3, rawJSON: JSON.stringify({ id }), dbotMirrorId: id });

const lines = async (file: string): Promise<string[]> => (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((line) => (JSON.parse(line) as Incident).dbotMirrorId);

describe('JSONL sink', () => {
  let directory: string;
  let file: string;
  const opened: JsonlSink[] = [];
  const openSink = async (): Promise<JsonlSink> => {
    const sink = await JsonlSink.open(file);
    opened.push(sink);
    return sink;
  };

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'jsonl-sink-'));
    file = join(directory, 'nested', 'incidents.jsonl');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((sink) => sink.close()));
    await rm(directory, { recursive: true, force: true });
  });

  it('creates the file and appends one line per incident', async () => {
    const sink = await openSink();
    expect(await sink.deliver([incident('a'), incident('b')])).toEqual({ delivered: 2, skipped: 0 });
    expect(await lines(file)).toEqual(['a', 'b']);
  });

  it('skips incidents whose alert it already holds, also within one delivery', async () => {
    const sink = await openSink();
    await sink.deliver([incident('a')]);
    expect(await sink.deliver([incident('a'), incident('b'), incident('b')])).toEqual({ delivered: 1, skipped: 2 });
    expect(await lines(file)).toEqual(['a', 'b']);
  });

  it('knows the alerts already in the file when it is opened again', async () => {
    const first = await openSink();
    await first.deliver([incident('a'), incident('b')]);
    await first.close();
    opened.splice(0);
    const second = await openSink();
    expect(second.count).toBe(2);
    expect(await second.deliver([incident('b'), incident('c')])).toEqual({ delivered: 1, skipped: 1 });
    expect(await lines(file)).toEqual(['a', 'b', 'c']);
  });

  it('cuts off a torn last line left by a crash, so that incident is delivered again whole', async () => {
    const first = await openSink();
    await first.deliver([incident('a')]);
    await first.close();
    opened.splice(0);
    await appendFile(file, JSON.stringify(incident('b')).slice(0, 25));
    const second = await openSink();
    expect(second.has('b')).toBe(false);
    await second.deliver([incident('b')]);
    expect(await lines(file)).toEqual(['a', 'b']);
  });

  it('refuses a file with a damaged line before its end rather than guess', async () => {
    await writeFile(file.replace('nested/', ''), `${JSON.stringify(incident('a'))}\n{"broken\n${JSON.stringify(incident('c'))}\n`);
    await expect(JsonlSink.open(file.replace('nested/', ''))).rejects.toThrow(/^Line 2 of .* is not an incident with a dbotMirrorId; repair or move the file before fetching into it\.$/);
  });

  it('refuses a path it cannot open as a file with one sentence naming it', async () => {
    await expect(JsonlSink.open(directory)).rejects.toThrow(new SinkError(`Cannot open the incidents file ${directory}: EISDIR.`));
  });

  it('reads incidents back a page at a time, in delivery order', async () => {
    const sink = await openSink();
    await sink.deliver(['a', 'b', 'c', 'd', 'e'].map(incident));
    const page = await sink.read({ offset: 1, limit: 3 });
    expect(page.total).toBe(5);
    expect(page.offset).toBe(1);
    expect(page.incidents.map((i) => i.dbotMirrorId)).toEqual(['b', 'c', 'd']);
    expect((await sink.read({ offset: 4, limit: 10 })).incidents.map((i) => i.dbotMirrorId)).toEqual(['e']);
    expect((await sink.read({ offset: 9 })).incidents).toEqual([]);
  });

  it('reads back incidents written in an earlier session', async () => {
    const first = await openSink();
    await first.deliver([incident('a'), incident('b')]);
    const second = await JsonlSink.open(file);
    opened.push(second);
    expect((await second.read({ offset: 0, limit: 10 })).incidents).toEqual([incident('a'), incident('b')]);
  });

  it('reads lines longer than its scan buffer', async () => {
    const big = { ...incident('big'), rawJSON: 'x'.repeat(3 * 1024 * 1024) };
    const first = await openSink();
    await first.deliver([incident('a'), big, incident('c')]);
    const second = await JsonlSink.open(file);
    opened.push(second);
    expect(second.count).toBe(3);
    expect((await second.read({ offset: 1, limit: 1 })).incidents[0].rawJSON).toHaveLength(3 * 1024 * 1024);
  });
});
