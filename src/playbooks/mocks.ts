// `--mocks FILE`: what the commands of other integrations, and the automations and sub-playbooks the runner
// lacks, return — so a playbook that calls Jira, Active Directory or mail runs offline. The file is a YAML
// map from a command, script or sub-playbook name — with a brand (`Active Directory Query v2|||ad-get-user`)
// or without (`jira-create-issue`, `SearchIncidentsV2`) — to `context:` (merged as the entry's
// EntryContext), `readable:` (the war-room text), `raw:` (the raw response, the entry's Contents) or `error:`
// (the task fails with that sentence). A mocked sub-playbook (decided here; the issue names commands and
// scripts) runs once, its context standing for the outputs it would hand back.
//
// A mocked command or script is shaped by the task's platform arguments as a real one is: `ignore-outputs`
// drops the mock's context, `extend-context` reads from its `raw:` (else its readable text or context). So a
// published playbook that maps a raw response with extend-context runs unchanged against a mock that gives
// that raw response. A mock keyed by name alone stands for that name under every brand; a mock with a brand
// makes that brand count as an available integration (`modules`, IsIntegrationAvailable).
import { parseYesNo } from '../values';
import { parseExtendContext } from '../xsoar/args';
import { type Entry, errorEntry, resultToEntry, shapeEntries } from '../xsoar/entry';
import { asText } from './dt-path';
import { parseYamlDocument, readText } from './load';
import { PlaybookError } from './types';
import { isObject } from '../values';

export interface Mock {
  context?: Record<string, unknown>;
  readable?: string;
  raw?: unknown;
  error?: string;
}

const KEYS = ['context', 'readable', 'raw', 'error'];

/** `brand|||name` split; a name alone has no brand. */
export function splitBrand(key: string): { brand?: string; name: string } {
  const pipes = key.indexOf('|||');
  return pipes < 0 ? { name: key.trim() } : { brand: key.slice(0, pipes).trim(), name: key.slice(pipes + 3).trim() };
}

export class Mocks {
  constructor(private readonly byKey: ReadonlyMap<string, Mock> = new Map()) {}

  /**
   * The mock for `name` run under `brand`: `brand|||name`, else `name` alone; for a task that names no brand
   * (`|||name`, a script) also a mock of `name` under any brand, as XSOAR then uses any instance that has it.
   */
  find(brand: string | undefined, name: string): { key: string; mock: Mock } | undefined {
    const candidates = brand ? [`${brand}|||${name}`, name] : [name];
    for (const key of candidates) {
      const mock = this.byKey.get(key);
      if (mock) return { key, mock };
    }
    if (brand) return undefined;
    for (const [key, mock] of this.byKey) if (splitBrand(key).name === name) return { key, mock };
    return undefined;
  }

  /** The integrations the mocks stand for: every brand a key names. */
  brands(): string[] {
    return [...new Set([...this.byKey.keys()].map((key) => splitBrand(key).brand).filter((brand): brand is string => Boolean(brand)))];
  }
}

export const NO_MOCKS = new Mocks();

function mockOf(key: string, value: unknown, source: string): Mock {
  const where = `${source}: the mock "${key}"`;
  if (!isObject(value)) throw new PlaybookError(`${where} must be a mapping with context:, readable:, raw: or error:.`);
  const unknown = Object.keys(value).find((name) => !KEYS.includes(name));
  if (unknown !== undefined) throw new PlaybookError(`${where} has the key "${unknown}"; a mock takes only context:, readable:, raw: and error:.`);
  if (Object.keys(value).length === 0) throw new PlaybookError(`${where} is empty; give it context:, readable:, raw: or error:.`);
  if (value.error !== undefined && (value.context !== undefined || value.readable !== undefined || value.raw !== undefined)) {
    throw new PlaybookError(`${where} has error: beside context:, readable: or raw:; a failing task returns only its error.`);
  }
  if (value.context !== undefined && !isObject(value.context)) throw new PlaybookError(`${where} has a context: that is not a mapping of context keys to values.`);
  for (const name of ['readable', 'error'] as const) {
    if (value[name] !== undefined && typeof value[name] !== 'string') throw new PlaybookError(`${where} has a ${name}: that is not text.`);
  }
  return value as Mock;
}

/** Mocks from a parsed YAML document; every problem is one sentence naming the file and the mock. */
export function toMocks(doc: unknown, source: string): Mocks {
  if (doc === null || doc === undefined) return NO_MOCKS;
  if (!isObject(doc)) throw new PlaybookError(`${source} must be a mapping from command or script names to mocks.`);
  const byKey = new Map<string, Mock>();
  for (const [key, value] of Object.entries(doc)) {
    const { brand, name } = splitBrand(key);
    if (name === '' || brand === '') throw new PlaybookError(`${source}: "${key}" is not a command or script name (write name or Brand|||name).`);
    byKey.set(brand ? `${brand}|||${name}` : name, mockOf(key, value, source));
  }
  return new Mocks(byKey);
}

export const readMocks = (file: string): Mocks => toMocks(parseYamlDocument(readText(file), file), file);

/** The entry a mocked task returns. */
export function mockEntry(mock: Mock): Entry {
  if (mock.error !== undefined) return errorEntry(mock.error);
  return resultToEntry({ outputs: mock.context ?? null, readable: mock.readable ?? '', raw: mock.raw ?? mock.readable ?? mock.context ?? '' });
}

/** The mocked task's entry as its platform arguments shape it (ignore-outputs, extend-context, raw-response). */
export function shapedMockEntry(mock: Mock, args: Record<string, unknown>): Entry {
  const entry = mockEntry(mock);
  const text = (name: string): string => (args[name] === undefined ? '' : asText(args[name]));
  const [shaped] = shapeEntries([entry], {
    ignoreOutputs: parseYesNo(text('ignore-outputs')) === true,
    extendContext: parseExtendContext(text('extend-context')),
    rawResponse: parseYesNo(text('raw-response')) === true,
  });
  return shaped;
}
