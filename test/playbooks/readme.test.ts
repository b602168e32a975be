// Each shipped playbook has a README as XSOAR's generate-docs lays it out (inputs, outputs, dependencies) with
// its Mermaid graph, and it says what `code42-soar playbook graph --readme` prints: they never drift apart.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli/playbook';
import { readText, SHIPPED_PLAYBOOKS } from '../../src/playbooks/load';
import { captureIO } from '../foundation/helpers';

const playbooks = readdirSync(SHIPPED_PLAYBOOKS).filter((file) => file.endsWith('.yml'));

test.each(playbooks)('%s has the README graph --readme prints', async (file) => {
  const io = captureIO({});
  expect(await run(['graph', join(SHIPPED_PLAYBOOKS, file), '--readme'], io)).toBe(0);
  const readme = readText(join(SHIPPED_PLAYBOOKS, file.replace(/\.yml$/, '_README.md')));
  expect(readme).toBe(io.stdout.text);
  expect(readme).toContain('## Playbook Inputs');
  expect(readme).toContain('```mermaid\nflowchart TD\n');
  expect(readme).toContain(`code42-soar playbook test --expect playbooks/tests/${file.replace(/^playbook-/, '').replace('.yml', '.test.yml')}`);
});
