// The schema, as numbered migrations applied in order, each once, recorded in schema_migrations. A migration
// is never edited after release: a change is a new one. Every replica migrates on start; an advisory lock
// makes the first one do it while the others wait and then find nothing left to do. A database migrated by
// a newer code42-soar (a version this code does not know) is refused rather than used with the wrong shape.
import type { Database, Queryable } from './database';
import { DatabaseError } from './database-settings';

/** Everything lives in one schema, so the tables cannot collide with anything else in the database. */
export const SCHEMA = 'code42_soar';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'incidents, checkpoints, leases and the webhook outbox',
    sql: `
      CREATE TABLE ${SCHEMA}.incidents (
        session_id text PRIMARY KEY,
        -- Store order, for paging GET /v1/incidents as the JSONL file pages by line.
        position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        -- json, not jsonb: the incident is kept byte for byte as it was fetched (key order included).
        incident json NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ${SCHEMA}.checkpoints (
        name text PRIMARY KEY,
        last_run json NOT NULL,
        -- Bumped by every commit: a run commits only on the version it read.
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ${SCHEMA}.leases (
        name text PRIMARY KEY,
        holder text NOT NULL,
        -- Bumped whenever the lease changes hands.
        token bigint NOT NULL,
        acquired_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE TABLE ${SCHEMA}.outbox (
        session_id text NOT NULL REFERENCES ${SCHEMA}.incidents (session_id),
        -- The webhook, as printed (no credentials): replicas deliver only what is meant for their webhook.
        destination text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- A delivery in progress: others leave the row alone until then (the claimant may have died).
        claimed_until timestamptz,
        delivered_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, destination)
      );
      CREATE INDEX outbox_due ON ${SCHEMA}.outbox (destination, next_attempt_at) WHERE delivered_at IS NULL;
    `,
  },
  {
    version: 2,
    name: 'the Code42 request budget shared by replicas',
    sql: `
      CREATE TABLE ${SCHEMA}.request_budget (
        client text PRIMARY KEY,
        -- One entry per request of the current window (database clock): when its answer began, or, while it
        -- is in flight, the latest moment its answer can begin (a replica that dies mid-request leaves a slot
        -- that frees itself). Unordered.
        slots timestamptz[] NOT NULL DEFAULT '{}',
        -- Code42 answered 429 with Retry-After: nobody sends before this.
        paused_until timestamptz NOT NULL DEFAULT '-infinity'
      );
      -- A grant: wait_ms 0 and the slot to release once the answer begins; else wait_ms to wait. The row lock
      -- serializes replicas, and the clock is read after taking it, so no two replicas count one free slot.
      CREATE FUNCTION ${SCHEMA}.take_request_budget(
        p_client text, p_requests integer, p_window_ms integer, p_in_flight_ms integer, p_retry_ms integer,
        OUT wait_ms integer, OUT slot timestamptz
      ) LANGUAGE plpgsql AS $$
      DECLARE
        v_slots timestamptz[];
        v_paused timestamptz;
        v_now timestamptz;
        v_free timestamptz;
        v_window interval := make_interval(secs => p_window_ms / 1000.0);
      BEGIN
        INSERT INTO ${SCHEMA}.request_budget (client) VALUES (p_client) ON CONFLICT (client) DO NOTHING;
        SELECT slots, paused_until INTO v_slots, v_paused FROM ${SCHEMA}.request_budget WHERE client = p_client FOR UPDATE;
        v_now := clock_timestamp();
        IF v_paused > v_now THEN
          wait_ms := greatest(1, ceil(extract(epoch FROM v_paused - v_now) * 1000));
          RETURN;
        END IF;
        v_slots := ARRAY(SELECT t FROM unnest(v_slots) AS t WHERE t > v_now - v_window ORDER BY t);
        IF cardinality(v_slots) >= p_requests THEN
          -- Full: wait until enough of the earliest slots have left the window. When that slot is still in
          -- flight its answer is due any moment (and moves it), so ask again soon instead.
          v_free := v_slots[cardinality(v_slots) - p_requests + 1];
          wait_ms := CASE WHEN v_free > v_now THEN p_retry_ms ELSE greatest(1, ceil(extract(epoch FROM v_free + v_window - v_now) * 1000)) END;
          RETURN;
        END IF;
        wait_ms := 0;
        slot := v_now + make_interval(secs => p_in_flight_ms / 1000.0);
        UPDATE ${SCHEMA}.request_budget SET slots = v_slots || slot WHERE client = p_client;
      END $$;
      -- The answer to a granted request began: its slot's window starts now.
      CREATE FUNCTION ${SCHEMA}.release_request_budget(p_client text, p_slot timestamptz) RETURNS void LANGUAGE sql AS $$
        UPDATE ${SCHEMA}.request_budget SET slots = array_replace(slots, p_slot, clock_timestamp()) WHERE client = p_client;
      $$;
    `,
  },
];

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: Date;
}

export interface MigrationStatus {
  applied: AppliedMigration[];
  pending: Migration[];
}

/** An arbitrary constant naming "migrating code42-soar's schema" among advisory locks. */
const MIGRATION_LOCK = 4_204_200_001;
const LATEST = MIGRATIONS[MIGRATIONS.length - 1].version;

async function appliedMigrations(db: Queryable): Promise<AppliedMigration[]> {
  const exists = await db.query<{ present: boolean }>(`SELECT to_regclass('${SCHEMA}.schema_migrations') IS NOT NULL AS present`);
  if (!exists.rows[0].present) return [];
  const { rows } = await db.query<{ version: number; name: string; applied_at: Date }>(`SELECT version, name, applied_at FROM ${SCHEMA}.schema_migrations ORDER BY version`);
  return rows.map((r) => ({ version: r.version, name: r.name, appliedAt: r.applied_at }));
}

function refuseNewer(applied: AppliedMigration[], latest: number, description: string): void {
  const newest = applied.at(-1)?.version ?? 0;
  if (newest > latest) {
    throw new DatabaseError(
      `The database ${description} has schema version ${newest}, newer than this code42-soar knows (${latest}); upgrade code42-soar before pointing it at this database.`,
    );
  }
}

export async function migrationStatus(db: Database): Promise<MigrationStatus> {
  const applied = await appliedMigrations(db);
  refuseNewer(applied, LATEST, db.description);
  const done = new Set(applied.map((m) => m.version));
  return { applied, pending: MIGRATIONS.filter((m) => !done.has(m.version)) };
}

const migrated = new WeakMap<Database, Promise<Migration[]>>();

/**
 * migrate() once per connection pool, when first needed: a replica started while the database was down
 * serves commands meanwhile and migrates when it is back. A failure is forgotten, so the next call retries.
 */
export function migrateOnce(db: Database): Promise<Migration[]> {
  let done = migrated.get(db);
  if (!done) {
    done = migrate(db).catch((error: unknown) => {
      migrated.delete(db);
      throw error;
    });
    migrated.set(db, done);
  }
  return done;
}

/** Applies every pending migration in one transaction; returns those applied (none when up to date). */
export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<Migration[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = await appliedMigrations(tx);
    refuseNewer(applied, migrations.at(-1)?.version ?? 0, db.description);
    const done = new Set(applied.map((m) => m.version));
    const pending = migrations.filter((m) => !done.has(m.version));
    for (const migration of pending) {
      await tx.query(migration.sql);
      await tx.query(`INSERT INTO ${SCHEMA}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    }
    return pending;
  });
}
