// Risk-profile dates: users write YYYY-MM-DD, Code42 sends and takes `{year, month, day}` objects
// (code42-api.md §7.1), and the war room shows them back as YYYY-MM-DD.
import type { DateParts } from '../../src/code42/api';

/** "2024-05-01" -> {year: 2024, month: 5, day: 1}. The argument layer has already checked the calendar date. */
export function toDateParts(date: string): DateParts {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

/** {year: 2024, month: 5, day: 1} -> "2024-05-01"; nothing for a missing date. */
export function formatDateParts(parts: DateParts | null | undefined): string | undefined {
  if (!parts) return undefined;
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}
