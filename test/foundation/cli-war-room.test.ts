// `code42-soar run --incident FILE --context FILE`: a command run in the war room of an incident, end to end —
// the incident as `code42-soar fetch` delivers it (demo mode, with its file events), then the real
// code42-file-events-table command reading it through the CLI.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli';
import type { Incident } from '../../src/fetch/incident';
import { captureIO } from './helpers';

const directory = mkdtempSync(join(tmpdir(), 'code42-soar-war-room-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Demo mode, its tenant in this test's own directory. */
const demoEnv = { CODE42_SOAR_DATA_DIR: join(directory, 'data') };

async function cli(...argv: string[]) {
  const io = captureIO(demoEnv);
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

type FileEventDoc = { event: { id: string }; file: { name: string; hash: { sha256: string } } };

/** An incident `code42-soar fetch` delivered with include_files, holding at least two file events. */
async function fetchedIncident(): Promise<{ incident: Incident; events: FileEventDoc[] }> {
  const sink = join(directory, 'incidents.jsonl');
  const io = captureIO({ ...demoEnv, CODE42_INCLUDE_FILES: 'true', CODE42_FIRST_FETCH: '30 days', CODE42_MAX_FETCH: '10' });
  expect(await main(['fetch', '--state', join(directory, 'state.json'), '--sink', sink], io)).toBe(0);
  const incidents = readFileSync(sink, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Incident);
  const eventsOf = (incident: Incident) => (JSON.parse(incident.rawJSON) as { fileevents?: FileEventDoc[] }).fileevents ?? [];
  const incident = incidents.find((candidate) => eventsOf(candidate).length >= 2);
  if (!incident) throw new Error('The demo tenant delivered no incident with two file events.');
  return { incident, events: eventsOf(incident) };
}

/** The rows of the markdown table printed, one per event. */
const tableRows = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('| '));

describe('code42-file-events-table from the command line', () => {
  let incidentFile: string;
  let events: FileEventDoc[];

  beforeAll(async () => {
    const fetched = await fetchedIncident();
    incidentFile = file('incident.json', fetched.incident);
    events = fetched.events;
  });

  test('--incident: the table shows the file events the fetched incident holds, one row each', async () => {
    const { code, stdout, stderr } = await cli('run', 'code42-file-events-table', '--incident', incidentFile);
    expect(code).toBe(0);
    expect(stdout.startsWith('### Code42 File Events\n')).toBe(true);
    expect(tableRows(stdout)).toHaveLength(events.length);
    for (const event of events) expect(tableRows(stdout)).toContainEqual(expect.stringContaining(`| ${event.file.name} |`));
    expect(stderr).toMatch(/^Demo mode is on: .*\n$/);
  });

  test('--context: the table shows the events of earlier searches in the incident context', async () => {
    const contextFile = file('context.json', { Code42: { FileEvents: events.slice(0, 2) } });
    const { code, stdout } = await cli('run', 'code42-file-events-table', 'include=searches', '--context', contextFile);
    expect(code).toBe(0);
    expect(tableRows(stdout)).toHaveLength(2);
    for (const event of events.slice(0, 2)) expect(tableRows(stdout)).toContainEqual(expect.stringContaining(`| ${event.file.name} |`));
  });

  test('the incident is the incident, not its context: include=searches with only --incident has nothing to read', async () => {
    const { code, stdout, stderr } = await cli('run', 'code42-file-events-table', 'include=searches', `--incident=${incidentFile}`);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'Failed to execute command code42-file-events-table command. Error: No incident context was given to this command to read file events from.\n',
    );
  });

  test('without either the command still says it was given nothing', async () => {
    const { code, stderr } = await cli('run', 'code42-file-events-table');
    expect(code).toBe(1);
    expect(stderr).toContain('Error: No incident or incident context was given to this command to read file events from.\n');
  });
});

describe('war-room files that cannot be used are usage errors, exit 2, before anything starts', () => {
  test.each([
    ['a missing incident file', () => ['--incident', join(directory, 'none.json')], /^code42-soar run: Cannot read .*none\.json: it does not exist\.\n$/],
    ['an incident file holding a list', () => ['--incident', file('list.json', '[]')], /^code42-soar run: .*list\.json must hold one incident \(a JSON object\)\.\n$/],
    ['a context file holding text', () => ['--context', file('text.json', '"Code42"')], /^code42-soar run: .*text\.json must hold one incident context \(a JSON object\)\.\n$/],
    ['a context file that is not JSON', () => ['--context', file('broken.json', '{"Code42": [')], /^code42-soar run: .*broken\.json is not valid YAML: .+\.\n$/],
  ])('%s', async (_case, options, sentence) => {
    expect(await cli('run', 'code42-file-events-table', ...options())).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(sentence) });
  });
});
