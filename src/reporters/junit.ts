import type { AuditReport, Finding } from '../core/model.js';
import { attestationLine } from './lib/words.js';
import { controlDocsUrl } from '../version.js';
import { affectedPhrase, practiceName, providerLabel } from './lib/describe.js';
import { escapeXml } from './lib/escape.js';

// JUnit XML as CI systems read it (Jenkins, GitLab, Azure Pipelines, GitHub test-report actions):
// <testsuites> of <testsuite>s of <testcase>s, each with at most one <failure>, <error> or
// <skipped>. There is no "passed with a warning" in JUnit, so `warn` is a passing test case whose
// <system-out> says what to watch.

/** Affected items listed in a failure's text; the count is always given. */
const SHOWN_AFFECTED = 20;

/** A finding's details as plain text: summary, evidence, citations, what to do. */
function details(finding: Finding): string {
  const lines = [finding.summary];
  const shown = finding.evidence.affected.slice(0, SHOWN_AFFECTED);
  const affected = finding.evidence.affectedCount > 0 ? affectedPhrase(finding.evidence) : undefined;
  if (affected) lines.push('', affected);
  for (const item of shown) lines.push(`- ${item.name ?? item.id}${item.detail ? `: ${item.detail}` : ''}`);
  const more = finding.evidence.affectedCount - shown.length;
  if (more > 0 && shown.length > 0) lines.push(`- ... and ${more} more`);
  if (finding.attestation) lines.push('', attestationLine(finding.attestation));
  if (finding.reason) lines.push('', `Reason (${finding.reason.kind}): ${finding.reason.detail}`);
  if (finding.reason?.needs?.length) lines.push(`Needs: ${finding.reason.needs.join('; ')}`);
  lines.push('', `HIPAA: ${finding.hipaa.join(', ')} · severity ${finding.severity} · ${controlDocsUrl(finding.controlId)}`);
  if (finding.status !== 'pass') lines.push(`What to do: ${finding.remediation}`);
  return lines.join('\n');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function testcase(finding: Finding): string {
  // A control is a pure function over data already collected: its own time is not measured (the
  // suite's time is the audit's), and 0 keeps parsers that require the attribute content.
  const open = `    <testcase${attributes({ classname: finding.controlId, name: finding.title, time: 0 })}`;
  const body = escapeXml(details(finding));
  switch (finding.status) {
    case 'pass':
      return `${open}/>`;
    case 'warn':
      return `${open}>\n      <system-out>${escapeXml(`Warning: ${details(finding)}`)}</system-out>\n    </testcase>`;
    case 'fail':
      return `${open}>\n      <failure${attributes({ message: finding.summary, type: finding.severity })}>${body}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error${attributes({ message: finding.summary, type: finding.reason?.kind ?? 'error' })}>${body}</error>\n    </testcase>`;
    case 'not_assessed':
    case 'manual': {
      const why = finding.status === 'manual' ? 'Needs a person’s answer' : 'Not assessed';
      const needs = finding.reason?.needs?.length ? ` Needs: ${finding.reason.needs.join('; ')}.` : '';
      return `${open}>\n      <skipped${attributes({ message: `${why}: ${finding.summary}${needs}` })}/>\n    </testcase>`;
    }
  }
}

function seconds(report: AuditReport): string {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? (ms / 1000).toFixed(3) : '0';
}

function counts(findings: readonly Finding[]): { tests: number; failures: number; errors: number; skipped: number } {
  return {
    tests: findings.length,
    failures: findings.filter((finding) => finding.status === 'fail').length,
    errors: findings.filter((finding) => finding.status === 'error').length,
    skipped: findings.filter((finding) => finding.status === 'not_assessed' || finding.status === 'manual').length,
  };
}

function testsuite(report: AuditReport): string {
  const name = `${practiceName(report)} (${providerLabel(report.provider)} ${report.tenant.id})`;
  const head = `  <testsuite${attributes({ name, ...counts(report.findings), time: seconds(report), timestamp: report.startedAt })}>`;
  const properties = [
    ['provider', report.provider],
    ['tenant.id', report.tenant.id],
    ...(report.tenant.name ? [['tenant.name', report.tenant.name]] : []),
    ['collectedAt', report.collectedAt],
    ['tool.version', report.tool.version],
  ].map(([key, value]) => `      <property${attributes({ name: key!, value: value! })}/>`);
  return [head, '    <properties>', ...properties, '    </properties>', ...report.findings.map(testcase), '  </testsuite>'].join('\n');
}

/**
 * The reports as JUnit XML: one test suite per tenant, one test case per finding (`classname` the
 * control id, `name` its title). `fail` is a `<failure>`, `error` an `<error>`, `not_assessed` and
 * `manual` are `<skipped>` with the reason, and `warn` passes with a `<system-out>` note.
 */
export function renderJunit(reports: readonly AuditReport[]): string {
  const all = reports.flatMap((report) => report.findings);
  const total = reports.reduce((sum, report) => sum + Number(seconds(report)), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'tenant-audit', ...counts(all), time: total.toFixed(3) })}>`,
    ...reports.map(testsuite),
    '</testsuites>',
    '',
  ].join('\n');
}
