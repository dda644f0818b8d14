import type { AuditReport } from '../core/model.js';
import { ConfigError, type AuditOptions } from '../core/options.js';
import { redact } from '../core/redact.js';
import { audit } from '../core/runner.js';
import type { AuditTarget } from '../core/targets.js';

/** One tenant's outcome in a sweep: its report, or why it could not be audited. */
export type SweepResult =
  | { ok: true; target: AuditTarget; report: AuditReport }
  | { ok: false; target: AuditTarget; error: { message: string; field?: string } };

export interface SweepOptions extends AuditOptions {
  /** Tenants audited at once (default 4). Each tenant also has its own per-tenant request limit. */
  tenantConcurrency?: number;
}

/**
 * Audit many tenants with bounded concurrency, yielding each result as it completes.
 * One tenant failing (bad credential, invalid target) never stops the others.
 *
 * @example
 * for await (const result of sweep(clients, { tenantConcurrency: 8 })) {
 *   if (result.ok) save(result.report); else log(result.target.tenantId, result.error.message);
 * }
 */
export async function* sweep(targets: Iterable<AuditTarget>, options: SweepOptions = {}): AsyncGenerator<SweepResult> {
  const { tenantConcurrency = 4, ...auditOptions } = options;
  if (!Number.isInteger(tenantConcurrency) || tenantConcurrency <= 0) {
    throw new ConfigError('Invalid options.tenantConcurrency: must be a positive integer', 'options.tenantConcurrency');
  }
  const queue = [...targets];
  const running = new Map<number, Promise<{ key: number; result: SweepResult }>>();
  let next = 0;
  const start = () => {
    const key = next++;
    const target = queue[key]!;
    running.set(
      key,
      audit(target, auditOptions).then(
        (report): { key: number; result: SweepResult } => ({ key, result: { ok: true, target, report } }),
        (error: unknown): { key: number; result: SweepResult } => ({
          key,
          result: {
            ok: false,
            target,
            error: {
              message: redact(error instanceof Error ? error.message : String(error)),
              ...(error instanceof ConfigError && error.field ? { field: error.field } : {}),
            },
          },
        }),
      ),
    );
  };
  while (next < queue.length && running.size < tenantConcurrency) start();
  while (running.size > 0) {
    const { key, result } = await Promise.race(running.values());
    running.delete(key);
    if (next < queue.length) start();
    yield result;
  }
}
