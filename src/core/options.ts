import { z } from 'zod';
import type { RetrySettings } from './http-retry.js';

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
  })
  .strict();
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const AttestationsSchema = z
  .object({
    /** ISO date the Business Associate Agreement was accepted. */
    baaAccepted: z.string().optional(),
    /** Where audit logs are archived beyond the service's own retention. */
    auditLogArchive: z.string().optional(),
    /** Confirms TLS enforcement for email where no API shows it. */
    emailTls: z.boolean().optional(),
  })
  .strict();
export type Attestations = z.infer<typeof AttestationsSchema>;

/** Options that shape evaluation (no I/O). */
export const EvaluateOptionsSchema = z
  .object({
    /** Control ids to run; all controls of the snapshot's provider when absent. */
    controls: z.array(z.string().min(1)).min(1, 'select at least one control (an empty selection checks nothing)').optional(),
    /** The clock; defaults to now. */
    now: z.date().optional(),
    thresholds: ThresholdsSchema.partial().optional(),
    /** UPNs or object ids allowed to be excluded from MFA policies (emergency access). */
    breakGlassAccounts: z.array(z.string().min(1)).optional(),
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
}

/** Options of {@link audit}: everything of collect and evaluate. */
export interface AuditOptions extends EvaluateOptions, Omit<CollectOptions, 'controls' | 'sharedAccountNames'> {}

/** Evaluation settings with every default applied. */
export interface ResolvedEvaluateOptions {
  now: Date;
  thresholds: Thresholds;
  breakGlassAccounts: string[];
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
