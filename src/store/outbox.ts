// Webhook deliveries from the outbox: rows written in the same transaction as their incidents, read only
// after that commit, and marked done one by one once the webhook answered 2xx. Every replica delivers (the
// leaseholder may die right after its commit); a row is claimed for a while before it is posted, so two
// replicas do not post it at once, and a claimant that dies leaves a claim that simply runs out. A failed
// post is retried with exponential backoff. So every incident reaches the webhook at least once, and always
// under the same Idempotency-Key (its session id, which the webhook sink sends): a receiver that honours
// the key keeps one copy even when a crash between the post and the mark makes it arrive twice.
import type { Logger } from 'pino';
import type { Incident } from '../fetch/incident';
import type { IncidentSink } from '../fetch/sink';
import type { Database } from './database';
import { reasonOf } from './database-settings';
import { SCHEMA } from './migrations';

export interface OutboxOptions {
  /** The webhook (its description is the outbox's destination key). */
  sink: IncidentSink;
  /** How often to look for due deliveries when nothing prompts it. Default 5 s. */
  pollMs?: number;
  /** Rows claimed per round (posted one after another; a replica that dies strands at most these). Default 10. */
  batch?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs. Default 1 s. */
  backoffMs?: number;
  /** Default 5 minutes. */
  maxBackoffMs?: number;
  /**
   * How long a claim keeps other replicas off a row, and so how long the rows of a replica that died stay
   * stranded. Default 15 s: a round of posts normally ends well within it; one that does not may be posted
   * again by another replica, which the Idempotency-Key makes harmless.
   */
  claimMs?: number;
  logger?: Logger;
}

export interface OutboxRound {
  delivered: number;
  failed: number;
}

export interface OutboxCounts {
  pending: number;
  delivered: number;
}

/** Sends what the outbox holds for one webhook, in rounds: on a timer, and at once when kicked. */
export class OutboxDeliverer {
  private readonly options: Required<Omit<OutboxOptions, 'logger'>> & Pick<OutboxOptions, 'logger'>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<OutboxRound>;
  private again = false;
  private started = false;

  constructor(
    private readonly db: Database,
    options: OutboxOptions,
  ) {
    this.options = { pollMs: 5_000, batch: 10, backoffMs: 1_000, maxBackoffMs: 300_000, claimMs: 15_000, ...options };
  }

  get destination(): string {
    return this.options.sink.description;
  }

  /** Delivers due rows now and then every pollMs until stop(). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.kick();
  }

  /**
   * A round as soon as the one in progress ends (called after a commit queued new rows). Only once started:
   * a one-shot process delivers with drain() and counts what it posted, with no round of its own beside it.
   */
  kick(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.deliverDue()
      .catch((error: unknown) => {
        this.options.logger?.warn({ error: reasonOf(error) }, `[Outbox] Could not read the webhook outbox: ${reasonOf(error)}; retrying.`);
        return { delivered: 0, failed: 0 };
      })
      .finally(() => {
        this.running = undefined;
        if (!this.started) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.timer = setTimeout(() => this.kick(), this.options.pollMs);
      });
  }

  /** Stops the timer and waits for the round in progress. */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round: claims due rows (skipping rows another replica has locked or claimed) and posts each. */
  async deliverDue(): Promise<OutboxRound> {
    const { sink, batch, claimMs, logger } = this.options;
    const { rows } = await this.db.query<{ session_id: string; attempts: number; incident: string }>(
      `UPDATE ${SCHEMA}.outbox AS o SET claimed_until = now() + make_interval(secs => $3 / 1000.0), attempts = o.attempts + 1
       FROM (
         SELECT session_id FROM ${SCHEMA}.outbox
         WHERE destination = $1 AND delivered_at IS NULL AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until <= now())
         ORDER BY next_attempt_at, session_id LIMIT $2
         FOR UPDATE SKIP LOCKED
       ) AS due, ${SCHEMA}.incidents AS i
       WHERE o.destination = $1 AND o.session_id = due.session_id AND i.session_id = o.session_id
       RETURNING o.session_id, o.attempts, i.incident::text AS incident`,
      [this.destination, batch, claimMs],
    );
    const round: OutboxRound = { delivered: 0, failed: 0 };
    for (const row of rows) {
      try {
        await sink.deliver([JSON.parse(row.incident) as Incident]);
      } catch (error) {
        round.failed++;
        const retryMs = Math.min(this.options.backoffMs * 2 ** (row.attempts - 1), this.options.maxBackoffMs);
        const reason = (error as Error).message;
        logger?.warn({ session: row.session_id, attempts: row.attempts, retryMs }, `[Outbox] ${reason} Retrying in ${Math.round(retryMs / 1000)} s.`);
        await this.db.query(
          `UPDATE ${SCHEMA}.outbox SET claimed_until = NULL, last_error = $3, next_attempt_at = now() + make_interval(secs => $4 / 1000.0) WHERE session_id = $1 AND destination = $2`,
          [row.session_id, this.destination, reason, retryMs],
        );
        continue;
      }
      round.delivered++;
      await this.db.query(`UPDATE ${SCHEMA}.outbox SET delivered_at = now(), claimed_until = NULL, last_error = NULL WHERE session_id = $1 AND destination = $2`, [
        row.session_id,
        this.destination,
      ]);
    }
    // A full batch means more may be due: go on without waiting for the timer.
    if (rows.length === batch) this.again = true;
    return round;
  }

  /**
   * Rounds until nothing is due: for a one-shot process (`code42-soar fetch`) that has no timer to come back.
   * A failed post is not due again until its backoff has passed, so this ends.
   */
  async drain(): Promise<OutboxRound> {
    const total: OutboxRound = { delivered: 0, failed: 0 };
    for (;;) {
      const round = await this.deliverDue();
      total.delivered += round.delivered;
      total.failed += round.failed;
      if (round.delivered + round.failed < this.options.batch) return total;
    }
  }

  async counts(): Promise<OutboxCounts> {
    const { rows } = await this.db.query<{ pending: string; delivered: string }>(
      `SELECT count(*) FILTER (WHERE delivered_at IS NULL) AS pending, count(*) FILTER (WHERE delivered_at IS NOT NULL) AS delivered FROM ${SCHEMA}.outbox WHERE destination = $1`,
      [this.destination],
    );
    return { pending: Number(rows[0].pending), delivered: Number(rows[0].delivered) };
  }
}
