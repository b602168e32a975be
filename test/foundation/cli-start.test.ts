// CLI start time (issue 15): a registry made from the command index loads a command's module only when that
// command is asked for; the transport loads undici's fetch and Agent from their own files instead of undici's
// index (src/code42/undici.ts), and they must be the very function and class the index exports, so that nothing
// but the start time differs. (Which modules a run of the bin loads is checked in cli.test.ts.)
import * as undici from 'undici';
import { type AnyCommand, defineCommand } from '../../src/command';
import { Agent, envHttpProxyAgent, fetch } from '../../src/code42/undici';
import { Registry } from '../../src/registry';

const declaration = (name: string): AnyCommand =>
  defineCommand({ name, description: `${name}.`, kind: 'read', args: {}, handler: async () => ({ readable: name }) });

/** An index of three commands whose loads are recorded, as require records which modules it ran. */
function recordingIndex(): { index: Record<string, () => AnyCommand>; loaded: string[] } {
  const loaded: string[] = [];
  const entry = (name: string) => () => {
    loaded.push(name);
    return declaration(name);
  };
  return { index: { 'code42-a': entry('code42-a'), 'code42-b': entry('code42-b'), 'code42-c': entry('code42-c') }, loaded };
}

describe('a registry made from the command index', () => {
  test('get loads the one command asked for, once; has and an unknown name load none', () => {
    const { index, loaded } = recordingIndex();
    const registry = Registry.fromIndex(index);
    expect(registry.has('code42-b')).toBe(true);
    expect(() => registry.get('code42-bb')).toThrow('Unknown command "code42-bb"; did you mean "code42-b"?');
    expect(loaded).toEqual([]);
    expect(registry.get('code42-b').definition.name).toBe('code42-b');
    registry.get('code42-b');
    expect(loaded).toEqual(['code42-b']);
  });

  test('list loads every command of the index, sorted by name', () => {
    const { index, loaded } = recordingIndex();
    expect(Registry.fromIndex(index).list().map((c) => c.name)).toEqual(['code42-a', 'code42-b', 'code42-c']);
    expect([...loaded].sort()).toEqual(['code42-a', 'code42-b', 'code42-c']);
  });

  test('an index entry that loads a declaration of another name is a defect, said when it is loaded', () => {
    const registry = Registry.fromIndex({ 'code42-a': () => declaration('code42-z') });
    expect(() => registry.get('code42-a')).toThrow('The command index lists "code42-a" for the declaration named "code42-z".');
  });
});

test('the Agent the transport pools with is the class undici exports', () => {
  expect(Agent).toBe(undici.Agent);
});

test('the fetch the transport sends with is the one undici\'s index wraps, read from its own file', () => {
  // The index exports a wrapper (it adds its own file to error stacks) around lib/web/fetch's fetch.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { fetch: wrapped } = require('undici/lib/web/fetch/index.js') as { fetch: typeof undici.fetch };
  expect(fetch).toBe(wrapped);
  expect(undici.fetch.toString()).toContain('fetchImpl(');
});

test('the proxy agent is the class undici exports (it comes with the whole index, whose helpers its tunnel needs)', () => {
  expect(envHttpProxyAgent()).toBe(undici.EnvHttpProxyAgent);
});
