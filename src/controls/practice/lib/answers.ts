/** The day an answer's date names, or undefined when it cannot be read. */
export function answerDay(date: string): Date | undefined {
  const day = new Date(date.length === 10 ? `${date}T00:00:00Z` : date);
  return Number.isNaN(day.getTime()) ? undefined : day;
}

/** Whether `date` is within a year before `now` (calendar: the same day a year later still counts). */
export function withinAYear(date: Date, now: Date): boolean {
  const expires = new Date(date);
  expires.setUTCFullYear(expires.getUTCFullYear() + 1);
  return date.getTime() <= now.getTime() && now.getTime() <= expires.getTime() + 86_399_999;
}

/** Whole months between two instants, for "8 months ago". */
export function monthsBetween(from: Date, to: Date): number {
  return Math.max(0, (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth()) - (to.getUTCDate() < from.getUTCDate() ? 1 : 0));
}

/** How long ago, in words a practice manager reads: "this month", "1 month ago", "14 months ago". */
export function ago(date: Date, now: Date): string {
  const months = monthsBetween(date, now);
  return months === 0 ? 'this month' : months === 1 ? '1 month ago' : `${months} months ago`;
}
