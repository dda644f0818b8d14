import pLimit from 'p-limit';
import { controlCatalogue } from '../controls/index.js';
import { CollectorFailure } from '../providers/types.js';
import { TOOL_VERSION } from '../version.js';
import type { Control } from '../controls/define.js';
import type { DatasetName } from '../datasets/index.js';
import { evaluateControl } from './evaluate-control.js';
import {
  AuditReportSchema,
  SNAPSHOT_SCHEMA_VERSION,
  SnapshotSchema,
  type AuditReport,
  type DatasetResult,
  type Finding,
  type Provider,
  type Reason,
  type Snapshot,
  type Summary,
} from '../core/model.js';
import {
  ConfigError,
  DEFAULT_SHARED_ACCOUNT_NAMES,
  parseOrThrow,
  resolveEvaluateOptions,
  type AuditOptions,
  type CollectOptions,
  type EvaluateOptions,
  type ProgressEvent,
} from '../core/options.js';
import { redact } from '../core/redact.js';
import { findProvider, providerIds, targetId, validateTarget, type AuditTarget, type ProviderModule } from '../providers/index.js';

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_SIGN_IN_LOOKBACK_DAYS = 14;

/** The controls of one provider, narrowed to the ids asked for; unknown ids are a ConfigError. */
export function selectControls(provider: Provider, ids: readonly string[] | undefined): Control[] {
  const ofProvider = controlCatalogue.filter((control) => control.meta.provider === provider);
  if (!ids) return [...ofProvider];
  if (ids.length === 0) throw new ConfigError('Invalid options.controls: select at least one control (an empty selection checks nothing)', 'options.controls');
  const unknown = ids.filter((id) => !controlCatalogue.some((control) => control.meta.id === id));
  if (unknown.length > 0) {
    throw new ConfigError(`Invalid options.controls: unknown control id(s) ${unknown.join(', ')}`, 'options.controls');
  }
  const elsewhere = ids.filter((id) => !ofProvider.some((control) => control.meta.id === id));
  if (elsewhere.length > 0) {
    throw new ConfigError(`Invalid options.controls: ${elsewhere.join(', ')} belong(s) to another cloud than ${provider}`, 'options.controls');
  }
  return ofProvider.filter((control) => ids.includes(control.meta.id));
}

/** Redact every text a reason carries, not only its detail. */
function redactReason(reason: Reason): Reason {
  return {
    ...reason,
    detail: redact(reason.detail),
    ...(reason.needs ? { needs: reason.needs.map(redact) } : {}),
    ...(reason.code ? { code: redact(reason.code) } : {}),
    ...(reason.requestId ? { requestId: redact(reason.requestId) } : {}),
  };
}

/** A caller's progress callback must never break collection. */
function notifyProgress(onProgress: CollectOptions['onProgress'], event: ProgressEvent): void {
  try {
    onProgress?.(event);
  } catch {
    // ignored on purpose: progress is advisory
  }
}

function positiveInt(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`Invalid ${field}: must be a positive integer`, field);
  return value;
}

/**
 * Read the datasets the selected controls need from one tenant, each once, in parallel under a
 * per-tenant limit. A dataset that cannot be read is kept as `{ ok: false, reason }`, never thrown.
 *
 * @throws ConfigError for an invalid target or option (naming the field).
 */
export async function collect(target: AuditTarget, options: CollectOptions = {}): Promise<Snapshot> {
  const valid = validateTarget(target);
  const controls = selectControls(valid.provider, options.controls);
  const concurrency = positiveInt(options.concurrency, DEFAULT_CONCURRENCY, 'options.concurrency');
  const timeoutMs = positiveInt(options.requestTimeoutMs, DEFAULT_TIMEOUT_MS, 'options.requestTimeoutMs');
  const signInLookbackDays = positiveInt(options.signInLookbackDays, DEFAULT_SIGN_IN_LOOKBACK_DAYS, 'options.signInLookbackDays');
  const sharedAccountNames = options.sharedAccountNames ?? [...DEFAULT_SHARED_ACCOUNT_NAMES];
  const now = options.now ?? new Date();
  const provider = findProvider(valid.provider) as ProviderModule<AuditTarget>;
  const names = [
    ...new Set(controls.flatMap((control) => [...control.meta.datasets, ...(control.meta.optionalDatasets ?? [])])),
  ].sort() as DatasetName[];
  const limit = pLimit(concurrency);
  // One token first: a credential that cannot sign in is the tenant's failure, named once.
  await provider.checkAccess(valid, { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });

  const entries = await Promise.all(
    names.map((name) =>
      limit(async (): Promise<[string, DatasetResult]> => {
        notifyProgress(options.onProgress, { type: 'dataset:start', dataset: name });
        const started = performance.now();
        const notes: string[] = [];
        const base = {
          now,
          options: { sharedAccountNames, signInLookbackDays },
          note: (text: string) => notes.push(redact(text)),
          ...(options.signal ? { signal: options.signal } : {}),
        };
        let result: DatasetResult;
        try {
          if (options.signal?.aborted) throw new CollectorFailure({ kind: 'cancelled', detail: 'the audit was cancelled' });
          const { data, requests } = await provider.collectDataset(name, valid, base, timeoutMs);
          result = { ok: true, data, meta: { requests, durationMs: Math.round(performance.now() - started), ...(notes.length ? { notes } : {}) } };
        } catch (error) {
          const failure = error instanceof CollectorFailure ? error : undefined;
          const reason = failure?.reason ?? { kind: 'api' as const, detail: error instanceof Error ? error.message : String(error) };
          result = {
            ok: false,
            reason: redactReason(reason),
            meta: { requests: failure?.requests ?? 0, durationMs: Math.round(performance.now() - started), ...(notes.length ? { notes } : {}) },
          };
        }
        notifyProgress(options.onProgress, { type: 'dataset:done', dataset: name, ok: result.ok, requests: result.meta.requests, durationMs: result.meta.durationMs });
        return [name, result];
      }),
    ),
  );

  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    provider: valid.provider,
    tenant: { id: targetId(valid), ...(valid.name ? { name: valid.name } : {}) },
    collectedAt: now.toISOString(),
    collectOptions: { signInLookbackDays, sharedAccountNames },
    datasets: Object.fromEntries(entries),
  };
}

function summarize(findings: readonly Finding[]): Summary {
  const summary: Summary = { total: findings.length, pass: 0, fail: 0, warn: 0, manual: 0, not_assessed: 0, error: 0 };
  for (const finding of findings) summary[finding.status] += 1;
  return summary;
}

/**
 * Evaluate a snapshot (fresh, or loaded from a file) offline: pure, no I/O.
 *
 * @throws ConfigError when the snapshot or options are invalid (naming the field).
 */
export function evaluate(snapshot: Snapshot | unknown, options: EvaluateOptions = {}): AuditReport {
  const startedAt = new Date();
  const parsed = parseOrThrow(SnapshotSchema, snapshot, 'snapshot');
  if (!findProvider(parsed.provider)) {
    throw new ConfigError(
      `Invalid snapshot.provider: expected ${providerIds.map((id) => `'${id}'`).join(' or ')}, got ${JSON.stringify(parsed.provider)}`,
      'snapshot.provider',
    );
  }
  const resolved = resolveEvaluateOptions(options);
  const controls = selectControls(parsed.provider, resolved.controls);
  const findings = controls.map((control) => evaluateControl(control, parsed.datasets, resolved));
  const report: AuditReport = {
    schemaVersion: 1,
    tool: { name: 'tenant-audit', version: TOOL_VERSION },
    provider: parsed.provider,
    tenant: parsed.tenant,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    collectedAt: parsed.collectedAt,
    findings,
    summary: summarize(findings),
    datasets: Object.fromEntries(
      Object.entries(parsed.datasets).map(([name, result]) => [
        name,
        { ok: result.ok, ...result.meta, ...(result.ok ? {} : { reason: result.reason }) },
      ]),
    ),
  };
  return AuditReportSchema.parse(report);
}

/**
 * Audit one tenant: collect the data the selected controls need, then evaluate it.
 *
 * @example
 * const report = await audit({ provider: 'm365', tenantId, credential: new ClientSecretCredential(tenantId, clientId, secret) });
 * for (const finding of report.findings) console.log(finding.status, finding.summary);
 */
export async function audit(target: AuditTarget, options: AuditOptions = {}): Promise<AuditReport> {
  const { now, thresholds, breakGlassAccounts, departedStaff, attestations, controls: _controls, ...collectOptions } = options;
  const evaluateOptions: EvaluateOptions = {
    ...(options.controls ? { controls: options.controls } : {}),
    ...(now ? { now } : {}),
    ...(thresholds ? { thresholds } : {}),
    ...(breakGlassAccounts ? { breakGlassAccounts } : {}),
    ...(departedStaff ? { departedStaff } : {}),
    ...(options.sharedAccountNames ? { sharedAccountNames: options.sharedAccountNames } : {}),
    ...(attestations ? { attestations } : {}),
  };
  resolveEvaluateOptions(evaluateOptions); // fail fast on bad options, before any request
  const snapshot = await collect(target, { ...collectOptions, ...(now ? { now } : {}), ...(options.controls ? { controls: options.controls } : {}) });
  const report = evaluate(snapshot, evaluateOptions);
  return { ...report, startedAt: snapshot.collectedAt };
}
