// What a session says once its lists are read: the newest entry of a timestamped list, the score that stands
// for the session, and its state. fetch-incidents and the alert commands both read sessions; they read them
// here, so an incident and the war room never disagree on a session's severity or state.
import type { Session, SessionScore } from './api';

/** The newest entry by sourceTimestamp; of equal ones the last listed (Code42 appends). */
export function latestEntry<T extends { sourceTimestamp: number }>(items: readonly T[]): T | undefined {
  let newest: T | undefined;
  for (const item of items) if (!newest || item.sourceTimestamp >= newest.sourceTimestamp) newest = item;
  return newest;
}

/**
 * The score that decides severity and occurred: the highest severity, then the highest score; of equal ones
 * the earliest, when the session first got there (decided here: the sources only say "the highest score").
 */
export function highestScore(scores: readonly SessionScore[]): SessionScore | undefined {
  let best: SessionScore | undefined;
  for (const score of scores) {
    if (
      !best ||
      score.severity > best.severity ||
      (score.severity === best.severity && (score.score > best.score || (score.score === best.score && score.sourceTimestamp < best.sourceTimestamp)))
    ) {
      best = score;
    }
  }
  return best;
}

/** The newest states[] entry's `state`, as the XSOAR integration 6.x reported it (raw alerts, rawJSON). */
export const latestState = (session: Session): string | undefined => latestEntry(session.states)?.state;

/** The session's state now: the newest entry's stateV2 (Code42's current field), else its state. */
export function currentState(session: Session): string | undefined {
  const entry = latestEntry(session.states);
  return entry ? (entry.stateV2 ?? entry.state) : undefined;
}
