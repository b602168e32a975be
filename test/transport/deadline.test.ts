import { currentDeadline, formatDuration, withDeadline } from '../../src/code42/deadline';

describe('command deadline', () => {
  test('is visible to everything the command awaits, and gone afterwards', async () => {
    const seen = await withDeadline(5_000, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentDeadline();
    });
    expect(seen?.ms).toBe(5_000);
    expect(currentDeadline()).toBeUndefined();
  });

  test('a nested deadline can shorten the outer one but never extend it', async () => {
    await withDeadline(1_000, async () => {
      const outer = currentDeadline();
      expect(await withDeadline(60_000, async () => currentDeadline())).toBe(outer);
      expect((await withDeadline(10, async () => currentDeadline()))?.ms).toBe(10);
    });
  });

  test('durations read naturally in sentences', () => {
    expect([150, 1_000, 90_000, 300_000].map(formatDuration)).toEqual(['150 ms', '1 s', '90 s', '5 min']);
  });
});
