import { gzipSync } from 'node:zlib';
import type { Location, Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { AuditReport, Finding, Severity, Status } from '../core/model.js';
import { ConfigError } from '../core/options.js';
import { controlDocsUrl, REPOSITORY_URL, TOOL_VERSION } from '../version.js';
import { citation, citationLine, defaultRemediation, practiceName, providerLabel } from './lib/describe.js';
import { escapeMarkdown } from './lib/escape.js';
import type { ConfigFileRef, FormatOptions } from './lib/options.js';

// GitHub code scanning's rules for uploaded SARIF ("SARIF support for code scanning",
// docs.github.com/en/code-security/reference/code-scanning/sarif-files/sarif-support-for-code-scanning):
// the limits below, rule texts of at most 1024 characters, at most 10 tags kept per rule, one
// location per result (the first is used), and `primaryLocationLineHash` as the only fingerprint.

/** Runs GitHub accepts in one SARIF file. */
export const SARIF_MAX_RUNS = 20;
/** Results GitHub accepts in one run. */
export const SARIF_MAX_RESULTS_PER_RUN = 25_000;
/** The largest gzip-compressed SARIF file GitHub accepts. */
export const SARIF_MAX_GZIP_BYTES = 10 * 1024 * 1024;
const MAX_DESCRIPTION = 1024;
const MAX_TAGS = 10;

/**
 * GitHub's `security-severity` bands: over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9
 * low. A score inside each band; `info` reads as low.
 */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

/** A failure of a critical or high control is an error; the rest, and every other gap, less. */
function levelOf(finding: Finding): Result.level {
  if (finding.status === 'fail') return finding.severity === 'critical' || finding.severity === 'high' ? 'error' : 'warning';
  return finding.status === 'warn' ? 'warning' : 'note';
}

/** What the result is, said first in its message (the level alone does not say it). */
const STATUS_PREFIX: Readonly<Record<Exclude<Status, 'pass'>, string>> = {
  fail: 'Failed',
  warn: 'Warning',
  not_assessed: 'Not assessed',
  manual: 'Needs a person’s answer',
  error: 'Could not be checked (error)',
};

/** "…" at a word boundary when a text is over the limit. */
function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > limit / 2 ? cut.slice(0, space) : cut}…`;
}

/** `m365.mfa.enforced` → `M365MfaEnforced`: the rule's name in SARIF's recommended PascalCase. */
function ruleName(controlId: string): string {
  return controlId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Findings nobody could judge (unanswered, not assessed, errored) go under a rule of their own
 * without security-severity: GitHub takes a rule's security-severity as every alert's severity, so
 * under the control's rule an unanswered question would show as a High security alert.
 */
const isJudged = (finding: Finding) => finding.status === 'fail' || finding.status === 'warn';
const ruleIdOf = (finding: Finding) => (isJudged(finding) ? finding.controlId : `${finding.controlId}/not-judged`);

/** One rule per control (and one for its findings nobody could judge), described from its first finding and the catalogue. */
function ruleOf(finding: Finding): ReportingDescriptor {
  const docs = controlDocsUrl(finding.controlId);
  const remediation = defaultRemediation(finding);
  const hipaa = finding.hipaa.map((id) => {
    const known = citation(id);
    return known ? `HIPAA 45 CFR ${id}, ${known.title} (${known.kind}): ${known.text}` : `HIPAA 45 CFR ${id}.`;
  });
  const references = finding.references.filter((reference) => reference.trim());
  const helpText = [
    `What to do: ${remediation}`,
    `HIPAA Security Rule: ${finding.hipaa.map(citationLine).join('; ')}.`,
    ...(references.length ? [`References: ${references.join('; ')}`] : []),
    `About this control: ${docs}`,
  ].join('\n\n');
  const helpMarkdown = [
    `**What to do:** ${escapeMarkdown(remediation)}`,
    `**HIPAA Security Rule:**\n\n${finding.hipaa.map((id) => `- ${escapeMarkdown(citationLine(id))}`).join('\n')}`,
    ...(references.length
      ? [`**References:**\n\n${references.map((reference) => `- ${/^https:\/\/\S+$/.test(reference) ? `<${reference}>` : escapeMarkdown(reference)}`).join('\n')}`]
      : []),
    `[About this control](${docs}) (\`${finding.controlId}\`)`,
  ].join('\n\n');
  if (!isJudged(finding)) {
    return {
      id: ruleIdOf(finding),
      name: `${ruleName(finding.controlId)}NotJudged`,
      shortDescription: { text: truncate(`Not judged: ${finding.title}`, MAX_DESCRIPTION) },
      fullDescription: { text: truncate(`The control "${finding.title}" could not be judged: an answer is missing, or the data could not be read. ${hipaa.join(' ')}`, MAX_DESCRIPTION) },
      help: { text: helpText, markdown: helpMarkdown },
      helpUri: docs,
      defaultConfiguration: { level: 'note' },
      properties: { tags: ['hipaa', 'not-judged', ...finding.hipaa.map((id) => `hipaa/${id}`)].slice(0, MAX_TAGS), precision: 'high' },
    };
  }
  const tags = ['security', 'hipaa', ...finding.hipaa.map((id) => `hipaa/${id}`)].slice(0, MAX_TAGS);
  return {
    id: finding.controlId,
    name: ruleName(finding.controlId),
    shortDescription: { text: truncate(finding.title, MAX_DESCRIPTION) },
    fullDescription: { text: truncate(`${finding.title}. ${hipaa.join(' ')}`, MAX_DESCRIPTION) },
    help: { text: helpText, markdown: helpMarkdown },
    helpUri: docs,
    defaultConfiguration: { level: finding.severity === 'critical' || finding.severity === 'high' ? 'error' : 'warning' },
    properties: { tags, 'security-severity': SECURITY_SEVERITY[finding.severity], precision: 'high' },
  };
}

/** A key's line in a YAML or JSON file: `riskAnalysis:` or `"riskAnalysis":`, not in a comment. */
function keyLine(lines: readonly string[], key: string, from = 0): number | undefined {
  const pattern = new RegExp(`(^|[\\s{,])(["']?)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\2\\s*:`);
  for (let index = from; index < lines.length; index++) {
    const line = lines[index]!;
    if (!line.trimStart().startsWith('#') && pattern.test(line)) return index;
  }
  return undefined;
}

/** The line (1-based) of the answer a finding rests on in the configuration file, else 1. */
export function configLineOf(finding: Finding, configText: string): number {
  if (!finding.attestation) return 1;
  const lines = configText.split(/\r\n|\r|\n/);
  const section = keyLine(lines, 'attestations');
  const line = keyLine(lines, finding.attestation.name, section ?? 0) ?? keyLine(lines, finding.attestation.name);
  return line === undefined ? 1 : line + 1;
}

/** A relative URI with each segment percent-encoded (a tenant id or control id may hold anything). */
function relativeUri(segments: readonly string[]): string {
  return segments.map((segment) => encodeURIComponent(segment)).join('/');
}

/** Where a result points: the configuration file in the user's repository, else a stable virtual path. */
function locationOf(report: AuditReport, finding: Finding, configFile: ConfigFileRef | undefined): Location {
  if (configFile) {
    const path = configFile.path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    return {
      physicalLocation: { artifactLocation: { uri: relativeUri(path.split('/')) }, region: { startLine: configLineOf(finding, configFile.text) } },
    };
  }
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(['tenants', report.tenant.id.toLowerCase(), finding.controlId]) },
      region: { startLine: 1 },
    },
  };
}

function messageOf(finding: Finding): string {
  const status = finding.status as Exclude<Status, 'pass'>;
  const parts = [`${STATUS_PREFIX[status]}: ${finding.summary}`];
  if (finding.reason?.needs?.length) parts.push(`Needs: ${finding.reason.needs.join('; ')}.`);
  // The rule's help says what to do in general; say it here only when this finding differs.
  if (finding.remediation !== defaultRemediation(finding)) parts.push(`What to do: ${finding.remediation}`);
  return parts.join(' ');
}

/** The category GitHub keys a run on: one per tenant, so runs of one upload never collide. */
export function sarifCategory(report: AuditReport): string {
  return `tenant-audit/${report.provider}/${report.tenant.id.toLowerCase()}/`;
}

function runOf(report: AuditReport, options: FormatOptions): Run {
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const finding of report.findings) {
    const id = ruleIdOf(finding);
    if (ruleIndex.has(id)) continue;
    ruleIndex.set(id, rules.length);
    rules.push(ruleOf(finding));
  }
  const results: Result[] = report.findings
    .filter((finding) => finding.status !== 'pass')
    .map((finding) => ({
      ruleId: ruleIdOf(finding),
      ruleIndex: ruleIndex.get(ruleIdOf(finding))!,
      level: levelOf(finding),
      message: { text: messageOf(finding) },
      locations: [locationOf(report, finding, options.configFile)],
      partialFingerprints: { primaryLocationLineHash: finding.fingerprint },
      properties: {
        status: finding.status,
        severity: finding.severity,
        affectedCount: finding.evidence.affectedCount,
        ...(finding.evidence.total === undefined ? {} : { total: finding.evidence.total }),
        hipaa: finding.hipaa,
        ...(finding.attestation ? { attestation: finding.attestation } : {}),
      },
    }));
  if (results.length > SARIF_MAX_RESULTS_PER_RUN) {
    throw new ConfigError(
      `SARIF: ${practiceName(report)} has ${results.length} results, but GitHub code scanning accepts at most ${SARIF_MAX_RESULTS_PER_RUN} results per run`,
      'reports',
    );
  }
  return {
    tool: {
      driver: {
        name: 'tenant-audit',
        version: TOOL_VERSION,
        semanticVersion: TOOL_VERSION,
        informationUri: REPOSITORY_URL,
        rules,
      },
    },
    automationDetails: {
      id: sarifCategory(report),
      description: { text: `HIPAA technical safeguards audit of ${practiceName(report)} (${providerLabel(report.provider)} ${report.tenant.id})` },
    },
    results,
    properties: {
      provider: report.provider,
      tenant: report.tenant,
      collectedAt: report.collectedAt,
      summary: report.summary,
    },
  };
}

/**
 * The reports as one SARIF 2.1.0 log for GitHub code scanning: one run per tenant report (its own
 * category), one rule per control, one result per finding that is not a pass.
 *
 * @throws ConfigError when GitHub would reject the file: more than 20 runs, more than 25,000
 *   results in a run, two reports of one tenant (runs sharing a category), or over 10 MB gzipped.
 */
export function renderSarif(reports: readonly AuditReport[], options: FormatOptions = {}): string {
  if (reports.length > SARIF_MAX_RUNS) {
    throw new ConfigError(
      `SARIF: ${reports.length} tenant reports would make ${reports.length} runs in one file, but GitHub code scanning accepts at most ${SARIF_MAX_RUNS} runs per SARIF file; write one file per tenant (--output-dir) or upload them in batches`,
      'reports',
    );
  }
  const seen = new Map<string, AuditReport>();
  for (const report of reports) {
    const category = sarifCategory(report);
    const other = seen.get(category);
    if (other) {
      throw new ConfigError(
        `SARIF: two reports of the same tenant (${report.provider} ${report.tenant.id}) would make two runs with the category ${category}, which GitHub code scanning rejects; give one report per tenant`,
        'reports',
      );
    }
    seen.set(category, report);
  }
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: reports.map((report) => runOf(report, options)),
  };
  const text = `${JSON.stringify(log, null, 2)}\n`;
  const gzipped = gzipSync(text).length;
  if (gzipped > SARIF_MAX_GZIP_BYTES) {
    throw new ConfigError(
      `SARIF: the file is ${(gzipped / 1024 / 1024).toFixed(1)} MB gzipped, but GitHub code scanning accepts at most 10 MB gzipped; write one file per tenant (--output-dir)`,
      'reports',
    );
  }
  return text;
}
