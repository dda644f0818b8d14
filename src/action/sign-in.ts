import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { ClientAssertionCredential, ClientSecretCredential } from '@azure/identity';
import { registerSecret } from '../core/redact.js';
import type { AuditTarget } from '../providers/index.js';
import { keylessDelegation } from '../providers/google/keyless.js';
import type { ServiceAccountKey } from '../providers/google/target.js';
import { ActionInputError, type ActionInputs } from './inputs.js';

/** The audience Entra accepts in a federated token (workload identity federation; the only value a federated credential may hold). */
export const ENTRA_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** Masked in the log by the runner and redacted from every output by the library. Multi-line secrets are masked line by line. */
export function hideSecret(value: string | undefined): void {
  if (!value) return;
  registerSecret(value);
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) core.setSecret(line.trim());
}

/** Why a keyless sign-in cannot start: the job was not given an OIDC token. */
function assertOidcAvailable(): void {
  if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL || !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new ActionInputError(
      'client-id',
      'keyless sign-in needs the job\'s OIDC token, and GitHub gave none: add `permissions: id-token: write` to the job (or, second best, set AZURE_CLIENT_SECRET in the environment).',
    );
  }
  // The request token is a bearer credential for GitHub's token service.
  hideSecret(process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
}

/**
 * Microsoft 365: GitHub's OIDC token as the client assertion of workload identity federation. A
 * fresh token is asked for whenever MSAL needs a new access token, so a long audit never presents
 * an expired assertion (the AADSTS700024 that a token fetched once at the start would give).
 * A client secret in AZURE_CLIENT_SECRET is used instead when present.
 */
async function m365Target(inputs: ActionInputs): Promise<AuditTarget> {
  const tenantId = inputs.tenantId!;
  const clientId = inputs.clientId!;
  const secret = process.env.AZURE_CLIENT_SECRET;
  if (secret) {
    hideSecret(secret);
    core.info('Signing in to Microsoft Entra with the client secret in AZURE_CLIENT_SECRET.');
    return { provider: 'm365', tenantId, credential: new ClientSecretCredential(tenantId, clientId, secret) };
  }
  assertOidcAvailable();
  core.info(`Signing in to Microsoft Entra with GitHub's OIDC token (workload identity federation, audience ${ENTRA_TOKEN_EXCHANGE_AUDIENCE}).`);
  // Asked once up front: a failure here is GitHub's, and would otherwise read as Entra being unreachable.
  let first: string | undefined;
  try {
    first = await core.getIDToken(ENTRA_TOKEN_EXCHANGE_AUDIENCE);
  } catch (error) {
    throw new Error(`GitHub did not give the job an OIDC token (${error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error)}): check that the job has \`permissions: id-token: write\`.`);
  }
  const assertion = async (): Promise<string> => {
    const token = first ?? (await core.getIDToken(ENTRA_TOKEN_EXCHANGE_AUDIENCE));
    first = undefined;
    return token;
  };
  return { provider: 'm365', tenantId, credential: new ClientAssertionCredential(tenantId, clientId, assertion) };
}

interface CredentialsFile {
  type?: string;
  client_email?: string;
  private_key?: string;
  service_account_impersonation_url?: string;
}

/** The Application Default Credentials file google-github-actions/auth (or the user) left, if any. */
async function credentialsFile(): Promise<{ path: string; content: CredentialsFile } | undefined> {
  const path = process.env.GOOGLE_APPLICATION_CREDENTIALS;
  if (!path) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ActionInputError('service-account', `GOOGLE_APPLICATION_CREDENTIALS names ${path}, which cannot be read (${error instanceof Error ? error.message : String(error)}).`);
  }
  try {
    const content = JSON.parse(text) as CredentialsFile;
    hideSecret(content.private_key);
    return { path, content };
  } catch {
    throw new ActionInputError('service-account', `GOOGLE_APPLICATION_CREDENTIALS names ${path}, which is not JSON.`);
  }
}

/**
 * Google Workspace: with `service-account`, keyless domain-wide delegation signed through IAM
 * Credentials by the ambient credential (the external_account file google-github-actions/auth
 * writes for workload identity federation); without it, a service-account key file named by
 * GOOGLE_APPLICATION_CREDENTIALS.
 */
async function googleTarget(inputs: ActionInputs): Promise<AuditTarget> {
  const subject = inputs.subject!;
  const customer = inputs.customerId ? { customerId: inputs.customerId } : {};
  const file = await credentialsFile();
  if (inputs.serviceAccount) {
    if (!file) {
      core.warning('GOOGLE_APPLICATION_CREDENTIALS is not set: run google-github-actions/auth (workload identity federation) before this step; trying the other Application Default Credentials.');
    }
    core.info(`Signing in to Google keylessly: domain-wide delegation as ${inputs.serviceAccount}, signed by the ambient credential.`);
    return { provider: 'google-workspace', auth: keylessDelegation({ serviceAccount: inputs.serviceAccount, subject }), subject, ...customer };
  }
  if (file?.content.type === 'service_account' && file.content.client_email && file.content.private_key) {
    core.info(`Signing in to Google with the service-account key in GOOGLE_APPLICATION_CREDENTIALS (${file.content.client_email}).`);
    return { provider: 'google-workspace', credentials: file.content as ServiceAccountKey, subject, ...customer };
  }
  const impersonated = /serviceAccounts\/([^:/]+):generateAccessToken/.exec(file?.content.service_account_impersonation_url ?? '')?.[1];
  throw new ActionInputError(
    'service-account',
    file
      ? `is required with workload identity federation (${file.path} is an ${file.content.type ?? 'unknown'} credential, not a service-account key): give the service account whose domain-wide delegation the audit uses${impersonated ? ` (the credentials impersonate ${decodeURIComponent(impersonated)})` : ''}.`
      : 'is required: run google-github-actions/auth (workload identity federation) before this step and give the service account whose domain-wide delegation the audit uses, or point GOOGLE_APPLICATION_CREDENTIALS at a service-account key file.',
  );
}

/** The audit target the inputs and the job's environment describe. */
export async function targetFromInputs(inputs: ActionInputs): Promise<AuditTarget> {
  return inputs.provider === 'm365' ? await m365Target(inputs) : await googleTarget(inputs);
}
