// The command line: `code42-soar run` and `code42-soar commands`, through main() with captured output, and
// through the real bin (built by `npm test` before jest runs).
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli';
import { defineCommand } from '../../src/command';
import { Code42Error } from '../../src/code42/errors';
import { Registry } from '../../src/registry';
import { startSimulator } from '../../src/simulator';
import { captureIO, connectionCheck } from './helpers';

const echo = defineCommand({
  name: 'code42-echo',
  description: 'Echo the arguments.',
  kind: 'read',
  args: {
    text: { type: 'string', description: 'Text.', default: true },
    query: { type: 'string', description: 'A query.' },
    empty: { type: 'string', description: 'Kept when empty.', allowEmpty: true },
  },
  outputs: { prefix: 'Echo', fields: { text: { type: 'String', description: 'Text.' } } },
  async handler(_ctx, args) {
    return { title: 'Echo', outputs: { ...args }, readable: `### Echo\n${JSON.stringify(args)}\n` };
  },
});

const fails = defineCommand({
  name: 'code42-alert-get',
  description: 'Retrieve alert details by alert ID.',
  kind: 'read',
  args: { id: { type: 'string', description: 'The alert ID.', required: true } },
  async handler() {
    throw new Code42Error('Code42 has no alert with id a-404.', { kind: 'not-found', operation: 'get alert details', status: 404 });
  },
});

const download = defineCommand({
  name: 'code42-download-file',
  description: 'Download a file.',
  kind: 'read',
  args: {},
  async handler() {
    return { file: { name: 'evidence.zip', fileId: '0b6f6c1e-1d2b-4c3d-9e8f-000000000001' } };
  },
});

const registry = new Registry([echo, fails, download]);

/** Credentials that make the runtime build a real Code42 client; these tests' commands never call it. */
const offlineEnv = { CODE42_CLIENT_ID: 'key-cli-test', CODE42_CLIENT_SECRET: 'cli-test-secret', CODE42_API_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'warn' };

async function cli(argv: string[], env: NodeJS.ProcessEnv = offlineEnv) {
  const io = captureIO(env, registry);
  const code = await main(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe('code42-soar run: usage errors exit 2 before anything is opened', () => {
  test('an unknown command that is close to none suggests none, and is refused before the demo simulator starts', async () => {
    // No Code42 settings at all: demo mode, whose simulator would persist its tenant in this data directory.
    const dataDir = mkdtempSync(join(tmpdir(), 'code42-soar-unknown-'));
    expect(await cli(['run', 'no-such-command'], { CODE42_SOAR_DATA_DIR: dataDir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'code42-soar run: Unknown command "no-such-command".\n',
    });
    expect(existsSync(join(dataDir, 'simulator-tenant.json'))).toBe(false);
  });

  test('a near-miss suggests the command it nearly was', async () => {
    expect((await cli(['run', 'code42-alert-gett'])).stderr).toBe('code42-soar run: Unknown command "code42-alert-gett"; did you mean "code42-alert-get"?\n');
  });

  test('an unknown command is reported even when the configuration is broken', async () => {
    const result = await cli(['run', 'code42-dowload-file'], { CODE42_MAX_FETCH: '0', CODE42_CLIENT_ID: 'only-the-id' });
    expect(result).toMatchObject({ code: 2, stderr: 'code42-soar run: Unknown command "code42-dowload-file"; did you mean "code42-download-file"?\n' });
  });

  test('no command prints the usage to stderr', async () => {
    const result = await cli(['run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Usage: code42-soar run <command> \[name=value \.\.\.\] \[--json\] \[--config FILE\]/);
  });

  test('--help prints the usage to stdout', async () => {
    const result = await cli(['run', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: code42-soar run/);
  });

  test.each([
    [['run', 'code42-echo', '--verbose'], 'Unknown option "--verbose": run accepts --json, --config FILE, --incident FILE, --context FILE and --help.'],
    [['run', 'code42-echo', '--config'], '--config needs a file name, e.g. --config code42.yaml.'],
    [['run', 'code42-echo', '--incident'], '--incident needs a file name, e.g. --incident incident.json.'],
    [['run', 'code42-echo', '--context='], '--context needs a file name, e.g. --context context.json.'],
    [['run', 'code42-echo', '=x'], 'Argument "=x" has no name; write it as name=value.'],
    [['run', 'code42-echo', 'query=a', 'query=b'], 'Argument "query" is given twice.'],
    [['run', 'code42-echo', 'one', 'two'], 'Argument "two" must be written as name=value.'],
    [['run', 'code42-alert-get', 'a-1'], 'Argument "a-1" must be written as name=value.'],
  ])('%j', async (argv, sentence) => {
    expect(await cli(argv)).toEqual({ code: 2, stdout: '', stderr: `code42-soar run: ${sentence}\n` });
  });

  test('a configuration error is its sentence', async () => {
    expect(await cli(['run', 'code42-echo'], { CODE42_MAX_FETCH: '500' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'code42-soar run: max_fetch (CODE42_MAX_FETCH) must be a whole number from 1 to 200, not "500".\n',
    });
  });

  test('a missing --config file is a configuration error', async () => {
    const result = await cli(['run', 'code42-echo', '--config', '/nonexistent/code42.yaml']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'code42-soar run: Cannot read config file /nonexistent/code42.yaml: it does not exist.\n' });
  });
});

describe('code42-soar run: entries as the war room shows them', () => {
  test('success prints the readable output and exits 0', async () => {
    expect(await cli(['run', 'code42-echo', 'text=hello'])).toMatchObject({ code: 0, stdout: '### Echo\n{"text":"hello"}\n' });
  });

  test('values may contain "=", "name=" gives an empty value, and a bare value fills the default argument', async () => {
    const result = await cli(['run', 'code42-echo', 'query=a=b&c=d', 'empty=', 'plain words']);
    expect(result.stdout).toBe('### Echo\n{"query":"a=b&c=d","empty":"","text":"plain words"}\n');
  });

  test('an error entry prints its contents and exits 1', async () => {
    expect(await cli(['run', 'code42-alert-get', 'id=a-404'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'Failed to execute command code42-alert-get command. Error: Code42 has no alert with id a-404.\n',
    });
  });

  test('a bad argument is an error entry, exit 1', async () => {
    expect(await cli(['run', 'code42-alert-get'])).toMatchObject({
      code: 1,
      stderr: 'Failed to execute command code42-alert-get command. Error: Missing required argument "id": expected a text value.\n',
    });
  });

  test('--json prints the entries as JSON', async () => {
    const result = await cli(['run', '--json', 'code42-echo', 'text=hi']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        Type: 1,
        ContentsFormat: 'json',
        Contents: { text: 'hi' },
        HumanReadable: '### Echo\n{"text":"hi"}\n',
        EntryContext: { Echo: { text: 'hi' } },
        IndicatorTimeline: [],
        IgnoreAutoExtract: false,
        Note: false,
        Relationships: [],
      },
    ]);
  });

  test('--json prints error entries too, exit 1', async () => {
    const result = await cli(['run', 'code42-alert-get', 'id=a-404', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ Type: 4, Contents: expect.stringContaining('a-404') })]);
  });

  test('a file entry prints the saved file path', async () => {
    const result = await cli(['run', 'code42-download-file']);
    expect(result).toMatchObject({ code: 0, stdout: `${join(process.cwd(), 'data', 'files', '0b6f6c1e-1d2b-4c3d-9e8f-000000000001')}\n` });
  });
});

describe('code42-soar run in demo mode', () => {
  const DEMO_NOTICE =
    /^Demo mode is on: no Code42 URL or API client is configured \(CODE42_CONSOLE_URL, CODE42_API_URL, CODE42_CLIENT_ID, CODE42_CLIENT_SECRET\), so commands run against the embedded Code42 simulator at http:\/\/127\.0\.0\.1:\d+, its tenant kept in .+simulator-tenant\.json\.$/;

  async function demoRun(env: NodeJS.ProcessEnv) {
    const io = captureIO({ CODE42_SOAR_DATA_DIR: mkdtempSync(join(tmpdir(), 'code42-soar-demo-run-')), ...env }, new Registry([connectionCheck]));
    const code = await main(['run', 'code42-test-connection'], io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.lines };
  }

  test('with no credentials the command runs against the embedded simulator, and stderr says so in one plain line', async () => {
    const { code, stdout, stderr } = await demoRun({});
    expect(code).toBe(0);
    expect(stdout).toBe('ok\n');
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(DEMO_NOTICE);
  });

  test('LOG_FORMAT=json logs the notice as a pino JSON line instead', async () => {
    const { code, stdout, stderr } = await demoRun({ LOG_FORMAT: 'json' });
    expect(code).toBe(0);
    expect(stdout).toBe('ok\n');
    expect(stderr).toHaveLength(1);
    const record = JSON.parse(stderr[0]) as { level: number; msg: string; simulator: string };
    expect(record).toMatchObject({ level: 30, name: 'code42-soar', simulator: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(record.msg).toMatch(DEMO_NOTICE);
  });

  test('an unknown LOG_FORMAT is a configuration error, exit 2', async () => {
    expect(await demoRun({ LOG_FORMAT: 'yaml' })).toEqual({ code: 2, stdout: '', stderr: ['code42-soar run: LOG_FORMAT must be json or text, not "yaml".'] });
  });

  test('LOG_LEVEL=verbose names LOG_LEVEL and the accepted values, exit 2', async () => {
    expect(await demoRun({ LOG_LEVEL: 'verbose' })).toEqual({
      code: 2,
      stdout: '',
      stderr: ['code42-soar run: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent, not "verbose".'],
    });
  });

  test('a Code42 URL without credentials is a configuration error, never demo data, exit 2', async () => {
    const { code, stdout, stderr } = await demoRun({ CODE42_API_URL: 'https://api.us.code42.com' });
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toEqual([expect.stringMatching(/^code42-soar run: CODE42_API_URL is set but no Code42 API client is: set CODE42_CLIENT_ID and CODE42_CLIENT_SECRET/)]);
  });
});

describe('code42-soar commands', () => {
  test('lists name, kind and description, one per line', async () => {
    expect(await cli(['commands'])).toEqual({
      code: 0,
      stdout: [
        'code42-alert-get      read   Retrieve alert details by alert ID.',
        'code42-download-file  read   Download a file.',
        'code42-echo           read   Echo the arguments.',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  test('--json lists the same as JSON', async () => {
    const result = await cli(['commands', '--json']);
    expect(JSON.parse(result.stdout)).toEqual([
      { name: 'code42-alert-get', kind: 'read', description: 'Retrieve alert details by alert ID.' },
      { name: 'code42-download-file', kind: 'read', description: 'Download a file.' },
      { name: 'code42-echo', kind: 'read', description: 'Echo the arguments.' },
    ]);
  });

  test('an unexpected option is a usage error', async () => {
    expect(await cli(['commands', '--all'])).toEqual({ code: 2, stdout: '', stderr: 'code42-soar commands: unexpected "--all": the only option is --json.\n' });
  });
});

describe('the installed bin', () => {
  const root = join(__dirname, '..', '..');
  const bin = join(root, 'bin', 'code42-soar.js');
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  });

  test('code42-soar run code42-alert-gett exits 2 naming code42-alert-get', async () => {
    const run = promisify(execFile)('node', [bin, 'run', 'code42-alert-gett'], { cwd: root, env: { PATH: process.env.PATH } });
    await expect(run).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'code42-soar run: Unknown command "code42-alert-gett"; did you mean "code42-alert-get"?\n',
    });
  });

  /** Every module a run of the bin loaded (require.cache at exit), relative to the project root. */
  async function modulesLoadedBy(args: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'code42-soar-modules-'));
    const preload = join(dir, 'preload.js');
    const out = join(dir, 'modules.json');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));`);
    try {
      // The exit code is not the point here: what was loaded by then is.
      await promisify(execFile)('node', ['-r', preload, bin, ...args], { cwd: root, env: { PATH: process.env.PATH, CODE42_SOAR_DATA_DIR: join(dir, 'data'), ...env } }).catch(() => undefined);
      return (JSON.parse(readFileSync(out, 'utf8')) as string[]).map((file) => relative(root, file).split(sep).join('/'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The heavy module groups a run of the bin loaded: "fastify" (fastify and @fastify/*), "server" (src/server), "simulator" (src/simulator). */
  async function heavyModulesOf(args: string[], env: NodeJS.ProcessEnv): Promise<string[]> {
    const groups = (await modulesLoadedBy(args, env)).map((file) => {
      const m = /node_modules\/@?(fastify)\/|\/src\/(server|simulator)\//.exec(file);
      return m ? (m[1] ?? m[2]) : undefined;
    });
    return [...new Set(groups.filter((group) => group !== undefined))].sort();
  }

  /** The command modules (dist/commands/*.js, the index and commands/_shared aside) a run of the bin loaded. */
  const commandModules = (files: string[]): string[] =>
    files
      .map((file) => /^dist\/commands\/([^/]+)\.js$/.exec(file)?.[1])
      .filter((name): name is string => name !== undefined && name !== 'index')
      .sort();

  test('one-shot commands load neither fastify nor the simulator (CLI start time); serve and demo mode do', async () => {
    const simulator = await startSimulator({ host: '127.0.0.1', port: 0, logger: false });
    try {
      const tenant = { CODE42_API_URL: simulator.url, CODE42_CLIENT_ID: simulator.credentials.clientId, CODE42_CLIENT_SECRET: simulator.credentials.clientSecret };
      expect(await heavyModulesOf(['--help'], {})).toEqual([]);
      expect(await heavyModulesOf(['commands'], {})).toEqual([]);
      expect(await heavyModulesOf(['run', 'test-module'], tenant)).toEqual([]);
      expect(await heavyModulesOf(['run', 'test-module'], {})).toEqual(['fastify', 'simulator']);
      expect(await heavyModulesOf(['serve', '--bogus-option'], {})).not.toContain('fastify');
      expect(await heavyModulesOf(['serve', '--help'], {})).not.toContain('fastify');
    } finally {
      await simulator.close();
    }
  });

  describe('what a one-shot command against a configured tenant loads (CLI start time)', () => {
    let simulator: Awaited<ReturnType<typeof startSimulator>>;
    let tenant: NodeJS.ProcessEnv;
    beforeAll(async () => {
      simulator = await startSimulator({ host: '127.0.0.1', port: 0, logger: false });
      tenant = { CODE42_API_URL: simulator.url, CODE42_CLIENT_ID: simulator.credentials.clientId, CODE42_CLIENT_SECRET: simulator.credentials.clientSecret };
    });
    afterAll(() => simulator.close());

    test('run loads only the module that declares the command; commands loads every module of the index', async () => {
      expect(commandModules(await modulesLoadedBy(['run', 'test-module'], tenant))).toEqual(['test-module']);
      expect(commandModules(await modulesLoadedBy(['run', 'code42-watchlists-list'], tenant))).toEqual(['watchlists']);
      const everyModule = readdirSync(join(root, 'commands')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));
      expect(commandModules(await modulesLoadedBy(['commands'], {}))).toEqual(everyModule.sort());
    });

    test('run loads undici\'s fetch and pool, not the whole of undici, and no date-fns, YAML parser or pino-pretty', async () => {
      const loaded = await modulesLoadedBy(['run', 'test-module'], tenant);
      expect(loaded).toContain('node_modules/undici/lib/web/fetch/index.js');
      const unused = loaded.filter((file) => file === 'node_modules/undici/index.js' || /^node_modules\/(date-fns|yaml|pino-pretty)\//.test(file));
      expect(unused).toEqual([]);
    });
  });

  /** What `serve --no-fetch` (demo mode) logs on stderr from its start until it stops on SIGTERM. */
  async function serveLog(env: NodeJS.ProcessEnv): Promise<string[]> {
    const dataDir = mkdtempSync(join(tmpdir(), 'code42-soar-serve-log-'));
    const child = spawn(process.execPath, [bin, 'serve', '--no-fetch'], {
      cwd: root,
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', CODE42_SOAR_DATA_DIR: dataDir, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const banner = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('Try:')) resolve(stdout);
      });
      child.on('exit', () => reject(new Error(`serve stopped before its banner: ${stderr}`)));
    });
    try {
      // An answer after the banner means the service got past listening for SIGTERM, which follows the banner.
      const url = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(await banner)![1];
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
    return stderr.split('\n').filter(Boolean);
  }

  test('serve logs JSON lines, for the machines that read service logs', async () => {
    const records = (await serveLog({})).map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(records.map((record) => record.msg)).toEqual([
      expect.stringMatching(/^Demo mode is on: /),
      expect.stringMatching(/^Server listening at http:\/\/127\.0\.0\.1:\d+$/),
      expect.stringMatching(/^GET \/healthz 200 \d+ ms$/),
      'SIGTERM received: finishing in-flight requests and the fetch run in progress, then stopping (send it again to stop at once).',
      'stopped',
    ]);
    expect(records.every((record) => record.level === 30)).toBe(true);
  });

  test('serve with LOG_FORMAT=text logs the same records as text lines', async () => {
    expect(await serveLog({ LOG_FORMAT: 'text' })).toEqual([
      expect.stringMatching(/^Demo mode is on: /),
      expect.stringMatching(/^Server listening at http:\/\/127\.0\.0\.1:\d+$/),
      expect.stringMatching(/^GET \/healthz 200 \d+ ms$/),
      'SIGTERM received: finishing in-flight requests and the fetch run in progress, then stopping (send it again to stop at once).',
      'stopped',
    ]);
  });
});
