import type { TokenCredential } from '@azure/core-auth';
import { access, constants, readFile } from 'node:fs/promises';
import { ConfigError } from '../core/options.js';
import { registerSecret } from '../core/redact.js';
import type { ServiceAccountKey } from '../providers/google/target.js';
import type { SweepTarget } from '../sweep/sweep.js';
import { entryOptions, isM365Entry, type CheckedTenantsFile } from '../sweep/tenants-file.js';

/**
 * The one Microsoft credential of a tenants file, shared by every M365 tenant: built with
 * `additionallyAllowedTenants: ['*']` so that each token can be asked for its tenant. A secret is
 * read from the environment variable the file names; a certificate from its file; neither, the
 * ambient identity (workload identity federation, managed identity, Azure CLI).
 */
async function m365Credential(checked: CheckedTenantsFile, env: NodeJS.ProcessEnv): Promise<TokenCredential> {
  const config = checked.m365 ?? {};
  const where = `${checked.file} at defaults.m365`;
  const firstTenant = checked.tenants.find(isM365Entry)?.tenantId;
  const home = config.tenantId ?? firstTenant!;
  const clientId = config.clientId ?? env.AZURE_CLIENT_ID;
  if (config.clientSecretEnv && config.certificatePath) {
    throw new ConfigError(`Invalid ${where}: give either clientSecretEnv or certificatePath, not both`, `${checked.file}:defaults.m365`);
  }
  const secretEnv = config.clientSecretEnv ?? (config.certificatePath ? undefined : env.AZURE_CLIENT_SECRET ? 'AZURE_CLIENT_SECRET' : undefined);
  const certificatePath = config.certificatePath ?? (secretEnv ? undefined : env.AZURE_CLIENT_CERTIFICATE_PATH);
  const identity = await import('@azure/identity');
  const multiTenant = { additionallyAllowedTenants: ['*'] };
  if (secretEnv) {
    const secret = env[secretEnv];
    if (!secret) throw new ConfigError(`The environment variable ${secretEnv} (${where}.clientSecretEnv) is not set: it must hold the app's client secret`, `${checked.file}:defaults.m365.clientSecretEnv`);
    registerSecret(secret);
    if (!clientId) throw new ConfigError(`Missing ${where}.clientId (or AZURE_CLIENT_ID) for the client secret`, `${checked.file}:defaults.m365.clientId`);
    return new identity.ClientSecretCredential(home, clientId, secret, multiTenant);
  }
  if (certificatePath) {
    if (!clientId) throw new ConfigError(`Missing ${where}.clientId (or AZURE_CLIENT_ID) for the certificate`, `${checked.file}:defaults.m365.clientId`);
    try {
      await access(certificatePath, constants.R_OK);
    } catch {
      throw new ConfigError(`Cannot read ${where}.certificatePath ${certificatePath}`, `${checked.file}:defaults.m365.certificatePath`);
    }
    return new identity.ClientCertificateCredential(home, clientId, { certificatePath }, multiTenant);
  }
  return new identity.DefaultAzureCredential({ tenantId: home, ...multiTenant, ...(clientId ? { managedIdentityClientId: clientId, workloadIdentityClientId: clientId } : {}) });
}

/** The Google access of a tenants file, shared by every Google tenant: one key object, or one keyless service account. */
async function googleAccess(checked: CheckedTenantsFile, env: NodeJS.ProcessEnv): Promise<{ key?: ServiceAccountKey; serviceAccount?: string }> {
  const config = checked.google ?? {};
  const where = `${checked.file} at defaults.google`;
  if (config.keyFile && config.serviceAccount) throw new ConfigError(`Invalid ${where}: give either keyFile or serviceAccount (keyless), not both`, `${checked.file}:defaults.google`);
  if (config.serviceAccount) return { serviceAccount: config.serviceAccount };
  const file = config.keyFile ?? env.GOOGLE_APPLICATION_CREDENTIALS;
  if (!file) throw new ConfigError(`Missing ${where}.keyFile (or GOOGLE_APPLICATION_CREDENTIALS), or defaults.google.serviceAccount for keyless use, for the Google tenants`, `${checked.file}:defaults.google`);
  let key: ServiceAccountKey;
  try {
    key = JSON.parse(await readFile(file, 'utf8')) as ServiceAccountKey;
  } catch (error) {
    throw new ConfigError(`Cannot read ${where}.keyFile ${file}: ${error instanceof Error ? error.message : String(error)}`, `${checked.file}:defaults.google.keyFile`);
  }
  registerSecret(key.private_key);
  return { key };
}

/**
 * The sweep's targets from a checked tenants file: one credential per cloud for every tenant of
 * that cloud, each tenant with its own options. Fails (bad usage) before any audit when a
 * credential cannot be built.
 */
export async function targetsFromTenantsFile(checked: CheckedTenantsFile, env: NodeJS.ProcessEnv = process.env): Promise<SweepTarget[]> {
  const credential = checked.tenants.some(isM365Entry) ? await m365Credential(checked, env) : undefined;
  const google = checked.tenants.some((entry) => !isM365Entry(entry)) ? await googleAccess(checked, env) : undefined;
  const keyless = google?.serviceAccount ? (await import('../providers/google/keyless.js')).keylessDelegation : undefined;
  return checked.tenants.map((entry): SweepTarget => {
    const options = entryOptions(entry);
    const own = Object.keys(options).length ? { options } : {};
    if (isM365Entry(entry)) return { provider: 'm365', tenantId: entry.tenantId, credential: credential!, ...(entry.name ? { name: entry.name } : {}), ...own };
    return {
      provider: 'google-workspace',
      ...(entry.customerId ? { customerId: entry.customerId } : {}),
      subject: entry.subject,
      ...(google!.key ? { credentials: google!.key } : { auth: keyless!({ serviceAccount: google!.serviceAccount!, subject: entry.subject }) }),
      ...(entry.name ? { name: entry.name } : {}),
      ...own,
    };
  });
}
