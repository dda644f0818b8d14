import type { AuditReport, Evidence, Finding } from '../../core/model.js';
import { controls } from '../../engine/catalogue.js';
import { hipaaCitations, type HipaaCitation } from '../../frameworks/hipaa.js';
import { findProvider } from '../../providers/index.js';

/** The practice as a report names it: "Riverside Family Clinic", or the tenant id when it has no name. */
export function practiceName(report: AuditReport): string {
  return report.tenant.name ?? report.tenant.id;
}

/** The cloud as people call it: "Microsoft 365", "Google Workspace". */
export function providerLabel(provider: string): string {
  return findProvider(provider)?.label ?? provider;
}

/** What a control says of itself when no finding changes it: its default remediation, from the catalogue. */
export function defaultRemediation(finding: Finding): string {
  return controls.find((control) => control.id === finding.controlId)?.remediation ?? finding.remediation;
}

/** A HIPAA citation's title and kind, where tenant-audit knows the citation. */
export function citation(id: string): HipaaCitation | undefined {
  return (hipaaCitations as Readonly<Record<string, HipaaCitation>>)[id];
}

/** "164.312(d) Person or entity authentication (required)". */
export function citationLine(id: string): string {
  const known = citation(id);
  return known ? `${id} ${known.title} (${known.kind})` : id;
}

/** "2026-12-01 09:00 UTC": a report's instant, the same wherever the report is read. */
export function utcTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * "Affected: 3 of 42" (or "Affected: 17" when the items affected are not all among those counted
 * as examined, as guests beside members); undefined when the finding names no count.
 */
export function affectedPhrase(evidence: Evidence): string | undefined {
  const { affectedCount, total } = evidence;
  if (affectedCount === 0 && total === undefined) return undefined;
  return `Affected: ${affectedCount}${total !== undefined && affectedCount <= total ? ` of ${total}` : ''}`;
}
