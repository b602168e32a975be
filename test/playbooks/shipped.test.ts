// Every playbook shipped in playbooks/ is valid XSOAR content: the demisto-sdk schema (ajv), the structural
// rules, the authoring checklist of xsoar-conventions §4.8, and only commands this integration has.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlDocument, readText, SHIPPED_PLAYBOOKS, toPlaybook } from '../../src/playbooks/load';
import { NO_MOCKS } from '../../src/playbooks/mocks';
import { runProblems } from '../../src/playbooks/plan';
import { schemaProblems } from '../../src/playbooks/schema';
import { structuralProblems } from '../../src/playbooks/structure';
import type { Playbook, TaskRecord } from '../../src/playbooks/types';
import { getRegistry } from '../../src/registry';

const files = readdirSync(SHIPPED_PLAYBOOKS).filter((f) => f.endsWith('.yml'));
const registry = getRegistry();
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Paths of every null in a document, except where the strict models allow one (playbookInputQuery). */
function nulls(value: unknown, path = ''): string[] {
  if (value === null) return path.endsWith('.playbookInputQuery') ? [] : [path];
  if (typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => nulls(inner, `${path}.${key}`));
}

const used = (doc: Playbook, key: string): boolean => Object.values(doc.tasks).some((task) => JSON.stringify([task.scriptarguments, task.conditions]).includes(`inputs.${key}`));

test('the playbooks the integration promises are shipped', () => {
  const names = files.map((file) => (parseYamlDocument(readText(join(SHIPPED_PLAYBOOKS, file)), file) as Playbook).name).sort();
  expect(names).toEqual(['Code42 - Add High Risk Employee', 'Code42 - Departing Employee Offboarding', 'Code42 - Respond To Alert', 'Code42 - Triage Alert']);
});

describe.each(files)('%s', (file) => {
  const text = readText(join(SHIPPED_PLAYBOOKS, file));
  const doc = parseYamlDocument(text, file) as Playbook & Record<string, unknown>;
  const tasks = Object.entries(doc.tasks) as [string, TaskRecord & { view: string; task: { version: number } }][];

  test('passes the demisto-sdk playbook schema and the structural rules', () => {
    expect(schemaProblems(doc)).toEqual([]);
    expect(structuralProblems(doc)).toEqual([]);
  });

  test('uses only commands, built-ins and operators the runner has, under the brand Code42', () => {
    const playbook = toPlaybook(doc, file);
    expect(runProblems(playbook, { registry, mocks: NO_MOCKS, findPlaybook: () => undefined }).problems).toEqual([]);
    for (const [, task] of tasks) if (task.task.script?.includes('|||') && !task.task.script.startsWith('Builtin|||')) expect(task.task.script).toMatch(/^Code42\|\|\|code42-/);
  });

  test('follows the authoring checklist: names, versions, UUIDv4 task ids, views, start and Done tasks', () => {
    expect(doc.id).toBe(doc.name);
    expect(doc.name).toMatch(/^Code42 - ([A-Z][A-Za-z0-9]*)( [A-Z][A-Za-z0-9]*)*$/);
    expect(doc.version).toBe(-1);
    expect(doc.fromversion).toBe('6.10.0');
    expect(doc.starttaskid).toBe('0');
    expect(JSON.parse(doc.view as string)).toMatchObject({ linkLabelsPosition: {}, paper: { dimensions: { height: expect.any(Number), width: expect.any(Number) } } });
    for (const [, task] of tasks) {
      expect(task.taskid).toMatch(UUID_V4);
      expect(task.task.version).toBe(-1);
      expect(JSON.parse(task.view)).toEqual({ position: { x: expect.any(Number), y: expect.any(Number) } });
      expect(task.separatecontext).toBe(task.type === 'playbook');
    }
    expect(doc.tasks['0']).toMatchObject({ type: 'start', task: { name: '', description: '', iscommand: false, brand: '' } });
    const ends = tasks.filter(([, task]) => !task.nexttasks);
    expect(ends.map(([, task]) => [task.type, task.task.name])).toEqual([['title', 'Done']]);
  });

  test('quotes every branch label and has no null values', () => {
    for (const [, task] of tasks) {
      for (const label of Object.keys(task.nexttasks ?? {})) expect(text).toMatch(new RegExp(`^\\s+(["'])${label}\\1:$`, 'm'));
    }
    expect(nulls(doc)).toEqual([]);
  });

  test('declares every input it reads, reads every input it declares, and describes each', () => {
    for (const input of doc.inputs ?? []) {
      expect(used(doc, input.key)).toBe(true);
      expect(input.description).toMatch(/\.$/);
    }
  });
});
