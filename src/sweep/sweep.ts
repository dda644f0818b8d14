import type { AuditReport, Provider, Snapshot } from '../core/model.js';
import { TenantAccessError, type TenantFailureKind } from '../core/errors.js';
import { ConfigError, type AuditOptions } from '../core/options.js';
import { redact } from '../core/redact.js';
import { RequestGate } from '../core/request-gate.js';
import { auditWithSnapshot } from '../engine/runner.js';
import { targetId, type AuditTarget } from '../providers/index.js';
import { mergeTargetOptions, type TargetOptions } from './target-options.js';

/**
 * A tenant of a sweep: any audit target, with its own options when it has some (the configuration
 * file's fields: break-glass accounts, HR leavers, attestations, thresholds...), merged over the
 * sweep's own for this tenant only.
 */
export type SweepTarget = AuditTarget & { options?: TargetOptions };

/** Which tenant a sweep result is about; never the target itself, which holds credentials. */
export interface SweepTargetRef {
  provider: Provider;
  id: string;
  name?: string;
  /** The target's position in the list given to {@link sweep}. */
  index: number;
}

/** One tenant's outcome in a sweep: its report, or why it could not be audited. */
export type SweepResult =
  | { ok: true; target: SweepTargetRef; report: AuditReport; /** The data the report was judged from (save it as evidence, re-evaluate it later). */ snapshot: Snapshot }
  | { ok: false; target: SweepTargetRef; error: SweepFailure };

/** Why a tenant could not be audited, as data that can be logged or saved (no credential, no secret). */
export interface SweepFailure {
  message: string;
  /** The target or option field at fault, for a bad target or option. */
  field?: string;
  /** What kind of access failure it is, for a tenant that could not be reached or signed in to. */
  kind?: TenantFailureKind;
  /** What to do about it. */
  fix?: string;
  /** For `not_consented`: the URL an administrator of the tenant opens to grant admin consent. */
  consentUrl?: string;
}

export interface SweepOptions extends Omit<AuditOptions, 'concurrency' | 'requestGate'> {
  /** Tenants audited at once (default 4). */
  concurrency?: number;
  /** Parallel datasets within one tenant (default 4). */
  perTenantConcurrency?: number;
  /**
   * HTTP requests in flight at once across every tenant of the sweep (default 64): bounds open
   * connections and buffered answers however high `concurrency` is. Retry waits hold no slot, so
   * a throttled tenant slows only itself.
   */
  maxRequestsInFlight?: number;
  /** Called as each tenant starts (for progress displays). */
  onTenantStart?: (target: SweepTargetRef) => void;
}

/** The default bound on HTTP requests in flight across a sweep. */
export const DEFAULT_MAX_REQUESTS_IN_FLIGHT = 64;

function refOf(target: SweepTarget, index: number): SweepTargetRef {
  let id: string;
  try {
    id = targetId(target);
  } catch {
    id = '(invalid target)';
  }
  return { provider: target.provider, id, index, ...(target.name ? { name: target.name } : {}) };
}

/** The longest an aborted sweep waits for its running audits to wind down (their waits end on abort). */
const SETTLE_MS = 1_500;

/**
 * Audit many tenants with bounded concurrency, yielding each result as it completes.
 * One tenant failing (bad credential, invalid target, its deadline) never stops the others;
 * stopping the loop early cancels the audits still running. When `signal` aborts, the sweep
 * yields nothing more, lets the running audits end (their waits stop at once), and throws the
 * signal's reason (an AbortError); results already yielded stand.
 *
 * @example
 * for await (const result of sweep(clients, { concurrency: 8 })) {
 *   if (result.ok) save(result.report); else log(result.target.id, result.error.message);
 * }
 */
export async function* sweep(targets: Iterable<SweepTarget>, options: SweepOptions = {}): AsyncGenerator<SweepResult> {
  const { concurrency = 4, perTenantConcurrency, maxRequestsInFlight = DEFAULT_MAX_REQUESTS_IN_FLIGHT, onTenantStart, signal, ...auditOptions } = options;
  if (!Number.isInteger(concurrency) || concurrency <= 0) {
    throw new ConfigError('Invalid options.concurrency: must be a positive integer', 'options.concurrency');
  }
  if (!Number.isInteger(maxRequestsInFlight) || maxRequestsInFlight <= 0) {
    throw new ConfigError('Invalid options.maxRequestsInFlight: must be a positive integer', 'options.maxRequestsInFlight');
  }
  const requestGate = new RequestGate(maxRequestsInFlight);
  signal?.throwIfAborted();
  const controller = new AbortController();
  const combined = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  const queue = [...targets];
  const running = new Map<number, Promise<{ key: number; result: SweepResult }>>();
  let next = 0;
  const start = () => {
    const key = next++;
    const { options: own, ...target } = queue[key]!;
    const ref = refOf(queue[key]!, key);
    notify(onTenantStart, ref);
    running.set(
      key,
      // This tenant's options over the sweep's, in a new object: nothing of it reaches another tenant.
      auditTarget(target as AuditTarget, own, auditOptions, { signal: combined, requestGate, ...(perTenantConcurrency ? { concurrency: perTenantConcurrency } : {}) }).then(
        ({ report, snapshot }): { key: number; result: SweepResult } => ({ key, result: { ok: true, target: ref, report, snapshot } }),
        (error: unknown): { key: number; result: SweepResult } => ({ key, result: { ok: false, target: ref, error: describeFailure(error) } }),
      ),
    );
  };
  const aborted = signal
    ? new Promise<'aborted'>((resolve) => {
        if (signal.aborted) resolve('aborted');
        signal.addEventListener('abort', () => resolve('aborted'), { once: true });
      })
    : undefined;
  try {
    while (next < queue.length && running.size < concurrency) start();
    while (running.size > 0) {
      const settled = await Promise.race([...running.values(), ...(aborted ? [aborted] : [])]);
      if (settled === 'aborted' || signal?.aborted) break;
      const { key, result } = settled;
      running.delete(key);
      if (next < queue.length) start();
      yield result;
    }
  } finally {
    controller.abort();
    // Let the running audits end before returning, so nothing of the sweep outlives it.
    if (running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(running.values()), new Promise((resolve) => (timer = setTimeout(resolve, SETTLE_MS)))]);
      clearTimeout(timer);
    }
  }
  if (signal?.aborted) throw signal.reason;
}

/** Audit one tenant with its own options merged over the sweep's (a bad one is that tenant's failure). */
async function auditTarget(
  target: AuditTarget,
  own: TargetOptions | undefined,
  sweepOptions: Omit<AuditOptions, 'signal'>,
  run: Pick<AuditOptions, 'signal' | 'requestGate' | 'concurrency'>,
): Promise<{ report: AuditReport; snapshot: Snapshot }> {
  return auditWithSnapshot(target, { ...mergeTargetOptions(sweepOptions, own), ...run });
}

/** A caller's callback must never break the sweep. */
function notify(callback: ((target: SweepTargetRef) => void) | undefined, ref: SweepTargetRef): void {
  try {
    callback?.(ref);
  } catch {
    // ignored on purpose: progress is advisory
  }
}

/** A failure as data that can be logged or saved: no credential, no secret, the kind and fix when known. */
export function describeFailure(error: unknown): SweepFailure {
  const details = error instanceof TenantAccessError ? error.details : {};
  return {
    message: redact(error instanceof Error ? error.message : String(error)),
    ...(error instanceof ConfigError && error.field ? { field: error.field } : {}),
    ...(error instanceof TenantAccessError ? { kind: error.kind } : {}),
    ...(details.fix ? { fix: redact(details.fix) } : {}),
    ...(details.consentUrl ? { consentUrl: details.consentUrl } : {}),
  };
}
