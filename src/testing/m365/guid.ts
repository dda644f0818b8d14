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

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

/**
 * A version-4-shaped GUID derived from `parts` (joined with '/').
 *
 * @example deterministicGuid('typical-practice', 'user', 'frontdesk') // always the same id
 */
export function deterministicGuid(...parts: readonly (string | number)[]): string {
  const [a, b, c, d] = hash128(parts.join('/'));
  const hex = hex8(a) + hex8(b) + hex8(c) + hex8(d);
  // Set the version (4) and RFC 4122 variant bits so the id looks like the ones Entra issues.
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
