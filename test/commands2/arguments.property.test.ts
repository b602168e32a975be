// Whatever arguments a playbook or a person sends these commands, against a real (simulated) Code42 they
// answer with entries — results, files or one Type 4 sentence — never an exception, a stack trace or
// "[object Object]", and never an "Internal error".
import fc from 'fast-check';
import { DEMO_CASE_NAME, DEMO_MATTERS, DEMO_USERS } from '../../src/simulator/seed';
import type { RunningSimulator } from '../../src/simulator';
import { EntryType } from '../../src/xsoar/entry';
import { registry } from '../commands/support/run';
import { type SimulatedHarness, startSimulatedHarness, type WarRoom } from './support';

type Args = Record<string, string>;

/** Each command with arguments that succeed against a fresh demo tenant; tried first so every property reaches its handler. */
const SUCCEEDING: Record<string, (sim: RunningSimulator) => Args> = {
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

/** Per argument name, values that reach the handlers: known and unknown users, matters, rules, hashes, cases. */
function meaningful(sim: RunningSimulator): Record<string, string[]> {
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

function valueFor(values: string[], predefined: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...values, ...predefined, '', 'text'), weight: 4 },
    { arbitrary: fc.string(), weight: 1 },
    { arbitrary: fc.oneof(fc.integer().map(String), fc.double().map(String)), weight: 1 },
    { arbitrary: fc.constantFrom('[', '["a"]', '{"a":1}', 'true', 'null', '-1', '0', '1e9'), weight: 1 },
  );
}

/** Each declared argument present most of the time, and now and then one the command does not know. */
function argsFor(command: string, sim: RunningSimulator): fc.Arbitrary<Args> {
  const pools = meaningful(sim);
  const known = Object.fromEntries(
    Object.entries(registry.get(command).definition.args).map(([name, spec]) => {
      const predefined = 'predefined' in spec && spec.predefined ? spec.predefined : [];
      return [name, fc.option(valueFor(pools[name] ?? [], predefined), { freq: 5, nil: undefined })];
    }),
  );
  const junk = fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string(), { minKeys: 1, maxKeys: 2 }), { freq: 6, nil: {} });
  return fc.tuple(fc.record(known), junk).map(([args, extra]) => ({ ...extra, ...Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) }) as Args);
}

/** A war room whose incident and context hold file events, for the table command. */
function warRoom(sim: RunningSimulator): WarRoom {
  const [a, b] = sim.tenant.fileEvents().map((e) => e.doc);
  return { incident: { rawJSON: JSON.stringify({ fileevents: [a, b] }) }, context: { Code42: { FileEvents: [b] } } };
}

const ENTRY_TYPES: number[] = [EntryType.note, EntryType.error, EntryType.file];

describe.each(Object.keys(SUCCEEDING))('%s with random arguments', (command) => {
  let s: SimulatedHarness;
  beforeEach(async () => {
    s = await startSimulatedHarness();
  });
  afterEach(() => s.close());

  test('returns entries, each a result, a file or one clear error, never a stack trace', async () => {
    let successes = 0;
    const room = warRoom(s.sim);
    await fc.assert(
      fc.asyncProperty(argsFor(command, s.sim), async (args) => {
        const entries = await s.run(command, args, room);
        expect(entries.length).toBeGreaterThan(0);
        if (entries.every((entry) => entry.Type !== EntryType.error)) successes++;
        for (const entry of entries) {
          expect(ENTRY_TYPES).toContain(entry.Type);
          const text = `${typeof entry.Contents === 'string' ? entry.Contents : JSON.stringify(entry.Contents)}\n${entry.HumanReadable ?? ''}`;
          expect(text).not.toMatch(/\n\s{4}at /);
          expect(text).not.toContain('[object Object]');
          if (entry.Type === EntryType.error) {
            expect(entry.Contents).toMatch(new RegExp(`^Failed to execute command ${command} command\\. Error: \\S`));
            expect(entry.Contents).not.toContain('Internal error');
          }
        }
      }),
      { numRuns: 40, examples: [[SUCCEEDING[command](s.sim)]] },
    );
    expect(successes).toBeGreaterThan(0);
  });
});
