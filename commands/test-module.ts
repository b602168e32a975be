// XSOAR's Test button (xsoar-conventions.md §3.8): exactly `ok`, or the sentence that says what is wrong.
import { defineCommand } from '../src/command';

export const testModule = defineCommand({
  name: 'test-module',
  description: 'Checks the Code42 connection: gets an access token and makes one authenticated call.',
  kind: 'read',
  reserved: true,
  args: {},
  async handler({ code42 }) {
    // A failure is a Code42Error whose sentence the registry turns into the error entry.
    await code42.checkConnection();
    return { readable: 'ok', raw: 'ok' };
  },
});
