// File hashes as the XSOAR Code42 integration takes them: MD5 or SHA256, told apart by length.
import { CommandError } from '../../src/command';

type HashKind = 'md5' | 'sha256';

export interface FileHash {
  kind: HashKind;
  /** Lower-case hex. */
  value: string;
}

const UNSUPPORTED_HASH = 'Unsupported hash. Must be SHA256 or MD5.';

const HEX_LENGTH: Record<number, HashKind> = { 32: 'md5', 64: 'sha256' };

/** The hash and its kind; anything but 32 or 64 hex digits is the incumbent's "Unsupported hash" sentence. */
export function parseHash(hash: string): FileHash {
  const value = hash.trim().toLowerCase();
  const kind = HEX_LENGTH[value.length];
  if (!kind || !/^[0-9a-f]+$/.test(value)) throw new CommandError(UNSUPPORTED_HASH);
  return { kind, value };
}

/** The v2 file-event term that holds this kind of hash. */
export const hashTerm = (kind: HashKind): string => `file.hash.${kind}`;
