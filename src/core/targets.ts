import type { TokenCredential } from '@azure/core-auth';
import { z } from 'zod';
import { ConfigError, parseOrThrow } from './options.js';

/** A Microsoft 365 tenant to audit, with any `@azure/identity` TokenCredential. */
export interface M365Target {
  provider: 'm365';
  /** Directory (tenant) id GUID, or a verified domain such as `contoso.onmicrosoft.com`. */
  tenantId: string;
  credential: TokenCredential;
  /** A display name for reports (e.g. the practice's name). */
  name?: string;
}

/** Anything tenant-audit can audit. */
export type AuditTarget = M365Target;

const tenantIdPattern = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9.-]+\.[a-z]{2,})$/i;

const M365TargetSchema = z.object({
  provider: z.literal('m365'),
  tenantId: z.string().regex(tenantIdPattern, 'must be a tenant GUID or a domain name'),
  credential: z.custom<TokenCredential>(
    (value) => typeof value === 'object' && value !== null && typeof (value as TokenCredential).getToken === 'function',
    'must be a TokenCredential (an object with getToken), e.g. new ClientSecretCredential(...) from @azure/identity',
  ),
  name: z.string().optional(),
});

/** Validate a target; throws a ConfigError naming the bad field. */
export function validateTarget(target: unknown): AuditTarget {
  const provider = (target as { provider?: unknown } | null)?.provider;
  if (provider === 'm365') return parseOrThrow(M365TargetSchema, target, 'target') as M365Target;
  throw new ConfigError(
    `Invalid target.provider: expected 'm365', got ${JSON.stringify(provider)}`,
    'target.provider',
  );
}
