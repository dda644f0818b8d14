import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { TenantAccessError, type TenantFailureKind } from '../../core/errors.js';
import { isNetworkError, nextRetryDelay, DEFAULT_RETRY_SETTINGS } from '../../core/http-retry.js';
import { redact } from '../../core/redact.js';
import { deadline, sleep, untilAborted } from '../../core/retry.js';
import { appRolesOf, tokenIdentityOf } from './token-claims.js';
import type { M365Target } from './target.js';

/** Token scope for Microsoft Graph (application permissions). */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/**
 * The admin-consent URL an administrator of `tenant` opens to consent to the app `clientId`; with
 * `redirectUri` (one of the app's registered redirect URIs), where Entra sends them afterwards.
 */
export function adminConsentUrl(tenant: string, clientId: string, redirectUri?: string): string {
  const back = redirectUri ? `&redirect_uri=${encodeURIComponent(redirectUri)}` : '';
  return `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/adminconsent?client_id=${encodeURIComponent(clientId)}${back}`;
}

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * The app id an AADSTS message names: quoted in 700016 ("Application with identifier 'GUID' was not
 * found ...") and 65001 ("... the application with ID 'GUID' named ..."), bare in 7000229 ("The
 * client application GUID is missing service principal ...").
 */
function appIdInMessage(message: string): string | undefined {
  return (
    new RegExp(`(?:application|app|client)[^']{0,40}'(${GUID})'`, 'i').exec(message)?.[1] ??
    new RegExp(`client application (${GUID})\\b`, 'i').exec(message)?.[1]
  );
}

/** Why a token was refused for another tenant, and the fix, as @azure/identity's own refusal reads. */
const ADDITIONALLY_ALLOWED_FIX =
  "Build the shared credential with additionallyAllowedTenants: ['*'] (e.g. new ClientSecretCredential(homeTenantId, clientId, secret, { additionallyAllowedTenants: ['*'] })) so it may ask for tokens in each client tenant, or give this tenant its own credential built for the same tenant id.";

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
  // @azure/identity refuses before any request: "The current credential is not configured to acquire
  // tokens for tenant X. To enable acquiring tokens for this tenant add it to the
  // AdditionallyAllowedTenants on the credential options ..." (processMultiTenantRequest).
  if (/additionallyAllowedTenants/i.test(message)) {
    return { kind: 'wrong_tenant', cause: `the credential is bound to another tenant and may not ask for tokens for ${tenant}`, fix: ADDITIONALLY_ALLOWED_FIX };
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
 * One Graph token request for the target's tenant before any dataset is read, bounded by
 * `timeoutMs` and the caller's signal: a failure here is the tenant's, named once with its fix.
 * Then the token must belong to the target (its `tid` claim; for a target named by domain, the
 * organisation's verified domains) and carry application permissions (none at all means admin
 * consent was never given). A token that is not a JWT cannot be read and skips both checks.
 */
export async function checkM365Access(target: M365Target, options: { signal?: AbortSignal; timeoutMs: number }): Promise<void> {
  const token = await tokenOrThrow(target.credential, target.tenantId, options);
  const identity = tokenIdentityOf(token.token);
  if (!identity) return;
  await confirmTokenTenant(token.token, identity.tenantId, target.tenantId, options);
  const roles = appRolesOf(token.token);
  if (identity.appOnly && roles !== undefined && roles.length === 0) {
    const consentUrl = identity.appId ? adminConsentUrl(target.tenantId, identity.appId) : undefined;
    const fix = `An administrator of ${target.tenantId} must grant admin consent to the app's application permissions${consentUrl ? `: open ${consentUrl}` : ''} (\`tenant-audit permissions m365\` lists them).`;
    throw new TenantAccessError('not_consented', `Cannot audit ${target.tenantId}: the app holds no Microsoft Graph application permission there (its token has no roles). ${fix}`, {
      ...(consentUrl ? { consentUrl } : {}),
      fix,
    });
  }
}

/** Whether a tenant is named by its id (a GUID) rather than by a domain. */
export function isTenantGuid(tenant: string): boolean {
  return new RegExp(`^${GUID}$`, 'i').test(tenant);
}

/**
 * A token for another tenant than the target must never be used: the report would hold that
 * tenant's data under the target's name. A target named by id is compared with `tid`; one named by
 * domain is looked up in the token's own organisation (GET /organization, its verifiedDomains).
 */
async function confirmTokenTenant(token: string, tokenTenant: string | undefined, tenant: string, options: { signal?: AbortSignal; timeoutMs: number }): Promise<void> {
  if (!tokenTenant) return;
  const mismatch = (what: string): TenantAccessError => {
    const fix =
      `${ADDITIONALLY_ALLOWED_FIX} A credential that ignores the tenant asked for (a managed identity, AZURE_IDENTITY_DISABLE_MULTITENANTAUTH set) ` +
      'only ever gets tokens for its own tenant.';
    return new TenantAccessError('wrong_tenant', `Cannot audit ${tenant}: the credential returned a token for tenant ${tokenTenant}, ${what}. Nothing was collected. ${fix}`, { fix });
  };
  if (isTenantGuid(tenant)) {
    if (tenant.toLowerCase() !== tokenTenant.toLowerCase()) throw mismatch(`not ${tenant}`);
    return;
  }
  const organization = await organizationOf(token, tenant, options);
  if (organization.id?.toLowerCase() !== tokenTenant.toLowerCase()) throw mismatch(`whose organisation answered as ${organization.id ?? 'another tenant'}`);
  const domains = organization.verifiedDomains.map((domain) => domain.toLowerCase());
  if (!domains.includes(tenant.toLowerCase())) throw mismatch(`which has not verified the domain ${tenant} (its verified domains: ${organization.verifiedDomains.join(', ') || 'none'})`);
}

const ORGANIZATION_URL = 'https://graph.microsoft.com/v1.0/organization?$select=id,verifiedDomains';

/**
 * The token's organisation as Graph answers \`GET /organization\` (its id and verified domain names),
 * with tenant-audit's retry policy for throttling and outages. User.Read.All, which the audit needs
 * anyway, is enough to read it (Graph permissions reference).
 */
async function organizationOf(token: string, tenant: string, { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number }): Promise<{ id?: string; verifiedDomains: string[] }> {
  const started = Date.now();
  for (let retry = 0; ; retry += 1) {
    const timeout = deadline(timeoutMs);
    const abort = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    let response: Response | undefined;
    let body: unknown;
    let failure: unknown;
    try {
      response = await fetch(ORGANIZATION_URL, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }, signal: abort });
      body = await response.json().catch(() => undefined);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      failure = error;
    } finally {
      timeout.clear();
    }
    const outcome = response
      ? { kind: 'answer' as const, status: response.status, retryAfter: response.headers.get('retry-after') }
      : failure !== undefined && isNetworkError(failure)
        ? { kind: 'network' as const }
        : { kind: 'timeout' as const };
    const wait = nextRetryDelay(outcome, retry, Date.now() - started, { ...DEFAULT_RETRY_SETTINGS, budgetMs: Math.min(DEFAULT_RETRY_SETTINGS.budgetMs, timeoutMs) });
    if (wait !== undefined && !(response && response.ok)) {
      await sleep(wait, signal);
      continue;
    }
    if (!response) {
      throw new TenantAccessError('unreachable', `Cannot audit ${tenant}: Microsoft Graph could not be reached to confirm which tenant the token is for. Check the network and proxy, then run it again.`);
    }
    if (response.ok) {
      const organization = (body as { value?: { id?: unknown; verifiedDomains?: { name?: unknown }[] }[] } | undefined)?.value?.[0];
      return {
        ...(typeof organization?.id === 'string' ? { id: organization.id } : {}),
        verifiedDomains: (organization?.verifiedDomains ?? []).map((domain) => domain.name).filter((name): name is string => typeof name === 'string'),
      };
    }
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    const said = redact(`${response.status} ${error?.code ?? ''}${error?.message ? `: ${error.message}` : ''}`.trim());
    if (response.status === 401 || response.status === 403) {
      const fix = `Grant the app the Microsoft Graph application permission User.Read.All (the audit needs it) with admin consent in ${tenant}, or name the tenant by its id (GUID).`;
      throw new TenantAccessError('not_consented', `Cannot audit ${tenant}: Microsoft Graph refused GET /organization (${said}), so the token cannot be shown to belong to ${tenant}. ${fix}`, { fix });
    }
    throw new TenantAccessError('unreachable', `Cannot audit ${tenant}: Microsoft Graph answered GET /organization with ${said}. Run it again later.`);
  }
}

async function tokenOrThrow(credential: TokenCredential, tenant: string, { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number }): Promise<AccessToken> {
  const timeout = deadline(timeoutMs);
  const abort = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  let token;
  try {
    // A credential that never settles must not hang the audit: the deadline ends the wait.
    token = await untilAborted(credential.getToken(GRAPH_SCOPE, { abortSignal: abort, tenantId: tenant }), abort);
  } catch (error) {
    // The caller's own abort is not the tenant's failure: it surfaces as the AbortError it is.
    if (signal?.aborted) throw signal.reason;
    if (timeout.signal.aborted) {
      throw new TenantAccessError('timeout', `No token for ${tenant} within ${Math.round(timeoutMs / 1000)} s: the credential did not answer. Check the network and the credential, then run it again.`);
    }
    const { kind, cause, fix, consentUrl, code } = classifyEntraFailure(error, tenant);
    const said = entraSentence(redact(error instanceof Error ? error.message : String(error)));
    throw new TenantAccessError(kind, `Cannot audit ${tenant}: ${cause}. ${fix} (Entra said: ${said})`, { ...(consentUrl ? { consentUrl } : {}), ...(code ? { code } : {}), fix });
  } finally {
    timeout.clear();
  }
  if (!token) throw new TenantAccessError('bad_credential', `Cannot audit ${tenant}: the credential returned no token for Microsoft Graph. Check the credential object passed as target.credential.`);
  return token;
}

/**
 * The sentence of Entra's error that says what is wrong ("AADSTS7000229: The client application ...
 * is missing service principal in the tenant ..."), without the timestamps and trace ids that change
 * every run; else the first line, cut at a word.
 */
function entraSentence(message: string): string {
  const sentence = /AADSTS\d+:[^\n]*?\.(?=\s|$)/.exec(message)?.[0];
  if (sentence) return sentence;
  const line = message.split('\n')[0]!;
  return line.length <= 300 ? line : `${line.slice(0, line.lastIndexOf(' ', 300))}…`;
}
