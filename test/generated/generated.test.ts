import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { generateFiles, projectRoot } from '../../src/gen';
import { loadCommands } from '../../src/registry';

const root = projectRoot();
const schemaPath = join(root, '..', 'shared', 'schemas', 'derived', 'integration.schema.json');

interface YamlCommand {
  name: string;
  execution?: boolean;
  arguments: { name: string }[];
  outputs: { contextPath: string }[];
}

const integration = () => parse(readFileSync(join(root, 'integration.yml'), 'utf8')) as { script: { commands: YamlCommand[]; script: string } };

describe('generated files', () => {
  test('integration.yml and the README reference match what npm run gen writes from the registry', () => {
    for (const file of generateFiles()) {
      expect({ path: file.path, content: readFileSync(file.path, 'utf8') }).toEqual({ path: file.path, content: file.content });
    }
  });

  test('integration.yml passes the demisto-sdk integration schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    const valid = validate(parse(readFileSync(join(root, 'integration.yml'), 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('every war-room command of the registry is in integration.yml with its arguments, outputs and write flag', () => {
    const yamlCommands = new Map(integration().script.commands.map((c) => [c.name, c]));
    const registryCommands = loadCommands().filter((c) => !c.reserved);
    expect([...yamlCommands.keys()].sort()).toEqual(registryCommands.map((c) => c.name).sort());
    for (const command of registryCommands) {
      const yamlCommand = yamlCommands.get(command.name)!;
      expect(yamlCommand.arguments.map((a) => a.name)).toEqual(Object.keys(command.args));
      expect(yamlCommand.outputs.map((o) => o.contextPath)).toEqual(Object.keys(command.outputs?.fields ?? {}).map((f) => `${command.outputs!.prefix}.${f}`));
      expect(yamlCommand.execution === true).toBe(command.kind === 'write');
    }
  });

  test('test-module and fetch-incidents are reserved and not listed as commands', () => {
    const names = integration().script.commands.map((c) => c.name);
    expect(names).not.toContain('test-module');
    expect(names).not.toContain('fetch-incidents');
  });
});
