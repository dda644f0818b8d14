import type { Control } from '../controls/define.js';
import { datasetSchemas, isDatasetName } from '../datasets/index.js';
import { redactDeep } from '../core/redact.js';
import { FindingSchema, type DatasetResult, type Finding, type Reason } from '../core/model.js';
import type { ResolvedEvaluateOptions } from '../core/options.js';
import { findingFingerprint, type FingerprintScope } from '../core/fingerprint.js';
import { providerOfDataset } from '../providers/index.js';

function findingBase(control: Control, scope: FingerprintScope): Omit<Finding, 'status' | 'summary' | 'evidence' | 'reason'> {
  const { meta } = control;
  return {
    controlId: meta.id,
    fingerprint: findingFingerprint(scope, meta.id),
    title: meta.title,
    severity: meta.severity,
    remediation: meta.remediation,
    hipaa: [...meta.hipaa],
    references: [...meta.references],
  };
}

function notAssessed(control: Control, scope: FingerprintScope, dataset: string, reason: Reason): Finding {
  const what = reason.needs?.length ? ` It needs ${reason.needs.join(' and ')}.` : '';
  return {
    ...findingBase(control, scope),
    status: 'not_assessed',
    summary: `Not assessed: the ${dataset} data could not be read (${reason.detail}).${what}`,
    evidence: { affected: [], affectedCount: 0, dataset },
    reason,
  };
}

/**
 * Each dataset checked against its schema once (not once per control that reads it), with the
 * schema's defaults applied: a dataset that does not match becomes a failed one naming where.
 */
export function validateDatasets(datasets: Readonly<Record<string, DatasetResult | undefined>>): Record<string, DatasetResult> {
  const out: Record<string, DatasetResult> = {};
  for (const [name, result] of Object.entries(datasets)) {
    if (!result) continue;
    if (!result.ok || !isDatasetName(name)) {
      out[name] = result;
      continue;
    }
    const parsed = datasetSchemas[name].safeParse(result.data);
    if (parsed.success) {
      out[name] = { ...result, data: parsed.data };
      continue;
    }
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown';
    out[name] = { ok: false, reason: { kind: 'schema', detail: `dataset ${name} does not match its schema at ${where}` }, meta: result.meta };
  }
  return out;
}

/**
 * Evaluate one control over datasets checked by {@link validateDatasets}. A dataset that is
 * missing or failed makes the control `not_assessed` with that reason, without calling it; a
 * control that throws becomes `error`. Never `pass` on missing data. `scope` (provider and tenant)
 * makes the finding's fingerprint.
 */
export function evaluateControl(
  control: Control,
  datasets: Readonly<Record<string, DatasetResult | undefined>>,
  options: ResolvedEvaluateOptions,
  scope: FingerprintScope,
): Finding {
  const data: Record<string, unknown> = {};
  const notes: Record<string, readonly string[]> = {};
  const unavailable: Record<string, Reason> = {};
  for (const name of control.meta.datasets) {
    const result = datasets[name];
    if (!result) {
      return notAssessed(control, scope, name, { kind: 'unsupported', detail: `the snapshot does not contain dataset ${name}` });
    }
    if (!result.ok) return notAssessed(control, scope, name, result.reason);
    data[name] = result.data;
    notes[name] = result.meta.notes ?? [];
  }
  // A provider-neutral control may read optional evidence from either cloud: only its own cloud's counts.
  for (const name of (control.meta.optionalDatasets ?? []).filter((dataset) => providerOfDataset(dataset)?.id === scope.provider)) {
    const result = datasets[name];
    if (result?.ok) {
      data[name] = result.data;
      notes[name] = result.meta.notes ?? [];
    } else {
      unavailable[name] = result ? result.reason : { kind: 'unsupported', detail: `the snapshot does not contain dataset ${name}` };
    }
  }
  try {
    // The cast is safe: data holds exactly the datasets the control declared, each schema-checked.
    const outcome = control.evaluate({ data, notes, unavailable, options } as Parameters<Control['evaluate']>[0]);
    const finding: Finding = {
      ...findingBase(control, scope),
      status: outcome.status,
      summary: outcome.summary,
      evidence: outcome.evidence,
      ...(outcome.remediation ? { remediation: outcome.remediation } : {}),
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      ...(outcome.attestation ? { attestation: outcome.attestation } : {}),
    };
    // A control that returns a malformed finding must not cost the tenant its whole report.
    // What a control writes is redacted too: a secret that reached its input must not reach a report.
    const checked = FindingSchema.safeParse(redactDeep(finding));
    if (!checked.success) throw new Error(`the control returned an invalid finding: ${checked.error.issues[0]?.message ?? 'unknown'}`);
    return checked.data;
  } catch (error) {
    return {
      ...findingBase(control, scope),
      status: 'error',
      summary: `The check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      evidence: { affected: [], affectedCount: 0 },
      reason: { kind: 'api', detail: error instanceof Error ? error.message : String(error) },
    };
  }
}
