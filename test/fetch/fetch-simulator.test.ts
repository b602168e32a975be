// fetch-incidents end to end: real HTTP to the simulator's demo tenant through the real client.
import { fetchIncidents } from '../../src/fetch/fetch-incidents';
import type { LastRun } from '../../src/fetch/last-run';
import { useSimulated } from '../support/simulator';

describe('fetch-incidents against the simulator', () => {
  const demo = useSimulated();

  it('emits every open alert of the demo tenant once, oldest first, over several runs', async () => {
    const open = demo.sim.tenant.alerts.all().filter((alert) => alert.state === 'OPEN');
    const emitted: string[] = [];
    let lastRun: LastRun = {};
    for (let run = 0; run < 20; run++) {
      const result = await fetchIncidents(demo.client, { first_fetch: '30 days', max_fetch: '7' }, lastRun, new Date());
      if (result.incidents.length === 0) break;
      emitted.push(...result.incidents.map((incident) => incident.dbotMirrorId));
      lastRun = result.lastRun;
    }
    expect(open.length).toBeGreaterThan(7);
    expect(emitted).toEqual(open.map((alert) => alert.id));
  });

  it('builds incidents with the details, risk summary and file events the alert observed', async () => {
    const alert = demo.sim.tenant.alerts.all().find((a) => a.state === 'OPEN' && (a.observations[0]?.eventIds?.length ?? 0) > 0)!;
    const lastRun = { last_fetch: Date.parse(alert.createdAt) - 1, last_fetched_ids: [], last_fetched_times: [] };
    const { incidents } = await fetchIncidents(demo.client, { include_files: true, max_fetch: 1, fetch_lookback: 0 }, lastRun, new Date());
    const raw = JSON.parse(incidents[0].rawJSON) as Record<string, unknown> & { fileevents: { event: { id: string } }[] };
    expect(incidents[0].dbotMirrorId).toBe(alert.id);
    expect(raw).toMatchObject({ alertId: alert.id, fileevents_version: 2, alertUrl: demo.client.alertUrl(alert.id) });
    expect(raw.risksummary).toMatch(/^\d+ [A-Z_]+ events:/);
    expect(raw.fileevents.map((event) => event.event.id).sort()).toEqual([...new Set(alert.observations.flatMap((o) => o.eventIds ?? []))].sort());
  });
});
