import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLastRunFile, StateFileError, writeLastRunFile } from '../../src/fetch/state-file';

describe('fetch state file', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'fetch-state-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reads as a first run ({}) when it does not exist yet', async () => {
    expect(await readLastRunFile(join(directory, 'missing.json'))).toEqual({});
  });

  it('round-trips lastRun, creating missing directories and leaving no temporary file behind', async () => {
    const file = join(directory, 'a', 'b', 'state.json');
    const lastRun = { last_fetch: 1709287200000, last_fetched_ids: ['x'], last_fetched_times: [1709287200000] };
    await writeLastRunFile(file, lastRun);
    expect(await readLastRunFile(file)).toEqual(lastRun);
    expect(await readdir(join(directory, 'a', 'b'))).toEqual(['state.json']);
  });

  it('replaces the previous checkpoint as a whole', async () => {
    const file = join(directory, 'state.json');
    await writeLastRunFile(file, { last_fetch: 1, last_fetched_ids: Array.from({ length: 500 }, (_, i) => `id-${i}`) });
    await writeLastRunFile(file, { last_fetch: 2 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ last_fetch: 2 });
  });

  it('ignores a temporary file left by a crash in the middle of a checkpoint', async () => {
    const file = join(directory, 'state.json');
    await writeLastRunFile(file, { last_fetch: 1 });
    await writeFile(join(directory, '.state.json.999.deadbeef.tmp'), '{"last_fe');
    expect(await readLastRunFile(file)).toEqual({ last_fetch: 1 });
  });

  it('refuses a file that is not a JSON object with one sentence', async () => {
    const file = join(directory, 'state.json');
    await writeFile(file, '{"last_fetch": 1');
    await expect(readLastRunFile(file)).rejects.toThrow(StateFileError);
    await expect(readLastRunFile(file)).rejects.toThrow(`The fetch state file ${file} does not hold a JSON object; restore it, or delete it to start again from first_fetch.`);
  });
});
