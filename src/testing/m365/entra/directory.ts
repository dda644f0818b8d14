import { createHash } from 'node:crypto';
import { SIMULATED_APP_DISPLAY_NAME, SIMULATED_APP_ID } from '../credential.js';
import { deterministicGuid } from '../guid.js';
import type { Guid, M365TenantModel } from '../model.js';
import type {
  EntraAppRegistration,
  EntraFederatedIdentityCredential,
  EntraKeyCredential,
  EntraPasswordCredential,
  EntraServicePrincipal,
  EntraSignInAudience,
} from './model.js';
import { keyCredentialFor, type SimulatedCertificate } from './x509.js';

/** Microsoft's first-party resources the simulator knows, by app id and resource URI. */
export interface FirstPartyResource {
  appId: Guid;
  displayName: string;
  /** Resource URIs (application ID URIs), compared without a trailing slash. */
  uris: readonly string[];
  /** Whether a tenant has this resource's service principal. */
  presentIn(tenant: M365TenantModel): boolean;
}

/**
 * Microsoft Graph is in every tenant. "Office 365 Exchange Online" (which also serves Security &
 * Compliance PowerShell) is there when the model has an Exchange organisation; without one a token
 * request for it gets AADSTS500011, as from a tenant without the service.
 */
export const FIRST_PARTY_RESOURCES: readonly FirstPartyResource[] = [
  { appId: '00000003-0000-0000-c000-000000000000', displayName: 'Microsoft Graph', uris: ['https://graph.microsoft.com'], presentIn: () => true },
  {
    appId: '00000002-0000-0ff1-ce00-000000000000',
    displayName: 'Office 365 Exchange Online',
    uris: ['https://outlook.office365.com', 'https://outlook.office.com', 'https://ps.compliance.protection.outlook.com'],
    presentIn: (tenant) => tenant.exchange !== undefined,
  },
];

/** The tenant's verified domains: `primaryDomain`, the Exchange initial domain and `domains`, without repeats. */
export function verifiedDomains(tenant: Pick<M365TenantModel, 'primaryDomain' | 'domains' | 'exchange'>): string[] {
  const all = [tenant.primaryDomain, tenant.exchange?.initialDomain, ...(tenant.domains ?? [])].filter((domain): domain is string => typeof domain === 'string' && domain !== '');
  const seen = new Set<string>();
  return all.filter((domain) => {
    const key = domain.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The tenant a URL's tenant segment names: its id or one of its verified domains (case-insensitive). */
export function findTenant(tenants: readonly M365TenantModel[], segment: string): M365TenantModel | undefined {
  const wanted = segment.toLowerCase();
  return tenants.find((tenant) => tenant.tenantId.toLowerCase() === wanted || verifiedDomains(tenant).some((domain) => domain.toLowerCase() === wanted));
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/** Whether a tenant segment is shaped like a tenant id or a domain (else Entra answers AADSTS900023). */
export function isTenantIdentifier(segment: string): boolean {
  return GUID.test(segment) || DNS_NAME.test(segment);
}

/** The service principals a tenant has: its list, or else the simulated auditing app's. */
export function servicePrincipalsOf(tenant: M365TenantModel): EntraServicePrincipal[] {
  return tenant.servicePrincipals ?? [{ appId: SIMULATED_APP_ID }];
}

// ---------------------------------------------------------------------------------------------
// Building app registrations

/** A client secret shaped like Entra's (40 characters, the 4th to 6th being the key version, e.g. "8Q~"). */
export function simulatedSecretText(...parts: readonly string[]): string {
  const digest = createHash('sha256').update(['tenant-audit', 'client-secret', ...parts].join('/')).digest('base64url').replace(/[-_]/g, 'x');
  return `${digest.slice(0, 3)}8Q~${digest.slice(3, 37)}`;
}

/** A secret for {@link simulatedApp}: its value, or a full `passwordCredential`. */
export type SimulatedSecret = string | (Partial<EntraPasswordCredential> & { secretText: string });

/** Options for {@link simulatedApp}. */
export interface SimulatedAppOptions {
  /** The home tenant (where the app is registered). */
  homeTenantId: Guid;
  /** Defaults to `SIMULATED_APP_ID`, the app `simulatedCredential` impersonates, which every tenant without `servicePrincipals` has consented. */
  appId?: Guid;
  /** Defaults to `'tenant-audit (simulated)'`. */
  displayName?: string;
  /** `true` for `AzureADMultipleOrgs` (an MSP's app consented in client tenants). Defaults to single tenant. */
  multiTenant?: boolean;
  /** Client secrets; defaults to one valid secret (see {@link simulatedClientSecret}). Pass `[]` for none. */
  secrets?: readonly SimulatedSecret[];
  /** Certificates: made with `createSelfSignedCertificate`, or `keyCredential`s. */
  certificates?: readonly (SimulatedCertificate | EntraKeyCredential)[];
  federatedIdentityCredentials?: readonly EntraFederatedIdentityCredential[];
}

const FAR_PAST = '2025-01-01T00:00:00Z';
const FAR_FUTURE = '2099-12-31T00:00:00Z';

function passwordCredential(appId: Guid, secret: SimulatedSecret, index: number): EntraPasswordCredential {
  const given = typeof secret === 'string' ? { secretText: secret } : secret;
  return {
    keyId: given.keyId ?? deterministicGuid('tenant-audit', 'password-credential', appId, index),
    displayName: given.displayName ?? null,
    secretText: given.secretText,
    hint: given.hint ?? given.secretText.slice(0, 3),
    startDateTime: given.startDateTime ?? FAR_PAST,
    endDateTime: given.endDateTime ?? FAR_FUTURE,
  };
}

/**
 * An app registration for the simulated Entra token service. Deterministic: the same options give
 * the same ids and secret.
 *
 * @example
 * const practice = typicalPractice();
 * const app = simulatedApp({ homeTenantId: practice.tenantId });
 * const simulator = startSimulator({ m365: [practice], entra: { apps: [app] } });
 * const credential = new ClientSecretCredential(practice.tenantId, app.appId, simulatedClientSecret(app));
 */
export function simulatedApp(options: SimulatedAppOptions): EntraAppRegistration {
  const appId = options.appId ?? SIMULATED_APP_ID;
  const signInAudience: EntraSignInAudience = options.multiTenant === true ? 'AzureADMultipleOrgs' : 'AzureADMyOrg';
  const secrets = options.secrets ?? [simulatedSecretText(appId)];
  return {
    appId,
    displayName: options.displayName ?? SIMULATED_APP_DISPLAY_NAME,
    homeTenantId: options.homeTenantId,
    signInAudience,
    passwordCredentials: secrets.map((secret, index) => passwordCredential(appId, secret, index)),
    keyCredentials: (options.certificates ?? []).map((certificate) => ('derBase64' in certificate ? keyCredentialFor(certificate) : certificate)),
    federatedIdentityCredentials: [...(options.federatedIdentityCredentials ?? [])],
  };
}

/** The value of the app's first client secret that is valid now (for `ClientSecretCredential`). */
export function simulatedClientSecret(app: Pick<EntraAppRegistration, 'appId' | 'passwordCredentials'>, now: number = Date.now()): string {
  const secret = app.passwordCredentials.find((candidate) => Date.parse(candidate.startDateTime) <= now && now < Date.parse(candidate.endDateTime));
  if (!secret) throw new Error(`App ${app.appId} has no client secret valid now.`);
  return secret.secretText;
}

/**
 * The service principal admin consent creates for `app` in a tenant, for its `servicePrincipals`.
 * Without `grantedPermissions` it gets the tenant's `grantedPermissions`.
 *
 * @example
 * const client = { ...typicalPractice(), servicePrincipals: [servicePrincipalFor(mspApp, { grantedPermissions: ['User.Read.All'] })] };
 */
export function servicePrincipalFor(
  app: Pick<EntraAppRegistration, 'appId'>,
  options: { grantedPermissions?: string[]; appDirectoryRoles?: Guid[]; id?: Guid } = {},
): EntraServicePrincipal {
  return {
    appId: app.appId,
    ...(options.id === undefined ? {} : { id: options.id }),
    ...(options.grantedPermissions === undefined ? {} : { grantedPermissions: [...options.grantedPermissions] }),
    ...(options.appDirectoryRoles === undefined ? {} : { appDirectoryRoles: [...options.appDirectoryRoles] }),
  };
}
