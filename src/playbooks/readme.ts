// A playbook's README as XSOAR's `demisto-sdk generate-docs` lays one out — description, dependencies,
// inputs, outputs, the picture — with the picture as a Mermaid flowchart (`playbook graph`) instead of an
// image file, and how to run the playbook's `playbook test` cases. `playbook graph --readme` prints it; a test
// keeps each shipped README equal to it.
import { mermaid } from './mermaid';
import { subPlaybookName } from './plan';
import { splitBrand } from './mocks';
import type { ArgValue, Playbook } from './types';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br/>');

/** A default as generate-docs prints it: the text, or the context path a complex value reads. */
function defaultOf(value: ArgValue | null | undefined): string {
  if (value?.complex) return [value.complex.root, value.complex.accessor].filter(Boolean).join('.');
  if (value?.simple === undefined || value.simple === null) return '';
  return String(value.simple).replace(/^\$\{(.*)\}$/, '$1');
}

function bullets(items: Iterable<string>, none: string): string {
  const sorted = [...new Set(items)].sort((a, b) => a.localeCompare(b));
  return sorted.length ? sorted.map((item) => `* ${item}`).join('\n') : none;
}

function dependencies(playbook: Playbook): { playbooks: string[]; integrations: string[]; scripts: string[]; commands: string[] } {
  const found = { playbooks: [] as string[], integrations: [] as string[], scripts: [] as string[], commands: [] as string[] };
  for (const record of Object.values(playbook.tasks)) {
    if (record.type === 'playbook') found.playbooks.push(subPlaybookName(record));
    const script = (record.task.script || record.task.scriptName || '').trim();
    if (script === '') continue;
    const { brand, name } = splitBrand(script);
    if (brand === undefined) found.scripts.push(name);
    else {
      found.commands.push(name);
      if (brand !== '' && brand !== 'Builtin') found.integrations.push(brand);
    }
  }
  return found;
}

export function playbookReadme(playbook: Playbook, testFile?: string): string {
  const used = dependencies(playbook);
  const inputs = (playbook.inputs ?? []).map(
    (input) => `| ${cell(input.key)} | ${cell(input.description ?? '')} | ${cell(defaultOf(input.value))} | ${input.required ? 'Required' : 'Optional'} |`,
  );
  const outputs = (playbook.outputs ?? []).map((output) => `| ${cell(output.contextPath)} | ${cell(output.description ?? '')} | ${cell(output.type ?? 'unknown')} |`);
  const lines = [
    playbook.description ?? '',
    '',
    '## Dependencies',
    '',
    'This playbook uses the following sub-playbooks, integrations, and scripts.',
    '',
    '### Sub-playbooks',
    '',
    bullets(used.playbooks, 'This playbook does not use any sub-playbooks.'),
    '',
    '### Integrations',
    '',
    bullets(used.integrations, 'This playbook does not use any integrations.'),
    '',
    '### Scripts',
    '',
    bullets(used.scripts, 'This playbook does not use any scripts.'),
    '',
    '### Commands',
    '',
    bullets(used.commands, 'This playbook does not use any commands.'),
    '',
    '## Playbook Inputs',
    '',
    '---',
    '',
    ...(inputs.length ? ['| **Name** | **Description** | **Default Value** | **Required** |', '| --- | --- | --- | --- |', ...inputs] : ['There are no inputs for this playbook.']),
    '',
    '## Playbook Outputs',
    '',
    '---',
    '',
    ...(outputs.length ? ['| **Path** | **Description** | **Type** |', '| --- | --- | --- |', ...outputs] : ['There are no outputs for this playbook.']),
    '',
    '## Playbook Image',
    '',
    '---',
    '',
    '```mermaid',
    mermaid(playbook).trimEnd(),
    '```',
    '',
  ];
  if (testFile) {
    lines.push(
      '## Playbook Tests',
      '',
      '---',
      '',
      `The cases in \`${testFile}\` run this playbook on a fresh Code42 simulator (the demo tenant) and check the tasks it takes, the branches it chooses and what it leaves in the context, the incident and Code42; \`npm test\` runs them, and so does:`,
      '',
      '```sh',
      `code42-soar playbook test --expect ${testFile}`,
      '```',
      '',
    );
  }
  return lines.join('\n');
}
