import pLimit from 'p-limit';
import { datasetSchemas, isDatasetName, type DatasetName } from '../datasets/index.js';
import { TenantAccessError } from '../core/errors.js';
import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from '../core/http-retry.js';
import { SNAPSHOT_SCHEMA_VERSION, type DatasetResult, type Reason, type Snapshot } from '../core/model.js';
import { ConfigError, DEFAULT_SHARED_ACCOUNT_NAMES, type CollectOptions, type ProgressEvent } from '../core/options.js';
import { redact, redactDeep, SecretScope } from '../core/redact.js';
import { deadline } from '../core/retry.js';
import { AuditMemo } from '../core/audit-memo.js';
import { findProvider, targetId, validateTarget, type AuditTarget, type ProviderModule } from '../providers/index.js';
import { CollectorFailure, type CollectContext } from '../providers/types.js';
import { selectControls } from './select.js';

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_MS = 60_000;
/** A tenant that takes longer than this is a failure (`timeout`) and the sweep goes on. */
const DEFAULT_TENANT_TIMEOUT_MS = 30 * 60_000;
const DEFAULT_SIGN_IN_LOOKBACK_DAYS = 14;
const DEFAULT_MAX_PAGES = 2_000;

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

function retrySettings(retry: CollectOptions['retry']): RetrySettings {
  const settings = { ...DEFAULT_RETRY_SETTINGS, ...retry };
  for (const [key, value] of Object.entries(settings) as [string, number][]) {
    if (!Number.isFinite(value) || value < 0) throw new ConfigError(`Invalid options.retry.${key}: must be a number of milliseconds, 0 or more`, `options.retry.${key}`);
  }
  return settings;
}

/**
 * A failure that may not recur (throttling that outlasted the budget, a reset, a timeout, a 5xx):
 * the dataset is collected once more before it becomes `not_assessed`, so that one bad minute does
 * not flip a finding between two nightly runs.
 */
function isTransient(reason: Reason): boolean {
  return reason.transient === true;
}

/** The expected share of collection time of a dataset (declared by its provider), longest first. */
function byWeight(provider: ProviderModule, names: DatasetName[]): DatasetName[] {
  const weight = (name: string) => provider.datasets[name]?.weight ?? 1;
  return [...names].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b));
}

/** The dataset checked against its contract: the provider's answer must have the documented shape. */
function checkShape(name: DatasetName, data: unknown): Reason | undefined {
  const parsed = datasetSchemas[name].safeParse(data);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown';
  return { kind: 'schema', detail: `the service's answer for ${name} does not have the documented shape at ${where}` };
}

/**
 * Read the datasets the selected controls need from one tenant, each once, longest first, in
 * parallel under a per-tenant limit. A dataset that cannot be read is kept as
 * `{ ok: false, reason }`, never thrown; one that failed for a transient reason is read once more.
 * Everything a service returned is redacted of the tokens this audit obtained and any registered
 * secret before it enters the snapshot.
 *
 * @throws ConfigError for an invalid target or option (naming the field).
 * @throws TenantAccessError when the tenant cannot be audited at all (credential, consent, deadline).
 * @throws the signal's reason (an AbortError) when the caller aborts.
 */
export async function collect(target: AuditTarget, options: CollectOptions = {}): Promise<Snapshot> {
  const valid = validateTarget(target);
  const controls = selectControls(valid.provider, options.controls);
  const concurrency = positiveInt(options.concurrency, DEFAULT_CONCURRENCY, 'options.concurrency');
  const timeoutMs = positiveInt(options.requestTimeoutMs, DEFAULT_TIMEOUT_MS, 'options.requestTimeoutMs');
  const tenantTimeoutMs = positiveInt(options.tenantTimeoutMs, DEFAULT_TENANT_TIMEOUT_MS, 'options.tenantTimeoutMs');
  const maxPages = positiveInt(options.maxPagesPerDataset, DEFAULT_MAX_PAGES, 'options.maxPagesPerDataset');
  const retry = retrySettings(options.retry);
  const signInLookbackDays = positiveInt(options.signInLookbackDays, DEFAULT_SIGN_IN_LOOKBACK_DAYS, 'options.signInLookbackDays');
  const sharedAccountNames = options.sharedAccountNames ?? [...DEFAULT_SHARED_ACCOUNT_NAMES];
  const now = options.now ?? new Date();
  const provider = findProvider(valid.provider) as ProviderModule<AuditTarget>;
  // Provider-neutral controls may name optional evidence of either cloud: only this cloud's is read.
  const names = byWeight(
    provider,
    [...new Set(controls.flatMap((control) => [...control.meta.datasets, ...(control.meta.optionalDatasets ?? [])]))].filter(
      (name) => isDatasetName(name) && name.startsWith(provider.datasetPrefix),
    ) as DatasetName[],
  );
  const tenant = targetId(valid);

  const tenantDeadline = deadline(tenantTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, tenantDeadline.signal]) : tenantDeadline.signal;
  const secrets = new SecretScope();
  const stopped = (): never => {
    if (options.signal?.aborted) throw options.signal.reason;
    throw new TenantAccessError('timeout', `Cannot audit ${tenant}: it took longer than the tenant deadline (${Math.round(tenantTimeoutMs / 1000)} s, tenantTimeoutMs).`);
  };
  try {
    // One token first: a credential that cannot sign in is the tenant's failure, named once.
    try {
      await provider.checkAccess(valid, { timeoutMs, signal });
    } catch (error) {
      if (signal.aborted) stopped();
      throw error;
    }
    const http = { timeoutMs, retry, maxPages, secrets, ...(options.requestGate ? { gate: options.requestGate } : {}) };
    const shared = new AuditMemo();
    const limit = pLimit(concurrency);
    const entries = await Promise.all(
      names.map((name) =>
        limit(async (): Promise<[string, DatasetResult]> => {
          notifyProgress(options.onProgress, { type: 'dataset:start', dataset: name });
          const started = performance.now();
          const notes: string[] = [];
          const context: CollectContext = {
            now,
            options: { sharedAccountNames, signInLookbackDays, breakGlassAccounts: options.breakGlassAccounts ?? [] },
            note: (text: string) => notes.push(text),
            signal,
            http,
            shared,
          };
          const cost = { requests: 0, retries: 0, waitedMs: 0 };
          let attempts = 0;
          let outcome: { data: unknown } | { reason: Reason };
          for (;;) {
            attempts += 1;
            if (signal.aborted) stopped();
            try {
              const answer = await provider.collectDataset(name, valid, context);
              cost.requests += answer.requests;
              cost.retries += answer.retries;
              cost.waitedMs += answer.waitedMs ?? 0;
              const data = redactDeep(answer.data);
              const wrong = checkShape(name, data);
              outcome = wrong ? { reason: wrong } : { data };
            } catch (error) {
              if (signal.aborted) stopped();
              const failure = error instanceof CollectorFailure ? error : undefined;
              cost.requests += failure?.cost.requests ?? 0;
              cost.retries += failure?.cost.retries ?? 0;
              cost.waitedMs += failure?.cost.waitedMs ?? 0;
              outcome = { reason: failure?.reason ?? { kind: 'api', detail: error instanceof Error ? error.message : String(error) } };
            }
            if ('data' in outcome || !isTransient(outcome.reason) || attempts >= 2) break;
            notes.push(`the first read failed (${outcome.reason.detail}); read again`);
          }
          const meta = {
            requests: cost.requests,
            durationMs: Math.round(performance.now() - started),
            ...(cost.retries ? { retries: cost.retries } : {}),
            ...(cost.waitedMs ? { waitedMs: Math.round(cost.waitedMs) } : {}),
            ...(attempts > 1 ? { attempts } : {}),
            ...(notes.length ? { notes: notes.map(redact) } : {}),
          };
          const result: DatasetResult = 'data' in outcome ? { ok: true, data: outcome.data, meta } : { ok: false, reason: redactDeep(outcome.reason), meta };
          notifyProgress(options.onProgress, { type: 'dataset:done', dataset: name, ok: result.ok, requests: meta.requests, durationMs: meta.durationMs });
          return [name, result];
        }),
      ),
    );
    if (signal.aborted) stopped();
    refuseWhenEveryAnswerWasUnauthorised(tenant, entries);
    return {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      provider: valid.provider,
      tenant: { id: tenant, ...(valid.name ? { name: valid.name } : {}) },
      collectedAt: now.toISOString(),
      collectOptions: { signInLookbackDays, sharedAccountNames },
      datasets: Object.fromEntries(entries),
    };
  } finally {
    tenantDeadline.clear();
    secrets.close();
  }
}

/**
 * A service that answers 401 to every dataset refuses the credential itself (expired, revoked,
 * the wrong audience): that is the tenant's failure, not a list of permissions to grant.
 */
function refuseWhenEveryAnswerWasUnauthorised(tenant: string, entries: readonly [string, DatasetResult][]): void {
  const failures = entries.map(([, result]) => result).filter((result) => !result.ok);
  if (entries.length === 0 || failures.length < entries.length) return;
  if (!failures.every((result) => !result.ok && (result.reason.kind === 'credential' || result.reason.status === 401))) return;
  throw new TenantAccessError(
    'bad_credential',
    `Cannot audit ${tenant}: every service refused the credential (401). The secret or certificate may have expired or been revoked, or the token is not for this tenant: check the app registration's credentials and the tenant id.`,
  );
}
