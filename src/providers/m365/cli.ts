import type { TokenCredential } from '@azure/core-auth';
import { ConfigError } from '../../core/options.js';
import { registerSecret } from '../../core/redact.js';
import type { ProviderCli } from '../types.js';
import { isTenantIdOrDomain, type M365Target } from './target.js';

/** The environment variables the CLI reads a Microsoft credential from, in the order it tries them. */
export const M365_CREDENTIAL_ENV = ['AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH'] as const;

/**
 * A credential from flags, else the usual AZURE_* variables, else DefaultAzureCredential
 * (workload identity, managed identity, Azure CLI...). A client id alone selects the user-assigned
 * managed identity or workload identity with that id. @azure/identity loads only when needed.
 */
async function credentialFromFlags(tenantId: string, flags: Readonly<Record<string, string | undefined>>): Promise<TokenCredential> {
  const identity = await import('@azure/identity');
  const clientId = flags.clientId ?? process.env.AZURE_CLIENT_ID;
  const secret = flags.clientSecret ?? process.env.AZURE_CLIENT_SECRET;
  const certificatePath = flags.certificatePath ?? process.env.AZURE_CLIENT_CERTIFICATE_PATH;
  registerSecret(secret);
  if (secret && certificatePath) {
    throw new ConfigError('Give either a client secret (--client-secret or AZURE_CLIENT_SECRET) or a certificate (--certificate-path or AZURE_CLIENT_CERTIFICATE_PATH), not both', '--client-secret');
  }
  if (secret || certificatePath) {
    if (!clientId) throw new ConfigError('Missing --client-id (or AZURE_CLIENT_ID) for the client secret or certificate', '--client-id');
    if (secret) return new identity.ClientSecretCredential(tenantId, clientId, secret);
    return new identity.ClientCertificateCredential(tenantId, clientId, { certificatePath: certificatePath! });
  }
  return new identity.DefaultAzureCredential({
    tenantId,
    ...(clientId ? { managedIdentityClientId: clientId, workloadIdentityClientId: clientId } : {}),
  });
}

export const m365Cli: ProviderCli<M365Target> = {
  command: 'm365',
  description: 'audit a Microsoft 365 tenant through Microsoft Graph and the Exchange Online admin API (application permissions)',
  flags: [
    { flags: '--tenant <id>', description: 'tenant id (GUID) or a verified domain such as contoso.onmicrosoft.com', required: true },
    {
      flags: '--client-id <id>',
      description:
        'app registration client id (or AZURE_CLIENT_ID); without a secret or certificate it selects the workload identity or user-assigned managed identity with that id',
    },
    { flags: '--client-secret <secret>', description: 'client secret (prefer AZURE_CLIENT_SECRET: flags show in process lists)' },
    { flags: '--certificate-path <file>', description: 'PEM certificate with its private key (or AZURE_CLIENT_CERTIFICATE_PATH)' },
  ],
  fieldFlags: { 'target.tenantId': '--tenant', 'target.credential': '--client-id' },
  async target(flags) {
    const tenantId = flags.tenant ?? '';
    // Checked before building a credential: @azure/identity's own error would not name the flag.
    if (!isTenantIdOrDomain(tenantId)) {
      throw new ConfigError(`Invalid --tenant ${JSON.stringify(tenantId)}: must be a tenant id (GUID) or a domain such as contoso.onmicrosoft.com`, '--tenant');
    }
    return { provider: 'm365', tenantId, credential: await credentialFromFlags(tenantId, flags) };
  },
};
