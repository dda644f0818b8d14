/**
 * Why a whole tenant could not be audited (as opposed to one dataset): the credential, the app's
 * consent in that tenant, the network. Each kind names a different fix.
 */
export type TenantFailureKind =
  | 'no_credential'
  | 'bad_credential'
  | 'not_consented'
  | 'no_role'
  | 'unknown_tenant'
  | 'wrong_tenant'
  | 'unreachable'
  | 'timeout'
  | 'cancelled';

/** What a tenant failure carries besides its message. */
export interface TenantFailureDetails {
  /** For `not_consented`: the URL an administrator of the tenant opens to grant admin consent. */
  consentUrl?: string;
  /** The service's own error code (`AADSTS7000229`, `invalid_grant`...). */
  code?: string;
  /** What to do about it, in a sentence or two (also in the message). */
  fix?: string;
}

/**
 * A tenant could not be audited at all: no report is made (a report of "not assessed" findings
 * would bury the one cause under many). The message names the cause and the fix.
 */
export class TenantAccessError extends Error {
  override readonly name = 'TenantAccessError';
  constructor(
    readonly kind: TenantFailureKind,
    message: string,
    readonly details: TenantFailureDetails = {},
  ) {
    super(message);
  }
}
