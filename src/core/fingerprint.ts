import { createHash } from 'node:crypto';

/** Whose finding it is: a fingerprint names the same control on the same tenant in every run. */
export interface FingerprintScope {
  provider: string;
  tenantId: string;
}

/**
 * A finding's fingerprint: 32 hex characters of SHA-256 over provider, tenant id (case-folded:
 * `Contoso.onmicrosoft.com` and `contoso.onmicrosoft.com` are one tenant) and control id. It
 * carries nothing else, so a change of wording, status or evidence keeps it.
 */
export function findingFingerprint(scope: FingerprintScope, controlId: string): string {
  return createHash('sha256').update(['tenant-audit/finding/v1', scope.provider, scope.tenantId.toLowerCase(), controlId].join('\0')).digest('hex').slice(0, 32);
}
