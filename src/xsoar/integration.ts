// integration.yml built from the registry (xsoar-conventions §1): every command's arguments and outputs
// come from its declaration, so the YAML cannot drift from what the service actually accepts.
import type { AnyCommand, OutputsSpec } from '../command';
import type { ArgSpec } from './args';

export const INTEGRATION_NAME = 'Code42 Incydr SOAR';

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

/** Instance parameters of the XSOAR side: where the code42-soar service is, and the fetch settings it forwards. */
export const INTEGRATION_PARAMS: IntegrationParam[] = [
  {
    name: 'service_url',
    display: 'Service URL (code42-soar)',
    type: 0,
    required: true,
    additionalinfo: 'Base URL of the code42-soar service (code42-soar serve) that holds the Code42 API client.',
    section: 'Connect',
  },
  {
    name: 'credentials',
    display: 'Service API key',
    displaypassword: 'Service API key',
    hiddenusername: true,
    type: 9,
    required: true,
    additionalinfo: 'The bearer API key of the code42-soar service (CODE42_SOAR_API_KEY).',
    section: 'Connect',
  },
  { name: 'insecure', display: 'Trust any certificate (not secure)', type: 8, required: false, defaultvalue: 'false', section: 'Connect', advanced: true },
  { name: 'proxy', display: 'Use system proxy settings', type: 8, required: false, defaultvalue: 'false', section: 'Connect', advanced: true },
  { name: 'isFetch', display: 'Fetch incidents', type: 8, required: false, section: 'Collect' },
  { name: 'incidentType', display: 'Incident type', type: 13, required: false, section: 'Collect' },
  {
    name: 'alert_severity',
    display: 'Alert severities to fetch when fetching incidents',
    type: 16,
    required: false,
    options: ['Critical', 'High', 'Moderate', 'Low'],
    additionalinfo: 'None selected fetches every severity.',
    section: 'Collect',
  },
  {
    name: 'first_fetch',
    display: 'First fetch time range (<number> <time unit>, e.g., 1 hour, 30 minutes)',
    type: 0,
    required: false,
    defaultvalue: '24 hours',
    section: 'Collect',
  },
  {
    name: 'max_fetch',
    display: 'Alerts to fetch per run',
    type: 0,
    required: false,
    defaultvalue: '10',
    additionalinfo: 'From 1 to 200.',
    section: 'Collect',
  },
  { name: 'include_files', display: 'Include the list of files in returned incidents', type: 8, required: false, defaultvalue: 'false', section: 'Collect' },
  {
    name: 'fetch_lookback',
    display: 'Look-back minutes for late-indexed alerts',
    type: 0,
    required: false,
    defaultvalue: '5',
    section: 'Collect',
    advanced: true,
  },
  { name: 'incidentFetchInterval', display: 'Incidents Fetch Interval', type: 19, required: false, defaultvalue: '1', section: 'Collect' },
];

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
  return Object.entries(outputs.fields).map(([field, spec]) => ({
    contextPath: `${outputs.prefix}.${field}`,
    description: withPeriod(spec.description),
    type: spec.type,
  }));
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

export function integrationDefinition(commands: AnyCommand[], bridgeScript: string): YamlObject {
  return {
    commonfields: { id: INTEGRATION_NAME, version: -1 },
    name: INTEGRATION_NAME,
    display: INTEGRATION_NAME,
    category: 'Endpoint',
    description:
      'Code42 Incydr through the code42-soar service: fetches insider-risk alerts as incidents and runs the Code42 war-room commands.',
    detaileddescription: [
      'Run the code42-soar service (`npm ci && npm start`) with your Code42 API client configured',
      '(CODE42_CONSOLE_URL, CODE42_CLIENT_ID, CODE42_CLIENT_SECRET) and an API key (CODE42_SOAR_API_KEY),',
      'then enter the service URL and that API key here.',
    ].join('\n'),
    sectionOrder: ['Connect', 'Collect'],
    configuration: INTEGRATION_PARAMS.map(paramYaml),
    script: {
      script: bridgeScript,
      type: 'javascript',
      isfetch: true,
      runonce: false,
      commands: commands.filter((c) => !c.reserved).map(commandYaml),
    },
    fromversion: '6.10.0',
    tests: ['No tests (auto formatted)'],
  };
}
