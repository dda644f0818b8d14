import { someNames } from './text.js';

// Pure helpers of the shared-login checks, used by both clouds' `accounts.shared-use` controls.

/** Sign-ins closer together than one shift from different devices, addresses or regions suggest several people. */
export const SHARED_USE_WINDOW_HOURS = 8;
const WINDOW_MS = SHARED_USE_WINDOW_HOURS * 3_600_000;

/** The distinct non-empty values, in first-seen order. */
export function distinct(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}

/** A window of sign-ins with what told them apart (devices, addresses, regions...). */
export type OverlapWindow<K extends string> = { start: string; end: string } & { [P in K]: string[] };

/**
 * Windows of successful sign-ins within {@link SHARED_USE_WINDOW_HOURS} of the first one in which
 * some property `describe` lists (devices, IP addresses, regions...) has 2 or more distinct values.
 * Scans in time order; a flagged window is skipped past, so windows do not repeat the same sign-ins.
 */
export function overlappingWindows<E, K extends string>(
  signIns: readonly E[],
  timeOf: (signIn: E) => string,
  describe: (inWindow: readonly E[]) => { [P in K]: string[] },
): OverlapWindow<K>[] {
  const sorted = [...signIns].sort((a, b) => Date.parse(timeOf(a)) - Date.parse(timeOf(b)));
  const windows: OverlapWindow<K>[] = [];
  let i = 0;
  while (i < sorted.length) {
    const startMs = Date.parse(timeOf(sorted[i]!));
    let j = i;
    while (j + 1 < sorted.length && Date.parse(timeOf(sorted[j + 1]!)) - startMs <= WINDOW_MS) j++;
    const seen = describe(sorted.slice(i, j + 1));
    if (Object.values<string[]>(seen).some((values) => values.length >= 2)) {
      windows.push({ start: timeOf(sorted[i]!), end: timeOf(sorted[j]!), ...seen } as OverlapWindow<K>);
      i = j + 1;
    } else {
      i++;
    }
  }
  return windows;
}

/**
 * For a summary of the accounts with role-like names: up to five of their names ("frontdesk@...,
 * billing@... and 2 more") and the verb phrase agreeing with how many there are.
 */
export function roleLikeNamesPhrase(affected: readonly { name?: string | undefined }[]): { names: string; have: string } {
  return {
    names: someNames(affected),
    have: affected.length === 1 ? 'has a role-like name' : 'have role-like names',
  };
}
