import type { GoogleAuthClient } from './target.js';

/** Options of {@link keylessDelegation}. */
export interface KeylessDelegationOptions {
  /** The service account whose domain-wide delegation is used, e.g. `audit@project.iam.gserviceaccount.com`. */
  serviceAccount: string;
  /** The super administrator to impersonate (the JWT's `sub`). */
  subject: string;
  /** Scopes to request when the client is used directly; an audit asks each dataset's own. */
  scopes?: readonly string[];
  /**
   * The credential that may sign as the service account (it needs `iam.serviceAccounts.signJwt`,
   * e.g. the Service Account Token Creator role on it): any google-auth-library client. Defaults
   * to Application Default Credentials: a workload identity federation config in GitHub Actions,
   * the attached service account on Cloud Run.
   */
  sourceCredential?: GoogleAuthClient;
}

/**
 * Keyless domain-wide delegation, as returned by {@link keylessDelegation}: pass it as a Google
 * target's `auth`. google-auth-library loads only when it is first used, so holding one costs nothing.
 */
export class KeylessDelegation implements GoogleAuthClient {
  /** @internal The signing clients, one per scope set, built by the Google provider on first use. */
  readonly clients = new Map<string, unknown>();

  constructor(readonly options: KeylessDelegationOptions) {}

  /** Authorization headers for a request, as any google-auth-library client gives them. */
  async getRequestHeaders(url?: string): Promise<unknown> {
    const { keylessClientFor } = await import('./auth.js');
    const { GOOGLE_WORKSPACE_SCOPE_LIST } = await import('./scopes.js');
    return keylessClientFor(this, this.options.scopes ?? GOOGLE_WORKSPACE_SCOPE_LIST).getRequestHeaders(url);
  }
}

/**
 * Domain-wide delegation without a service-account key (GitHub Actions, Cloud Run): the ambient
 * credential asks IAM Credentials `signJwt` to sign a JWT bearer assertion as the service account
 * with `sub` = the administrator, then the assertion is exchanged at Google's token endpoint.
 * google-auth-library has no helper for this. Each dataset asks only for its own scopes, so a scope
 * missing from the delegation entry fails only the datasets that need it. Access tokens are cached
 * until five minutes before they expire; concurrent requests share one refresh.
 *
 * @example
 * const auth = keylessDelegation({ serviceAccount: 'audit@my-project.iam.gserviceaccount.com', subject: 'admin@practice.example' });
 * const report = await audit({ provider: 'google-workspace', auth });
 */
export function keylessDelegation(options: KeylessDelegationOptions): KeylessDelegation {
  return new KeylessDelegation(options);
}
