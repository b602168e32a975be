// The parameter table (src/parameters.ts) drives config loading, the fetch route, integration.yml, the README
// and the CLI; and no second declaration of a parameter fact is left anywhere else in src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import pino from 'pino';
import { parse } from 'yaml';
import type { CommandContext } from '../../src/command';
import { ConfigError, loadConfig } from '../../src/config';
import { main } from '../../src/cli';
import { FETCH_PARAMETERS_HELP, CONFIG_HELP } from '../../src/cli/_shared/parameters';
import { parseFetchParams } from '../../src/fetch/params';
import { FetchParamsError } from '../../src/fetch/errors';
import { acceptedNames, defaultText, envNames, PARAMETERS, parametersOf, SEVERITIES, type ParameterSpec } from '../../src/parameters';
import { projectRoot } from '../../src/project-root';
import { Registry } from '../../src/registry';
import { buildServer } from '../../src/server/app';
import { integrationParams } from '../../src/xsoar/integration';
import { serviceParametersTable } from '../../src/xsoar/readme';
import { captureIO } from '../foundation/helpers';

const root = projectRoot();
const credentials = { CODE42_CLIENT_ID: 'key-1', CODE42_CLIENT_SECRET: 'secret-1' };

/** A valid non-default value of each kind, as an environment variable or XSOAR would give it. */
function sampleText(spec: ParameterSpec): string {
  switch (spec.type.kind) {
    case 'boolean':
      return spec.default === true ? 'false' : 'true';
    case 'integer':
      return String(spec.type.max ?? spec.type.min + 7);
    case 'choices':
      return spec.type.choices[1];
    case 'time-range':
      return '7 days';
    case 'url':
      return 'https://api.eu5.code42.com';
    default:
      return 'Sample Value';
  }
}

describe('the parameter table drives', () => {
  test('config loading: every service parameter is read from its environment variable and its file key', () => {
    for (const spec of parametersOf('service').filter((p) => p.type.kind !== 'credentials')) {
      const env = envNames(spec)[0];
      const config = loadConfig({ env: { ...credentials, [env]: sampleText(spec) } }) as unknown as Record<string, unknown>;
      const fromFile = loadConfig({ env: credentials, overrides: { [spec.name]: sampleText(spec) } }) as unknown as Record<string, unknown>;
      expect({ name: spec.name, value: fromFile[spec.name] }).toEqual({ name: spec.name, value: config[spec.name] });
      expect({ name: spec.name, set: config[spec.name] }).not.toEqual({ name: spec.name, set: loadConfig({ env: credentials })[spec.name as 'max_fetch'] });
    }
  });

  test('config loading: an unknown key lists exactly the table\'s service names and aliases', () => {
    expect(() => loadConfig({ env: {}, overrides: { nope: 1 } })).toThrow(
      new ConfigError(`Unknown parameter "nope" in the overrides: accepted parameters are ${[...acceptedNames('service').keys()].join(', ')}.`),
    );
  });

  test('fetch parameters: the defaults are the table\'s and every alias is accepted', () => {
    expect(parseFetchParams({})).toMatchObject({
      firstFetch: { text: defaultText(parametersOf('fetch').find((p) => p.name === 'first_fetch')!) },
      maxFetch: Number(defaultText(parametersOf('fetch').find((p) => p.name === 'max_fetch')!)),
    });
    for (const spec of parametersOf('fetch')) {
      for (const alias of spec.aliases ?? []) {
        expect(() => parseFetchParams({ [alias]: 'not a valid value at all' })).toThrow(FetchParamsError);
        expect(() => parseFetchParams({ [alias]: sampleText(spec) })).not.toThrow();
      }
    }
  });

  test('the fetch route: its params schema names every fetch parameter and alias, nothing else', async () => {
    const config = loadConfig({ env: {} });
    const context = { code42: {}, settings: { highRiskWatchlistTitle: 'x' }, log: pino({ level: 'silent' }), files: {} } as unknown as CommandContext;
    const app = await buildServer({ runtime: { config, registry: new Registry([]), context }, apiKey: 'k'.repeat(20), logger: pino({ level: 'silent' }) });
    try {
      await app.ready();
      const doc = app.swagger() as unknown as { paths: Record<string, { post: { requestBody: { content: Record<string, { schema: { properties: { params: { properties: object } } } }> } } }> };
      const body = doc.paths['/v1/fetch-incidents'].post.requestBody.content['application/json'].schema;
      expect(Object.keys(body.properties.params.properties).sort()).toEqual([...acceptedNames('fetch').keys()].sort());
    } finally {
      await app.close();
    }
  });

  test('integration.yml: its configuration is the table\'s XSOAR surface, in table order, with the table\'s labels and defaults', () => {
    const yml = parse(readFileSync(join(root, 'integration.yml'), 'utf8')) as { commonfields: { id: string }; name: string; display: string; configuration: Record<string, unknown>[] };
    expect(yml.configuration).toEqual(integrationParams().map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined))));
    const xsoar = parametersOf('xsoar');
    expect(yml.configuration.map((p) => p.name)).toEqual(xsoar.map((p) => p.name));
    for (const spec of xsoar) {
      const param = yml.configuration.find((p) => p.name === spec.name)!;
      expect(param).toMatchObject({ display: spec.display, type: spec.xsoarType });
      expect(param.defaultvalue).toBe(defaultText(spec));
    }
  });

  test('integration.yml: the integration is named Code42, the display says code42-soar, v2 events are documented as always on', () => {
    const yml = parse(readFileSync(join(root, 'integration.yml'), 'utf8')) as { commonfields: { id: string }; name: string; display: string; configuration: Record<string, unknown>[] };
    expect(yml.commonfields.id).toBe('Code42');
    expect(yml.name).toBe('Code42');
    expect(yml.display).toContain('code42-soar');
    expect(yml.configuration.find((p) => p.name === 'v2_events')).toMatchObject({ display: 'Use v2 file events', type: 8, defaultvalue: 'true' });
    expect(String(yml.configuration.find((p) => p.name === 'v2_events')!.additionalinfo)).toMatch(/^Always on/);
    expect(parseFetchParams({ v2_events: 'false' })).toEqual(parseFetchParams({}));
  });

  test('the README: its service parameter table is the generated one and names every env var, default and alias', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(serviceParametersTable());
    for (const spec of parametersOf('service')) {
      for (const env of envNames(spec)) expect(serviceParametersTable()).toContain(`\`${env}\``);
      for (const alias of spec.aliases ?? []) expect(serviceParametersTable()).toContain(`Also accepted as ${alias}`);
    }
  });

  test('the CLI usage texts list the table\'s names and environment variables', async () => {
    for (const name of acceptedNames('fetch').keys()) expect(FETCH_PARAMETERS_HELP).toContain(name);
    for (const spec of parametersOf('service')) for (const env of envNames(spec)) expect(CONFIG_HELP).toContain(env);
    const io = captureIO({});
    expect(await main(['run', '--help'], io)).toBe(0);
    expect(io.stdout.text).toContain(CONFIG_HELP);
  });

  test('names are unique on each surface', () => {
    for (const surface of ['service', 'xsoar', 'fetch'] as const) {
      const names = parametersOf(surface).flatMap((p) => [p.name, ...(p.aliases ?? [])]);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(PARAMETERS.length).toBeGreaterThan(10);
  });
});

/** Every .ts/.js file below `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

describe('no second declaration of a parameter fact', () => {
  // The simulator's demo tenant has its own data (a watchlist that happens to carry the default title).
  const files = sourceFiles(join(root, 'src')).filter((f) => !f.endsWith(join('src', 'parameters.ts')) && !f.includes(join('src', 'simulator')));

  /** Files holding `literal` as a quoted string (', " or `), relative to the repository. */
  const holding = (literal: string): string[] =>
    files.filter((file) => new RegExp(`['"\`]${literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`).test(readFileSync(file, 'utf8'))).map((f) => relative(root, f));

  test('environment variable names and aliases are written only in the table', () => {
    for (const spec of PARAMETERS as readonly ParameterSpec[]) {
      for (const literal of [...envNames(spec), ...(spec.aliases ?? [])]) expect({ literal, files: holding(literal) }).toEqual({ literal, files: [] });
    }
  });

  test('defaults, labels and the severity list are written only in the table', () => {
    const facts = (PARAMETERS as readonly ParameterSpec[]).flatMap((spec) => [spec.display, typeof spec.default === 'string' ? spec.default : undefined]);
    for (const literal of [...facts.filter((f): f is string => f !== undefined && f.length > 6), SEVERITIES.join("', '")]) {
      expect({ literal, files: holding(literal) }).toEqual({ literal, files: [] });
    }
  });
});
