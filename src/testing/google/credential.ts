import { createHash, generateKeyPairSync, type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import type { GoogleWorkspaceModel, ServiceAccountPublicKey } from './model.js';

/**
 * Service-account keys for the simulator. Node cannot generate RSA keys from a seed, so one real
 * 2048-bit key pair is made per process (about 0.1 s, on first use) and shared by every scenario;
 * the model holds only the public half. The private halves live in a process registry, so a
 * {@link simulatedServiceAccountKey} can sign for any model whose key was made here.
 */

/** A key pair the simulator can sign and verify with. */
export interface SimulatedKeyPair {
  /** 40 hex digits, as Google's key ids are. */
  keyId: string;
  publicKeyPem: string;
  privateKeyPem: string;
}

const privateKeys = new Map<string, KeyObject>();
let processKey: SimulatedKeyPair | undefined;

function register(pair: SimulatedKeyPair): SimulatedKeyPair {
  privateKeys.set(pair.publicKeyPem.trim(), createPrivateKey(pair.privateKeyPem));
  return pair;
}

/**
 * A fresh RSA key pair, registered so the simulator can sign with it (e.g. a second key for a
 * "signed with the wrong key" test). Each call generates a new pair.
 */
export function createServiceAccountKeyPair(): SimulatedKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyId = createHash('sha1').update(publicKeyPem).digest('hex');
  return register({ keyId, publicKeyPem, privateKeyPem });
}

/** The process-wide key pair every scenario's service account uses (generated once, on first use). */
export function processServiceAccountKeyPair(): SimulatedKeyPair {
  processKey ??= createServiceAccountKeyPair();
  return processKey;
}

/** The public halves the scenarios put in a model: one user-managed (the JSON key) and one Google-managed (for signJwt). */
export function processServiceAccountPublicKeys(): ServiceAccountPublicKey[] {
  const pair = processServiceAccountKeyPair();
  // Both key ids name the same key material: Google keeps its managed key apart from the
  // downloaded one, but for signature checks a distinct id is all that matters here.
  return [
    { keyId: pair.keyId, publicKeyPem: pair.publicKeyPem, keyType: 'USER_MANAGED' },
    { keyId: createHash('sha1').update(`system:${pair.keyId}`).digest('hex'), publicKeyPem: pair.publicKeyPem, keyType: 'SYSTEM_MANAGED' },
  ];
}

/** The registered private key for a public key, if this process made it. */
export function privateKeyFor(publicKeyPem: string): KeyObject | undefined {
  return privateKeys.get(publicKeyPem.trim());
}

/** A public key object from PEM (the token endpoint verifies with it). */
export function publicKeyObject(publicKeyPem: string): KeyObject {
  return createPublicKey(publicKeyPem);
}

/** A service-account key file, as Google Cloud's "Create key > JSON" downloads it. */
export interface SimulatedServiceAccountKeyFile {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: 'googleapis.com';
}

/**
 * A real service-account key JSON for the model's service account (its first user-managed key),
 * ready for `google-auth-library`'s `JWT` or tenant-audit's `credentials` target field. The
 * simulated token endpoint verifies assertions signed with it.
 *
 * @example
 * const practice = google.typicalPractice();
 * const simulator = startSimulator({ google: [practice] });
 * const report = await audit({
 *   provider: 'google-workspace',
 *   credentials: simulatedServiceAccountKey(practice),
 *   subject: googleSuperAdmin(practice),
 * });
 */
export function simulatedServiceAccountKey(model: Pick<GoogleWorkspaceModel, 'serviceAccount' | 'cloudProject'>): SimulatedServiceAccountKeyFile {
  const { serviceAccount } = model;
  const key = serviceAccount.keys.find((candidate) => (candidate.keyType ?? 'USER_MANAGED') === 'USER_MANAGED');
  if (!key) throw new Error(`The model's service account ${serviceAccount.clientEmail} has no user-managed key to download.`);
  const privateKey = privateKeyFor(key.publicKeyPem);
  if (!privateKey) {
    throw new Error(
      `No private key is known for key ${key.keyId}: give the model a key from processServiceAccountPublicKeys() or createServiceAccountKeyPair().`,
    );
  }
  const encodedEmail = encodeURIComponent(serviceAccount.clientEmail);
  return {
    type: 'service_account',
    project_id: model.cloudProject.projectId,
    private_key_id: key.keyId,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: serviceAccount.clientEmail,
    client_id: serviceAccount.clientId,
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodedEmail}`,
    universe_domain: 'googleapis.com',
  };
}

/** A key file for the model's service account signed with another key: the token endpoint answers "Invalid JWT Signature.". */
export function wronglySignedServiceAccountKey(model: Pick<GoogleWorkspaceModel, 'serviceAccount' | 'cloudProject'>): SimulatedServiceAccountKeyFile {
  const genuine = simulatedServiceAccountKey(model);
  const other = createServiceAccountKeyPair();
  return { ...genuine, private_key: other.privateKeyPem };
}

/**
 * The federated access token the model's keyless workload holds (workload identity federation),
 * which authorises IAM Credentials `signJwt` on the service account.
 */
export function simulatedFederatedToken(model: Pick<GoogleWorkspaceModel, 'workloadIdentity'>): string {
  if (!model.workloadIdentity) throw new Error('The model has no workloadIdentity (keyless path) configured.');
  return model.workloadIdentity.federatedToken;
}

/** The primary email of the model's first active super administrator (the subject to impersonate). */
export function googleSuperAdmin(model: Pick<GoogleWorkspaceModel, 'users'>): string {
  const admin = model.users.find((user) => user.isAdmin && !user.suspended);
  if (!admin) throw new Error('The model has no active super administrator.');
  return admin.primaryEmail;
}
