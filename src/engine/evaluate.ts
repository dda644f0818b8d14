import { AuditReportSchema, SnapshotSchema, type AuditReport, type Finding, type Snapshot, type Summary } from '../core/model.js';
import { ConfigError, parseOrThrow, resolveEvaluateOptions, type EvaluateOptions } from '../core/options.js';
import { findProvider, providerIds } from '../providers/index.js';
import { TOOL_VERSION } from '../version.js';
import { evaluateControl, validateDatasets } from './evaluate-control.js';
import { selectControls } from './select.js';

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
  const datasets = validateDatasets(parsed.datasets);
  const findings = controls.map((control) => evaluateControl(control, datasets, resolved, { provider: parsed.provider, tenantId: parsed.tenant.id }));
  const report: AuditReport = {
    schemaVersion: 1,
    tool: { name: 'tenant-audit', version: TOOL_VERSION },
    provider: parsed.provider,
    tenant: parsed.tenant,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    collectedAt: parsed.collectedAt,
    settings: {
      toolVersion: TOOL_VERSION,
      controls: resolved.controls ? [...resolved.controls] : 'all',
      thresholds: resolved.thresholds,
      breakGlassAccounts: resolved.breakGlassAccounts,
      exemptAccounts: resolved.exemptAccounts,
      departedStaff: resolved.departedStaff,
      sharedAccountNames: resolved.sharedAccountNames,
      attestations: resolved.attestations,
    },
    findings,
    summary: summarize(findings),
    datasets: Object.fromEntries(
      Object.entries(parsed.datasets).map(([name, result]) => [name, { ok: result.ok, ...result.meta, ...(result.ok ? {} : { reason: result.reason }) }]),
    ),
  };
  return AuditReportSchema.parse(report);
}
