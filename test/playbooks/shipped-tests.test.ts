// Every shipped playbook passes its `playbook test` expectation file (playbooks/tests/*.test.yml): the CLI's
// own test action, each case on a fresh embedded simulator with the demo tenant.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/playbook';
import { readTestFile } from '../../src/playbooks/expect';
import { SHIPPED_PLAYBOOKS } from '../../src/playbooks/load';
import { captureIO } from '../foundation/helpers';

const TESTS = join(SHIPPED_PLAYBOOKS, 'tests');
const playbookFiles = readdirSync(SHIPPED_PLAYBOOKS).filter((file) => file.endsWith('.yml'));
const testFiles = readdirSync(TESTS).filter((file) => file.endsWith('.test.yml'));

test('every shipped playbook has an expectation file', () => {
  expect(testFiles.map((file) => file.replace('.test.yml', '')).sort()).toEqual(playbookFiles.map((file) => file.replace(/^playbook-/, '').replace('.yml', '')).sort());
});

test.each(testFiles)('%s shows the playbook idempotent: a case runs it twice on one tenant', (file) => {
  expect(readTestFile(join(TESTS, file)).cases.some((testCase) => testCase.runs.length >= 2)).toBe(true);
});

test.each(testFiles)('%s passes', async (file) => {
  const io = captureIO({});
  const code = await run(['test', '--expect', join(TESTS, file)], io);
  // The readable report is the failure message: it names every mismatch.
  expect(`${io.stdout.text}${io.stderr.text}`).not.toMatch(/FAIL|refused/);
  expect(code).toBe(0);
}, 60_000);
