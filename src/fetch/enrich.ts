// Names a session may not carry, looked up without N+1 (issue 12). The XSOAR 6.x integration made one actor
// call and one call per rule for every session; here a session's own `actorName` and `triggeredAlerts[].ruleName`
// (Code42 sends them since 2026-06) are used when present, otherwise each distinct actor is looked up once —
// remembered across runs in a bounded cache — and the rules are listed once per run.
import type { Code42Api, Session } from '../code42/api';
import { Code42NotFoundError } from '../code42/errors';
import type { Enrichment } from './incident';

/** Actors looked up at once; the client's request budget paces them further. */
export const LOOKUP_CONCURRENCY = 8;
/** Actor names remembered across runs (least recently used forgotten first). */
export const ACTOR_CACHE_SIZE = 10_000;

/** Actor id -> name (null: Code42 does not know the actor), least recently used first. */
export class ActorNameCache {
  private readonly names = new Map<string, string | null>();

  constructor(readonly capacity = ACTOR_CACHE_SIZE) {}

  get size(): number {
    return this.names.size;
  }

  get(actorId: string): string | null | undefined {
    const name = this.names.get(actorId);
    if (name !== undefined) {
      this.names.delete(actorId);
      this.names.set(actorId, name);
    }
    return name;
  }

  set(actorId: string, name: string | null): void {
    this.names.delete(actorId);
    this.names.set(actorId, name);
    if (this.names.size > this.capacity) this.names.delete(this.names.keys().next().value!);
  }
}

/** Runs `work` over `items`, at most `limit` at a time; rejects with the first failure. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const present = (name: string | null | undefined): name is string => typeof name === 'string' && name !== '';

export type EnrichClient = Pick<Code42Api, 'actors' | 'alertRules'>;

/**
 * The enrichment of each session, in order. An actor or rule Code42 no longer knows (404) is left out, as the
 * 6.x integration skips a deleted rule; any other failure fails the run (which then advances nothing).
 */
export async function enrichSessions(client: EnrichClient, sessions: readonly Session[], cache: ActorNameCache): Promise<Enrichment[]> {
  const missingActors = [...new Set(sessions.filter((s) => !present(s.actorName) && cache.get(s.actorId) === undefined).map((s) => s.actorId))];
  await eachLimited(missingActors, LOOKUP_CONCURRENCY, async (actorId) => {
    try {
      cache.set(actorId, (await client.actors.byId(actorId)).name);
    } catch (error) {
      if (!(error instanceof Code42NotFoundError)) throw error;
      cache.set(actorId, null);
    }
  });
  const needRules = sessions.some((s) => s.triggeredAlerts.some((alert) => !present(alert.ruleName)));
  const ruleNames = needRules ? new Map((await client.alertRules.list()).map((rule) => [rule.id, rule.name])) : new Map<string, string>();
  return sessions.map((session) => {
    const names: string[] = [];
    for (const alert of session.triggeredAlerts) {
      const name = present(alert.ruleName) ? alert.ruleName : ruleNames.get(alert.ruleId);
      if (present(name) && !names.includes(name)) names.push(name);
    }
    const actor = present(session.actorName) ? session.actorName : (cache.get(session.actorId) ?? undefined);
    return { actor, ruleNames: names };
  });
}
