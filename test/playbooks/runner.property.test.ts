// Properties of the runner on random acyclic playbooks (fast-check prints the seed of a failing case): a task
// runs exactly when a task that ran chose a branch to it, it runs once, and it runs only after every parent
// that ran — XSOAR's joins. Reference semantics: tasks in index order, a branch taken when its label is the
// one its task chose.
import fc from 'fast-check';
import type { Comparison } from '../../src/playbooks/types';
import { playbook, ran, run, simple, start, title, type TaskDef } from './support';

interface Shape {
  /** Per task 1..n-1: a condition whose `yes` holds or not, or a plain task. */
  kinds: ('plain' | 'yes' | 'no')[];
  /** Per task 0..n-1, per label: the later tasks it leads to. */
  edges: { none: number[]; yes: number[]; other: number[] }[];
}

const holds = (value: boolean): Comparison[][] => [[{ operator: 'isEqualString', left: { value: simple('a') }, right: { value: simple(value ? 'a' : 'b') } }]];

const shape: fc.Arbitrary<Shape> = fc.integer({ min: 2, max: 10 }).chain((n) =>
  fc.record({
    kinds: fc.array(fc.constantFrom<'plain' | 'yes' | 'no'>('plain', 'yes', 'no'), { minLength: n - 1, maxLength: n - 1 }),
    edges: fc.tuple(
      ...Array.from({ length: n }, (_, i) => {
        const later = fc.subarray(Array.from({ length: n - i - 1 }, (__, k) => i + 1 + k));
        return fc.record({ none: later, yes: later, other: later });
      }),
    ),
  }),
);

function build({ kinds, edges }: Shape) {
  const ids = (list: number[]) => list.map(String);
  const tasks: Record<string, TaskDef> = { '0': start(...ids(edges[0].none)) };
  kinds.forEach((kind, index) => {
    const id = index + 1;
    const { none, yes, other } = edges[id];
    if (kind === 'plain') {
      tasks[id] = none.length ? { scriptName: 'Print', args: { value: simple(`task ${id}`) }, next: { '#none#': ids(none) } } : title(`End ${id}`);
    } else {
      tasks[id] = { conditions: [{ label: 'yes', condition: holds(kind === 'yes') }], next: { yes: ids(yes), '#default#': ids(other) } };
    }
  });
  return playbook(tasks);
}

/** The tasks that run, by the reference semantics. */
function expectedRuns({ kinds, edges }: Shape): Set<number> {
  const runs = new Set<number>([0]);
  for (let id = 0; id < edges.length; id++) {
    if (!runs.has(id)) continue;
    const kind = id === 0 ? 'plain' : kinds[id - 1];
    const chosen = kind === 'plain' ? edges[id].none : kind === 'yes' ? edges[id].yes : edges[id].other;
    for (const target of chosen) runs.add(target);
  }
  return runs;
}

const parentsOf = ({ kinds, edges }: Shape, target: number): number[] =>
  edges.flatMap((edge, id) => {
    const labels = id === 0 || kinds[id - 1] === 'plain' ? [edge.none] : [edge.yes, edge.other];
    return labels.some((list) => list.includes(target)) ? [id] : [];
  });

test('a task runs once exactly when a task that ran chose a branch to it, after every parent that ran', async () => {
  await fc.assert(
    fc.asyncProperty(shape, async (generated) => {
      const report = await run(build(generated));
      expect(report.status).toBe('completed');
      const order = ran(report).map(Number);
      const expected = expectedRuns(generated);
      expect(new Set(order)).toEqual(expected);
      expect(order).toHaveLength(expected.size);
      for (const id of order) {
        for (const parent of parentsOf(generated, id).filter((p) => expected.has(p))) expect(order.indexOf(parent)).toBeLessThan(order.indexOf(id));
      }
    }),
    { numRuns: 200 },
  );
});
