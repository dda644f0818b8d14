import { createHash, createPrivateKey, createSign, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { deterministicGuid } from '../guid.js';
import type { EntraKeyCredential } from './model.js';

/**
 * Self-signed X.509 certificates for app registrations, made with node:crypto alone. Node can
 * generate keys and parse certificates (`X509Certificate`) but not issue them, so this encodes the
 * few DER structures of a minimal RFC 5280 certificate (version 3, no extensions, signed with
 * sha256WithRSAEncryption) by hand. Given the same key, subject and dates the certificate is the
 * same bytes (PKCS#1 v1.5 signatures are deterministic). RSA keys cannot be derived from a seed,
 * so one 2048-bit key per process is made on first use and shared, as the Google simulator does.
 */

// ---------------------------------------------------------------------------------------------
// DER (ITU-T X.690) encoding of the handful of types a certificate needs.

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

const sequence = (...items: Buffer[]): Buffer => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => der(0x31, Buffer.concat(items));
const explicit = (tagNumber: number, content: Buffer): Buffer => der(0xa0 | tagNumber, content);
const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);
const utf8String = (text: string): Buffer => der(0x0c, Buffer.from(text, 'utf8'));
const bitString = (bytes: Buffer): Buffer => der(0x03, Buffer.concat([Buffer.from([0x00]), bytes]));

function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0x00 && (bytes[start + 1]! & 0x80) === 0) start += 1;
  const trimmed = bytes.subarray(start);
  // A leading 0x00 keeps the number positive when its high bit is set.
  return der(0x02, (trimmed[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0x00]), trimmed]) : trimmed);
}

function objectIdentifier(oid: string): Buffer {
  const [first = 0, second = 0, ...rest] = oid.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) chunk.unshift(0x80 | (value & 0x7f));
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(`${digits.slice(2)}Z`, 'ascii')) : der(0x18, Buffer.from(`${digits}Z`, 'ascii'));
}

/** A Name with one common name, e.g. `CN=tenant-audit`. */
function name(commonName: string): Buffer {
  return sequence(set(sequence(objectIdentifier('2.5.4.3'), utf8String(commonName))));
}

const SHA256_WITH_RSA = sequence(objectIdentifier('1.2.840.113549.1.1.11'), nullValue());

// ---------------------------------------------------------------------------------------------
// Keys and certificates.

/** An RSA key pair as PEM. */
export interface SimulatedRsaKeyPair {
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  privateKeyPem: string;
  /** SPKI PEM (`-----BEGIN PUBLIC KEY-----`). */
  publicKeyPem: string;
}

/** A fresh 2048-bit RSA key pair (about 0.1 s). */
export function createRsaKeyPair(): SimulatedRsaKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

let processKeyPair: SimulatedRsaKeyPair | undefined;

/** The key pair every certificate made without a `keyPair` shares (generated once per process). */
export function processCertificateKeyPair(): SimulatedRsaKeyPair {
  processKeyPair ??= createRsaKeyPair();
  return processKeyPair;
}

/** Options for {@link createSelfSignedCertificate}. */
export interface SelfSignedCertificateOptions {
  /** The common name of subject and issuer. Defaults to `'tenant-audit'`. */
  commonName?: string;
  /** Start of validity. Defaults to 2026-01-01T00:00:00Z. */
  notBefore?: Date | string;
  /** End of validity. Defaults to 2036-01-01T00:00:00Z. */
  notAfter?: Date | string;
  /** The key to certify. Defaults to the process-wide key; pass `createRsaKeyPair()` for another. */
  keyPair?: SimulatedRsaKeyPair;
}

/** A self-signed certificate and its private key, ready for `ClientCertificateCredential`. */
export interface SimulatedCertificate {
  /** `-----BEGIN CERTIFICATE-----` PEM. */
  certificatePem: string;
  /** PKCS#8 private key PEM. */
  privateKeyPem: string;
  /** Private key and certificate in one PEM, the form `ClientCertificateCredential`'s `certificate` option takes. */
  pem: string;
  /** Base64 of the DER encoding (a `keyCredential`'s `key`). */
  derBase64: string;
  /** SHA-1 of the DER, 40 upper-case hex digits: the thumbprint the Entra admin center shows. */
  thumbprintSha1: string;
  /** SHA-256 of the DER, 64 upper-case hex digits (`x5t#S256` is its base64url form). */
  thumbprintSha256: string;
  notBefore: Date;
  notAfter: Date;
}

function asDate(value: Date | string | undefined, fallback: string): Date {
  return value === undefined ? new Date(fallback) : value instanceof Date ? value : new Date(value);
}

function pemBlock(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * A self-signed X.509 certificate (RSA 2048, sha256WithRSAEncryption) for an app registration's
 * `keyCredentials`, with its private key for `ClientCertificateCredential`.
 *
 * @example
 * const certificate = createSelfSignedCertificate({ commonName: 'audit-app' });
 * const app = simulatedApp({ homeTenantId: practice.tenantId, certificates: [certificate] });
 * const credential = new ClientCertificateCredential(practice.tenantId, app.appId, { certificate: certificate.pem });
 */
export function createSelfSignedCertificate(options: SelfSignedCertificateOptions = {}): SimulatedCertificate {
  const keyPair = options.keyPair ?? processCertificateKeyPair();
  const privateKey: KeyObject = createPrivateKey(keyPair.privateKeyPem);
  const commonName = options.commonName ?? 'tenant-audit';
  const notBefore = asDate(options.notBefore, '2026-01-01T00:00:00Z');
  const notAfter = asDate(options.notAfter, '2036-01-01T00:00:00Z');
  const spki = Buffer.from(
    keyPair.publicKeyPem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, ''),
    'base64',
  );
  // A positive serial derived from what the certificate says, so the same inputs give the same bytes.
  const serial = createHash('sha256').update(`${commonName}|${notBefore.toISOString()}|${notAfter.toISOString()}|`).update(spki).digest().subarray(0, 16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const tbs = sequence(
    explicit(0, integer(Buffer.from([0x02]))), // version 3
    integer(serial),
    SHA256_WITH_RSA,
    name(commonName),
    sequence(time(notBefore), time(notAfter)),
    name(commonName),
    spki,
  );
  const signature = createSign('sha256').update(tbs).sign(privateKey);
  const certificateDer = sequence(tbs, SHA256_WITH_RSA, bitString(signature));
  const certificatePem = pemBlock('CERTIFICATE', certificateDer);
  return {
    certificatePem,
    privateKeyPem: keyPair.privateKeyPem,
    pem: `${keyPair.privateKeyPem.trimEnd()}\n${certificatePem}`,
    derBase64: certificateDer.toString('base64'),
    thumbprintSha1: createHash('sha1').update(certificateDer).digest('hex').toUpperCase(),
    thumbprintSha256: createHash('sha256').update(certificateDer).digest('hex').toUpperCase(),
    notBefore,
    notAfter,
  };
}

/**
 * The `keyCredential` an app registration holds for `certificate`, as uploading it in the admin
 * center makes it (the manifest schema of the certificate-credentials article: `customKeyIdentifier`
 * base64 SHA-1, `key` base64 DER, `type` AsymmetricX509Cert, `usage` Verify). Its dates default
 * to the certificate's.
 */
export function keyCredentialFor(
  certificate: Pick<SimulatedCertificate, 'derBase64' | 'notBefore' | 'notAfter'>,
  options: { displayName?: string; startDateTime?: string; endDateTime?: string; keyId?: string } = {},
): EntraKeyCredential {
  const derBytes = Buffer.from(certificate.derBase64, 'base64');
  return {
    keyId: options.keyId ?? deterministicGuid('tenant-audit', 'key-credential', certificate.derBase64.slice(-64)),
    displayName: options.displayName ?? null,
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
    key: certificate.derBase64,
    customKeyIdentifier: createHash('sha1').update(derBytes).digest('base64'),
    startDateTime: options.startDateTime ?? certificate.notBefore.toISOString(),
    endDateTime: options.endDateTime ?? certificate.notAfter.toISOString(),
  };
}

/** What the token endpoint needs of a registered certificate: both thumbprints (base64url, as JWT headers carry them) and its public key. */
export interface RegisteredCertificate {
  credential: EntraKeyCredential;
  x5t: string;
  x5tS256: string;
  thumbprintSha1Hex: string;
  publicKey: KeyObject | null;
}

/** Reads a `keyCredential`'s certificate; `publicKey` is `null` when `key` is not a certificate Node can parse. */
export function registeredCertificate(credential: EntraKeyCredential): RegisteredCertificate {
  const derBytes = Buffer.from(credential.key, 'base64');
  let publicKey: KeyObject | null = null;
  try {
    publicKey = new X509Certificate(derBytes).publicKey;
  } catch {
    publicKey = null;
  }
  const sha1 = createHash('sha1').update(derBytes).digest();
  return {
    credential,
    x5t: sha1.toString('base64url'),
    x5tS256: createHash('sha256').update(derBytes).digest('base64url'),
    thumbprintSha1Hex: sha1.toString('hex').toUpperCase(),
    publicKey,
  };
}
