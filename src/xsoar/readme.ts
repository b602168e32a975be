// The README's integration reference in demisto-sdk `generate-docs` layout (xsoar-conventions §5.2),
// rendered from the same integration definition that integration.yml is written from.
import { defaultText, envNames, helpText, parametersOf } from '../parameters';
import { type ArgsSchema, PLATFORM_ARGS } from './args';
import type { IntegrationParam } from './integration';

interface YamlArgument {
  name: string;
  description: string;
  required: boolean;
  predefined?: string[];
  defaultValue?: string;
}

interface YamlOutput {
  contextPath: string;
  description: string;
  type?: string;
}

interface YamlCommand {
  name: string;
  description: string;
  arguments: YamlArgument[];
  outputs: YamlOutput[];
}

/** A plain-text table cell: pipes escaped, line breaks as <br/>. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br/>');
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const argumentCell = (text: string): string => escapeHtml(text).replace(/\r?\n/g, '<br/>').replace(/\|/g, '\\|');
const outputCell = (text: string): string => escapeHtml(text).replace(/([\\`*_{}[\]()#+!|])/g, '\\$1').replace(/\r?\n/g, '<br/>');

function argumentDescription(arg: YamlArgument): string {
  let text = arg.description.trim();
  if (!text.endsWith('.')) text += '.';
  if (arg.predefined?.length) text += ` Possible values are: ${arg.predefined.join(', ')}.`;
  if (arg.defaultValue !== undefined) text += ` Default is ${arg.defaultValue}.`;
  return text;
}

function commandSection(command: YamlCommand): string {
  const lines = [`### ${command.name}`, '', '***', command.description, '', '#### Base Command', '', `\`${command.name}\``, '', '#### Input', ''];
  lines.push('| **Argument Name** | **Description** | **Required** |', '| --- | --- | --- |');
  for (const arg of command.arguments) {
    lines.push(`| ${arg.name} | ${argumentCell(argumentDescription(arg))} | ${arg.required ? 'Required' : 'Optional'} | `);
  }
  lines.push('', '#### Context Output', '');
  if (command.outputs.length === 0) {
    lines.push('There is no context output for this command.');
  } else {
    lines.push('| **Path** | **Type** | **Description** |', '| --- | --- | --- |');
    for (const output of command.outputs) {
      lines.push(`| ${output.contextPath} | ${output.type ?? 'unknown'} | ${outputCell(output.description)} | `);
    }
  }
  lines.push('');
  return lines.join('\n');
}

function paramRows(params: IntegrationParam[]): string[] {
  const rows: string[] = [];
  for (const param of params) {
    const required = param.required ? 'True' : 'False';
    const info = cell(param.additionalinfo ?? '');
    if (param.type === 9) {
      if (!param.hiddenusername) rows.push(`| ${param.display ?? param.name} | ${info} | ${required} |`);
      rows.push(`| ${param.displaypassword ?? 'Password'} | ${info} | ${required} |`);
    } else {
      rows.push(`| ${param.display ?? param.name} | ${info} | ${required} |`);
    }
  }
  return rows;
}

/** XSOAR's platform arguments, which every command accepts and integration.yml does not declare (XSOAR does). */
function platformArgumentsSection(): string {
  const rows = Object.entries(PLATFORM_ARGS as ArgsSchema).map(([name, spec]) => {
    const defaultValue = spec.defaultValue === undefined ? undefined : String(spec.defaultValue);
    return `| ${name} | ${argumentCell(argumentDescription({ name, description: spec.description, required: false, defaultValue }))} |`;
  });
  return ['Every command also accepts the XSOAR platform arguments:', '', '| **Argument Name** | **Description** |', '| --- | --- |', ...rows].join('\n');
}

export function integrationReadme(definition: { display: string; configuration: IntegrationParam[]; commands: YamlCommand[] }): string {
  return [
    `## Configure ${definition.display} in Cortex`,
    '',
    '| **Parameter** | **Description** | **Required** |',
    '| --- | --- | --- |',
    ...paramRows(definition.configuration),
    '',
    '## Commands',
    '',
    'You can execute these commands from the CLI, as part of an automation, or in a playbook.',
    'After you successfully execute a command, a DBot message appears in the War Room with the command details.',
    '',
    platformArgumentsSection(),
    '',
    ...definition.commands.map(commandSection),
  ].join('\n');
}

/**
 * The README's table of the service's instance parameters: config file key, environment
 * variable(s), default, what it does. Rendered from the parameter table, as integration.yml's configuration is.
 */
export function serviceParametersTable(): string {
  const rows = parametersOf('service').map((spec) => {
    const quoted = (name: string): string => `\`${name}\``;
    const env = envNames(spec).map(quoted).join(', ');
    const fallback = defaultText(spec);
    return `| ${quoted(spec.name)} | ${env} | ${fallback === undefined ? '' : quoted(fallback)} | ${cell(helpText(spec))} |`;
  });
  return ['| parameter | environment variable | default | what it does |', '|---|---|---|---|', ...rows].join('\n');
}
