// integration.yml built from the registry (xsoar-conventions §1): every command's arguments and outputs
// come from its declaration, so the YAML cannot drift from what the service actually accepts.
import type { AnyCommand, OutputsSpec } from '../command';
import { defaultText, helpText, parametersOf } from '../parameters';
import type { ArgSpec } from './args';

/**
 * The brand playbooks call (`Code42|||<command>`): the name of the XSOAR Code42 integration, so playbooks
 * written for it reach this one in a real XSOAR.
 */
export const INTEGRATION_NAME = 'Code42';
export const INTEGRATION_DISPLAY = 'Code42 Incydr (code42-soar)';

export interface IntegrationParam {
  name: string;
  display?: string;
  type: number;
  required: boolean;
  defaultvalue?: string;
  options?: string[];
  additionalinfo?: string;
  displaypassword?: string;
  hiddenusername?: boolean;
  section: 'Connect' | 'Collect';
  advanced?: boolean;
}

/** integration.yml's `configuration`: the XSOAR surface of the parameter table, in table order. */
export function integrationParams(): IntegrationParam[] {
  return parametersOf('xsoar').map((spec) => ({
    name: spec.name,
    display: spec.display,
    type: spec.xsoarType,
    required: spec.required === true,
    // demisto-sdk wants checkbox defaults as the strings 'true'/'false' (IN152), and every default as text.
    defaultvalue: defaultText(spec),
    options: spec.type.kind === 'choices' ? [...spec.type.choices] : undefined,
    additionalinfo: helpText(spec),
    displaypassword: spec.displaypassword,
    hiddenusername: spec.hiddenusername,
    section: spec.section,
    advanced: spec.advanced,
  }));
}

/** The fetch parameters the bridge forwards to the service on each fetch-incidents (names and aliases). */
export const BRIDGE_FETCH_PARAMETERS: string[] = parametersOf('fetch').flatMap((spec) => [spec.name, ...(spec.aliases ?? [])]);

/** The bridge script as integration.yml carries it: the forwarded parameter names first, then bridge.js. */
export function bridgeScript(bridgeSource: string): string {
  return `var FETCH_PARAMETERS = ${JSON.stringify(BRIDGE_FETCH_PARAMETERS)};\n${bridgeSource}`;
}

type YamlObject = Record<string, unknown>;

const withPeriod = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

function argumentYaml(name: string, spec: ArgSpec): YamlObject {
  const arg: YamlObject = { name, description: withPeriod(spec.description), required: spec.required === true };
  if (spec.default) arg.default = true;
  if (spec.type === 'list') arg.isArray = true;
  if ((spec.type === 'string' || spec.type === 'list') && spec.predefined) {
    arg.auto = 'PREDEFINED';
    arg.predefined = [...spec.predefined];
  } else if (spec.type === 'boolean') {
    arg.auto = 'PREDEFINED';
    arg.predefined = ['true', 'false'];
  }
  if (spec.defaultValue !== undefined) arg.defaultValue = Array.isArray(spec.defaultValue) ? spec.defaultValue.join(',') : String(spec.defaultValue);
  if (spec.secret) arg.secret = true;
  if (spec.deprecated) arg.deprecated = true;
  return arg;
}

function outputsYaml(outputs: OutputsSpec | undefined): YamlObject[] {
  if (!outputs) return [];
  // The same fields under every prefix the command writes (update-risk-profile writes two).
  return [outputs.prefix, ...(outputs.alsoUnder ?? [])].flatMap((prefix) =>
    Object.entries(outputs.fields).map(([field, spec]) => ({
      contextPath: `${prefix}.${field}`,
      description: withPeriod(spec.description),
      type: spec.type,
    })),
  );
}

export function commandYaml(command: AnyCommand): YamlObject {
  const yaml: YamlObject = {
    name: command.name,
    description: withPeriod(command.description),
    arguments: Object.entries(command.args).map(([name, spec]) => argumentYaml(name, spec)),
    outputs: outputsYaml(command.outputs),
  };
  if (command.kind === 'write') yaml.execution = true;
  return yaml;
}

function paramYaml(param: IntegrationParam): YamlObject {
  // Key order as demisto-sdk formats it, undefined keys dropped (the schema rejects nulls).
  return Object.fromEntries(Object.entries(param).filter(([, v]) => v !== undefined));
}

export function integrationDefinition(commands: AnyCommand[], bridgeSource: string): YamlObject {
  return {
    commonfields: { id: INTEGRATION_NAME, version: -1 },
    name: INTEGRATION_NAME,
    display: INTEGRATION_DISPLAY,
    category: 'Endpoint',
    description:
      'Code42 Incydr through the code42-soar service: fetches insider-risk alerts as incidents and runs the Code42 war-room commands.',
    detaileddescription: [
      'Run the code42-soar service (`npm ci && npm start`) with your Code42 API client configured',
      '(CODE42_CONSOLE_URL, CODE42_CLIENT_ID, CODE42_CLIENT_SECRET) and an API key (CODE42_SOAR_API_KEY),',
      'then enter the service URL and that API key here.',
    ].join('\n'),
    sectionOrder: ['Connect', 'Collect'],
    configuration: integrationParams().map(paramYaml),
    script: {
      script: bridgeScript(bridgeSource),
      type: 'javascript',
      isfetch: true,
      runonce: false,
      commands: commands.filter((c) => !c.reserved).map(commandYaml),
    },
    fromversion: '6.10.0',
    tests: ['No tests (auto formatted)'],
  };
}
