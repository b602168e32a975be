import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { generateFiles } from '../../src/gen';
import { projectRoot } from '../../src/project-root';
import { loadCommands } from '../../src/registry';

const root = projectRoot();
const schemaPath = join(root, 'schemas', 'derived', 'integration.schema.json');

interface YamlCommand {
  name: string;
  description: string;
  execution?: boolean;
  arguments: { name: string; description: string; default?: boolean }[];
  outputs: { contextPath: string; description: string }[];
}

interface YamlParam {
  name: string;
  display?: string;
  type: number;
  required?: boolean;
  defaultvalue?: string;
}

const integration = () =>
  parse(readFileSync(join(root, 'integration.yml'), 'utf8')) as {
    configuration: YamlParam[];
    script: { commands: YamlCommand[]; script: string; isfetch: boolean };
  };

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
      const prefixes = command.outputs ? [command.outputs.prefix, ...(command.outputs.alsoUnder ?? [])] : [];
      expect(yamlCommand.outputs.map((o) => o.contextPath)).toEqual(prefixes.flatMap((prefix) => Object.keys(command.outputs!.fields).map((f) => `${prefix}.${f}`)));
      expect(yamlCommand.execution === true).toBe(command.kind === 'write');
    }
  });

  test('test-module and fetch-incidents are reserved and not listed as commands', () => {
    const names = integration().script.commands.map((c) => c.name);
    expect(names).not.toContain('test-module');
    expect(names).not.toContain('fetch-incidents');
  });

  describe('the demisto-sdk validations the schema alone does not check (xsoar-conventions §5.1)', () => {
    const params = () => new Map(integration().configuration.map((p) => [p.name, p]));

    test('IN100: insecure and proxy are optional checkboxes with the standard labels, false by default', () => {
      expect(params().get('insecure')).toMatchObject({ display: 'Trust any certificate (not secure)', type: 8, required: false, defaultvalue: 'false' });
      expect(params().get('proxy')).toMatchObject({ display: 'Use system proxy settings', type: 8, required: false, defaultvalue: 'false' });
    });

    test('IN121/IN125/IN126: a fetching integration has isFetch, incidentType, first_fetch and a defaulted max_fetch', () => {
      expect(integration().script.isfetch).toBe(true);
      expect(params().get('isFetch')).toMatchObject({ display: 'Fetch incidents', type: 8 });
      expect(params().get('incidentType')).toMatchObject({ display: 'Incident type', type: 13 });
      expect(params().get('first_fetch')?.type).toBe(0);
      expect(params().get('max_fetch')).toMatchObject({ type: 0, defaultvalue: expect.any(String) });
    });

    test('IN102/IN152/IN135/IN114: checkboxes never required, defaults are true/false strings, displays capitalised without underscores, names unique', () => {
      const all = integration().configuration;
      expect(new Set(all.map((p) => p.name)).size).toBe(all.length);
      for (const param of all) {
        if (param.type === 8) {
          expect(param.required).not.toBe(true);
          if (param.defaultvalue !== undefined) expect(['true', 'false']).toContain(param.defaultvalue);
        }
        expect(param.display).toMatch(/^[A-Z]/);
        expect(param.display).not.toContain('_');
      }
    });

    test('DS108/IN134/BA127: descriptions end with a period, at most one default argument, context paths at most 5 deep', () => {
      for (const command of integration().script.commands) {
        expect(command.description).toMatch(/\.$/);
        expect(command.arguments.filter((a) => a.default).length).toBeLessThanOrEqual(1);
        for (const arg of command.arguments) expect(arg.description).toMatch(/\.$/);
        for (const output of command.outputs) {
          expect(output.description).toMatch(/\.$/);
          expect(output.contextPath.split('.').length).toBeLessThanOrEqual(5);
        }
      }
    });
  });
});
