// src/ssdeep.ts against digests the ssdeep 2.14.1 CLI printed for the same bytes (test/fixtures/ssdeep), and
// streaming: any chunking of the bytes gives the digest of the whole.
import fc from 'fast-check';
import expected from '../fixtures/ssdeep/expected.json';
import { SSDEEP_INPUTS } from '../fixtures/ssdeep/inputs';
import { ssdeep, SsdeepHasher } from '../../src/ssdeep';

const digests: Record<string, string> = expected.digests;

test('the fixture covers every generated input (regenerate with test/fixtures/ssdeep/generate.ts)', () => {
  expect(Object.keys(digests).sort()).toEqual(SSDEEP_INPUTS.map((input) => input.name).sort());
});

test.each(SSDEEP_INPUTS.map((input) => [input.name, input] as const))('%s: the digest the ssdeep CLI printed', (name, input) => {
  expect(ssdeep(input.bytes())).toBe(digests[name]);
});

/** Feeds bytes in pieces cut at the given offsets. */
function chunked(bytes: Uint8Array, cuts: number[]): string | undefined {
  const hasher = new SsdeepHasher();
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    hasher.update(bytes.subarray(start, cut));
    start = cut;
  }
  return hasher.update(bytes.subarray(start)).digest();
}

test('any chunking of the bytes gives the digest of the whole', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 20_000 }).chain((bytes) => fc.tuple(fc.constant(bytes), fc.array(fc.nat({ max: bytes.length }), { maxLength: 30 }))),
      ([bytes, cuts]) => chunked(bytes, cuts) === ssdeep(bytes),
    ),
    { numRuns: 60 },
  );
});

test('any chunking of a fixture input gives the digest the CLI printed', () => {
  const inputs = SSDEEP_INPUTS.filter((input) => input.name.startsWith('spread-') || input.name.startsWith('patchwork-200000'));
  const bytes = new Map(inputs.map((input) => [input.name, input.bytes()]));
  fc.assert(
    fc.property(
      fc.constantFrom(...inputs.map((input) => input.name)).chain((name) =>
        fc.tuple(fc.constant(name), fc.array(fc.nat({ max: bytes.get(name)!.length }), { maxLength: 20 })),
      ),
      ([name, cuts]) => chunked(bytes.get(name)!, cuts) === digests[name],
    ),
    { numRuns: 40 },
  );
});
