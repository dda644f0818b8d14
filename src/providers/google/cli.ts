import { readFile } from 'node:fs/promises';
import { ConfigError } from '../../core/options.js';
import { registerSecret } from '../../core/redact.js';
import type { ProviderCli } from '../types.js';
import type { GoogleWorkspaceTarget, ServiceAccountKey } from './target.js';

/**
 * Google access from flags: a service-account key file (or GOOGLE_APPLICATION_CREDENTIALS) for
 * domain-wide delegation, or keyless delegation as --service-account with the ambient credential.
 */
async function accessFromFlags(flags: Readonly<Record<string, string | undefined>>): Promise<Pick<GoogleWorkspaceTarget, 'credentials' | 'auth'>> {
  if (flags.keyFile && flags.serviceAccount) {
    throw new ConfigError('Give either --key-file or --service-account (keyless), not both', '--key-file');
  }
  if (flags.serviceAccount) {
    const { keylessDelegation } = await import('./keyless.js');
    return { auth: keylessDelegation({ serviceAccount: flags.serviceAccount, subject: flags.subject ?? '' }) };
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

export const googleCli: ProviderCli<GoogleWorkspaceTarget> = {
  command: 'google',
  description: 'audit a Google Workspace customer (a service account with domain-wide delegation, with a key or keyless)',
  flags: [
    { flags: '--key-file <file>', description: 'service-account key JSON (or GOOGLE_APPLICATION_CREDENTIALS)' },
    { flags: '--service-account <email>', description: 'keyless: the service account to sign as, using the ambient credential (workload identity)' },
    { flags: '--subject <email>', description: 'the super administrator to impersonate (the Policy API answers only to super administrators)', required: true },
    { flags: '--customer <id>', description: 'customer id, or my_customer (default)' },
  ],
  fieldFlags: {
    'target.customerId': '--customer',
    'target.subject': '--subject',
    'target.credentials': '--key-file',
    'target.auth': '--service-account',
  },
  async target(flags) {
    return {
      provider: 'google-workspace',
      ...(await accessFromFlags(flags)),
      ...(flags.subject ? { subject: flags.subject } : {}),
      ...(flags.customer ? { customerId: flags.customer } : {}),
    };
  },
};
