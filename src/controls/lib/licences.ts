// Licence tallies for the "accounts that cannot sign in still hold licences" controls of both clouds.

/** Counts one more holder for each licence name. */
export function tallyLicences(tally: Record<string, number>, names: readonly string[]): void {
  for (const name of names) tally[name] = (tally[name] ?? 0) + 1;
}

/** "Business Plus ×2, E3 ×1": the tally for a summary, in first-counted order. */
export function describeLicenceTally(tally: Readonly<Record<string, number>>): string {
  return Object.entries(tally)
    .map(([sku, n]) => `${sku} ×${n}`)
    .join(', ');
}
