// The OAuth access token, kept in memory: fetched once for many calls, refreshed a minute before it
// expires, and fetched by one request however many calls need it at the same moment (single-flight).

export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds, as Code42's `expires_in`. */
  expiresIn: number;
}

/** Refresh this long before expiry so a token never expires between being read and being used. */
const REFRESH_MARGIN_S = 60;
/** Recently issued tokens remembered for scrubbing: a refused or replaced token is still a secret. */
const REMEMBERED_TOKENS = 4;

interface CachedToken {
  value: string;
  refreshAt: number;
}

export class TokenCache {
  private cached?: CachedToken;
  private pending?: Promise<string>;
  private readonly issued: string[] = [];

  constructor(private readonly issue: () => Promise<IssuedToken>) {}

  /** A valid token, from the cache or from one shared token request. */
  get(): Promise<string> {
    if (this.cached && Date.now() < this.cached.refreshAt) return Promise.resolve(this.cached.value);
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets `token` after Code42 refused it; a token already replaced by a newer one is left alone. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  clear(): void {
    this.cached = undefined;
  }

  /** The tokens issued lately, newest first, so they can be kept out of messages. */
  recentTokens(): readonly string[] {
    return this.issued;
  }

  private async refresh(): Promise<string> {
    const requestedAt = Date.now();
    const { accessToken, expiresIn } = await this.issue();
    // A lifetime shorter than twice the margin would leave nothing to use: refresh at half-life instead.
    const usable = expiresIn > 2 * REFRESH_MARGIN_S ? expiresIn - REFRESH_MARGIN_S : expiresIn / 2;
    this.cached = { value: accessToken, refreshAt: requestedAt + usable * 1000 };
    this.issued.unshift(accessToken);
    this.issued.length = Math.min(this.issued.length, REMEMBERED_TOKENS);
    return accessToken;
  }
}
