import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CUSTOM_WATCHLISTS, DEMO_MATTERS, DEMO_RULES } from '../../src/simulator';
import { buildDemoTenant } from '../../src/simulator/seed';

// The README lists the demo tenant by hand; this keeps it true.
describe("the README's demo tenant", () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const tenant = buildDemoTenant({ clock: () => Date.parse('2026-05-01T00:00:00Z') });

  test.each(tenant.users.map((u) => [u.username, u]))('lists %s with its user id and actor id', (_name, user) => {
    const actorId = tenant.actorOfUser(user.userId)?.actorId;
    const row = readme.split('\n').find((line) => line.startsWith(`| ${user.username} `));
    expect(row).toContain(`| ${user.userId} |`);
    expect(row).toContain(actorId === user.userId ? '| same as user id |' : `| ${actorId}`);
  });

  test('names every custom watchlist, matter and rule', () => {
    for (const name of [...Object.values(DEMO_CUSTOM_WATCHLISTS), ...Object.values(DEMO_MATTERS), ...Object.values(DEMO_RULES)]) expect(readme).toContain(`"${name}"`);
  });
});
