import { z } from 'zod';
import { AttestationsRecordSchema, ExemptAccountSchema, ThresholdsSchema } from './options.js';

/** Outcome of one control. `not_assessed` means the data could not be read for a known reason. */
export const StatusSchema = z.enum(['pass', 'fail', 'warn', 'manual', 'not_assessed', 'error']);
export type Status = z.infer<typeof StatusSchema>;

/** How much a failure of the control matters, from `critical` down to `info`. */
export const SeveritySchema = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/**
 * Which cloud a target, snapshot or control belongs to: a provider id such as `m365` or
 * `google-workspace`. The core knows no cloud; the provider registry says which ids exist.
 */
export const ProviderSchema = z.string().min(1);
export type Provider = z.infer<typeof ProviderSchema>;

/** Why data could not be read: names exactly what to grant, buy or fix. */
export const ReasonSchema = z.object({
  /**
   * `permission` and `license`: grant or buy `needs`; `credential`: the service refused the
   * credential itself (401); `api`: the service failed or could not be reached; `schema`: it
   * answered something that is not its documented shape; `unsupported`: the data does not exist
   * there; `cancelled`: the audit was stopped.
   */
  kind: z.enum(['permission', 'license', 'credential', 'unsupported', 'api', 'schema', 'cancelled']),
  detail: z.string(),
  /** A failure that may not recur (throttling, a reset, a timeout, a 5xx); the dataset was read twice. */
  transient: z.boolean().optional(),
  /** The permission, role, scope or licence to add, where one would fix it. */
  needs: z.array(z.string()).optional(),
  status: z.number().int().optional(),
  code: z.string().optional(),
  requestId: z.string().optional(),
});
export type Reason = z.infer<typeof ReasonSchema>;

/** One object named in a finding's evidence: a user, policy, device, licence... */
export const AffectedItemSchema = z.object({
  type: z.string(),
  id: z.string(),
  name: z.string().optional(),
  detail: z.string().optional(),
});
export type AffectedItem = z.infer<typeof AffectedItemSchema>;

/** Evidence behind a finding: the affected items (bounded) with counts, plus control-specific facts. */
export const EvidenceSchema = z
  .object({
    affected: z.array(AffectedItemSchema),
    /** How many items were affected in all (the list may be truncated). */
    affectedCount: z.number().int().nonnegative(),
    /** How many items were examined. */
    total: z.number().int().nonnegative().optional(),
    truncated: z.boolean().optional(),
  })
  .catchall(z.unknown());
export type Evidence = z.infer<typeof EvidenceSchema>;

/** Which attestation a finding rests on (its key in `attestations`), who gave it and when. */
export const AttestationRefSchema = z.object({ name: z.string(), by: z.string().optional(), date: z.string().optional() });
export type AttestationRef = z.infer<typeof AttestationRefSchema>;

/** One control's result for one tenant. */
export const FindingSchema = z.object({
  controlId: z.string(),
  /**
   * The same for the same control on the same tenant in every run (a hash of provider, tenant id
   * and control id): what `diff`, SARIF and ticketing systems key a finding on.
   */
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  title: z.string(),
  status: StatusSchema,
  severity: SeveritySchema,
  /** A plain-English sentence a practice manager can read. */
  summary: z.string(),
  evidence: EvidenceSchema,
  remediation: z.string(),
  hipaa: z.array(z.string()).min(1),
  references: z.array(z.string()),
  reason: ReasonSchema.optional(),
  /** The answer a person gave that the verdict rests on (no API shows it), with who and when. */
  attestation: AttestationRefSchema.optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** Per-dataset cost and outcome of a collection. */
export const DatasetMetaSchema = z.object({
  requests: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  /** Facts about partial data, e.g. "signInActivity unavailable". */
  notes: z.array(z.string()).optional(),
  /** Requests retried after throttling, unavailability, a reset or a timeout (within `requests`). */
  retries: z.number().int().nonnegative().optional(),
  /** Milliseconds spent waiting before those retries (Retry-After or backoff). */
  waitedMs: z.number().nonnegative().optional(),
  /** 2 when the dataset was read a second time after a transient failure. */
  attempts: z.number().int().positive().optional(),
});
export type DatasetMeta = z.infer<typeof DatasetMetaSchema>;

export const DatasetResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown(), meta: DatasetMetaSchema }),
  z.object({ ok: z.literal(false), reason: ReasonSchema, meta: DatasetMetaSchema }),
]);
export type DatasetResult = z.infer<typeof DatasetResultSchema>;

export const TenantRefSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
});
export type TenantRef = z.infer<typeof TenantRefSchema>;

export const SNAPSHOT_SCHEMA_VERSION = 1 as const;

/** Everything collected from one tenant: plain JSON, re-evaluable offline. */
export const SnapshotSchema = z.object({
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  provider: ProviderSchema,
  tenant: TenantRefSchema,
  collectedAt: z.string(),
  /** The collection settings that shaped the data (e.g. sign-in lookback). */
  collectOptions: z.record(z.string(), z.unknown()).optional(),
  datasets: z.record(z.string(), DatasetResultSchema),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

export const SummarySchema = z.object({
  total: z.number().int(),
  pass: z.number().int(),
  fail: z.number().int(),
  warn: z.number().int(),
  manual: z.number().int(),
  not_assessed: z.number().int(),
  error: z.number().int(),
});
export type Summary = z.infer<typeof SummarySchema>;

/**
 * What a report was judged with: the settings behind every verdict (an auditor must be able to see
 * that a `pass` rests on an attestation, who gave it and when).
 */
export const ReportSettingsSchema = z.object({
  toolVersion: z.string(),
  /** The controls selected (`all` when none were named). */
  controls: z.union([z.literal('all'), z.array(z.string())]),
  thresholds: ThresholdsSchema,
  breakGlassAccounts: z.array(z.string()),
  exemptAccounts: z.array(ExemptAccountSchema),
  departedStaff: z.array(z.string()),
  sharedAccountNames: z.array(z.string()),
  /** The answers given by people, as given (each with who and when where they said). */
  attestations: AttestationsRecordSchema,
});
export type ReportSettings = z.infer<typeof ReportSettingsSchema>;

export const REPORT_SCHEMA_VERSION = 1 as const;

/** The result of auditing one tenant. */
export const AuditReportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('tenant-audit'), version: z.string() }),
  provider: ProviderSchema,
  tenant: TenantRefSchema,
  startedAt: z.string(),
  finishedAt: z.string(),
  /** When the data was collected (differs from startedAt when a saved snapshot is re-evaluated). */
  collectedAt: z.string(),
  /** The settings the findings were judged with. */
  settings: ReportSettingsSchema,
  findings: z.array(FindingSchema),
  summary: SummarySchema,
  datasets: z.record(
    z.string(),
    DatasetMetaSchema.extend({ ok: z.boolean(), reason: ReasonSchema.optional() }),
  ),
});
export type AuditReport = z.infer<typeof AuditReportSchema>;
