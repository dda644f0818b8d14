import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { deterministicGuid } from '../guid.js';
import { signRs256Jwt } from './jwt.js';
import type { EntraFederatedIdentityCredential } from './model.js';
import { createRsaKeyPair } from './x509.js';

/**
 * External identity providers for workload identity federation. Entra validates a federated
 * client assertion by fetching its issuer's signing keys (OpenID Connect discovery, then `jwks_uri`)
 * on the server side; the simulator keeps those keys in a process registry instead: each simulated
 * issuer gets one RSA key (made on first use) and the token endpoint verifies with it. A token
 * from an issuer the simulator never signed for cannot be verified, as Entra could not fetch keys.
 */

/** GitHub Actions' OIDC issuer (docs.github.com, "OpenID Connect reference"). */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/** The audience Entra expects in federated tokens ("workload identity federation" docs; the only value a credential may hold). */
export const AZURE_AD_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

interface IssuerKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const issuerKeys = new Map<string, IssuerKey>();
let tokensMinted = 0;

/** The signing key of a simulated issuer, made on first use. */
function issuerKey(issuer: string): IssuerKey {
  let key = issuerKeys.get(issuer);
  if (!key) {
    const pair = createRsaKeyPair();
    const publicKey = createPublicKey(pair.publicKeyPem);
    // GitHub's kids are hex digests of the key; any stable id will do.
    key = { kid: createHash('sha256').update(pair.publicKeyPem).digest('hex').slice(0, 40).toUpperCase(), privateKey: createPrivateKey(pair.privateKeyPem), publicKey };
    issuerKeys.set(issuer, key);
  }
  return key;
}

/** The public key a simulated issuer signs with under `kid`, if the simulator made one. */
export function simulatedIssuerPublicKey(issuer: string, kid: unknown): KeyObject | undefined {
  const key = issuerKeys.get(issuer);
  return key && (kid === undefined || kid === key.kid) ? key.publicKey : undefined;
}

/** Options for {@link simulatedOidcToken}. */
export interface SimulatedOidcTokenOptions {
  issuer: string;
  subject: string;
  /** Defaults to `api://AzureADTokenExchange`. */
  audience?: string;
  /** Lifetime in seconds; GitHub's tokens last about 5 minutes (300). Negative gives an expired token. */
  lifetimeSeconds?: number;
  /** Clock in epoch milliseconds. Defaults to `Date.now`. */
  now?: () => number;
  /** Further claims. */
  claims?: Record<string, unknown>;
}

/**
 * An RS256 JWT from a simulated external identity provider, for `ClientAssertionCredential`.
 * The simulated Entra token endpoint verifies it with the issuer's simulated key.
 */
export function simulatedOidcToken(options: SimulatedOidcTokenOptions): string {
  const key = issuerKey(options.issuer);
  const iat = Math.floor((options.now ?? Date.now)() / 1000);
  const lifetime = options.lifetimeSeconds ?? 300;
  const claims = {
    jti: deterministicGuid('tenant-audit', 'federated-token', options.issuer, options.subject, iat, (tokensMinted += 1)),
    sub: options.subject,
    aud: options.audience ?? AZURE_AD_TOKEN_EXCHANGE_AUDIENCE,
    ...options.claims,
    iss: options.issuer,
    nbf: Math.min(iat, iat + lifetime),
    exp: iat + lifetime,
    iat,
  };
  return signRs256Jwt(claims, key.privateKey, { kid: key.kid });
}

/** What a GitHub Actions job is: which repository, and which branch, tag, environment or pull request. */
export interface GitHubWorkflowIdentity {
  /** `owner/name`, e.g. `'contoso/tenant-audit-runs'`. */
  repository: string;
  /** A job that deploys to an environment: subject `repo:owner/name:environment:NAME`. */
  environment?: string;
  /** A branch or tag ref, e.g. `'refs/heads/main'` (the default): subject `repo:owner/name:ref:REF`. */
  ref?: string;
  /** A `pull_request` run: subject `repo:owner/name:pull_request`. */
  pullRequest?: boolean;
}

/**
 * The `sub` GitHub puts in a job's OIDC token (docs.github.com "OpenID Connect reference", example
 * subject claims): environment first, then pull request, then the ref.
 */
export function gitHubSubject(identity: GitHubWorkflowIdentity): string {
  const prefix = `repo:${identity.repository}`;
  if (identity.environment !== undefined) return `${prefix}:environment:${identity.environment}`;
  if (identity.pullRequest === true) return `${prefix}:pull_request`;
  return `${prefix}:ref:${identity.ref ?? 'refs/heads/main'}`;
}

/** Options for {@link simulatedGitHubOidcToken}. */
export interface SimulatedGitHubOidcTokenOptions extends GitHubWorkflowIdentity {
  /** Defaults to `api://AzureADTokenExchange` (what `azure/login` requests). */
  audience?: string;
  /** Defaults to 300 seconds. */
  lifetimeSeconds?: number;
  now?: () => number;
}

/**
 * The OIDC token a GitHub Actions job would get (`core.getIDToken('api://AzureADTokenExchange')`),
 * signed by the simulated GitHub issuer, with the claims GitHub documents (`repository`,
 * `repository_owner`, `ref`, `environment`, `event_name`...).
 *
 * @example
 * const app = simulatedApp({ homeTenantId: msp.tenantId, federatedIdentityCredentials: [gitHubFederatedCredential({ repository: 'contoso/audit' })] });
 * const credential = new ClientAssertionCredential(msp.tenantId, app.appId, async () => simulatedGitHubOidcToken({ repository: 'contoso/audit' }));
 */
export function simulatedGitHubOidcToken(options: SimulatedGitHubOidcTokenOptions): string {
  const [owner = ''] = options.repository.split('/');
  const ref = options.ref ?? 'refs/heads/main';
  return simulatedOidcToken({
    issuer: GITHUB_ACTIONS_ISSUER,
    subject: gitHubSubject(options),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
    ...(options.lifetimeSeconds === undefined ? {} : { lifetimeSeconds: options.lifetimeSeconds }),
    ...(options.now === undefined ? {} : { now: options.now }),
    claims: {
      ref,
      ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      repository: options.repository,
      repository_owner: owner,
      event_name: options.pullRequest === true ? 'pull_request' : 'push',
      runner_environment: 'github-hosted',
      ...(options.environment === undefined ? {} : { environment: options.environment }),
    },
  });
}

/**
 * The federated identity credential that trusts a GitHub Actions job, as the admin center's
 * "GitHub Actions deploying Azure resources" scenario creates it.
 */
export function gitHubFederatedCredential(identity: GitHubWorkflowIdentity & { name?: string }): EntraFederatedIdentityCredential {
  return {
    name: identity.name ?? gitHubSubject(identity).replace(/[^A-Za-z0-9-_]+/g, '-').slice(0, 120),
    issuer: GITHUB_ACTIONS_ISSUER,
    subject: gitHubSubject(identity),
    audiences: [AZURE_AD_TOKEN_EXCHANGE_AUDIENCE],
    description: null,
  };
}
