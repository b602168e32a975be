// One typed error for everything that goes wrong talking to Code42. Its message is one readable sentence
// (what was being done, what failed, why) and never carries a secret or a token.

export type Code42ErrorKind =
  | 'http' // Code42 answered with an error status
  | 'auth' // the client id/secret were refused
  | 'network' // host unreachable, connection dropped, DNS failure
  | 'tls' // certificate verification failed
  | 'timeout' // connect/headers/body timeout or the command's deadline
  | 'protocol' // the answer was not what a Code42 host sends (not JSON, too large, wrong shape)
  | 'not-found' // a lookup found nothing (user, watchlist, matter...)
  | 'invalid-request'; // refused before sending: the request breaks a documented Code42 limit

export interface Code42ErrorDetails {
  kind: Code42ErrorKind;
  /** What was being done, e.g. "add the actors to the watchlist". */
  operation: string;
  status?: number;
  /** The Code42 error text (e.g. `User already on list`, `USER_DUPLICATE`, a problems list), as sent. */
  code42Text?: string;
  cause?: unknown;
}

export class Code42Error extends Error {
  readonly kind: Code42ErrorKind;
  readonly operation: string;
  readonly status?: number;
  readonly code42Text?: string;

  constructor(message: string, details: Code42ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'Code42Error';
    this.kind = details.kind;
    this.operation = details.operation;
    this.status = details.status;
    this.code42Text = details.code42Text;
  }

  /** True when the Code42 error text contains `token` (clients match on substrings, code42-api.md §3.4). */
  mentions(token: string): boolean {
    return (this.code42Text ?? '').toLowerCase().includes(token.toLowerCase()) || this.message.toLowerCase().includes(token.toLowerCase());
  }
}

/** A lookup that found nothing; the message is the sentence the user sees ("No user found with username x."). */
export class Code42NotFoundError extends Code42Error {
  constructor(message: string, operation: string) {
    super(message, { kind: 'not-found', operation });
    this.name = 'Code42NotFoundError';
  }
}
