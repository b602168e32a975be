// Whatever arguments a playbook or a person sends, these commands answer with entries — a result or one
// Type 4 sentence — never an exception, a stack trace or "[object Object]".
import fc from 'fast-check';
import { EntryType } from '../../src/xsoar/entry';
import { demoState, fakeCode42 } from './support/fake-code42';
import { registry, runnerFor } from './support/run';

/** Each command with arguments that succeed against `seededFake`, run first so every property reaches its handler. */
const SUCCEEDING: Record<string, Record<string, string>> = {
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

/** Per argument name, values that reach the handlers: known and unknown users, alerts, watchlists, dates. */
const MEANINGFUL: Record<string, string[]> = {
  username: ['alice@example.com', 'bob@example.com', 'nobody@example.com'],
  id: ['alert-1', 'no-such-alert'],
  watchlist: ['Contractors', 'DEPARTING_EMPLOYEE', '1c7dd799-1aa0-4f3a-bae8-1d3242fc2af6', 'NEW_EMPLOYEE'],
  note: ['flight risk', 'x'.repeat(2001)],
};
const DATES = ['2024-02-29', '2021-03-09', '', '2023-02-29', '2024-13-01'];

function valueFor(name: string, predefined: readonly string[]): fc.Arbitrary<string> {
  const meaningful = MEANINGFUL[name] ?? (/date|created/.test(name) ? DATES : ['', 'text']);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...meaningful, ...predefined), weight: 4 },
    { arbitrary: predefined.length ? fc.subarray([...predefined], { minLength: 1 }).map((v) => v.join(',')) : fc.constant(''), weight: 1 },
    { arbitrary: fc.string(), weight: 1 },
    { arbitrary: fc.oneof(fc.integer().map(String), fc.double().map(String)), weight: 1 },
    { arbitrary: fc.constantFrom('[', '["FLIGHT_RISK"]', '{"a":1}', 'true', 'null', 'undefined', '-1', '0', '1e9'), weight: 1 },
  );
}

/** Each declared argument present most of the time, and now and then an argument the command does not know. */
function argsFor(command: string): fc.Arbitrary<Record<string, string>> {
  const schema = registry.get(command).definition.args;
  const known = Object.fromEntries(
    Object.entries(schema).map(([name, spec]) => [name, fc.option(valueFor(name, 'predefined' in spec && spec.predefined ? spec.predefined : []), { freq: 5, nil: undefined })]),
  );
  const junk = fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string(), { minKeys: 1, maxKeys: 2 }), { freq: 5, nil: {} });
  return fc
    .tuple(fc.record(known), junk)
    .map(([args, extra]) => ({ ...extra, ...Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) }) as Record<string, string>);
}

describe.each(Object.keys(SUCCEEDING))('%s with random arguments', (command) => {
  test('returns entries, each a result or one clear error, never a stack trace', async () => {
    let successes = 0;
    await fc.assert(
      fc.asyncProperty(argsFor(command), async (args) => {
        const entries = await runnerFor(seededFake())(command, args);
        expect(entries.length).toBeGreaterThan(0);
        if (entries.every((entry) => entry.Type === EntryType.note)) successes++;
        for (const entry of entries) {
          expect([EntryType.note, EntryType.error]).toContain(entry.Type);
          const text = `${typeof entry.Contents === 'string' ? entry.Contents : JSON.stringify(entry.Contents)}\n${entry.HumanReadable ?? ''}`;
          expect(text).not.toMatch(/\n\s{4}at /);
          expect(text).not.toContain('[object Object]');
          if (entry.Type === EntryType.error) {
            expect(entry.Contents).toMatch(new RegExp(`^Failed to execute command ${command} command\\. Error: \\S`));
            expect(entry.Contents).not.toContain('Internal error');
          }
        }
      }),
      { numRuns: 80, examples: [[SUCCEEDING[command]]] },
    );
    // At least the known-good example must get through the argument checks and the handler.
    expect(successes).toBeGreaterThan(0);
  });
});
