import type { Json, JsonObject } from './http.js';

/**
 * Google's partial-response `fields` parameter: `nextPageToken,users(primaryEmail,name/fullName)`.
 * Commas separate selections, `a/b` selects `b` inside `a`, `a(b,c)` selects several inside `a`,
 * `*` selects everything at that level. Arrays are selected element by element. A name the
 * resource's schema does not have is a 400 ("Invalid field selection <name>"), so a typo in a
 * collector's mask fails loudly instead of silently returning nothing.
 */

/** A parsed selection: each selected name and what is selected inside it (`null`: all of it). */
export type FieldSelection = Map<string, FieldSelection | null>;

/** A resource schema for validating selections: property name → nested schema, or `null` for a leaf / free-form value. */
export interface FieldSchema {
  [property: string]: FieldSchema | null;
}

/** Why a mask could not be used. */
export class FieldMaskError extends Error {
  constructor(readonly selection: string) {
    super(`Invalid field selection ${selection}`);
  }
}

function merge(into: FieldSelection, name: string, sub: FieldSelection | null): void {
  if (!into.has(name)) {
    into.set(name, sub);
    return;
  }
  const existing = into.get(name);
  if (existing === null || existing === undefined || sub === null) {
    into.set(name, null);
    return;
  }
  for (const [key, value] of sub) merge(existing, key, value);
}

/** Parses a `fields` value; throws {@link FieldMaskError} on bad syntax. */
export function parseFieldMask(mask: string): FieldSelection {
  let position = 0;
  const text = mask.replace(/\s+/g, '');

  function parseList(closing: boolean): FieldSelection {
    const selection: FieldSelection = new Map();
    for (;;) {
      const start = position;
      while (position < text.length && !',()'.includes(text[position] ?? '')) position++;
      const path = text.slice(start, position);
      if (path === '' || path.startsWith('/') || path.endsWith('/') || path.includes('//')) throw new FieldMaskError(path || mask);
      const names = path.split('/');
      let sub: FieldSelection | null = null;
      if (text[position] === '(') {
        position++;
        sub = parseList(true);
        if (text[position] !== ')') throw new FieldMaskError(mask);
        position++;
      }
      // a/b/c(d) nests as a(b(c(d))).
      let nested: FieldSelection | null = sub;
      for (let index = names.length - 1; index >= 1; index--) {
        const level: FieldSelection = new Map();
        level.set(names[index] ?? '', nested);
        nested = level;
      }
      merge(selection, names[0] ?? '', nested);
      if (text[position] === ',') {
        position++;
        continue;
      }
      if (closing ? text[position] === ')' : position >= text.length) return selection;
      throw new FieldMaskError(mask);
    }
  }

  const selection = parseList(false);
  if (position !== text.length) throw new FieldMaskError(mask);
  return selection;
}

/** Checks every selected name against `schema`; throws {@link FieldMaskError} naming the first unknown one. */
export function validateFieldMask(selection: FieldSelection, schema: FieldSchema | null, prefix = ''): void {
  if (schema === null) return; // a leaf or free-form value: anything below it is Google's business
  for (const [name, sub] of selection) {
    if (name === '*') continue;
    if (!Object.hasOwn(schema, name)) throw new FieldMaskError(prefix + name);
    if (sub !== null) validateFieldMask(sub, schema[name] ?? null, `${prefix}${name}/`);
  }
}

/** Applies a selection to a JSON value (arrays element by element). */
export function applyFieldMask(value: Json, selection: FieldSelection): Json {
  if (Array.isArray(value)) return value.map((item) => applyFieldMask(item, selection));
  if (value === null || typeof value !== 'object') return value;
  const wildcard = selection.get('*');
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const sub = selection.has(key) ? selection.get(key) : wildcard;
    if (sub === undefined) continue;
    out[key] = sub === null ? child : applyFieldMask(child, sub);
  }
  return out;
}
