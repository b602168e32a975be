// The explicit command index (issue 15): every `defineCommand` in commands/ is listed in commands/index.ts,
// so a command cannot disappear because nobody exported or listed it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { allCommands, COMMAND_INDEX } from '../../commands/index';
import { getRegistry, loadCommands } from '../../src/registry';

const COMMANDS_DIR = join(__dirname, '..', '..', 'commands');

/** `export const x = defineCommand({ name: 'y'` in every module of commands/ (the shared helpers declare none). */
function declaredNames(): string[] {
  const modules = readdirSync(COMMANDS_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  return modules.flatMap((file) => {
    const source = readFileSync(join(COMMANDS_DIR, file), 'utf8');
    const calls = source.split('defineCommand(').length - 1;
    const names = [...source.matchAll(/defineCommand\(\{\s*name:\s*'([^']+)'/g)].map((m) => m[1]);
    // A declaration whose name is not a literal right after `defineCommand({` would escape this test.
    expect({ file, names: names.length }).toEqual({ file, names: calls });
    return names;
  });
}

test('every command declared in commands/ is in the index, and the index lists nothing else', () => {
  expect(Object.keys(COMMAND_INDEX).sort()).toEqual(declaredNames().sort());
});

test('each name in the index loads the declaration of that name, each declaration once', () => {
  const loaded = Object.entries(COMMAND_INDEX).map(([name, load]) => ({ name, declares: load().name }));
  expect(loaded.filter(({ name, declares }) => name !== declares)).toEqual([]);
  expect(new Set(allCommands()).size).toBe(Object.keys(COMMAND_INDEX).length);
});

test('the registry serves exactly the index', () => {
  expect(loadCommands().map((c) => c.name)).toEqual(Object.keys(COMMAND_INDEX));
  expect(getRegistry().list().map((c) => c.name)).toEqual(Object.keys(COMMAND_INDEX).sort((a, b) => a.localeCompare(b)));
});

test('every command\'s argument schema is a valid JSON Schema (the registry compiles them without the meta-schema check)', () => {
  const ajv = new Ajv({ strict: false });
  for (const command of allCommands()) {
    const schema = getRegistry().get(command.name).args.schema;
    expect({ command: command.name, valid: ajv.validateSchema(schema), errors: ajv.errors ?? null }).toEqual({ command: command.name, valid: true, errors: null });
  }
});
