// Day arithmetic for findings' wording and cutoffs.

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Whole days between two instants, rounded down. */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** The UTC calendar day of an instant, `YYYY-MM-DD`. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Days without a sign-in, check-in or sync after which a device is stale: flagged, not counted.
 * Microsoft's stale-device guidance works with the same activity timestamp and a 90-day example.
 */
export const STALE_DEVICE_DAYS = 90;
