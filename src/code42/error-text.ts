// Code42's own words from an error body, as one readable phrase. Each service shapes errors differently
// (code42-api.md §3.4): console `[{name, description}]`, cases `{"problem": ...}`, Spring `{message}`,
// searches `{"problems": [...]}`, .NET plain text. Whatever the shape, the result is text, never `[object Object]`.

import { isObject } from '../values';

/** Longest Code42 text quoted in a message; the rest is cut with an ellipsis. */
const MAX_TEXT = 500;

/** Object keys that carry the human message, most specific first. */
const MESSAGE_KEYS = ['message', 'description', 'detail', 'error_description', 'errorMessage', 'error', 'title', 'msg'] as const;


function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_TEXT ? `${oneLine.slice(0, MAX_TEXT - 1)}…` : oneLine;
}

function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `SEARCH_FAILED in filter fileName IS "x" (bad term)` for a search problem. */
function describeProblem(problem: unknown): string | undefined {
  if (!isObject(problem)) return describe(problem);
  const filter = isObject(problem.badFilter) ? problem.badFilter : undefined;
  const where = filter ? ` in filter ${[filter.term, filter.operator, filter.value === undefined ? undefined : JSON.stringify(filter.value)].map(scalarText).filter(Boolean).join(' ')}` : '';
  const why = scalarText(problem.description);
  const what = scalarText(problem.type) ?? scalarText(problem.name) ?? 'problem';
  return `${what}${where}${why ? ` (${why})` : ''}`;
}

/** `NAME: description` for a console error item; the first message-like field of any other object. */
function describeObject(value: Record<string, unknown>): string | undefined {
  if (Array.isArray(value.problems) && value.problems.length > 0) return joinAll(value.problems.map(describeProblem));
  const problem = scalarText(value.problem);
  if (problem) {
    const description = scalarText(value.description);
    return description ? `${problem}: ${description}` : problem;
  }
  const name = typeof value.name === 'string' ? value.name : undefined;
  for (const key of MESSAGE_KEYS) {
    const field = value[key];
    const text = typeof field === 'object' ? describe(field) : scalarText(field);
    if (text) return name && name !== text ? `${name}: ${text}` : text;
  }
  if (name) return name;
  const rest = JSON.stringify(value);
  return rest === '{}' ? undefined : rest;
}

const joinAll = (parts: (string | undefined)[]): string | undefined => parts.filter((p): p is string => Boolean(p)).join('; ') || undefined;

function describe(value: unknown): string | undefined {
  if (Array.isArray(value)) return joinAll(value.map((item) => (isObject(item) ? describeObject(item) : scalarText(item))));
  if (isObject(value)) return describeObject(value);
  return scalarText(value);
}

/** True when the body is an HTML page (a login page, a proxy's or load balancer's error page). */
export function isHtml(body: string, contentType?: string | null): boolean {
  return /text\/html/i.test(contentType ?? '') || /^\s*<(!doctype|html|head|body)/i.test(body);
}

/** Code42's error text in an error body; undefined when the body says nothing (empty, or an HTML page). */
export function code42TextOf(body: string, contentType?: string | null): string | undefined {
  if (!body.trim() || isHtml(body, contentType)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return truncate(body);
  }
  const text = describe(parsed);
  return text ? truncate(text) : undefined;
}
