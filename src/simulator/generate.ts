// Generators for file events and alerting sessions: the demo seed uses them (about 200 events, 40 sessions)
// and so do large tenants (`sessions: 10000` for the fetch bench). Every value comes from a seeded Random, so
// the same seed and clock give the same tenant.
import { VECTORS } from './events';
import { SESSION_STATES } from './model';
import type { Random } from './random';
import type { SessionInput, Tenant } from './tenant';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from './time';

/** `count` file events outside any session, over the last `days` days, by active actors. */
export function generateFileEvents(tenant: Tenant, rng: Random, count: number, days = 7): void {
  const actors = tenant.actors.filter((a) => a.active && a.userId !== null);
  if (actors.length === 0 || count === 0) return;
  const now = tenant.now();
  const docs = Array.from({ length: count }, () => tenant.buildEvent(rng, rng.pick(actors), now - MS_PER_MINUTE - rng.int(days * MS_PER_DAY), rng.pick(VECTORS)));
  tenant.addFileEvents(docs);
}

const LATER_STATES = SESSION_STATES.filter((s) => s !== 'OPEN' && s !== 'OPEN_NEW_DATA');

/**
 * The inputs of `count` alerting sessions that began over the last `days` days, oldest first:
 * - every severity from LOW to CRITICAL, and most states (4 in 7 stay OPEN);
 * - every fifth session's first alert lands 1-6 hours after it began (a late alert);
 * - every tenth session and the two after it share one firstObserved (ties that paging must handle);
 * - 1-3 file events each, mostly by the people on watchlists (child actors now and then);
 * - one in 23 is an ACCOUNT_TAKE_OVER session.
 */
export function sessionInputs(tenant: Tenant, rng: Random, count: number, days = 3): SessionInput[] {
  const parents = tenant.actors.filter((a) => a.active && a.userId !== null && a.parentActorId === null);
  const watched = parents.filter((a) => tenant.watchlistsOf(a).length > 0);
  const children = tenant.actors.filter((a) => a.active && a.parentActorId !== null);
  if (parents.length === 0 || count === 0) return [];
  const now = tenant.now();
  const span = days * MS_PER_DAY;
  const inputs: SessionInput[] = [];
  let shared = 0;
  for (let i = 0; i < count; i++) {
    const pool = i % 9 === 4 && children.length > 0 ? children : i % 4 === 3 || watched.length === 0 ? parents : watched;
    const actor = rng.pick(pool);
    const late = i % 5 === 2 ? rng.between(1, 6) * MS_PER_HOUR : rng.between(1, 10) * MS_PER_MINUTE;
    // Oldest first, evenly spread with jitter; the latest alert lands a little before now.
    const slot = Math.floor((span * i) / count);
    let firstObserved = now - span + slot + rng.int(Math.max(1, Math.floor(span / count))) - MS_PER_MINUTE;
    if (i % 10 === 1 || i % 10 === 2) firstObserved = shared;
    if (i % 10 === 0) shared = firstObserved;
    const beginTime = firstObserved - late;
    const state = i % 7 < 4 ? 'OPEN' : LATER_STATES[i % LATER_STATES.length];
    inputs.push({
      actorId: actor.actorId,
      beginTime,
      endTime: beginTime + Math.min(late, rng.between(1, 20) * MS_PER_MINUTE),
      firstObserved,
      severity: 1 + (i % 4),
      state,
      type: i % 23 === 11 ? 'ACCOUNT_TAKE_OVER' : 'STANDARD',
      events: 1 + (i % 3),
      contentInspection: i % 11 === 0 ? { status: 'FOUND', detectedOnAlerts: ['PII'] } : undefined,
    });
  }
  return inputs;
}

export function generateSessions(tenant: Tenant, rng: Random, count: number, days = 3): void {
  tenant.addSessions(sessionInputs(tenant, rng, count, days));
}

/** One new alerting session per this much idle time when a saved tenant is loaded again. */
export const ARRIVAL_INTERVAL_MS = 90 * MS_PER_MINUTE;
export const MAX_ARRIVALS = 40;

/**
 * A saved demo tenant loaded after a while gets the alerting sessions that would have arrived meanwhile (one
 * per 90 minutes since the latest first alert, at most 40, spread over the idle time), so a fetch run days
 * later still finds new incidents. Returns how many arrived.
 */
export function generateArrivals(tenant: Tenant): number {
  const latest = tenant.sessions.reduce((max, s) => Math.max(max, s.firstObserved), 0);
  const idle = tenant.now() - latest;
  const count = latest === 0 ? 0 : Math.min(MAX_ARRIVALS, Math.floor(idle / ARRIVAL_INTERVAL_MS));
  if (count === 0) return 0;
  // sessionInputs spreads over whole days back from now; the idle span is what we want covered.
  tenant.addSessions(sessionInputs(tenant, tenant.random(), count, (idle - MS_PER_MINUTE) / MS_PER_DAY));
  return count;
}
