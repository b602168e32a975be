// The registry: lookup with suggestions, and nothing ever thrown out of execute().
import { CommandError, defineCommand } from '../../src/command';
import { Code42Error } from '../../src/code42/errors';
import { Registry, UnknownCommandError } from '../../src/registry';
import { capturedLogger, fakeContext } from './helpers';

const alertGet = defineCommand({
  name: 'code42-alert-get',
  description: 'Retrieve alert details by alert ID.',
  kind: 'read',
  args: { id: { type: 'string', description: 'The alert ID.', required: true } },
  outputs: { prefix: 'Code42.SecurityAlert', key: 'ID', fields: { ID: { type: 'String', description: 'The alert ID.' } } },
  async handler(_ctx, { id }) {
    return { title: 'Code42 Security Alert Results', outputs: { ID: id, State: 'OPEN' } };
  },
});

function failingCommand(name: string, error: unknown) {
  return defineCommand({
    name,
    description: 'Fails.',
    kind: 'write',
    args: {},
    async handler() {
      throw error;
    },
  });
}

const code42Failure = new Code42Error('Code42 refused to resolve alert a-1: the alert is already resolved.', {
  kind: 'http',
  operation: 'resolve alert',
  status: 400,
});

const registry = new Registry([
  alertGet,
  defineCommand({ name: 'code42-alert-resolve', description: 'Resolve an alert.', kind: 'write', args: {}, handler: async () => ({ readable: 'done' }) }),
  failingCommand('fails-plain', new Error('Cannot read properties of undefined (reading \'id\')\n    at handler (commands/x.ts:1:1)')),
  failingCommand('fails-code42', code42Failure),
  failingCommand('fails-command', new CommandError('No user found with username nobody@example.com.')),
  failingCommand('fails-string', 'bare string'),
]);

describe('lookup', () => {
  test('an unknown name is an error naming the closest command', () => {
    expect(() => registry.get('code42-alert-gett')).toThrow(new UnknownCommandError('code42-alert-gett', 'code42-alert-get'));
    expect(() => registry.get('code42-alert-gett')).toThrow('Unknown command "code42-alert-gett"; did you mean "code42-alert-get"?');
  });

  test('executing an unknown name returns one error entry with the suggestion', async () => {
    const entries = await registry.execute('code42-alert-resolv', {}, fakeContext());
    expect(entries).toEqual([{ Type: 4, ContentsFormat: 'text', Contents: 'Unknown command "code42-alert-resolv"; did you mean "code42-alert-resolve"?', EntryContext: {} }]);
  });

  test('an empty registry has no suggestion to make', () => {
    expect(() => new Registry([]).get('anything')).toThrow('Unknown command "anything".');
  });

  test('lists commands sorted by name', () => {
    expect(registry.list().map((c) => c.name).slice(0, 2)).toEqual(['code42-alert-get', 'code42-alert-resolve']);
  });

  test('refuses a command declared twice', () => {
    expect(() => new Registry([alertGet, alertGet])).toThrow('Command code42-alert-get is declared twice.');
  });
});

describe('execute', () => {
  test('a result gets the declared prefix and key field', async () => {
    const [entry] = await registry.execute('code42-alert-get', { id: 'a-1' }, fakeContext());
    expect(entry.EntryContext).toEqual({ 'Code42.SecurityAlert(val.ID && val.ID == obj.ID)': { ID: 'a-1', State: 'OPEN' } });
    expect(entry.HumanReadable).toBe('### Code42 Security Alert Results\n|ID|State|\n|---|---|\n| a-1 | OPEN |\n');
  });

  test('a bad argument is one error entry naming the argument', async () => {
    expect(await registry.execute('code42-alert-get', {}, fakeContext())).toEqual([
      {
        Type: 4,
        ContentsFormat: 'text',
        Contents: 'Failed to execute command code42-alert-get command. Error: Missing required argument "id": expected a text value.',
        EntryContext: {},
      },
    ]);
  });

  test('a Code42Error becomes one error entry with its sentence', async () => {
    expect(await registry.execute('fails-code42', {}, fakeContext())).toEqual([
      {
        Type: 4,
        ContentsFormat: 'text',
        Contents: 'Failed to execute command fails-code42 command. Error: Code42 refused to resolve alert a-1: the alert is already resolved.',
        EntryContext: {},
      },
    ]);
  });

  test('a CommandError becomes one error entry with its sentence', async () => {
    const entries = await registry.execute('fails-command', {}, fakeContext());
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      Type: 4,
      Contents: 'Failed to execute command fails-command command. Error: No user found with username nobody@example.com.',
    });
  });

  test('a plain Error is one error entry with its first line only, and is logged for us', async () => {
    const { log, output } = capturedLogger();
    const entries = await registry.execute('fails-plain', {}, fakeContext({ log }));
    expect(entries).toHaveLength(1);
    expect(entries[0].Type).toBe(4);
    expect(entries[0].Contents).toBe("Failed to execute command fails-plain command. Error: Internal error: Cannot read properties of undefined (reading 'id')");
    expect(entries[0].Contents).not.toMatch(/\bat handler|\n/);
    expect(output.lines.map((l) => JSON.parse(l).msg)).toContain('command failed unexpectedly');
  });

  test('a thrown string is one error entry too', async () => {
    const entries = await registry.execute('fails-string', {}, fakeContext());
    expect(entries).toEqual([expect.objectContaining({ Type: 4, Contents: 'Failed to execute command fails-string command. Error: Internal error: bare string' })]);
  });

  test('a file result becomes a file entry followed by its result entry', async () => {
    const withFile = defineCommand({
      name: 'download',
      description: 'Download.',
      kind: 'read',
      args: {},
      handler: async () => ({ file: { name: '../x.bin', fileId: 'f-1' }, result: { prefix: 'File', outputs: { Name: 'x.bin' } } }),
    });
    const entries = await new Registry([withFile]).execute('download', {}, fakeContext());
    expect(entries.map((e) => e.Type)).toEqual([3, 1]);
    expect(entries[0]).toMatchObject({ File: 'x.bin', FileID: 'f-1' });
    expect(entries[1].EntryContext).toEqual({ File: { Name: 'x.bin' } });
  });
});
