import type { TokenCredential } from '@azure/core-auth';
import { z } from 'zod';

/** A Microsoft 365 tenant to audit, with any `@azure/identity` TokenCredential. */
export interface M365Target {
  provider: 'm365';
  /** Directory (tenant) id GUID, or a verified domain such as `contoso.onmicrosoft.com`. */
  tenantId: string;
  credential: TokenCredential;
  /** A display name for reports (e.g. the practice's name). */
  name?: string;
}

const tenantIdPattern = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9.-]+\.[a-z]{2,})$/i;

/** Whether a string is a tenant id GUID or a domain name, as `tenantId` must be. */
export function isTenantIdOrDomain(value: string): boolean {
  return tenantIdPattern.test(value);
}

export const M365TargetSchema: z.ZodType<M365Target> = z.object({
  provider: z.literal('m365'),
  tenantId: z.string().regex(tenantIdPattern, 'must be a tenant GUID or a domain name'),
  credential: z.custom<TokenCredential>(
    (value) => typeof value === 'object' && value !== null && typeof (value as TokenCredential).getToken === 'function',
    'must be a TokenCredential (an object with getToken), e.g. new ClientSecretCredential(...) from @azure/identity',
  ),
  name: z.string().optional(),
}) as z.ZodType<M365Target>;
