/**
 * tenant-audit: audit Microsoft 365 and Google Workspace tenants for the HIPAA Security Rule's
 * technical safeguards and get typed findings.
 *
 * @packageDocumentation
 */
export { audit, collect, evaluate } from './engine/runner.js';
export { sweep, DEFAULT_MAX_REQUESTS_IN_FLIGHT, type SweepFailure, type SweepOptions, type SweepResult, type SweepTarget, type SweepTargetRef } from './sweep/sweep.js';
export { mergeTargetOptions, TargetOptionsSchema, type TargetOptions } from './sweep/target-options.js';
export { readRunManifest, sweepToDirectory, type DirectorySweepOptions, type DirectorySweepOutcome, type DirectorySweepProgress, type RunManifest, type ManifestTenant } from './sweep/directory.js';
export type { PortfolioSummary, PortfolioTenant, PortfolioAudited, PortfolioFailed, PortfolioControl } from './sweep/portfolio.js';
export type { PortfolioRegressions, TenantRegression, ControlRegression } from './sweep/regressions.js';
export { loadTenantsFile, parseTenantsFile, TenantsFileSchema, type TenantsFile, type CheckedTenantsFile } from './sweep/tenants-file.js';
export { RequestGate } from './core/request-gate.js';
export { controls, requiredPermissions, type ControlInfo } from './engine/catalogue.js';
export { gate, type GateFailure, type GateOptions, type GateResult } from './engine/gate.js';
export { diffReports, type ComparableFinding, type ComparableReport, type DiffEntry, type ReportDiff, type TenantDiff } from './engine/diff.js';
export { formatDiff, type DiffFormatName, type FormatDiffOptions } from './reporters/diff.js';
export { loadConfigFile, parseConfig } from './config/load.js';
export { ConfigFileSchema, type ConfigFile } from './config/schema.js';
export { ConfigError, DEFAULT_SHARED_ACCOUNT_NAMES } from './core/options.js';
export { TenantAccessError, type TenantFailureDetails, type TenantFailureKind } from './core/errors.js';
export { registerSecret } from './core/redact.js';
export type {
  AuditOptions,
  CollectOptions,
  EvaluateOptions,
  ProgressEvent,
  Thresholds,
  Attestations,
} from './core/options.js';
export { providerIds, type AuditTarget, type ProviderId } from './providers/index.js';
export type { GoogleAuthClient, GoogleWorkspaceTarget, ServiceAccountKey } from './providers/google/target.js';
export type { M365Target } from './providers/m365/target.js';
export { keylessDelegation, KeylessDelegation, type KeylessDelegationOptions } from './providers/google/keyless.js';
export { GOOGLE_WORKSPACE_SCOPES, GOOGLE_WORKSPACE_SCOPE_LIST } from './providers/google/scopes.js';
export type { Requirement } from './core/permissions.js';
export {
  AuditReportSchema,
  FindingSchema,
  SnapshotSchema,
  type AuditReport,
  type AffectedItem,
  type DatasetMeta,
  type DatasetResult,
  type Evidence,
  type Finding,
  type Provider,
  type Reason,
  type Severity,
  type Snapshot,
  type Status,
  type Summary,
  type ReportSettings,
  type AttestationRef,
} from './core/model.js';
export type { DatasetName, DatasetTypes } from './datasets/index.js';
export { hipaaCitations, type HipaaCitation } from './frameworks/hipaa.js';
export { formatText } from './reporters/text.js';
export { formatJson } from './reporters/json.js';
export {
  formatNames,
  formatReports,
  formatSarif,
  formatJunit,
  formatMarkdown,
  formatHtml,
  formatCsv,
  reporters,
  type ConfigFileRef,
  type FormatName,
  type FormatOptions,
  type Reporter,
} from './reporters/index.js';
