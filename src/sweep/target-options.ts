import type { z } from 'zod';
import { ConfigFileSchema } from '../config/schema.js';
import { parseOrThrow, type EvaluateOptions } from '../core/options.js';

/** A tenant's own options in a sweep: exactly the configuration file's fields. */
export const TargetOptionsSchema = ConfigFileSchema.omit({ $schema: true });

/** A tenant's own options, as written (the configuration file's fields). */
export type TargetOptions = z.input<typeof TargetOptionsSchema>;

/** Options merged per key rather than replaced whole: each key is an answer of its own. */
const MERGED_PER_KEY = ['thresholds', 'attestations'] as const;

/**
 * A tenant's options over the sweep's: the tenant's value wins field by field; `thresholds` and
 * `attestations` are merged key by key (a clinic that sets only `inactiveDays` keeps the sweep's
 * other thresholds; one that attests its risk analysis keeps the sweep's backup attestation). The
 * result is a new object, so nothing of one tenant's options can reach another's.
 *
 * @throws ConfigError naming the field (`target.options.thresholds.inactiveDays`) when the tenant's options are invalid.
 */
export function mergeTargetOptions<T extends EvaluateOptions>(base: T, own: TargetOptions | undefined): T {
  if (own === undefined) return { ...base };
  parseOrThrow(TargetOptionsSchema, own, 'target.options');
  const merged: Record<string, unknown> = { ...base };
  for (const [field, value] of Object.entries(own)) {
    if (value === undefined) continue;
    merged[field] = (MERGED_PER_KEY as readonly string[]).includes(field) ? { ...(base[field as keyof EvaluateOptions] as object | undefined), ...(value as object) } : value;
  }
  return merged as T;
}
