// `playbook graph`: a playbook as a Mermaid flowchart — what XSOAR's own playbook READMEs show as a picture,
// in a form GitHub and most Markdown viewers draw from text. One node per task, shaped by what it does
// (start, section title, command or script, condition, manual or data collection task, sub-playbook), one
// arrow per branch, labelled with the branch unless it is the plain #none# path.
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
      return `t${id}(("Start"))`;
    case 'title':
    case 'section':
      return `t${id}([${label(name || 'Section')}])`;
    case 'condition':
      return script || record.conditions?.length ? `t${id}{${label(name || 'Condition')}}` : `t${id}{{${label(`${name || 'Condition'} (manual)`)}}}`;
    case 'collection':
      return `t${id}[/${label(`${name || 'Data collection'} (ask)`)}/]`;
    case 'playbook': {
      const loop = loopOf(record);
      const each = loop?.forEach ? ' (for each)' : loop ? ' (loop)' : '';
      return `t${id}[[${label(`${name || subPlaybookName(record)}${each}`)}]]`;
    }
    default:
      return script ? `t${id}[${label(name || script)}]` : `t${id}[/${label(`${name || 'Manual task'} (manual)`)}/]`;
  }
}

function arrow(source: string, label: string, target: string): string {
  if (label === NONE) return `  t${source} --> t${target}`;
  if (label === ERROR) return `  t${source} -.->|"error"| t${target}`;
  return `  t${source} -->|"${escape(label === DEFAULT ? 'else' : label)}"| t${target}`;
}

/** Task keys in the order a reader expects: numerically. */
const ordered = (ids: string[]): string[] => [...ids].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));

/** The playbook as a Mermaid flowchart, top to bottom. */
export function mermaid(playbook: Playbook): string {
  const ids = ordered(Object.keys(playbook.tasks));
  const lines = ['flowchart TD'];
  for (const id of ids) lines.push(`  ${node(id, playbook.tasks[id])}`);
  for (const id of ids) {
    for (const [label, targets] of Object.entries(playbook.tasks[id].nexttasks ?? {})) {
      for (const target of targets ?? []) if (Object.hasOwn(playbook.tasks, String(target))) lines.push(arrow(id, label, String(target)));
    }
  }
  return `${lines.join('\n')}\n`;
}
