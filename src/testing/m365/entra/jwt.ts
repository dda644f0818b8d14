import { constants, createSign, createVerify, type KeyObject } from 'node:crypto';

/** A decoded compact JWS (JWT). */
export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function jsonSegment(segment: string): Record<string, unknown> | undefined {
  try {
    return asObject(JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
}

/** Splits and decodes a JWT; `undefined` when it is not three base64url parts with JSON header and claims. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  const header = jsonSegment(headerPart);
  const claims = jsonSegment(claimsPart);
  if (!header || !claims) return undefined;
  return { header, claims, signingInput: `${headerPart}.${claimsPart}`, signature: Buffer.from(signaturePart, 'base64url') };
}

/** Whether the JWS signature verifies with `key` under the header's `alg` (RS256 or PS256 only). */
export function verifyJwtSignature(jwt: DecodedJwt, key: KeyObject): boolean {
  const alg = jwt.header['alg'];
  try {
    if (alg === 'RS256') return createVerify('RSA-SHA256').update(jwt.signingInput).verify(key, jwt.signature);
    if (alg === 'PS256') {
      // RFC 7518 §3.5: PSS with SHA-256, MGF1 with SHA-256, salt as long as the hash.
      return createVerify('RSA-SHA256')
        .update(jwt.signingInput)
        .verify({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, jwt.signature);
    }
    return false;
  } catch {
    return false;
  }
}

/** Signs `claims` as an RS256 JWT with `header`'s extra fields. */
export function signRs256Jwt(claims: Record<string, unknown>, privateKey: KeyObject | string, header: Record<string, unknown> = {}): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  const signingInput = `${encode({ typ: 'JWT', alg: 'RS256', ...header })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** A numeric date claim (seconds since the epoch), or `undefined`. */
export function numericDate(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
