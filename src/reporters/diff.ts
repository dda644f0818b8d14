import { redact } from '../core/redact.js';
import type { DiffEntry, ReportDiff, TenantDiff } from '../engine/diff.js';
import { providerLabel } from './lib/describe.js';
import { countOf, localTime, STATUS_LABEL } from './lib/words.js';

/** The formats `tenant-audit diff` writes. */
export const diffFormatNames = ['text', 'json', 'markdown'] as const;
export type DiffFormatName = (typeof diffFormatNames)[number];

/** Options of {@link formatDiff}. */
export interface FormatDiffOptions {
  /**
   * `full` (default): each entry with its finding's summary, which may name people; `counts`: control
   * ids, titles and statuses only, for places that may be public (a GitHub job summary).
   */
  detail?: 'counts' | 'full';
}

/** The lists of a tenant's diff, in the order an auditor reads them: what got worse, what got better, what stayed. */
const SECTIONS = [
  ['newFailures', 'New failures'],
  ['fixed', 'Fixed'],
  ['stillFailing', 'Still failing'],
  ['newlyNotAssessed', 'Newly not assessed'],
  ['otherChanges', 'Other changes'],
] as const satisfies readonly (readonly [keyof TenantDiff, string])[];

function tenantName(tenant: TenantDiff): string {
  return tenant.tenant.name ? `${tenant.tenant.name} (${tenant.tenant.id})` : tenant.tenant.id;
}


const statusOf = (status: DiffEntry['before']) => (status ? STATUS_LABEL[status] : 'not run');

/** "2 fixed, 1 new failure, 3 still failing, 1 newly not assessed". */
function progress(counts: Pick<ReportDiff['counts'], 'fixed' | 'newFailures' | 'stillFailing' | 'newlyNotAssessed'>): string {
  return `${counts.fixed} fixed, ${countOf(counts.newFailures, 'new failure')}, ${counts.stillFailing} still failing, ${counts.newlyNotAssessed} newly not assessed`;
}

function tenantCounts(tenant: TenantDiff) {
  return { fixed: tenant.fixed.length, newFailures: tenant.newFailures.length, stillFailing: tenant.stillFailing.length, newlyNotAssessed: tenant.newlyNotAssessed.length };
}

function when(tenant: TenantDiff): string {
  if (tenant.change === 'added') return `new in this run${tenant.collectedAfter ? ` (collected ${localTime(tenant.collectedAfter)})` : ''}`;
  if (tenant.change === 'removed') return `not in this run${tenant.collectedBefore ? ` (last collected ${localTime(tenant.collectedBefore)})` : ''}`;
  return tenant.collectedBefore && tenant.collectedAfter ? `collected ${localTime(tenant.collectedBefore)}, then ${localTime(tenant.collectedAfter)}` : 'compared';
}

function textEntry(entry: DiffEntry, full: boolean): string[] {
  const lines = [`    [${entry.severity}] ${entry.title}`, `        ${entry.controlId}: ${statusOf(entry.before)} -> ${statusOf(entry.after)}`];
  if (full) {
    if (entry.summaryBefore) lines.push(`        Before: ${entry.summaryBefore}`);
    lines.push(`        ${entry.after ? 'Now' : 'Last'}: ${entry.summary}`);
  }
  return lines;
}

function formatText(diff: ReportDiff, full: boolean): string {
  const lines = ['Changes between two tenant-audit runs', `Overall: ${progress(diff.counts)}.`];
  if (diff.tenantsAdded.length) lines.push(`Tenants only in the newer run: ${diff.tenantsAdded.map((t) => t.name ?? t.id).join(', ')}.`);
  if (diff.tenantsRemoved.length) lines.push(`Tenants only in the older run: ${diff.tenantsRemoved.map((t) => t.name ?? t.id).join(', ')}.`);
  for (const tenant of diff.tenants) {
    lines.push('', `${tenantName(tenant)} · ${providerLabel(tenant.provider)} · ${when(tenant)}`);
    if (tenant.change === 'removed') {
      lines.push('  Not audited in the newer run: nothing compared.');
      continue;
    }
    lines.push(`  Progress: ${progress(tenantCounts(tenant))}.`);
    for (const [list, heading] of SECTIONS) {
      const entries = tenant[list];
      if (entries.length === 0) continue;
      lines.push('', `  ${heading.toUpperCase()} (${entries.length})`);
      for (const entry of entries) lines.push(...textEntry(entry, full));
    }
    if (tenant.controlsAdded.length) lines.push('', `  Controls run for the first time: ${tenant.controlsAdded.map((entry) => entry.controlId).join(', ')}.`);
    if (tenant.controlsRemoved.length) lines.push('', `  Controls no longer run: ${tenant.controlsRemoved.map((entry) => entry.controlId).join(', ')}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** Markdown table cells: pipes and line breaks would break the row. */
const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function formatMarkdown(diff: ReportDiff, full: boolean): string {
  const lines = [
    '## Changes since the previous run',
    '',
    '| New failures | Fixed | Still failing | Newly not assessed | Other changes |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${diff.counts.newFailures} | ${diff.counts.fixed} | ${diff.counts.stillFailing} | ${diff.counts.newlyNotAssessed} | ${diff.counts.otherChanges} |`,
  ];
  if (diff.tenantsAdded.length) lines.push('', `Tenants only in the newer run: ${diff.tenantsAdded.map((t) => cell(t.name ?? t.id)).join(', ')}.`);
  if (diff.tenantsRemoved.length) lines.push('', `Tenants only in the older run: ${diff.tenantsRemoved.map((t) => cell(t.name ?? t.id)).join(', ')}.`);
  for (const tenant of diff.tenants) {
    lines.push('', `### ${cell(tenantName(tenant))}`, '', `${providerLabel(tenant.provider)} · ${when(tenant)}`, '');
    if (tenant.change === 'removed') {
      lines.push('Not audited in the newer run: nothing compared.');
      continue;
    }
    lines.push(`Progress: ${progress(tenantCounts(tenant))}.`);
    for (const [list, heading] of SECTIONS) {
      const entries = tenant[list];
      if (entries.length === 0) continue;
      lines.push('', `**${heading}** (${entries.length})`, '');
      lines.push(full ? '| Severity | Control | Before | Now | Summary |' : '| Severity | Control | Before | Now |');
      lines.push(full ? '| --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- |');
      for (const entry of entries) {
        const row = [entry.severity, `${cell(entry.title)} (\`${entry.controlId}\`)`, statusOf(entry.before), statusOf(entry.after)];
        if (full) row.push(cell(entry.summary));
        lines.push(`| ${row.join(' | ')} |`);
      }
    }
    if (tenant.controlsAdded.length) lines.push('', `Controls run for the first time: ${tenant.controlsAdded.map((entry) => `\`${entry.controlId}\``).join(', ')}.`);
    if (tenant.controlsRemoved.length) lines.push('', `Controls no longer run: ${tenant.controlsRemoved.map((entry) => `\`${entry.controlId}\``).join(', ')}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** A diff's entries without the summaries (which may name people). */
function withoutSummaries(diff: ReportDiff): ReportDiff {
  const strip = (entries: DiffEntry[]) => entries.map(({ summary: _summary, summaryBefore: _before, ...rest }) => rest as DiffEntry);
  return {
    ...diff,
    tenants: diff.tenants.map((tenant) => ({
      ...tenant,
      newFailures: strip(tenant.newFailures),
      fixed: strip(tenant.fixed),
      stillFailing: strip(tenant.stillFailing),
      newlyNotAssessed: strip(tenant.newlyNotAssessed),
      otherChanges: strip(tenant.otherChanges),
      controlsAdded: strip(tenant.controlsAdded),
      controlsRemoved: strip(tenant.controlsRemoved),
    })),
  };
}

/**
 * A diff of two runs ({@link diffReports}) as text for an auditor, JSON, or Markdown (e.g. for a job
 * summary). Registered secrets are redacted.
 *
 * @example
 * process.stdout.write(formatDiff(diffReports(lastWeek, thisWeek), 'text'));
 */
export function formatDiff(diff: ReportDiff, format: DiffFormatName, options: FormatDiffOptions = {}): string {
  const full = (options.detail ?? 'full') === 'full';
  switch (format) {
    case 'json':
      return redact(`${JSON.stringify(full ? diff : withoutSummaries(diff), null, 2)}\n`);
    case 'markdown':
      return redact(formatMarkdown(diff, full));
    default:
      return redact(formatText(diff, full));
  }
}
