import type { Evidence, Provider, Reason, Severity, Status } from '../core/model.js';
import type { DatasetName, DatasetTypes } from '../datasets/index.js';
import type { ResolvedEvaluateOptions } from '../core/options.js';

/** Static description of a control: what it checks, why, and what it reads. */
export interface ControlMeta<
  D extends readonly DatasetName[] = readonly DatasetName[],
  O extends readonly DatasetName[] = readonly DatasetName[],
> {
  /** Stable id, e.g. `m365.mfa.enforced`. */
  id: string;
  provider: Provider;
  /** What "pass" means, as a short statement. */
  title: string;
  severity: Severity;
  /** HIPAA Security Rule citations, e.g. `164.312(d)`. */
  hipaa: readonly string[];
  /** Vendor docs and benchmark ids (CIS, CISA SCuBA). */
  references: readonly string[];
  /** Datasets the control reads; if one is unavailable the control is `not_assessed` without running. */
  datasets: D;
  /** Datasets that add evidence when available; the control runs without them (they are then undefined). */
  optionalDatasets?: O;
  /**
   * Single fields read that need a grant of their own (`m365.users.employeeLeaveDateTime`): their
   * requirements are charged to this control, not to every control reading the dataset.
   */
  fields?: readonly string[];
  /** The default fix, in plain words. */
  remediation: string;
}

/** What a control's evaluate function receives. */
export interface ControlContext<D extends readonly DatasetName[], O extends readonly DatasetName[] = []> {
  data: { [K in D[number]]: DatasetTypes[K] } & { [K in O[number]]?: DatasetTypes[K] };
  /** Per-dataset notes recorded while collecting (partial data and why). */
  notes: { [K in D[number]]: readonly string[] } & { [K in O[number]]?: readonly string[] };
  /** Why each optional dataset that is missing could not be read, so a control can name what to grant or buy. */
  unavailable: { [K in O[number]]?: Reason };
  options: ResolvedEvaluateOptions;
}

/** What a control's evaluate function returns; the runner adds the metadata. */
export interface ControlOutcome {
  status: Exclude<Status, 'error'>;
  summary: string;
  evidence: Evidence;
  /** Overrides the default remediation when the fix depends on what was found. */
  remediation?: string;
  reason?: Reason;
}

/** A control: metadata plus a pure evaluation over collected data. */
export interface Control<D extends readonly DatasetName[] = readonly DatasetName[], O extends readonly DatasetName[] = readonly DatasetName[]> {
  meta: ControlMeta<D, O>;
  evaluate(context: ControlContext<D, O>): ControlOutcome;
}

/**
 * Define a control with its datasets typed from `meta.datasets`.
 *
 * @example
 * export const mfaEnforced = defineControl({
 *   meta: { id: 'm365.mfa.enforced', datasets: ['m365.users'], ... },
 *   evaluate: ({ data }) => ({ status: 'pass', summary: '...', evidence: { affected: [], affectedCount: 0 } }),
 * });
 */
export function defineControl<const D extends readonly DatasetName[], const O extends readonly DatasetName[] = []>(
  control: Control<D, O>,
): Control<D, O> {
  return control;
}

/** Most affected items a finding lists; counts stay exact. */
export const MAX_AFFECTED = 50;

/** Build evidence from a full list of affected items, bounded to {@link MAX_AFFECTED}. */
export function evidenceOf(
  affected: Evidence['affected'],
  extra: { total?: number } & Record<string, unknown> = {},
): Evidence {
  const truncated = affected.length > MAX_AFFECTED;
  return {
    ...extra,
    affected: affected.slice(0, MAX_AFFECTED),
    affectedCount: affected.length,
    ...(truncated ? { truncated: true } : {}),
  };
}
