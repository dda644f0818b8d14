import type { TokenCredential } from '@azure/core-auth';
import { TenantAccessError, type TenantFailureKind } from '../../core/errors.js';
import { redact } from '../../core/redact.js';
import { deadline, untilAborted } from '../../core/retry.js';
import type { M365Target } from './target.js';

/** Token scope for Microsoft Graph (application permissions). */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** The admin-consent URL an administrator of `tenant` opens to consent to the app `clientId`. */
export function adminConsentUrl(tenant: string, clientId: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/adminconsent?client_id=${encodeURIComponent(clientId)}`;
}

/** The app id an AADSTS message names ("Application with identifier 'GUID' was not found ..."). */
function appIdInMessage(message: string): string | undefined {
  return /(?:application|app|client)[^']{0,40}'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'/i.exec(message)?.[1];
}

interface Classified {
  kind: TenantFailureKind;
  cause: string;
  fix: string;
  consentUrl?: string;
  code?: string;
}

/**
 * What an Entra sign-in failure means and how to fix it, from its AADSTS code (the codes are
 * documented in "Microsoft Entra authentication and authorization error codes"; the message text
 * varies, so the code decides).
 */
export function classifyEntraFailure(error: unknown, tenant: string): Classified {
  const message = error instanceof Error ? error.message : String(error);
  const code = /AADSTS(\d+)/.exec(message)?.[0];
  const name = error instanceof Error ? error.name : '';
  const appId = appIdInMessage(message);
  const consent = (cause: string): Classified => {
    const consentUrl = appId ? adminConsentUrl(tenant, appId) : undefined;
    return {
      kind: 'not_consented',
      cause,
      fix: consentUrl
        ? `An administrator of ${tenant} must grant admin consent to the app: open ${consentUrl} (then assign the app the Global Reader role for Exchange Online).`
        : `An administrator of ${tenant} must grant admin consent to the app: https://login.microsoftonline.com/${tenant}/adminconsent?client_id=<your app's client id>.`,
      ...(consentUrl ? { consentUrl } : {}),
      ...(code ? { code } : {}),
    };
  };
  const credential = (cause: string, fix: string): Classified => ({ kind: 'bad_credential', cause, fix, ...(code ? { code } : {}) });
  switch (code) {
    case 'AADSTS7000215':
      return credential('Microsoft Entra refused the client secret (it is not a valid secret of this app)', "Use the secret's Value (not its Secret ID) from App registrations > Certificates & secrets, in AZURE_CLIENT_SECRET or --client-secret.");
    case 'AADSTS7000222':
      return credential('the client secret has expired', 'Create a new client secret under App registrations > Certificates & secrets (or, better, upload a certificate) and use it instead.');
    case 'AADSTS700027':
    case 'AADSTS700024':
    case 'AADSTS700023':
      return credential('Microsoft Entra refused the client assertion (certificate or federated token)', 'Check that the certificate uploaded to the app registration matches the private key used, that it has not expired, and that the machine clock is right.');
    case 'AADSTS70021':
    case 'AADSTS700213':
    case 'AADSTS700211':
      return credential('no federated identity credential of the app matches the presented token', "Add a federated credential to the app registration whose issuer, subject and audience match the workload's token (for GitHub: repo:OWNER/REPO:ref:refs/heads/main or environment:NAME, audience api://AzureADTokenExchange).");
    case 'AADSTS700016':
      return consent(`the app is not registered or consented in tenant ${tenant}`);
    case 'AADSTS65001':
    case 'AADSTS7000229':
    case 'AADSTS650052':
      return consent(`the app has not been granted admin consent in tenant ${tenant}`);
    case 'AADSTS90002':
    case 'AADSTS90023':
      return { kind: 'unknown_tenant', cause: `Microsoft Entra does not know the tenant ${tenant}`, fix: 'Check --tenant / tenantId: use the directory (tenant) id GUID or a verified domain of the tenant.', ...(code ? { code } : {}) };
    case 'AADSTS50034':
    case 'AADSTS50126':
      return credential('Microsoft Entra refused the sign-in', 'Check the credential: tenant-audit signs in as an application (client credentials), not as a user.');
    default:
      break;
  }
  if (/additionallyAllowedTenants|AdditionallyAllowedTenants/.test(message)) {
    return {
      kind: 'wrong_tenant',
      cause: `the credential is bound to another tenant and may not ask for tokens for ${tenant}`,
      fix: "Build the credential with additionallyAllowedTenants: ['*'] (one multi-tenant app for many client tenants), or give each tenant its own credential.",
    };
  }
  if (name === 'CredentialUnavailableError' || /CredentialUnavailable|no credential|not available/i.test(name)) {
    return {
      kind: 'no_credential',
      cause: 'no Microsoft credential was found',
      fix:
        'Set AZURE_CLIENT_ID with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH (or --client-id with --client-secret or --certificate-path); ' +
        'or run where workload identity federation (AZURE_FEDERATED_TOKEN_FILE) or a managed identity is available; or sign in with `az login`.',
    };
  }
  if (/ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|fetch failed|network/i.test(message)) {
    return { kind: 'unreachable', cause: 'Microsoft Entra (login.microsoftonline.com) could not be reached', fix: 'Check the network, proxy (HTTPS_PROXY) and DNS of the machine running the audit, then run it again.' };
  }
  return credential('Microsoft Entra refused to issue a token', 'Check the app registration, its credential and the tenant id.');
}

/**
 * One Graph token request before any dataset is read, bounded by `timeoutMs` and the caller's
 * signal: a failure here is the tenant's, named once with its fix.
 */
export async function checkM365Access(target: M365Target, options: { signal?: AbortSignal; timeoutMs: number }): Promise<void> {
  await tokenOrThrow(target.credential, target.tenantId, options);
}

async function tokenOrThrow(credential: TokenCredential, tenant: string, { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number }): Promise<void> {
  const timeout = deadline(timeoutMs);
  const abort = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  let token;
  try {
    // A credential that never settles must not hang the audit: the deadline ends the wait.
    token = await untilAborted(credential.getToken(GRAPH_SCOPE, { abortSignal: abort }), abort);
  } catch (error) {
    // The caller's own abort is not the tenant's failure: it surfaces as the AbortError it is.
    if (signal?.aborted) throw signal.reason;
    if (timeout.signal.aborted) {
      throw new TenantAccessError('timeout', `No token for ${tenant} within ${Math.round(timeoutMs / 1000)} s: the credential did not answer. Check the network and the credential, then run it again.`);
    }
    const { kind, cause, fix, consentUrl, code } = classifyEntraFailure(error, tenant);
    const said = redact(error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
    throw new TenantAccessError(kind, `Cannot audit ${tenant}: ${cause}. ${fix} (Entra said: ${said})`, { ...(consentUrl ? { consentUrl } : {}), ...(code ? { code } : {}) });
  } finally {
    timeout.clear();
  }
  if (!token) throw new TenantAccessError('bad_credential', `Cannot audit ${tenant}: the credential returned no token for Microsoft Graph. Check the credential object passed as target.credential.`);
}
