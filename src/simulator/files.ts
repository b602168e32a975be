// Deterministic file contents for the files a tenant can serve by sha256; the hashes are the real hashes
// of the bytes, so a client can verify a download.
import { createHash } from 'node:crypto';
import type { SimFile, SimFileSpec } from './model';
import { Random, hashString } from './random';

const WORDS = ['alpha', 'budget', 'client', 'delta', 'export', 'falcon', 'gamma', 'harbor', 'invoice', 'journal', 'kernel', 'ledger', 'margin', 'north', 'orbit', 'pricing', 'quarter', 'revenue', 'source', 'tensor'];

export function makeFile(spec: SimFileSpec, seed: number): SimFile {
  const rng = new Random(seed ^ hashString(spec.name));
  const lines: string[] = [];
  let length = 0;
  for (let n = 1; length < spec.size; n++) {
    const words = Array.from({ length: 8 }, () => rng.pick(WORDS)).join(' ');
    const line = `${spec.name} line ${n}: ${words} ${rng.between(100, 99999)}\n`;
    lines.push(line);
    length += line.length;
  }
  const bytes = Buffer.from(lines.join(''), 'utf8');
  return {
    ...spec,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    md5: createHash('md5').update(bytes).digest('hex'),
  };
}
