// Reading Code42's answers beyond the HTTP status: searches that report `problems` with a 200, lookups
// whose 404 means "no such thing", and requests refused before sending because they break a documented limit.
import { code42TextOf } from './error-text';
import { Code42Error, Code42NotFoundError } from './errors';

/** A search problem as file-event searches report it (incydr-api.md §2.9; code42-api.md §10.3 for its shape). */
export interface SearchProblem {
  type?: string;
  description?: string | null;
  badFilter?: { term?: string; operator?: string; value?: unknown } | null;
}

/** Throws a Code42Error naming every problem when Code42 answered a search with a non-empty `problems` list. */
export function failOnProblems(problems: readonly SearchProblem[] | null | undefined, operation: string): void {
  if (!problems || problems.length === 0) return;
  // Described the way the transport describes problems in an error body, so both read alike.
  const text = code42TextOf(JSON.stringify({ problems })) ?? 'unknown problems';
  throw new Code42Error(`Could not ${operation}: Code42 reported ${text}.`, { kind: 'http', operation, status: 200, code42Text: text });
}

/** The request's answer, with a 404 turned into the Code42NotFoundError carrying `notFoundMessage`. */
export async function notFoundOn404<T>(request: Promise<T>, notFoundMessage: string, operation: string): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof Code42Error && error.status === 404) throw new Code42NotFoundError(notFoundMessage, operation);
    throw error;
  }
}

/** The error for a request we refuse to send because Code42 would reject it (a documented limit). */
export function invalidRequest(operation: string, reason: string): Code42Error {
  return new Code42Error(`Could not ${operation}: ${reason}`, { kind: 'invalid-request', operation });
}
