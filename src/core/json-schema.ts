import { z } from 'zod';
import { AuditReportSchema } from './model.js';

/** The JSON Schema (draft 2020-12) of an AuditReport, as shipped in tenant-audit/schema/report.json. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://unpkg.com/tenant-audit/schema/report.json',
    title: 'tenant-audit report',
    ...z.toJSONSchema(AuditReportSchema, { target: 'draft-2020-12', io: 'output' }),
  };
}
