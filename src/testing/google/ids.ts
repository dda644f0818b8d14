import { createHash } from 'node:crypto';

/**
 * Deterministic identifiers in Google's formats, derived from a hash of their parts so scenarios
 * are the same on every run and machine (no randomness anywhere in a model).
 */

function digest(parts: readonly (string | number)[]): Buffer {
  return createHash('sha256').update(parts.map(String).join('\u0000')).digest();
}

/** Lower-case letters and digits, `length` long. */
export function deterministicAlnum(length: number, ...parts: (string | number)[]): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  let counter = 0;
  while (out.length < length) {
    for (const byte of digest([...parts, counter++])) {
      if (out.length >= length) break;
      out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

/** Decimal digits, `length` long, not starting with 0. */
export function deterministicDigits(length: number, ...parts: (string | number)[]): string {
  let out = '';
  let counter = 0;
  while (out.length < length) {
    for (const byte of digest([...parts, counter++])) {
      if (out.length >= length) break;
      const digit = byte % 10;
      out += out.length === 0 && digit === 0 ? '1' : String(digit);
    }
  }
  return out;
}

/** Lower-case hex, `length` long. */
export function deterministicHex(length: number, ...parts: (string | number)[]): string {
  let out = '';
  let counter = 0;
  while (out.length < length) out += digest([...parts, counter++]).toString('hex');
  return out.slice(0, length);
}

/** A Directory user id: 21 digits, as Google's are. */
export function googleUserId(...parts: (string | number)[]): string {
  return deterministicDigits(21, 'user-id', ...parts);
}

/** An org unit id with its `id:` prefix, e.g. `'id:03ph8a2z1k7q4xw'`. */
export function googleOrgUnitId(...parts: (string | number)[]): string {
  return `id:03${deterministicAlnum(13, 'org-unit', ...parts)}`;
}

/** A Cloud Identity policy name, e.g. `'policies/ahv4hg7qc24kvaghb7zihwf4riid4'`. */
export function googlePolicyName(...parts: (string | number)[]): string {
  return `policies/${deterministicAlnum(31, 'policy', ...parts)}`;
}

/** A Reports API `uniqueQualifier`: a signed 64-bit integer as a string. */
export function googleUniqueQualifier(...parts: (string | number)[]): string {
  const value = digest(['qualifier', ...parts]).readBigInt64BE(0);
  return value.toString();
}

/** A mobile device `resourceId` (URL-safe base64-like, 40 characters). */
export function googleDeviceResourceId(...parts: (string | number)[]): string {
  return `AFiQxQ8${digest(['device', ...parts]).toString('base64url').slice(0, 33)}`;
}

/** An etag as the Admin SDK writes them: a quoted opaque string. */
export function googleEtag(...parts: (string | number)[]): string {
  const hash = digest(['etag', ...parts]).toString('base64url');
  return `"${hash.slice(0, 27)}/${hash.slice(27, 43)}"`;
}
