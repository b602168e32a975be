// Bearer API key: every route but the public ones (health, docs) needs `Authorization: Bearer <key>`.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export const API_KEY_ENV = 'CODE42_SOAR_API_KEY';
export const MIN_API_KEY_LENGTH = 16;

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Checks a presented key in constant time. Both sides are hashed first so the comparison always runs
 * over 32 equal-length bytes: neither the key's content nor its length leaks through timing.
 */
export function createKeyCheck(apiKey: string): (authorization: string | undefined) => boolean {
  const expected = digest(apiKey);
  return (authorization) => {
    const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(authorization ?? '');
    // A missing header is compared too, so a request without one takes as long as a wrong key.
    return timingSafeEqual(digest(match?.[1] ?? ''), expected) && match !== null;
  };
}

/** A key for one run of the service (demo mode, or no key configured on loopback). */
export const generateApiKey = (): string => randomBytes(24).toString('base64url');

/** Why a configured key is unusable, or undefined when it is fine. */
export function apiKeyProblem(apiKey: string): string | undefined {
  if (apiKey.length < MIN_API_KEY_LENGTH) return `${API_KEY_ENV} must be at least ${MIN_API_KEY_LENGTH} characters long.`;
  if (/\s/.test(apiKey)) return `${API_KEY_ENV} must not contain spaces.`;
  return undefined;
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(bare);
  return false;
}
