// Which replica fetches: a row naming the holder, with an expiry on the database's clock (replicas' clocks
// may disagree; the database's is the one clock they share). The holder renews it while alive; when it dies
// the row simply expires and the next replica to ask takes it, so failover takes at most the lease time
// plus one fetch interval. The lease only keeps replicas from fetching the same window (and spending the
// shared Code42 budget twice): correctness does not depend on it, because a run commits only on the
// checkpoint version it read (fetch-store.ts), so even a holder that paused past its expiry and woke up
// cannot store or advance anything another replica has already moved past.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Database } from './database';
import { SCHEMA } from './migrations';

export interface LeaseGrant {
  holder: string;
  /** Bumped whenever the lease changes hands. */
  token: number;
  expiresAt: Date;
}

export interface LeaseHolding {
  holder: string;
  token: number;
  expiresAt: Date;
  acquiredAt: Date;
}

/** A name for this process that no other process, here or on another machine, shares. */
export function replicaName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export class Lease {
  constructor(
    private readonly db: Database,
    readonly name: string,
    readonly holder: string,
    readonly ttlMs: number,
  ) {
    if (!(ttlMs >= 1)) throw new RangeError(`A lease needs a positive time to live, got ${ttlMs} ms.`);
  }

  /**
   * Takes the lease if it is free or expired, renews it if this replica holds it; one statement either way.
   * Returns the grant, or undefined while another replica holds it.
   */
  async acquire(): Promise<LeaseGrant | undefined> {
    const { rows } = await this.db.query<{ token: string; expires_at: Date }>(
      `INSERT INTO ${SCHEMA}.leases AS l (name, holder, token, acquired_at, expires_at)
       VALUES ($1, $2, 1, now(), now() + make_interval(secs => $3 / 1000.0))
       ON CONFLICT (name) DO UPDATE SET
         holder = EXCLUDED.holder,
         token = CASE WHEN l.holder = EXCLUDED.holder THEN l.token ELSE l.token + 1 END,
         acquired_at = CASE WHEN l.holder = EXCLUDED.holder THEN l.acquired_at ELSE now() END,
         expires_at = EXCLUDED.expires_at
       WHERE l.holder = EXCLUDED.holder OR l.expires_at <= now()
       RETURNING token, expires_at`,
      [this.name, this.holder, this.ttlMs],
    );
    return rows.length === 0 ? undefined : { holder: this.holder, token: Number(rows[0].token), expiresAt: rows[0].expires_at };
  }

  /** Gives the lease up (if held) so another replica can take it at its next tick rather than at expiry. */
  async release(): Promise<void> {
    await this.db.query(`UPDATE ${SCHEMA}.leases SET expires_at = now() WHERE name = $1 AND holder = $2`, [this.name, this.holder]);
  }

  /** Who holds the lease now (undefined when nobody does or it expired). */
  async current(): Promise<LeaseHolding | undefined> {
    const { rows } = await this.db.query<{ holder: string; token: string; expires_at: Date; acquired_at: Date }>(
      `SELECT holder, token, expires_at, acquired_at FROM ${SCHEMA}.leases WHERE name = $1 AND expires_at > now()`,
      [this.name],
    );
    return rows.length === 0 ? undefined : { holder: rows[0].holder, token: Number(rows[0].token), expiresAt: rows[0].expires_at, acquiredAt: rows[0].acquired_at };
  }
}
