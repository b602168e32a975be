// Fetched incidents and the checkpoint in PostgreSQL, exactly once by construction: a run reads the
// checkpoint and its version, fetches, then commits in ONE transaction — the checkpoint moves only if it is
// still at the version the run read (else another replica got there first and this run changes nothing),
// the incidents go in keyed by session id (ON CONFLICT DO NOTHING: a session already held is not stored
// twice), and one outbox row per new incident records the webhook delivery still to make. A crash, a
// database outage or a lost race before COMMIT leaves all three as they were.
import type { Incident } from '../fetch/incident';
import { MAX_READ_LIMIT, type IncidentPage } from '../fetch/jsonl-sink';
import type { LastRun } from '../fetch/last-run';
import type { Database } from './database';
import { DatabaseError } from './database-settings';
import { SCHEMA } from './migrations';

/** The checkpoint row of scheduled fetching (one instance per database). */
export const FETCH_CHECKPOINT = 'fetch-incidents';

export interface Checkpoint {
  lastRun: LastRun;
  /** 0 before the first commit. */
  version: number;
}

export interface CommitRequest {
  incidents: readonly Incident[];
  lastRun: LastRun;
  /** The version the run read: the commit happens only if the checkpoint is still there. */
  basedOn: number;
  /** The webhook the new incidents are queued for (as printed), or undefined for none. */
  destination?: string;
}

export interface CommitReport {
  /** Incidents the table did not hold before. */
  delivered: number;
  /** Incidents it already held. */
  skipped: number;
  version: number;
}

/** Another replica committed since this run read the checkpoint: this run must not commit its view. */
export class CheckpointMovedError extends DatabaseError {
  constructor(readonly expected: number) {
    super(`The fetch checkpoint moved on (another replica committed a run) since this run read version ${expected}; nothing was stored and the next run starts from the new checkpoint.`);
    this.name = 'CheckpointMovedError';
  }
}

export class PgFetchStore {
  constructor(
    private readonly db: Database,
    private readonly name = FETCH_CHECKPOINT,
  ) {}

  get description(): string {
    return `PostgreSQL ${this.db.description}`;
  }

  async readCheckpoint(): Promise<Checkpoint> {
    const { rows } = await this.db.query<{ last_run: LastRun; version: string }>(`SELECT last_run, version FROM ${SCHEMA}.checkpoints WHERE name = $1`, [this.name]);
    return rows.length === 0 ? { lastRun: {}, version: 0 } : { lastRun: rows[0].last_run, version: Number(rows[0].version) };
  }

  /** Stores the run's incidents, queues their deliveries and advances the checkpoint, all or nothing. */
  async commit(request: CommitRequest): Promise<CommitReport> {
    const { incidents, lastRun, basedOn, destination } = request;
    return this.db.transaction(async (tx) => {
      // The checkpoint first: its row lock orders concurrent committers, and a loser stops before writing.
      const moved = await tx.query<{ version: string }>(
        `INSERT INTO ${SCHEMA}.checkpoints AS c (name, last_run, version) VALUES ($1, $2, $3 + 1)
         ON CONFLICT (name) DO UPDATE SET last_run = EXCLUDED.last_run, version = EXCLUDED.version, updated_at = now()
         WHERE c.version = $3
         RETURNING version`,
        [this.name, JSON.stringify(lastRun), basedOn],
      );
      if (moved.rows.length === 0) throw new CheckpointMovedError(basedOn);
      let delivered = 0;
      if (incidents.length > 0) {
        // One statement for the whole run: each incident's JSON text is stored as fetched.
        const stored = await tx.query<{ stored: string }>(
          `WITH fresh AS (
             INSERT INTO ${SCHEMA}.incidents (session_id, incident)
             SELECT e ->> 'dbotMirrorId', e FROM json_array_elements($1::json) WITH ORDINALITY AS t (e, n) ORDER BY n
             ON CONFLICT (session_id) DO NOTHING
             RETURNING session_id
           ), queued AS (
             INSERT INTO ${SCHEMA}.outbox (session_id, destination) SELECT session_id, $2 FROM fresh WHERE $2::text IS NOT NULL
           )
           SELECT count(*) AS stored FROM fresh`,
          [JSON.stringify(incidents), destination ?? null],
        );
        delivered = Number(stored.rows[0].stored);
      }
      return { delivered, skipped: incidents.length - delivered, version: Number(moved.rows[0].version) };
    });
  }

  /** Incidents in store order, `limit` of them from `offset` (clamped as the JSONL file's pages are). */
  async read(page: { offset?: number; limit?: number } = {}): Promise<IncidentPage> {
    const offset = Math.max(0, Math.trunc(page.offset ?? 0));
    const limit = Math.min(Math.max(1, Math.trunc(page.limit ?? 50)), MAX_READ_LIMIT);
    const { rows } = await this.db.query<{ total: string; incident: string | null }>(
      `SELECT (SELECT count(*) FROM ${SCHEMA}.incidents) AS total, p.incident
       FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT incident::text FROM ${SCHEMA}.incidents ORDER BY position OFFSET $1 LIMIT $2) AS p ON true`,
      [offset, limit],
    );
    const total = Number(rows[0].total);
    const incidents = rows.filter((r) => r.incident !== null).map((r) => JSON.parse(r.incident!) as Incident);
    return { total, offset: Math.min(offset, total), incidents };
  }

  /** Whether the table holds this session. */
  async has(sessionId: string): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM ${SCHEMA}.incidents WHERE session_id = $1`, [sessionId]);
    return rows.length > 0;
  }
}
