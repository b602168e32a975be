// OAuth client-credentials tokens: JWT-shaped `header.payload.sig` with a `tenantUid` claim, HMAC-signed by a
// per-simulator key so forged or foreign tokens are refused; expiry and revocation checked on every request.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEFAULT_TOKEN_TTL_SECONDS = 900;

export type TokenCheck = 'valid' | 'expired' | 'revoked' | 'invalid';

interface TokenClaims {
  sub: string;
  tenantUid: string;
  iat: number;
  exp: number;
  /** Issue time in ms (exp has one-second resolution; short test lifetimes need better). */
  iatMs: number;
  ttlMs: number;
  serial: number;
}

const b64url = (text: string | Buffer) => Buffer.from(text).toString('base64url');

export class TokenIssuer {
  private readonly key = randomBytes(32);
  private serial = 0;
  /** Tokens with a serial below this were revoked. */
  private firstValidSerial = 0;

  constructor(
    private readonly tenantUid: string,
    private readonly clock: () => number,
    public ttlSeconds: number = DEFAULT_TOKEN_TTL_SECONDS,
  ) {}

  issue(clientId: string): { access_token: string; token_type: 'bearer'; expires_in: number } {
    const nowMs = this.clock();
    const ttlMs = Math.round(this.ttlSeconds * 1000);
    const claims: TokenClaims = {
      sub: clientId,
      tenantUid: this.tenantUid,
      iat: Math.floor(nowMs / 1000),
      exp: Math.floor((nowMs + ttlMs) / 1000),
      iatMs: nowMs,
      ttlMs,
      serial: this.serial++,
    };
    const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'code42-simulator' }))}.${b64url(JSON.stringify(claims))}`;
    return { access_token: `${unsigned}.${this.sign(unsigned)}`, token_type: 'bearer', expires_in: Math.round(this.ttlSeconds) };
  }

  check(token: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return 'invalid';
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims;
    if (claims.serial < this.firstValidSerial) return 'revoked';
    if (this.clock() >= claims.iatMs + claims.ttlMs) return 'expired';
    return 'valid';
  }

  /** Every token issued so far stops working (clients must fetch a new one). */
  revokeAll(): void {
    this.firstValidSerial = this.serial;
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.key).update(unsigned).digest('base64url');
  }
}

/** The token of an `Authorization: Bearer <t>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

/** client id and secret of an HTTP Basic header. */
export function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
