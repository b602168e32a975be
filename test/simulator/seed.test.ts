import { createHash } from 'node:crypto';
import { DEMO_USERNAMES } from '../../src/simulator';
import { WATCHLIST_TYPES } from '../../src/simulator/model';
import { buildDemoTenant } from '../../src/simulator/seed';
import type { Tenant } from '../../src/simulator/tenant';

const clock = () => Date.parse('2024-05-01T12:00:00.000Z');

/** Everything observable about a tenant, as plain data. */
function snapshot(tenant: Tenant): unknown {
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : Buffer.isBuffer(v) ? v.toString('base64') : v)));
  return plain({
    tenantId: tenant.tenantId,
    users: tenant.users(),
    orgs: tenant.orgs,
    watchlists: tenant.watchlists,
    departing: tenant.departing,
    highRisk: tenant.highRisk,
    alerts: tenant.alerts.all(),
    rules: tenant.rules,
    events: tenant.fileEvents(),
    files: tenant.files(),
    matters: tenant.matters,
    cases: tenant.cases,
  });
}

describe('demo seed', () => {
  test('the same seed and clock build the same tenant', () => {
    expect(snapshot(buildDemoTenant({ seed: 7, clock }))).toEqual(snapshot(buildDemoTenant({ seed: 7, clock })));
  });

  test('a different seed builds different ids', () => {
    expect(buildDemoTenant({ seed: 7, clock }).tenantId).not.toBe(buildDemoTenant({ seed: 8, clock }).tenantId);
  });

  test('the demo tenant has the documented people, lists and volumes', () => {
    const tenant = buildDemoTenant({ clock });
    expect(tenant.users().map((u) => u.username)).toEqual(DEMO_USERNAMES);
    expect(tenant.alerts.size).toBe(40);
    expect(tenant.fileEvents()).toHaveLength(200);
    expect(new Set(tenant.watchlists.map((w) => w.listType))).toEqual(new Set(WATCHLIST_TYPES));
    expect(tenant.matters).toHaveLength(2);
    expect(tenant.cases).toHaveLength(1);
    expect([tenant.departing.size, tenant.highRisk.size]).toEqual([3, 4]);
  });

  test('every observation names file events that exist', () => {
    const tenant = buildDemoTenant({ clock });
    const named = tenant.alerts.all().flatMap((a) => a.observations.flatMap((o) => o.eventIds ?? []));
    expect(named.length).toBeGreaterThan(40);
    expect(named.every((id) => tenant.fileEvent(id) !== undefined)).toBe(true);
  });

  test('file hashes in events are the real hashes of the downloadable bytes', () => {
    const tenant = buildDemoTenant({ clock });
    for (const file of tenant.files()) {
      expect(createHash('sha256').update(file.bytes).digest('hex')).toBe(file.sha256);
      expect(createHash('md5').update(file.bytes).digest('hex')).toBe(file.md5);
    }
    const hashes = tenant.fileEvents().map((e) => (e.doc.file as { hash: { sha256: string } }).hash.sha256);
    expect(hashes.every((h) => tenant.file(h) !== undefined)).toBe(true);
  });

  test('alerts are spread over the last three days', () => {
    const tenant = buildDemoTenant({ clock });
    const ages = tenant.alerts.all().map((a) => clock() - a.createdAtUs / 1000);
    expect(Math.min(...ages)).toBeGreaterThan(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(3 * 86_400_000 + 60_000);
  });
});
