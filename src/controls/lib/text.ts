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

/** Everyone of a group, to start a claim about all of them: "no users", "the one user", "both users", "all 3 users". */
export function everyOne(n: number, singular: string, plural = `${singular}s`): string {
  if (n === 0) return `no ${plural}`;
  if (n === 1) return `the one ${singular}`;
  if (n === 2) return `both ${plural}`;
  return `all ${n} ${plural}`;
}

/**
 * A sentence that no member of a group does something, worded for its size: "None of the 3
 * disabled accounts holds a licence.", "Neither of the 2 ... holds a licence.", "The one disabled
 * account holds no licence." `does` is the singular verb phrase, `doesNot` its negation.
 */
export function noneOf(n: number, singular: string, plural: string, does: string, doesNot: string): string {
  if (n === 1) return `The one ${singular} ${doesNot}`;
  if (n === 2) return `Neither of the 2 ${plural} ${does}`;
  return `None of the ${n} ${plural} ${does}`;
}

/** The text with its first letter in capitals, to start a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
