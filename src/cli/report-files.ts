import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { FindingSchema, ProviderSchema, SummarySchema, TenantRefSchema } from '../core/model.js';
import { ConfigError } from '../core/options.js';
import { readRunManifest } from '../sweep/directory.js';
import type { ComparableReport } from '../engine/diff.js';

/**
 * What comparing runs needs of a report: lenient about everything else, so reports written by
 * older versions (before findings carried a fingerprint) still compare.
 */
const ComparableReportSchema = z.object({
  provider: ProviderSchema,
  tenant: TenantRefSchema,
  collectedAt: z.string().optional(),
  summary: SummarySchema.optional(),
  findings: z.array(FindingSchema.pick({ controlId: true, title: true, status: true, severity: true, summary: true }).extend({ fingerprint: z.string().optional() })),
});

/** The report file a sweep folder holds per tenant (`DIR/<tenant-slug>/report.json`). */
const REPORT_FILE = 'report.json';

async function reportsInFolder(folder: string, flag: string): Promise<string[]> {
  // A sweep folder: only the tenants its last run finished. Folders of clinics renamed or dropped
  // from the tenants file, and reports a stopped run has not yet replaced, are not this run's.
  const manifest = await readRunManifest(folder);
  if (manifest) {
    const done = manifest.tenants.filter((tenant) => tenant.status === 'done').map((tenant) => join(folder, tenant.slug, REPORT_FILE));
    if (done.length === 0) throw new ConfigError(`${flag} ${folder} is a sweep folder whose run finished no tenant`, flag);
    return done.sort();
  }
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name === REPORT_FILE)
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  if (files.length === 0) throw new ConfigError(`${flag} ${folder} holds no ${REPORT_FILE} (a sweep folder has one per tenant: ${folder}/<tenant>/${REPORT_FILE})`, flag);
  return files;
}

function parseReports(value: unknown, file: string, flag: string): ComparableReport[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, index) => {
    const where = Array.isArray(value) ? `${file} (item ${index + 1})` : file;
    const object = item as { findings?: unknown; datasets?: unknown; schemaVersion?: unknown } | null;
    if (typeof object === 'object' && object !== null && object.findings === undefined && object.datasets !== undefined) {
      throw new ConfigError(`${flag} ${where} is a snapshot, not a report: run tenant-audit evaluate on it first and compare the reports (--format json)`, flag);
    }
    const result = ComparableReportSchema.safeParse(item);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const field = issue.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
      throw new ConfigError(`${flag} ${where} is not a tenant-audit report (${issue.message}${field}): give a report written with --format json`, flag);
    }
    return result.data;
  });
}

/**
 * The reports at a path: a JSON file holding one report or an array of them (what `--format json`
 * writes), or a folder holding `report.json` files at any depth (what a sweep writes, one per
 * tenant). A missing file or one that is not a report is a ConfigError naming it and `flag`.
 */
export async function loadReports(path: string, flag: string): Promise<ComparableReport[]> {
  const found = await stat(path).catch(() => undefined);
  if (!found) throw new ConfigError(`Cannot read ${flag} ${path}: no such file or folder`, flag);
  const files = found.isDirectory() ? await reportsInFolder(path, flag) : [path];
  const reports: ComparableReport[] = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new ConfigError(`Cannot read ${flag} ${file}: ${error instanceof Error ? error.message : String(error)}`, flag);
    }
    reports.push(...parseReports(value, file, flag));
  }
  return reports;
}
