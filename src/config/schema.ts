import { z } from 'zod';
import { EvaluateOptionsSchema } from '../core/options.js';

/**
 * The configuration file (`tenant-audit.config.json` or `.yaml`): the evaluation options a practice
 * keeps beside its audits: break-glass and exempt accounts, the HR leavers list, role-like names,
 * thresholds, the answers no API gives (attestations), and the controls to run. The library takes
 * the same object as options; the sweep's tenants file takes the same fields per tenant.
 */
export const ConfigFileSchema = EvaluateOptionsSchema.omit({ now: true })
  .extend({
    /** The JSON Schema the file follows, for editors (`tenant-audit/schema/config.json`). */
    $schema: z.string().optional(),
  })
  .strict();

/** A configuration file's content, as written. */
export type ConfigFile = z.input<typeof ConfigFileSchema>;
