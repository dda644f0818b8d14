import type { AuditReport, Snapshot } from '../core/model.js';
import { resolveEvaluateOptions, type AuditOptions, type EvaluateOptions } from '../core/options.js';
import type { AuditTarget } from '../providers/index.js';
import { collect } from './collect.js';
import { evaluate } from './evaluate.js';

export { collect } from './collect.js';
export { evaluate } from './evaluate.js';
export { selectControls } from './select.js';

/**
 * Audit one tenant: collect the data the selected controls need, then evaluate it.
 *
 * @example
 * const report = await audit({ provider: 'm365', tenantId, credential: new ClientSecretCredential(tenantId, clientId, secret) });
 * for (const finding of report.findings) console.log(finding.status, finding.summary);
 */
export async function audit(target: AuditTarget, options: AuditOptions = {}): Promise<AuditReport> {
  return (await auditWithSnapshot(target, options)).report;
}

/** {@link audit}, also giving the snapshot the report was evaluated from (a sweep saves both). */
export async function auditWithSnapshot(target: AuditTarget, options: AuditOptions = {}): Promise<{ report: AuditReport; snapshot: Snapshot }> {
  const { now, thresholds, breakGlassAccounts, exemptAccounts, departedStaff, attestations, controls: _controls, ...collectOptions } = options;
  const evaluateOptions: EvaluateOptions = {
    ...(options.controls ? { controls: options.controls } : {}),
    ...(now ? { now } : {}),
    ...(thresholds ? { thresholds } : {}),
    ...(breakGlassAccounts ? { breakGlassAccounts } : {}),
    ...(exemptAccounts ? { exemptAccounts } : {}),
    ...(departedStaff ? { departedStaff } : {}),
    ...(options.sharedAccountNames ? { sharedAccountNames: options.sharedAccountNames } : {}),
    ...(attestations ? { attestations } : {}),
  };
  resolveEvaluateOptions(evaluateOptions); // fail fast on bad options, before any request
  // Wall-clock start, even when `now` pins the evaluation clock: a run's duration must be real.
  const startedAt = new Date().toISOString();
  const snapshot = await collect(target, {
    ...collectOptions,
    ...(now ? { now } : {}),
    ...(options.controls ? { controls: options.controls } : {}),
    ...(options.sharedAccountNames ? { sharedAccountNames: options.sharedAccountNames } : {}),
    ...(breakGlassAccounts ? { breakGlassAccounts } : {}),
  });
  const report = evaluate(snapshot, evaluateOptions);
  return { report: { ...report, startedAt }, snapshot };
}
