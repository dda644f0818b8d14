// Wording helpers for finding summaries.

/** "1 enabled user" / "3 enabled users". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "a, b, c, d, e and 3 more": the names of up to `shown` items, for a summary. */
export function someNames(items: readonly { name?: string | undefined }[], shown = 5): string {
  const names = items.slice(0, shown).map((item) => item.name);
  return names.join(', ') + (items.length > names.length ? ` and ${items.length - names.length} more` : '');
}
