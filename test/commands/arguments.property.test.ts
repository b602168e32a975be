// Whatever arguments a playbook or a person sends, every command answers with entries — results, files or
// one Type 4 sentence — never an exception, a stack trace or "[object Object]", and never an "Internal error".
// Commands whose Code42 areas the in-memory fake holds run against it, fresh for each run; the others run
// against a real (simulated) Code42, one per command.
import fc from 'fast-check';
import { loadCommands } from '../../src/registry';
import type { RunningSimulator } from '../../src/simulator';
import { DEMO_CASE_NAME, DEMO_MATTERS, DEMO_USERS } from '../../src/simulator/seed';
import { type Entry, EntryType } from '../../src/xsoar/entry';
import { demoState, fakeCode42 } from './support/fake-code42';
import { registry, runnerFor, startSimulated, type WarRoom } from './support/harness';

type Args = Record<string, string>;

/** Per argument name, values that reach the handlers: known and unknown users, alerts, lists, matters, hashes. */
type Pools = Record<string, string[]>;

/** Arguments each of these commands succeeds with against `seededFake`. */
const ON_FAKE: Record<string, Args> = {
  'test-module': {},
  'code42-alert-get': { id: 'alert-1' },
  'code42-alert-resolve': { id: 'alert-1' },
  'code42-alert-search': { severity: 'High' },
  'code42-alert-update': { id: 'alert-1', state: 'CLOSED_TP', note: 'flight risk' },
  'code42-alert-add-note': { id: 'alert-1', note: 'flight risk' },
  'code42-departingemployee-add': { username: 'bob@example.com', departuredate: '2024-02-29', note: 'leaving' },
  'code42-departingemployee-remove': { username: 'alice@example.com' },
  'code42-departingemployee-get': { username: 'alice@example.com' },
  'code42-departingemployee-get-all': { results: '5' },
  'code42-highriskemployee-add': { username: 'bob@example.com', note: 'flight risk' },
  'code42-highriskemployee-remove': { username: 'alice@example.com' },
  'code42-highriskemployee-get': { username: 'alice@example.com' },
  'code42-highriskemployee-get-all': { risktags: 'FLIGHT_RISK' },
  'code42-highriskemployee-add-risk-tags': { username: 'bob@example.com', risktags: 'FLIGHT_RISK' },
  'code42-highriskemployee-remove-risk-tags': { username: 'alice@example.com', risktags: 'FLIGHT_RISK' },
  'code42-watchlists-list': {},
  'code42-watchlists-list-included-users': { watchlist: 'DEPARTING_EMPLOYEE' },
  'code42-watchlists-add-user': { username: 'bob@example.com', watchlist: 'Contractors' },
  'code42-watchlists-remove-user': { username: 'alice@example.com', watchlist: 'DEPARTING_EMPLOYEE' },
  'code42-user-get-risk-profile': { username: 'alice@example.com' },
  'code42-user-update-risk-profile': { username: 'alice@example.com', start_date: '2021-03-09', end_date: '' },
};

/** Arguments each of these commands succeeds with against a fresh demo tenant. */
const ON_SIMULATOR: Record<string, (sim: RunningSimulator) => Args> = {
  'code42-user-create': () => ({ orgname: 'Engineering', username: 'prop.user@example.com', email: 'prop.user@example.com' }),
  'code42-user-block': () => ({ username: DEMO_USERS.frank }),
  'code42-user-unblock': () => ({ username: DEMO_USERS.mallory }),
  'code42-user-deactivate': () => ({ username: DEMO_USERS.grace }),
  'code42-user-reactivate': () => ({ username: DEMO_USERS.ivan }),
  'code42-user-get': () => ({ username: DEMO_USERS.alice }),
  'code42-legalhold-add-user': () => ({ username: DEMO_USERS.heidi, mattername: DEMO_MATTERS.acme }),
  'code42-legalhold-remove-user': () => ({ username: DEMO_USERS.judy, mattername: DEMO_MATTERS.acme }),
  'code42-download-file': (sim) => ({ hash: sim.tenant.files()[0].sha256 }),
  'code42-file-events-search': () => ({ username: DEMO_USERS.dave, 'add-to-context': 'true' }),
  'code42-file-events-table': () => ({}),
  'code42-alert-rules-list': () => ({}),
  'code42-alert-rule-add-user': () => ({ rule: 'Removable media exfiltration', username: DEMO_USERS.bob }),
  'code42-alert-rule-remove-user': () => ({ rule: 'Removable media exfiltration', username: DEMO_USERS.erin }),
  'code42-alert-rule-list-users': () => ({ rule: 'Source code to personal email' }),
  'code42-case-create': () => ({ name: 'Property case' }),
  'code42-case-get': () => ({ case_number: '1' }),
  'code42-case-add-file-event': (sim) => ({ case_number: '1', event_ids: sim.tenant.fileEvents()[0].id }),
};

/** The demo fake with alice on both lists (risk tag FLIGHT_RISK) and on the departing-employee watchlist. */
function seededFake() {
  const state = demoState();
  const alice = state.profiles.get('alice@example.com')!;
  alice.riskFactors = ['FLIGHT_RISK'];
  state.lists.highriskemployee.set(alice.userId, { userId: alice.userId, userName: alice.userName });
  state.lists.departingemployee.set(alice.userId, { userId: alice.userId, userName: alice.userName, departureDate: '2024-06-30' });
  state.watchlists[0].members.push({ userId: alice.userId, username: alice.userName, addedTime: '2024-05-01T00:00:00.000Z' });
  return fakeCode42(state);
}

const FAKE_POOLS: Pools = {
  username: ['alice@example.com', 'bob@example.com', 'nobody@example.com'],
  id: ['alert-1', 'no-such-alert'],
  watchlist: ['Contractors', 'DEPARTING_EMPLOYEE', '1c7dd799-1aa0-4f3a-bae8-1d3242fc2af6', 'NEW_EMPLOYEE'],
  note: ['flight risk', 'x'.repeat(2001)],
};

function simulatorPools(sim: RunningSimulator): Pools {
  const file = sim.tenant.files()[0];
  const event = sim.tenant.fileEvents()[0];
  return {
    username: [DEMO_USERS.alice, DEMO_USERS.frank, DEMO_USERS.erin, 'nobody@example.com'],
    email: ['someone@example.com'],
    orgname: ['Engineering', 'Nowhere Inc'],
    mattername: [DEMO_MATTERS.acme, DEMO_MATTERS.falcon, 'No Such Matter'],
    hash: [file.sha256, file.md5, '0'.repeat(32), 'f'.repeat(64), 'abc'],
    json: ['{"groups":[]}', '{"groups":[{"filters":[{"term":"user.email","operator":"IS","value":"x"}]}]}', '{', '[]', '{"groups":[{"filters":[{"term":"a","operator":"NOPE"}]}]}'],
    rule: ['Removable media exfiltration', 'File type mismatch', 'High Risk Employee - Exfiltration to personal cloud', sim.tenant.rules[3].observerRuleId, 'No such rule'],
    name: ['Property case', DEMO_CASE_NAME, 'n'.repeat(60)],
    description: ['d'.repeat(300)],
    subject: [DEMO_USERS.dave, 'nobody@example.com'],
    assignee: [DEMO_USERS.alice],
    case_number: ['1', '99', '0', 'x'],
    event_ids: [event.id, 'no-such-event', `${event.id},${event.id}`],
    alert_id: [sim.tenant.alerts.all()[0].id, 'no-such-alert'],
  };
}

/** A war room whose incident and context hold file events, for the table command. */
function warRoom(sim: RunningSimulator): WarRoom {
  const [a, b] = sim.tenant.fileEvents().map((e) => e.doc);
  return { incident: { rawJSON: JSON.stringify({ fileevents: [a, b] }) }, context: { Code42: { FileEvents: [b] } } };
}

const DATES = ['2024-02-29', '2021-03-09', '', '2023-02-29', '2024-13-01'];

function valueFor(name: string, pools: Pools, predefined: readonly string[]): fc.Arbitrary<string> {
  const meaningful = pools[name] ?? (/date|created/.test(name) ? DATES : []);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...meaningful, ...predefined, '', 'text'), weight: 4 },
    { arbitrary: predefined.length ? fc.subarray([...predefined], { minLength: 1 }).map((v) => v.join(',')) : fc.constant(''), weight: 1 },
    { arbitrary: fc.string(), weight: 1 },
    { arbitrary: fc.oneof(fc.integer().map(String), fc.double().map(String)), weight: 1 },
    { arbitrary: fc.constantFrom('[', '["FLIGHT_RISK"]', '["a"]', '{"a":1}', 'true', 'null', 'undefined', '-1', '0', '1e9'), weight: 1 },
  );
}

/** Each declared argument present most of the time, and now and then an argument the command does not know. */
function argsFor(command: string, pools: Pools): fc.Arbitrary<Args> {
  const known = Object.fromEntries(
    Object.entries(registry.get(command).definition.args).map(([name, spec]) => {
      const predefined = 'predefined' in spec && spec.predefined ? spec.predefined : [];
      return [name, fc.option(valueFor(name, pools, predefined), { freq: 5, nil: undefined })];
    }),
  );
  const junk = fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string(), { minKeys: 1, maxKeys: 2 }), { freq: 5, nil: {} });
  return fc.tuple(fc.record(known), junk).map(([args, extra]) => ({ ...extra, ...Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) }) as Args);
}

/** Where a command runs in this property, with its known-good arguments and the values worth trying. */
interface Backend {
  run(args: Args): Promise<Entry[]>;
  example: Args;
  pools: Pools;
  numRuns: number;
  close(): Promise<void>;
}

async function backendFor(command: string): Promise<Backend> {
  if (command in ON_FAKE) {
    return { run: (args) => runnerFor(seededFake())(command, args), example: ON_FAKE[command], pools: FAKE_POOLS, numRuns: 80, close: () => Promise.resolve() };
  }
  if (command in ON_SIMULATOR) {
    const s = await startSimulated();
    const room = warRoom(s.sim);
    return { run: (args) => s.run(command, args, room), example: ON_SIMULATOR[command](s.sim), pools: simulatorPools(s.sim), numRuns: 40, close: () => s.close() };
  }
  throw new Error(`${command} has no known-good arguments: add them to ON_FAKE or ON_SIMULATOR.`);
}

describe.each(loadCommands().map((c) => c.name))('%s with random arguments', (command) => {
  // Only a command that writes XSOAR's File context answers with file entries.
  const entryTypes: number[] = registry.get(command).definition.outputs?.prefix === 'File' ? [EntryType.note, EntryType.error, EntryType.file] : [EntryType.note, EntryType.error];
  let backend: Backend | undefined;
  afterEach(() => backend?.close());

  test('returns entries, each a result or one clear error, never a stack trace', async () => {
    backend = await backendFor(command);
    const { run, example, pools, numRuns } = backend;
    let successes = 0;
    await fc.assert(
      fc.asyncProperty(argsFor(command, pools), async (args) => {
        const entries = await run(args);
        expect(entries.length).toBeGreaterThan(0);
        if (entries.every((entry) => entry.Type !== EntryType.error)) successes++;
        for (const entry of entries) {
          expect(entryTypes).toContain(entry.Type);
          const text = `${typeof entry.Contents === 'string' ? entry.Contents : JSON.stringify(entry.Contents)}\n${entry.HumanReadable ?? ''}`;
          expect(text).not.toMatch(/\n\s{4}at /);
          expect(text).not.toContain('[object Object]');
          if (entry.Type === EntryType.error) {
            expect(entry.Contents).toMatch(new RegExp(`^Failed to execute command ${command} command\\. Error: \\S`));
            expect(entry.Contents).not.toContain('Internal error');
          }
        }
      }),
      { numRuns, examples: [[example]] },
    );
    // At least the known-good example must get through the argument checks and the handler.
    expect(successes).toBeGreaterThan(0);
  });
});
