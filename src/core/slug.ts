/** "Riverside Family Clinic" → "riverside-family-clinic": a file or folder name from a tenant's name or id. */
export function slugOf(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'tenant';
}

/**
 * One slug per name, unique even when names share a slug ("Clinic", "Clinic", "Clinic 2" →
 * clinic, clinic-2, clinic-2-2): numbered until free, so the same list always gives the same names.
 */
export function uniqueSlugs(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = slugOf(name);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  });
}
