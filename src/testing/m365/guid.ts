/**
 * Deterministic GUIDs: the same inputs always give the same id, so scenarios are reproducible
 * (no Math.random) and tests can name objects by id.
 */

/** cyrb128: four 32-bit lanes of a fast non-cryptographic string hash. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Two hex digits per byte value, precomputed: formatting dominated the cost of big scenarios. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex8 = (n: number): string => HEX[n >>> 24]! + HEX[(n >>> 16) & 0xff]! + HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;

/**
 * A version-4-shaped GUID derived from `parts` (joined with '/').
 *
 * @example deterministicGuid('typical-practice', 'user', 'frontdesk') // always the same id
 */
export function deterministicGuid(...parts: readonly (string | number)[]): string {
  const [a, b, c, d] = hash128(parts.join('/'));
  // Set the version (4) and RFC 4122 variant bits so the id looks like the ones Entra issues.
  const b2 = ((b & 0xffff0fff) | 0x00004000) >>> 0;
  const c2 = ((c & 0x3fffffff) | 0x80000000) >>> 0;
  const hb = hex8(b2);
  const hc = hex8(c2);
  return `${hex8(a)}-${hb.slice(0, 4)}-${hb.slice(4)}-${hc.slice(0, 4)}-${hc.slice(4)}${hex8(d)}`;
}
