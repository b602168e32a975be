// Actor dates: Code42 sends and takes "YYYY-MM-DD"; the XSOAR Code42 pack's playbooks read context dates
// as `{year, month, day}` (`Code42.UserRiskProfiles.EndDate.year`), and the war room shows YYYY-MM-DD.

interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** "2024-05-01" -> {year: 2024, month: 5, day: 1}; nothing for a missing or unreadable date. */
export function toDateParts(date: string | null | undefined): DateParts | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** Today's date in UTC, as Code42 writes actor dates. */
export const todayUtc = (now = Date.now()): string => new Date(now).toISOString().slice(0, 10);

/** Epoch ms as UTC ISO text; nothing for a missing time. */
export const isoTime = (ms: number | null | undefined): string | undefined => (typeof ms === 'number' ? new Date(ms).toISOString() : undefined);
