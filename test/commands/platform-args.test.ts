// XSOAR's platform arguments and the argument layer, through the registry every front end runs commands
// with: test commands declared here stand in for Code42 commands, so what is checked is the registry.
import pino from 'pino';
import type { Code42Api } from '../../src/code42/api';
import { CommandError, type CommandContext, defineCommand, type AnyCommand } from '../../src/command';
import { Registry } from '../../src/registry';
import { EntryType } from '../../src/xsoar/entry';

const SEVERITIES = ['NO_RISK', 'LOW', 'MODERATE', 'HIGH', 'CRITICAL'] as const;

let calls: Record<string, unknown>[] = [];
let failuresLeft = 0;

const echo = defineCommand({
  name: 'test-echo',
  description: 'Answers its arguments.',
  kind: 'read',
  args: {
    severity: { type: 'string', predefined: SEVERITIES, description: 'A severity.' },
    tags: { type: 'list', predefined: SEVERITIES, description: 'Severities.' },
    day: { type: 'string', format: 'date', description: 'A day.' },
    note: { type: 'string', maxLength: 2000, description: 'A note.' },
  },
  outputs: { prefix: 'Test.Echo', key: 'ID', fields: { ID: { type: 'String', description: 'The id.' } } },
  async handler(_ctx, args) {
    calls.push(args);
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new CommandError('Code42 is busy.');
    }
    return { title: 'Echo', outputs: { ID: 'e1', ...args }, raw: { state: 'OPEN', data: [{ id: 1 }, { id: 2 }], nested: { owner: 'alice' } } };
  },
});

const hang = defineCommand({
  name: 'test-hang',
  description: 'Never answers.',
  kind: 'read',
  args: {},
  handler: () => new Promise(() => undefined),
});

const registry = new Registry([echo, hang] as AnyCommand[]);
const ctx: CommandContext = {
  code42: {} as Code42Api,
  log: pino({ level: 'silent' }),
  files: { save: () => Promise.reject(new Error('no files')), remove: () => Promise.resolve() },
  settings: { highRiskWatchlistTitle: 'High Risk Employees' },
};
const run = (name: string, args: Record<string, string>) => registry.execute(name, args, ctx);
const failure = (sentence: string) => `Failed to execute command test-echo command. Error: ${sentence}`;

beforeEach(() => {
  calls = [];
  failuresLeft = 0;
});

describe('enum values', () => {
  test('match in any case and reach the handler in the declared spelling', async () => {
    const [entry] = await run('test-echo', { severity: 'critical', tags: 'High, low' });
    expect(entry.Type).toBe(EntryType.note);
    expect(calls).toEqual([{ severity: 'CRITICAL', tags: ['HIGH', 'LOW'] }]);
  });

  test('an unknown value names the allowed ones', async () => {
    expect(await run('test-echo', { severity: 'urgent' })).toEqual([
      expect.objectContaining({ Type: EntryType.error, Contents: failure('Invalid value "urgent" for argument "severity": expected one of NO_RISK, LOW, MODERATE, HIGH, CRITICAL.') }),
    ]);
  });
});

describe('bad input is one sentence', () => {
  test('an impossible date says it is not a date', async () => {
    const [entry] = await run('test-echo', { day: '2027-02-30' });
    expect(entry.Contents).toBe(failure('Invalid value "2027-02-30" for argument "day": it is not a date; expected a date written YYYY-MM-DD.'));
  });

  test('a note longer than 2,000 characters says how long it is', async () => {
    const [entry] = await run('test-echo', { note: 'x'.repeat(2001) });
    expect(entry.Contents).toBe(failure('The argument "note" has 2001 characters; at most 2000 are allowed.'));
    expect(calls).toEqual([]);
  });

  test('an unknown argument lists the command\'s own arguments, not the platform\'s', async () => {
    const [entry] = await run('test-echo', { colour: 'red' });
    expect(entry.Contents).toBe(failure('Unknown argument "colour": accepted arguments are severity, tags, day, note.'));
  });

  test('a very long bad value is quoted cut short', async () => {
    const [entry] = await run('test-echo', { severity: 'y'.repeat(100_000) });
    expect(String(entry.Contents).length).toBeLessThan(500);
  });
});

describe('ignore-outputs and extend-context', () => {
  test('ignore-outputs=true writes no context and keeps the table', async () => {
    const [entry] = await run('test-echo', { 'ignore-outputs': 'true' });
    expect(entry.EntryContext).toEqual({});
    expect(entry.HumanReadable).toMatch(/^### Echo\n/);
  });

  test('extend-context adds keys read from the raw response, beside the outputs', async () => {
    const [entry] = await run('test-echo', { 'extend-context': 'state=.state::owner=nested.owner' });
    expect(entry.EntryContext).toEqual({ 'Test.Echo(val.ID && val.ID == obj.ID)': { ID: 'e1' }, state: 'OPEN', owner: 'alice' });
  });

  test('a path starting at Contents reads the raw response, and ignore-outputs keeps only the extension', async () => {
    const [entry] = await run('test-echo', { 'extend-context': 'Ids=.Contents.data.id', 'ignore-outputs': 'yes' });
    expect(entry.EntryContext).toEqual({ Ids: [1, 2] });
  });

  test('a path that names nothing adds nothing', async () => {
    const [entry] = await run('test-echo', { 'extend-context': 'missing=.nope', 'ignore-outputs': 'true' });
    expect(entry.EntryContext).toEqual({});
  });

  test('a pair without a key is refused before the command runs', async () => {
    const [entry] = await run('test-echo', { 'extend-context': '.state' });
    expect(entry.Contents).toBe(failure('Invalid value ".state" for argument "extend-context": expected key=path pairs joined by "::", e.g. state=.state.'));
    expect(calls).toEqual([]);
  });
});

test('raw-response=true shows the raw response instead of the table and keeps the context', async () => {
  const [entry] = await run('test-echo', { 'raw-response': 'true' });
  expect(entry).toMatchObject({ HumanReadable: null, ContentsFormat: 'json', Contents: { state: 'OPEN' } });
  expect(Object.keys(entry.EntryContext ?? {})).toEqual(['Test.Echo(val.ID && val.ID == obj.ID)']);
});

describe('retries', () => {
  test('retry-count runs a failed command again until it succeeds', async () => {
    failuresLeft = 2;
    const entries = await run('test-echo', { 'retry-count': '2', 'retry-interval': '0' });
    expect(entries).toHaveLength(1);
    expect(entries[0].Type).toBe(EntryType.note);
    expect(calls).toHaveLength(3);
  });

  test('after the last retry the error of the last run is the answer', async () => {
    failuresLeft = 5;
    expect(await run('test-echo', { 'retry-count': '1', 'retry-interval': '0' })).toEqual([expect.objectContaining({ Contents: failure('Code42 is busy.') })]);
    expect(calls).toHaveLength(2);
  });

  test('without retry-count a failure is answered at once', async () => {
    failuresLeft = 1;
    await run('test-echo', {});
    expect(calls).toHaveLength(1);
  });

  test('bad arguments are not retried: they cannot get better', async () => {
    await run('test-echo', { severity: 'nope', 'retry-count': '3', 'retry-interval': '0' });
    expect(calls).toHaveLength(0);
  });

  test('a retry-count that is not a count is one sentence', async () => {
    const [entry] = await run('test-echo', { 'retry-count': 'many' });
    expect(entry.Contents).toBe(failure('Invalid value "many" for argument "retry-count": expected a whole number from 0 to 10.'));
  });
});

describe('using and using-brand', () => {
  test('this integration\'s brand in any case, and any instance name, run the command', async () => {
    const [entry] = await run('test-echo', { 'using-brand': 'code42', using: 'Code42_instance_1' });
    expect(entry.Type).toBe(EntryType.note);
  });

  test('another brand is refused: that playbook wants another product', async () => {
    const [entry] = await run('test-echo', { 'using-brand': 'Active Directory Query v2' });
    expect(entry.Contents).toBe(failure('Invalid value "Active Directory Query v2" for argument "using-brand": this integration is Code42.'));
    expect(calls).toEqual([]);
  });
});

test('execution-timeout fails a command that runs longer, in one sentence', async () => {
  jest.useFakeTimers();
  try {
    const answer = registry.execute('test-hang', { 'execution-timeout': '2' }, ctx);
    await jest.advanceTimersByTimeAsync(2000);
    expect(await answer).toEqual([
      expect.objectContaining({ Type: EntryType.error, Contents: 'Failed to execute command test-hang command. Error: The command did not finish within its execution-timeout of 2 s.' }),
    ]);
  } finally {
    jest.useRealTimers();
  }
});
