// `playbook graph`: a playbook as a Mermaid flowchart — what XSOAR's own playbook READMEs show as a picture,
// in a form GitHub and most Markdown viewers draw from text. One node per task, shaped by what it does
// (start, section title, command or script, condition, manual or data collection task, sub-playbook), one
// arrow per branch, labelled with the branch unless it is the plain #none# path; with `findPlaybook`, a
// sub-playbook is drawn inside its task as a subgraph.
import { loopOf, subPlaybookName } from './plan';
import { DEFAULT, ERROR, NONE, type Playbook, type TaskRecord } from './types';

/** Mermaid text inside "…": quotes and the characters Mermaid reads as markup become entity codes. */
const escape = (text: string): string =>
  text.replace(/[&"<>#]/g, (ch) => ({ '&': '#amp;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '#': '#35;' })[ch]!).replace(/\s+/g, ' ');

function runs(record: TaskRecord): string | undefined {
  const script = (record.task.script || record.task.scriptName || '').trim();
  if (script === '') return undefined;
  const pipes = script.indexOf('|||');
  return pipes < 0 ? script : script.slice(pipes + 3);
}

function node(id: string, record: TaskRecord): string {
  const name = (record.task.name ?? '').trim();
  const script = runs(record);
  const detail = script && script !== name ? `<br/><i>${escape(script)}</i>` : '';
  const label = (text: string) => `"${escape(text)}${detail}"`;
  switch (record.type) {
    case 'start':
      return `${id}(("Start"))`;
    case 'title':
    case 'section':
      return `${id}([${label(name || 'Section')}])`;
    case 'condition':
      return script || record.conditions?.length ? `${id}{${label(name || 'Condition')}}` : `${id}{{${label(`${name || 'Condition'} (manual)`)}}}`;
    case 'collection':
      return `${id}[/${label(`${name || 'Data collection'} (ask)`)}/]`;
    case 'playbook':
      return `${id}[[${label(`${name || subPlaybookName(record)}${loopNote(record)}`)}]]`;
    default:
      return script ? `${id}[${label(name || script)}]` : `${id}[/${label(`${name || 'Manual task'} (manual)`)}/]`;
  }
}

function loopNote(record: TaskRecord): string {
  const loop = loopOf(record);
  return loop?.forEach ? ' (for each)' : loop ? ' (loop)' : '';
}

function arrow(source: string, label: string, target: string): string {
  if (label === NONE) return `${source} --> ${target}`;
  if (label === ERROR) return `${source} -.->|"error"| ${target}`;
  return `${source} -->|"${escape(label === DEFAULT ? 'else' : label)}"| ${target}`;
}

/** Task keys in the order a reader expects: numerically. */
const ordered = (ids: string[]): string[] => [...ids].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));

export interface GraphOptions {
  /** Draws a sub-playbook it finds here inside its task, as a subgraph (`playbook graph --expand`). */
  findPlaybook?(name: string): Playbook | undefined;
}

/** The lines of one playbook's nodes and arrows, its node ids prefixed (`t12_3`: task 3 inside task 12). */
function lines(playbook: Playbook, prefix: string, indent: string, options: GraphOptions, shown: Playbook[]): string[] {
  const ids = ordered(Object.keys(playbook.tasks));
  const out: string[] = [];
  for (const id of ids) {
    const record = playbook.tasks[id];
    const child = record.type === 'playbook' ? options.findPlaybook?.(subPlaybookName(record)) : undefined;
    if (child && !shown.includes(child)) {
      out.push(`${indent}subgraph ${prefix}${id}["${escape(`${record.task.name || child.name}${loopNote(record)}`)}"]`);
      out.push(`${indent}  direction TB`);
      out.push(...lines(child, `${prefix}${id}_`, `${indent}  `, options, [...shown, child]));
      out.push(`${indent}end`);
    } else out.push(`${indent}${node(`${prefix}${id}`, record)}`);
  }
  for (const id of ids) {
    for (const [label, targets] of Object.entries(playbook.tasks[id].nexttasks ?? {})) {
      for (const target of targets ?? []) if (Object.hasOwn(playbook.tasks, String(target))) out.push(`${indent}${arrow(`${prefix}${id}`, label, `${prefix}${String(target)}`)}`);
    }
  }
  return out;
}

/** The playbook as a Mermaid flowchart, top to bottom. */
export function mermaid(playbook: Playbook, options: GraphOptions = {}): string {
  return `${['flowchart TD', ...lines(playbook, 't', '  ', options, [playbook])].join('\n')}\n`;
}
