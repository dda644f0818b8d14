import { z } from 'zod';

/**
 * Any google-auth-library client (JWT, OAuth2Client, GoogleAuth, an external-account client) or
 * {@link keylessDelegation}. Described by shape so that tenant-audit's types do not pull in
 * google-auth-library's (which CommonJS consumers cannot type-check).
 */
export interface GoogleAuthClient {
  getRequestHeaders(url?: string): Promise<unknown>;
}

/** A service-account key as downloaded from Google Cloud (JSON). */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  type?: string;
  project_id?: string;
  private_key_id?: string;
  client_id?: string;
  token_uri?: string;
}

/**
 * A Google Workspace customer to audit. Give either `auth` (any google-auth-library client that
 * already impersonates a super administrator), or a service-account key in `credentials` plus the
 * super administrator to impersonate in `subject` (domain-wide delegation). The Policy API answers
 * only to super administrators.
 */
export interface GoogleWorkspaceTarget {
  provider: 'google-workspace';
  /** Customer id (`C0abc123`), or `my_customer` (the default) for the subject's own customer. */
  customerId?: string;
  auth?: GoogleAuthClient;
  credentials?: ServiceAccountKey;
  /** The super administrator to impersonate, e.g. `admin@practice.example`. */
  subject?: string;
  /** A display name for reports. */
  name?: string;
}

/** The id a report names a Google target by: the customer id, else the subject's domain. */
export function googleTargetId(target: GoogleWorkspaceTarget): string {
  if (target.customerId && target.customerId !== 'my_customer') return target.customerId;
  return target.subject?.split('@')[1] ?? target.customerId ?? 'my_customer';
}

const ServiceAccountKeyShape = z
  .object({
    client_email: z.string().email('must be the service account e-mail'),
    private_key: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }),
  })
  .passthrough();

export const GoogleTargetSchema: z.ZodType<GoogleWorkspaceTarget> = z
  .object({
    provider: z.literal('google-workspace'),
    customerId: z.string().regex(/^(my_customer|C[0-9a-z]+)$/i, "must be 'my_customer' or a customer id such as C0abc123").optional(),
    auth: z
      .custom<GoogleAuthClient>(
        (value) => typeof value === 'object' && value !== null && typeof (value as GoogleAuthClient).getRequestHeaders === 'function',
        'must be a google-auth-library client (e.g. a JWT or GoogleAuth client)',
      )
      .optional(),
    // Checked, but kept as the caller's own object (not a copy): tokens are cached per key object.
    credentials: z
      .custom<ServiceAccountKey>()
      .superRefine((value, context) => {
        const checked = ServiceAccountKeyShape.safeParse(value);
        if (!checked.success) for (const issue of checked.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      })
      .optional(),
    subject: z.string().email('must be the e-mail of a super administrator to impersonate').optional(),
    name: z.string().optional(),
  })
  .superRefine((target, context) => {
    if (!target.auth && !target.credentials) {
      context.addIssue({ code: 'custom', path: ['credentials'], message: 'give either auth (a google-auth-library client) or credentials (a service-account key) with subject' });
    }
    if (target.credentials && !target.subject) {
      context.addIssue({ code: 'custom', path: ['subject'], message: 'is required with credentials: the super administrator to impersonate (the Policy API answers only to super administrators)' });
    }
  }) as unknown as z.ZodType<GoogleWorkspaceTarget>;
