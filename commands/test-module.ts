// XSOAR's Test button (xsoar-conventions.md §3.8): exactly `ok`, or the sentence that says what is wrong.
import { withDeadline } from '../src/code42/deadline';
import { defineCommand } from '../src/command';

/** The Test button waits for an answer: a tenant that does not answer in this time is reported as such. */
const TEST_DEADLINE_MS = 10_000;

export const testModule = defineCommand({
  name: 'test-module',
  description: 'Checks the Code42 connection within 10 seconds: gets an access token and makes one authenticated call.',
  kind: 'read',
  reserved: true,
  args: {},
  async handler({ code42 }) {
    // A failure (wrong secret, unreachable host, the deadline) is a Code42Error whose sentence the registry turns into the error entry.
    await withDeadline(TEST_DEADLINE_MS, () => code42.checkConnection());
    return { readable: 'ok', raw: 'ok' };
  },
});
