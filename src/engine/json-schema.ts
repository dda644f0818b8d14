import { z } from 'zod';
import { ConfigFileSchema } from '../config/schema.js';
import { AuditReportSchema, ProviderSchema } from '../core/model.js';
import { providerIds } from '../providers/index.js';

/** The JSON Schema (draft 2020-12) of an AuditReport, as shipped in tenant-audit/schema/report.json. */
export function reportJsonSchema(): Record<string, unknown> {
  // The core keeps the provider an open string; the shipped schema names the providers of this release.
  const schema = AuditReportSchema.extend({ provider: ProviderSchema.pipe(z.enum(providerIds as [string, ...string[]])) });
  return {
    $id: 'https://unpkg.com/tenant-audit/schema/report.json',
    title: 'tenant-audit report',
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }),
  };
}

/**
 * The JSON Schema of the configuration file, as shipped in tenant-audit/schema/config.json: editors
 * validate and complete `tenant-audit.config.json` (and YAML with a schema comment) with it.
 */
export function configJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://unpkg.com/tenant-audit/schema/config.json',
    title: 'tenant-audit configuration',
    ...z.toJSONSchema(ConfigFileSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
  };
}
