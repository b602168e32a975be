// The registry over HTTP: the same entries as the CLI, 400 for bad arguments, 404 naming the closest command.
import { PassThrough } from 'node:stream';
import { run as runCli } from '../../src/cli/run';
import { DEMO_USERS } from '../../src/simulator';
import type { Entry } from '../../src/xsoar/entry';
import { expectOneSentence, startTestService, type TestService } from './helpers';

let service: TestService;
let alertId: string;

beforeAll(async () => {
  service = await startTestService();
  alertId = service.simulator.tenant.sessions[0].sessionId;
});
afterAll(() => service.close());

/** What `code42-soar run <name> k=v ... --json` prints, with the CLI pointed at the service's simulator. */
async function cliEntries(name: string, args: Record<string, string>): Promise<Entry[]> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const { url, credentials } = service.simulator;
  const env = { CODE42_API_URL: url, CODE42_CONSOLE_URL: url, CODE42_CLIENT_ID: credentials.clientId, CODE42_CLIENT_SECRET: credentials.clientSecret, LOG_LEVEL: 'silent' };
  const argv = [name, ...Object.entries(args).map(([k, v]) => `${k}=${v}`), '--json'];
  await runCli(argv, { stdout, stderr: new PassThrough(), env, registry: service.runtime.registry });
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Entry[];
}

async function serviceEntries(name: string, args: unknown): Promise<Entry[]> {
  const response = await service.call(`/v1/commands/${name}`, { body: args });
  expect(response.status).toBe(200);
  return (await response.json()) as Entry[];
}

describe('POST /v1/commands/<name>', () => {
  const cases: [string, () => Record<string, string>][] = [
    ['code42-alert-get', () => ({ id: alertId })],
    ['code42-alert-search', () => ({ state: 'OPEN', severity: 'HIGH,CRITICAL', results: '5' })],
    ['code42-watchlists-list', () => ({})],
    ['code42-user-get-risk-profile', () => ({ username: DEMO_USERS.alice })],
    ['code42-highriskemployee-get-all', () => ({ results: '3' })],
    ['test-module', () => ({})],
  ];

  test.each(cases)('%s answers the same entries as the CLI for the same arguments', async (name, args) => {
    const expected = await cliEntries(name, args());
    expect(expected.map((entry) => entry.Type)).toEqual([1]);
    expect(await serviceEntries(name, args())).toEqual(expected);
  });

  test('a command error is HTTP 200 with the same Type 4 entry the CLI prints', async () => {
    const args = { username: 'nobody.at.all@example.com' };
    const expected = await cliEntries('code42-user-get-risk-profile', args);
    expect(expected[0].Type).toBe(4);
    expect(await serviceEntries('code42-user-get-risk-profile', args)).toEqual(expected);
  });

  test('native JSON arguments give the same entries as XSOAR-style strings', async () => {
    const asStrings = await serviceEntries('code42-alert-search', { state: 'OPEN', severity: 'High,Critical', results: '4' });
    const asJson = await serviceEntries('code42-alert-search', { state: ['OPEN'], severity: ['High', 'Critical'], results: 4 });
    expect(asStrings[0].Type).toBe(1);
    expect(asJson).toEqual(asStrings);
  });

  test('a command without arguments runs with no body at all', async () => {
    const response = await service.call('/v1/commands/code42-watchlists-list', { method: 'POST' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Entry[])[0].Type).toBe(1);
  });
});

describe('bad requests', () => {
  async function badRequest(name: string, init: Parameters<TestService['call']>[1]): Promise<string> {
    const response = await service.call(`/v1/commands/${name}`, init);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string };
    expectOneSentence(body.message);
    return body.message;
  }

  test('an invalid argument value is a 400 naming the argument and what it accepts', async () => {
    expect(await badRequest('code42-alert-search', { body: { results: 'many' } })).toBe(
      'Invalid value "many" for argument "results": expected a whole number of at least 1.',
    );
  });

  test('a value outside an argument\'s allowed values is a 400 listing them', async () => {
    expect(await badRequest('code42-alert-search', { body: { state: 'SHUT' } })).toMatch(/argument "state".*OPEN/);
  });

  test('an unknown argument is a 400 listing the accepted arguments', async () => {
    expect(await badRequest('code42-alert-get', { body: { id: alertId, verbose: 'true' } })).toBe(
      'Unknown argument "verbose": accepted arguments are id.',
    );
  });

  test('a missing required argument is a 400 naming it', async () => {
    expect(await badRequest('code42-alert-get', { body: {} })).toMatch(/^Missing required argument "id"/);
  });

  test('a body that is not an object of arguments is a 400', async () => {
    expect(await badRequest('code42-alert-get', { body: ['id'] })).toMatch(/JSON object of arguments/);
  });

  test('a body that is not JSON is a 400', async () => {
    expect(await badRequest('code42-alert-get', { rawBody: '{"id": ', headers: { 'content-type': 'application/json' } })).toBe(
      'The request body is not valid JSON.',
    );
  });
});

describe('unknown commands', () => {
  test('an unknown command is a 404 naming the closest command', async () => {
    const response = await service.call('/v1/commands/code42-alert-serch', { body: {} });
    expect(response.status).toBe(404);
    const { message } = (await response.json()) as { message: string };
    expect(message).toContain('"code42-alert-search"');
    expectOneSentence(message);
  });
});

describe('GET /v1/commands', () => {
  test('lists every registry command with its kind, argument schema and outputs', async () => {
    const response = await service.call('/v1/commands');
    expect(response.status).toBe(200);
    const listed = (await response.json()) as { name: string; kind: string; arguments: unknown; outputs: unknown }[];
    const { registry } = service.runtime;
    expect(listed.map((c) => c.name)).toEqual(registry.list().map((c) => c.name));
    for (const command of listed) {
      const registered = registry.get(command.name);
      expect(command.kind).toBe(registered.definition.kind);
      expect(command.arguments).toEqual(registered.args.schema);
      expect(command.outputs).toEqual(registered.definition.outputs ?? null);
    }
  });
});
