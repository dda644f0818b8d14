import { describe, expect, it } from 'vitest';
import { slugOf, uniqueSlugs } from '../../src/core/slug.js';

describe('slugs for tenant files and folders', () => {
  it('spell a name in lower-case letters, digits and dashes', () => {
    expect(slugOf('Dr. Müller & Söhne — Clinic!')).toBe('dr-muller-sohne-clinic');
    expect(slugOf('***')).toBe('tenant');
    expect(slugOf(`${'a'.repeat(59)} b`)).toBe('a'.repeat(59));
  });

  it('never give two tenants one name, even when a numbered name is itself taken', () => {
    const slugs = uniqueSlugs(['Clinic', 'Clinic', 'Clinic 2', 'Lakeside']);
    expect(slugs).toEqual(['clinic', 'clinic-2', 'clinic-2-2', 'lakeside']);
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});
