import type { TokenCredential } from '@azure/core-auth';
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
