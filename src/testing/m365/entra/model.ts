/**
 * App registrations and their service principals, for the simulated Microsoft Entra token service
 * (login.microsoftonline.com). Property names are Microsoft Graph v1.0's own (`application`,
 * `passwordCredential`, `keyCredential`, `federatedIdentityCredential`, `servicePrincipal`), so a
 * model reads like what `GET /applications/{id}` returns. Only what the simulator itself needs
 * (faults, the clock) is described in its own words.
 */

import type { Guid, IsoDateTime } from '../model.js';

/**
 * `signInAudience` of an application: `AzureADMyOrg` (single tenant: only its home tenant) or
 * `AzureADMultipleOrgs` (any tenant where an admin consented, i.e. that has its service principal).
 */
export type EntraSignInAudience = 'AzureADMyOrg' | 'AzureADMultipleOrgs';

/** A client secret (`microsoft.graph.passwordCredential`). */
export interface EntraPasswordCredential {
  /** The secret's id (the "Secret ID" column of the portal); not the secret. */
  keyId: Guid;
  displayName?: string | null;
  /** The secret value (the portal shows it once); the token endpoint compares `client_secret` with it. */
  secretText: string;
  /** The first three characters of the secret, as Graph returns them. Derived when omitted. */
  hint?: string;
  startDateTime: IsoDateTime;
  /** After it the token endpoint answers AADSTS7000222. */
  endDateTime: IsoDateTime;
}

/** A certificate (`microsoft.graph.keyCredential` of type `AsymmetricX509Cert`, usage `Verify`). */
export interface EntraKeyCredential {
  keyId: Guid;
  displayName?: string | null;
  type: 'AsymmetricX509Cert';
  usage: 'Verify';
  /** Base64 of the certificate's DER encoding (the manifest's `key`). Thumbprints are computed from it. */
  key: string;
  /** Base64 of the certificate's SHA-1 hash (the manifest's `customKeyIdentifier`). Derived when omitted. */
  customKeyIdentifier?: string;
  startDateTime: IsoDateTime;
  /** After it the token endpoint answers AADSTS700027 "The key used is expired.". */
  endDateTime: IsoDateTime;
}

/** A federated identity credential (`microsoft.graph.federatedIdentityCredential`). */
export interface EntraFederatedIdentityCredential {
  /** Unique per application, e.g. `'github-main'`. */
  name: string;
  /** The external issuer, e.g. `'https://token.actions.githubusercontent.com'`. Matched exactly. */
  issuer: string;
  /** The external subject, e.g. `'repo:contoso/audit:ref:refs/heads/main'`. Matched exactly (case-sensitive). */
  subject: string;
  /** Exactly one audience in practice: `'api://AzureADTokenExchange'`. */
  audiences: string[];
  description?: string | null;
}

/** An app registration (`microsoft.graph.application`) in its home tenant. */
export interface EntraAppRegistration {
  /** The application (client) id. */
  appId: Guid;
  displayName: string;
  /** The tenant the app is registered in (`publisherDomain`'s tenant). */
  homeTenantId: Guid;
  signInAudience: EntraSignInAudience;
  passwordCredentials: EntraPasswordCredential[];
  keyCredentials: EntraKeyCredential[];
  federatedIdentityCredentials: EntraFederatedIdentityCredential[];
}

/**
 * An app's service principal in one tenant (an enterprise application): it exists once an admin
 * consented, and carries what was granted there. Listed in `M365TenantModel.servicePrincipals`.
 */
export interface EntraServicePrincipal {
  /** The application (client) id. */
  appId: Guid;
  /** The service principal's object id (`oid` in tokens). Defaults to a GUID derived from tenant and app. */
  id?: Guid;
  /**
   * Application permissions granted by admin consent (app roles), put in the token's `roles`.
   * Defaults to the tenant's `grantedPermissions`.
   */
  grantedPermissions?: string[];
  /** Directory role template ids assigned to the service principal (`wids`). Defaults to the tenant's `exchange.appDirectoryRoles`. */
  appDirectoryRoles?: Guid[];
}

/** Which requests an injected fault applies to; every given field must match. */
export interface EntraFaultTarget {
  /** The endpoint: the token endpoint (default), OpenID Connect discovery, or instance discovery. */
  endpoint?: 'token' | 'openid-configuration' | 'instance-discovery';
  /** The tenant as resolved (its id) or as written in the URL. */
  tenant?: string;
  /** The `client_id` of a token request. */
  clientId?: string;
}

/** How a faulty request is answered. */
export type EntraFaultKind =
  /** 429 with Retry-After (`null` leaves the header out). */
  | { kind: 'throttle'; retryAfterSeconds: number | null }
  /** 503 Service Unavailable, with Retry-After when given. */
  | { kind: 'unavailable'; retryAfterSeconds?: number }
  /** 500 Internal Server Error. */
  | { kind: 'serverError' }
  /** The normal answer, `delayMs` late. */
  | { kind: 'slow'; delayMs: number }
  /** The connection is reset: the client sees a network error (msw `HttpResponse.error()`). */
  | { kind: 'connectionReset' };

/** An injected fault: the first `times` matching requests get `kind`'s answer. */
export type EntraFault = EntraFaultTarget & EntraFaultKind & { times: number };

/** What the simulated Entra token service knows besides the tenants. */
export interface EntraSimulatorOptions {
  /** App registrations, in any home tenant (the home tenant need not be simulated). */
  apps?: readonly EntraAppRegistration[];
  /** Injected faults; counters are kept per simulator instance. */
  faults?: readonly EntraFault[];
  /** Clock in epoch milliseconds, for fake timers. Defaults to `Date.now`. */
  now?: () => number;
  /** Lifetime of issued access tokens, in seconds. Entra's documented example: 3599. */
  tokenLifetimeSeconds?: number;
}
