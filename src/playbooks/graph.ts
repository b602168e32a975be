// The task graph of a playbook: edges by label, what the start task reaches, and which edges close a loop
// (a depth-first search from the start task: an edge back to a task still on the search path).
import type { Playbook } from './types';

export interface Edge {
  source: string;
  label: string;
  target: string;
}

export interface TaskGraph {
  outgoing: Map<string, Edge[]>;
  /** Tasks the start task reaches. */
  reachable: Set<string>;
  /** `source>target` of the edges that go back into a loop. */
  loopEdges: Set<string>;
  /** Per task, the distinct reachable tasks with a forward (non-loop) edge into it: the branches a join waits for. */
  parents: Map<string, string[]>;
}

export const edgeKey = (source: string, target: string): string => `${source}>${target}`;

export function edgesOf(playbook: Playbook): Map<string, Edge[]> {
  const outgoing = new Map<string, Edge[]>();
  for (const [source, record] of Object.entries(playbook.tasks)) {
    const edges: Edge[] = [];
    for (const [label, targets] of Object.entries(record.nexttasks ?? {})) {
      for (const target of targets ?? []) edges.push({ source, label, target: String(target) });
    }
    outgoing.set(source, edges);
  }
  return outgoing;
}

export function buildGraph(playbook: Playbook): TaskGraph {
  const outgoing = edgesOf(playbook);
  const reachable = new Set<string>();
  const onPath = new Set<string>();
  const loopEdges = new Set<string>();
  const visit = (id: string): void => {
    reachable.add(id);
    onPath.add(id);
    for (const { target } of outgoing.get(id) ?? []) {
      if (!Object.hasOwn(playbook.tasks, target)) continue;
      if (onPath.has(target)) loopEdges.add(edgeKey(id, target));
      else if (!reachable.has(target)) visit(target);
    }
    onPath.delete(id);
  };
  if (Object.hasOwn(playbook.tasks, playbook.starttaskid)) visit(playbook.starttaskid);

  const parents = new Map<string, string[]>();
  for (const source of reachable) {
    for (const { target } of outgoing.get(source) ?? []) {
      if (loopEdges.has(edgeKey(source, target))) continue;
      const list = parents.get(target) ?? [];
      if (!list.includes(source)) list.push(source);
      parents.set(target, list);
    }
  }
  return { outgoing, reachable, loopEdges, parents };
}

/** The tasks `from` reaches over forward edges, itself included: the body of a loop that restarts at `from`. */
export function forwardReach(graph: TaskGraph, from: string): Set<string> {
  const seen = new Set<string>([from]);
  const pending = [from];
  while (pending.length) {
    const id = pending.pop()!;
    for (const { source, target } of graph.outgoing.get(id) ?? []) {
      if (graph.loopEdges.has(edgeKey(source, target)) || seen.has(target) || !graph.reachable.has(target)) continue;
      seen.add(target);
      pending.push(target);
    }
  }
  return seen;
}
