// A playbook that calls Jira, Active Directory and mail besides Code42 runs to completion offline: the foreign
// commands from a mocks file, Code42 from the embedded simulator (demo tenant, seed 42).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/playbook';
import { captureIO } from '../foundation/helpers';

const FIXTURES = join(__dirname, 'fixtures');
const PLAYBOOK = join(FIXTURES, 'playbook-Code42_Escalate_Alert_To_Jira.yml');
const MOCKS = join(FIXTURES, 'escalate.mocks.yml');
const directory = mkdtempSync(join(tmpdir(), 'playbook-foreign-'));
const INCIDENT = join(directory, 'incident.json');
writeFileSync(INCIDENT, JSON.stringify({ name: 'Code42 - mallory upload', CustomFields: { code42alertid: 'c2a976ec-abb1-4f45-baef-ef56f9341473', code42username: 'mallory.marketing@example.com' } }));

async function cli(...argv: string[]) {
  const io = captureIO({ CODE42_SOAR_DATA_DIR: mkdtempSync(join(directory, 'data-')), LOG_LEVEL: 'warn' });
  const code = await run(argv, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

test('with the mocks file it runs to completion, printing what each foreign command answered', async () => {
  const { code, stdout } = await cli('run', PLAYBOOK, '--mocks', MOCKS, '--incident', INCIDENT);
  expect(code).toBe(0);
  expect(stdout).toContain('== [2] Is Active Directory available? -> yes\n');
  expect(stdout).toContain('== [4] Open a Jira issue\nIssue SEC-42 was created.\n');
  expect(stdout).toContain('== [5] Mail the security team\nMail sent successfully to security-team@example.com.\n');
  expect(stdout).toContain('Playbook "Code42 - Escalate Alert To Jira" completed (9 tasks ran).\nOutputs:\n  Ticket.Key: SEC-42\n');
});

test('without it, validate and run both name the three foreign commands', async () => {
  const validated = await cli('validate', PLAYBOOK);
  const ran = await cli('run', PLAYBOOK, '--incident', INCIDENT);
  const named = ['ad-get-user of the integration "Active Directory Query v2"', 'jira-create-issue of the integration "Jira V3"', 'Task 5 (Mail the security team) runs send-mail, which is not a command of Code42 and has no mock.'];
  for (const text of named) {
    expect(validated.stderr).toContain(text);
    expect(ran.stderr).toContain(text);
  }
  expect([validated.code, ran.code]).toEqual([1, 2]);
});

test('its playbook test (mocks named in the expectation file) passes', async () => {
  const { code, stdout } = await cli('test', '--expect', join(FIXTURES, 'escalate.test.yml'));
  expect(stdout).toBe('Code42 - Escalate Alert To Jira\n  PASS the alert is escalated to Jira, the team mailed, and the key noted on the alert and the incident\n1 passed, 0 failed\n');
  expect(code).toBe(0);
});
