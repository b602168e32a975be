// ssdeep (spamsum, a context-triggered piecewise hash) computed while bytes stream past, as ssdeep 2.14 prints
// it: "blocksize:hash1:hash2". XSOAR's server computes File.SSDeep for every file entry; this integration saves
// downloads itself, so it computes it too, in the same pass as md5/sha1/sha256 (src/file-store.ts).
//
// This follows ssdeep 2.14's streaming engine in fuzzy.c (fuzzy_new / fuzzy_update / fuzzy_digest), not the
// older two-pass spamsum: the block size spamsum picks depends on the total length, which a stream only knows
// at its end, so fuzzy.c keeps a piecewise hash for every block size still in the running (3, 6, 12, ...
// 3·2^30) and drops the small ones once they can no longer be chosen. Memory stays bounded: 31 block hashes
// of at most 64 characters and a 7-byte rolling window, whatever the length. The digest matches the ssdeep
// CLI's output byte for byte (test/foundation/ssdeep.test.ts checks it against digests the CLI printed).
//
// Names below are fuzzy.c's (bhstart, bhend, dindex, halfh, lasth) so the two can be read side by side.

/** fuzzy.c ROLLING_WINDOW: bytes the rolling hash looks at. */
const ROLLING_WINDOW = 7;
/** fuzzy.c MIN_BLOCKSIZE. */
const MIN_BLOCKSIZE = 3;
/** fuzzy.c SPAMSUM_LENGTH: the most characters of one block hash. */
const SPAMSUM_LENGTH = 64;
/** fuzzy.c NUM_BLOCKHASHES: block sizes 3·2^0 .. 3·2^30. */
const NUM_BLOCKHASHES = 31;
/**
 * fuzzy.c HASH_INIT. The piecewise hash is FNV-like, h = (h · 0x01000193) ^ c, of which only the low 6 bits
 * are ever used (b64[h % 64]); those depend only on the low 6 bits of h and c, so 2.14 keeps 6 bits (its
 * sum_table) starting from 0x28021967 & 0x3f = 0x27. So does this.
 */
const HASH_INIT = 0x27;
const HASH_PRIME = 0x01000193;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_CODES = Uint8Array.from(B64, (ch) => ch.charCodeAt(0));
/** fuzzy.c SSDEEP_BS(index), precomputed. */
const BLOCK_SIZES = Array.from({ length: NUM_BLOCKHASHES }, (_, index) => MIN_BLOCKSIZE * 2 ** index);
const blockSize = (index: number): number => BLOCK_SIZES[index]!;
/** fuzzy.c SSDEEP_TOTAL_SIZE_MAX: beyond this length (~192 GiB) ssdeep gives no digest (EOVERFLOW). */
const TOTAL_SIZE_MAX = blockSize(NUM_BLOCKHASHES - 1) * SPAMSUM_LENGTH;

/** fuzzy.c sum_table: SUM_TABLE[h·64 + (c & 63)] is sum_hash(c, h) on the 6 bits that matter. */
const SUM_TABLE = Uint8Array.from({ length: 64 * 64 }, (_, k) => (Math.imul(k >> 6, HASH_PRIME) ^ (k & 0x3f)) & 0x3f);

export class SsdeepHasher {
  // fuzzy.c struct roll_state: the rolling hash (all uint32).
  private readonly window = new Uint8Array(ROLLING_WINDOW);
  private h1 = 0;
  private h2 = 0;
  private h3 = 0;
  private n = 0;

  // fuzzy.c struct blockhash_context, one row per block size (struct of arrays).
  private readonly h = new Uint8Array(NUM_BLOCKHASHES);
  private readonly halfh = new Uint8Array(NUM_BLOCKHASHES);
  private readonly dindex = new Uint8Array(NUM_BLOCKHASHES);
  /**
   * pieces[i·64 + k]: the k-th character code of block hash i; 0 is C's '\0'. As in fuzzy.c, the slot at
   * dindex is 0 unless the hash is full (dindex 63), when it holds the last character written there.
   */
  private readonly pieces = new Uint8Array(NUM_BLOCKHASHES * SPAMSUM_LENGTH);
  private readonly halfdigest = new Uint8Array(NUM_BLOCKHASHES);

  // fuzzy.c struct fuzzy_state.
  private bhstart = 0;
  private bhend = 1;
  private totalSize = 0;
  /** FUZZY_STATE_NEED_LASTHASH: the largest block size is in use, and lasth hashes on past its first piece. */
  private needLastHash = false;
  private lasth = 0;

  constructor() {
    this.h[0] = HASH_INIT;
    this.halfh[0] = HASH_INIT;
  }

  /**
   * fuzzy_update: the length first (as 2.14 does), then each byte through fuzzy_engine_step, which is written
   * out here on locals (it runs once per byte) up to its trigger test; trigger() does the rest.
   */
  update(bytes: Uint8Array): this {
    this.totalSize += bytes.length;
    const { window, h: hs, halfh } = this;
    let { h1, h2, h3, n, bhstart, bhend } = this;
    for (let k = 0; k < bytes.length; k++) {
      const c = bytes[k]!;
      // fuzzy.c roll_hash. Its uint32 arithmetic is done as int32 (| 0: the same 32 bits), which V8 keeps in
      // small integers; the sum is read as unsigned only where its value matters.
      h2 = (h2 - h1 + ROLLING_WINDOW * c) | 0;
      h1 = (h1 + c - window[n]!) | 0;
      window[n] = c;
      n = n === ROLLING_WINDOW - 1 ? 0 : n + 1;
      h3 = (h3 << 5) ^ c;
      // fuzzy.c sum_hash for every block size in the running.
      const low = c & 0x3f;
      for (let i = bhstart; i < bhend; i++) {
        hs[i] = SUM_TABLE[(hs[i]! << 6) | low]!;
        halfh[i] = SUM_TABLE[(halfh[i]! << 6) | low]!;
      }
      if (this.needLastHash) this.lasth = SUM_TABLE[(this.lasth << 6) | low]!;
      // A trigger point for block size bs is where the rolling sum h ≡ -1 (mod bs). Every bs is a multiple of
      // 3, so most bytes stop at this first test (fuzzy.c skips work the same way, with a mask and h+1).
      // h mod 3 from its two 16-bit halves (2^16 ≡ 1 mod 3), to stay off floating-point modulo.
      const h = (h1 + h2 + h3) | 0;
      if (((h >>> 16) + (h & 0xffff)) % MIN_BLOCKSIZE === MIN_BLOCKSIZE - 1) {
        this.trigger(h >>> 0);
        ({ bhstart, bhend } = this);
      }
    }
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    this.n = n;
    return this;
  }

  /** fuzzy_digest with flags 0 (what the CLI prints); undefined past SSDEEP_TOTAL_SIZE_MAX, where ssdeep gives none. */
  digest(): string | undefined {
    if (this.totalSize > TOTAL_SIZE_MAX) return undefined;
    const rolling = this.rollSum();
    let bi = this.bhstart;
    // Initial block size guess from the length, then adapted to how many pieces that block size found.
    while (blockSize(bi) * SPAMSUM_LENGTH < this.totalSize) bi++;
    while (bi >= this.bhend) bi--;
    while (bi > this.bhstart && this.dindex[bi]! < SPAMSUM_LENGTH / 2) bi--;

    let first = this.piece(bi, this.dindex[bi]!);
    // The bytes after the last trigger point make a last character (unless the rolling hash is 0 there:
    // then fuzzy.c takes the character a full hash left in its last slot, if any).
    if (rolling !== 0) first += B64[this.h[bi]!];
    else if (this.pieces[bi * SPAMSUM_LENGTH + this.dindex[bi]!] !== 0) first += String.fromCharCode(this.pieces[bi * SPAMSUM_LENGTH + this.dindex[bi]!]!);

    let second = '';
    if (bi < this.bhend - 1) {
      // The double block size, cut to 31 characters plus its half-hash tail (no FUZZY_FLAG_NOTRUNC).
      const next = bi + 1;
      second = this.piece(next, Math.min(this.dindex[next]!, SPAMSUM_LENGTH / 2 - 1));
      if (rolling !== 0) second += B64[this.halfh[next]!];
      else if (this.halfdigest[next] !== 0) second += String.fromCharCode(this.halfdigest[next]!);
    } else if (rolling !== 0) {
      // No larger block hash exists: only bi 0 (short input) or the largest block size (lasth) can be here.
      second = B64[bi === 0 ? this.h[bi]! : this.lasth]!;
    }
    return `${blockSize(bi)}:${first}:${second}`;
  }

  private piece(index: number, length: number): string {
    const start = index * SPAMSUM_LENGTH;
    return String.fromCharCode(...this.pieces.subarray(start, start + length));
  }

  /** fuzzy.c roll_sum. */
  private rollSum(): number {
    return (this.h1 + this.h2 + this.h3) >>> 0;
  }

  /**
   * The rest of fuzzy_engine_step, at a byte where h ≡ -1 (mod 3). h ≡ -1 (mod 2bs) implies h ≡ -1 (mod bs), so
   * the first block size that misses ends the loop. The loop bound is re-read each turn: a fork may add a block
   * size that triggers at this same byte, as in fuzzy.c.
   */
  private trigger(h: number): void {
    for (let i = this.bhstart; i < this.bhend; i++) {
      const bs = blockSize(i);
      if (h % bs !== bs - 1) break;
      // First piece of this block size: start the next one from its state (fuzzy_try_fork_blockhash).
      if (this.dindex[i] === 0) this.tryFork();
      const row = i * SPAMSUM_LENGTH;
      this.pieces[row + this.dindex[i]!] = B64_CODES[this.h[i]!]!;
      this.halfdigest[i] = B64_CODES[this.halfh[i]!]!;
      if (this.dindex[i]! < SPAMSUM_LENGTH - 1) {
        this.dindex[i]!++;
        this.pieces[row + this.dindex[i]!] = 0;
        this.h[i] = HASH_INIT;
        if (this.dindex[i]! < SPAMSUM_LENGTH / 2) {
          this.halfh[i] = HASH_INIT;
          this.halfdigest[i] = 0;
        }
      } else {
        // A full hash keeps hashing into its last character (the tail pieces merge), and a full smallest
        // block size may be one that can no longer be chosen.
        this.tryReduce();
      }
    }
  }

  /** fuzzy_try_fork_blockhash. */
  private tryFork(): void {
    const last = this.bhend - 1;
    if (this.bhend < NUM_BLOCKHASHES) {
      this.h[this.bhend] = this.h[last]!;
      this.halfh[this.bhend] = this.halfh[last]!;
      this.pieces[this.bhend * SPAMSUM_LENGTH] = 0;
      this.halfdigest[this.bhend] = 0;
      this.dindex[this.bhend] = 0;
      this.bhend++;
    } else if (!this.needLastHash) {
      this.needLastHash = true;
      this.lasth = this.h[last]!;
    }
  }

  /** fuzzy_try_reduce_blockhash: drop the smallest block size once digest() could never pick it. */
  private tryReduce(): void {
    // Need at least two working hashes.
    if (this.bhend - this.bhstart < 2) return;
    // The initial guess from the length so far would pick this block size or a smaller one.
    if (blockSize(this.bhstart) * SPAMSUM_LENGTH >= this.totalSize) return;
    // The adjustment step would pick this block size (the next one found too few pieces).
    if (this.dindex[this.bhstart + 1]! < SPAMSUM_LENGTH / 2) return;
    this.bhstart++;
  }
}

/** The ssdeep digest of bytes held in memory. */
export function ssdeep(bytes: Uint8Array): string | undefined {
  return new SsdeepHasher().update(bytes).digest();
}
