import { z } from 'zod';
import type { RetrySettings } from './http-retry.js';
import type { RequestGate } from './request-gate.js';

/** Role-like account names that suggest a login shared by several people. */
export const DEFAULT_SHARED_ACCOUNT_NAMES = [
  'frontdesk',
  'front.desk',
  'reception',
  'receptionist',
  'billing',
  'nurse',
  'nurses',
  'office',
  'scheduling',
  'scheduler',
  'admin.office',
  'checkin',
  'intake',
  'lab',
  'pharmacy',
  'triage',
  'staff',
  'clinic',
] as const;

export const ThresholdsSchema = z
  .object({
    /** Days without a successful sign-in after which an enabled account counts as departed. */
    inactiveDays: z.number().int().positive().default(45),
    /** Longest acceptable idle time before automatic logoff. */
    idleTimeoutMinutes: z.number().int().positive().default(60),
    /** Years audit records should be kept (HIPAA documentation retention is six). */
    auditRetentionYears: z.number().positive().default(6),
    /** Longest acceptable web session, in hours. */
    sessionHours: z.number().positive().default(12),
    /** Longest acceptable idle time, in minutes, before a device locks its screen. */
    screenLockMinutes: z.number().int().positive().default(15),
  })
  .strict();
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/** A calendar date as people write it in a configuration file: `2026-03-31` (a full ISO date-time also works). */
const AttestedDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be a date such as 2026-03-31')
  .refine(isRealDate, 'must be a real calendar date and time, such as 2026-03-31');

/** Whether a date the regex let through exists: Date.parse rolls 2026-02-30 over to March, so compare the parts. */
function isRealDate(value: string): boolean {
  if (Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
}

/** Who answered and when: every attestation carries them, so a report can say what a verdict rests on. */
const answeredBy = {
  /** When it was true or done (the date of the review, the signature, the test). */
  date: AttestedDateSchema,
  /** Who gives the answer (name and role), e.g. "Dr A. Patel, practice owner". */
  by: z.string().min(1).optional(),
  /** Where the evidence is kept, or anything an auditor should know. */
  note: z.string().optional(),
};

const BaaAcceptedAnswer = z.object(answeredBy).strict();
const AuditLogArchiveAnswer = z.object({ location: z.string().min(1), ...answeredBy, date: AttestedDateSchema.optional() }).strict();
const EmailTlsAnswer = z.object({ configured: z.boolean(), ...answeredBy, date: AttestedDateSchema.optional() }).strict();

/** The answers as a report records them: every one in its full form. */
export const AttestationsRecordSchema = z
  .object({
    /** The cloud provider's Business Associate Agreement was reviewed and accepted. */
    baaAccepted: BaaAcceptedAnswer.optional(),
    /** Where audit logs are archived beyond the service's own retention. */
    auditLogArchive: AuditLogArchiveAnswer.optional(),
    /** Whether TLS is required for mail with patient information where no API shows it (Gmail). */
    emailTls: EmailTlsAnswer.optional(),
    /** Outbound mail is encrypted by a gateway or service outside Microsoft 365 / Google (e.g. Paubox, Zix). */
    emailEncryptionGateway: z.object({ vendor: z.string().min(1), ...answeredBy }).strict().optional(),
    /** The last security risk analysis (164.308(a)(1)(ii)(A)). */
    riskAnalysis: z.object(answeredBy).strict().optional(),
    /** The last security awareness training round and the share of the workforce who completed it (0-100). */
    securityTraining: z.object({ ...answeredBy, coverage: z.number().min(0).max(100) }).strict().optional(),
    /** Business associates (IT provider, backup vendor, EHR...) and when each signed its BAA. */
    businessAssociates: z
      .array(
        z
          .object({
            name: z.string().min(1),
            service: z.string().min(1),
            /** What the associate is to the practice; read from `service` when not given. */
            kind: z.enum(['it', 'backup', 'ehr', 'cloud', 'other']).optional(),
            baaDate: AttestedDateSchema,
            /** Application or client ids in the tenant that this associate's BAA covers. */
            covers: z.array(z.string().min(1)).optional(),
          })
          .strict(),
      )
      .optional(),
    /** The backup service and the last test that restored data from it. */
    backups: z.object({ vendor: z.string().min(1), lastRestoreTest: AttestedDateSchema.optional(), by: z.string().min(1).optional(), note: z.string().optional() }).strict().optional(),
  })
  .strict();

/**
 * Answers no API can give, each with who gave it and when; controls that rest on them say so.
 * Older plain forms (`baaAccepted: '2026-01-10'`, `emailTls: true`, `auditLogArchive: 'SIEM'`)
 * are still read.
 */
export const AttestationsSchema = AttestationsRecordSchema.extend({
  baaAccepted: z.union([BaaAcceptedAnswer, AttestedDateSchema.transform((date) => ({ date }))]).optional(),
  auditLogArchive: z.union([AuditLogArchiveAnswer, z.string().min(1).transform((location) => ({ location }))]).optional(),
  emailTls: z.union([EmailTlsAnswer, z.boolean().transform((configured) => ({ configured }))]).optional(),
}).strict();
export type Attestations = z.output<typeof AttestationsSchema>;

/** An account that is not a person (scanner, service, room, sync, shared mailbox) and why. */
export const ExemptAccountSchema = z.object({ account: z.string().min(1), reason: z.string().min(1) }).strict();
export type ExemptAccount = z.infer<typeof ExemptAccountSchema>;

/** Options that shape evaluation (no I/O). */
export const EvaluateOptionsSchema = z
  .object({
    /** Control ids to run; all controls of the snapshot's provider when absent. */
    controls: z.array(z.string().min(1)).min(1, 'select at least one control (an empty selection checks nothing)').optional(),
    /** The clock; defaults to now. */
    now: z.date().optional(),
    thresholds: ThresholdsSchema.partial().optional(),
    /**
     * Emergency-access accounts allowed outside MFA policies: UPNs, e-mail addresses or object ids
     * of users, or (Microsoft 365) object ids of groups whose members are the break-glass accounts.
     */
    breakGlassAccounts: z.array(z.string().min(1)).optional(),
    /**
     * Accounts that are not people (scanners, services, rooms, directory sync, shared mailboxes),
     * each with the reason. Person-only checks (MFA registration, inactivity, shared logins, 2SV
     * enrolment) skip them and list them with the reason; MFA enforcement does not exempt them.
     */
    exemptAccounts: z.array(ExemptAccountSchema).optional(),
    /** UPNs or emails HR says have left; each must be disabled. */
    departedStaff: z.array(z.string().min(1)).optional(),
    /** Account name prefixes that suggest shared logins. */
    sharedAccountNames: z.array(z.string().min(1)).optional(),
    attestations: AttestationsSchema.optional(),
  })
  .strict();

/** Options of {@link evaluate}. */
export type EvaluateOptions = z.input<typeof EvaluateOptionsSchema>;

/** Progress events emitted while collecting. */
export type ProgressEvent =
  | { type: 'dataset:start'; dataset: string }
  | { type: 'dataset:done'; dataset: string; ok: boolean; requests: number; durationMs: number };

/** Options of {@link collect}. */
export interface CollectOptions {
  /** Control ids whose data to collect; all when absent. */
  controls?: string[];
  /** Account name prefixes whose sign-ins are read for the shared-use check. */
  sharedAccountNames?: string[];
  /** Break-glass entries: object ids among them that are groups get their members read (Microsoft 365). */
  breakGlassAccounts?: string[];
  /** How far back sign-ins are read for the shared-use check (days, default 14). */
  signInLookbackDays?: number;
  /** Parallel requests to one tenant (default 4). */
  concurrency?: number;
  /** The clock for time-bounded queries (sign-in lookback); defaults to now. */
  now?: Date;
  /** Per-request timeout in milliseconds (default 60000); each attempt and each token request on its own. */
  requestTimeoutMs?: number;
  /**
   * The most one tenant may take, all datasets included (default 1,800,000: 30 minutes); past it
   * the audit fails with a `TenantAccessError` of kind `timeout` and a sweep goes on.
   */
  tenantTimeoutMs?: number;
  /** Most pages one dataset's list may take (default 2000); more fails that dataset, never truncates it. */
  maxPagesPerDataset?: number;
  /**
   * The retry policy of every HTTP client: `budgetMs` (how long one request may keep retrying,
   * default 180000), `baseDelayMs` (1000), `maxDelayMs` (32000), `maxRetryAfterMs` (longest
   * Retry-After honoured, 120000).
   */
  retry?: Partial<RetrySettings>;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Bounds this audit's HTTP requests in flight together with every other audit given the same
   * gate (a sweep gives each of its audits one): open connections and buffered answers stay
   * bounded however many tenants run at once. Retry waits hold no slot.
   */
  requestGate?: RequestGate;
}

/** Options of {@link audit}: everything of collect and evaluate. */
export interface AuditOptions extends EvaluateOptions, Omit<CollectOptions, 'controls' | 'sharedAccountNames' | 'breakGlassAccounts'> {}

/** Evaluation settings with every default applied. */
export interface ResolvedEvaluateOptions {
  now: Date;
  thresholds: Thresholds;
  breakGlassAccounts: string[];
  exemptAccounts: ExemptAccount[];
  departedStaff: string[];
  sharedAccountNames: string[];
  attestations: Attestations;
}

/** Validate evaluate options and apply defaults; throws a ConfigError naming the bad field. */
export function resolveEvaluateOptions(input: EvaluateOptions | undefined): ResolvedEvaluateOptions & { controls?: string[] } {
  const parsed = parseOrThrow(EvaluateOptionsSchema, input ?? {}, 'options');
  return {
    controls: parsed.controls,
    now: parsed.now ?? new Date(),
    thresholds: ThresholdsSchema.parse(parsed.thresholds ?? {}),
    breakGlassAccounts: parsed.breakGlassAccounts ?? [],
    exemptAccounts: parsed.exemptAccounts ?? [],
    departedStaff: parsed.departedStaff ?? [],
    sharedAccountNames: parsed.sharedAccountNames ?? [...DEFAULT_SHARED_ACCOUNT_NAMES],
    attestations: parsed.attestations ?? {},
  };
}

/** Bad input: a target, option, flag or file. `field` names the offending path. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Parse with zod and turn the first issue into a ConfigError naming the field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [root, ...issue.path.map(String)].join('.');
  throw new ConfigError(`Invalid ${field}: ${issue.message}`, field);
}
