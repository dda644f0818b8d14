import { readFile } from 'node:fs/promises';
import type { TokenCredential } from '@azure/core-auth';
import type { AuthClient } from 'google-auth-library';
import type { ServiceAccountKey } from '../providers/google/target.js';
import { ConfigError } from '../core/options.js';
import { registerSecret } from '../core/redact.js';

interface CredentialFlags {
  clientId?: string;
  clientSecret?: string;
  certificatePath?: string;
}

/**
 * A credential from flags, else the usual AZURE_* variables, else DefaultAzureCredential
 * (managed identity, workload identity, Azure CLI...). @azure/identity loads only when needed.
 */
export async function m365CredentialFromFlags(tenantId: string, flags: CredentialFlags): Promise<TokenCredential> {
  const identity = await import('@azure/identity');
  const clientId = flags.clientId ?? process.env.AZURE_CLIENT_ID;
  const secret = flags.clientSecret ?? process.env.AZURE_CLIENT_SECRET;
  const certificatePath = flags.certificatePath ?? process.env.AZURE_CLIENT_CERTIFICATE_PATH;
  registerSecret(secret);
  if (secret || certificatePath) {
    if (!clientId) throw new ConfigError('Missing --client-id (or AZURE_CLIENT_ID) for the client secret or certificate', '--client-id');
    if (secret) return new identity.ClientSecretCredential(tenantId, clientId, secret);
    return new identity.ClientCertificateCredential(tenantId, clientId, { certificatePath: certificatePath! });
  }
  return new identity.DefaultAzureCredential({ tenantId });
}

interface GoogleFlags {
  keyFile?: string;
  serviceAccount?: string;
  subject: string;
}

/**
 * Google access from flags: a service-account key file (or GOOGLE_APPLICATION_CREDENTIALS) for
 * domain-wide delegation, or keyless delegation as --service-account with the ambient credential.
 */
export async function googleAccessFromFlags(flags: GoogleFlags): Promise<{ credentials: ServiceAccountKey } | { auth: AuthClient }> {
  if (flags.keyFile && flags.serviceAccount) {
    throw new ConfigError('Give either --key-file or --service-account (keyless), not both', '--key-file');
  }
  if (flags.serviceAccount) {
    const { keylessDelegation } = await import('../providers/google/auth.js');
    return { auth: keylessDelegation({ serviceAccount: flags.serviceAccount, subject: flags.subject }) };
  }
  const file = flags.keyFile ?? process.env.GOOGLE_APPLICATION_CREDENTIALS;
  if (!file) throw new ConfigError('Missing --key-file (or GOOGLE_APPLICATION_CREDENTIALS), or --service-account for keyless use', '--key-file');
  let key: ServiceAccountKey;
  try {
    key = JSON.parse(await readFile(file, 'utf8')) as ServiceAccountKey;
  } catch (error) {
    throw new ConfigError(`Cannot read --key-file ${file}: ${error instanceof Error ? error.message : String(error)}`, '--key-file');
  }
  registerSecret(key.private_key);
  return { credentials: key };
}
