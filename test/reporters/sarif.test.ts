import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import type { AuditReport } from '../../src/core/model.js';
import { ConfigError } from '../../src/core/options.js';
import { evaluate } from '../../src/engine/runner.js';
import { formatSarif } from '../../src/reporters/index.js';
import { renderSarif, SARIF_MAX_RESULTS_PER_RUN } from '../../src/reporters/sarif.js';
import { NOW } from '../fixtures/m365-baseline.js';
import { baselineSnapshot } from '../fixtures/m365-snapshot.js';

/** Findings nobody could judge have a rule of their own (`<control>/not-judged`), without security-severity. */
const expectedRuleId = (finding: { controlId: string; status: string }) =>
  finding.status === 'fail' || finding.status === 'warn' ? finding.controlId : `${finding.controlId}/not-judged`;
const controlOf = (ruleId: string) => ruleId.replace(/\/not-judged$/, '');
import { demoReports, findingLike, reportOf } from '../fixtures/reports.js';

// The official SARIF 2.1.0 schema (OASIS, draft-07 copy; see its SOURCE.md) and GitHub code
// scanning's own rules ("SARIF support for code scanning" on docs.github.com).
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true }); // ajv's default strict mode, as the schema's SOURCE.md records
addFormats.default(ajv);
const validate = ajv.compile(schema);

function parse(text: string): Log {
  return JSON.parse(text) as Log;
}

function nonPassCount(report: AuditReport): number {
  return report.findings.filter((finding) => finding.status !== 'pass').length;
}

const HARBOUR_CONFIG = readFileSync(new URL('../../examples/configs/harbour-view-medical.config.yaml', import.meta.url), 'utf8');

describe('SARIF', () => {
  it('validates against the official SARIF 2.1.0 schema for the demo practices', async () => {
    const log = parse(formatSarif(await demoReports()));
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // and the schema is not so loose that anything passes
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: {}, ruleId: 'r' }] }] })).toBe(false);
  });

  it('has one run per tenant, each with its own category, and one result per finding that is not a pass', async () => {
    const reports = await demoReports();
    const log = parse(formatSarif(reports));
    expect(log.runs).toHaveLength(reports.length);
    const ids = log.runs.map((run) => run.automationDetails?.id);
    expect(new Set(ids).size).toBe(reports.length);
    reports.forEach((report, index) => {
      const run = log.runs[index]!;
      expect(run.automationDetails?.id).toBe(`tenant-audit/${report.provider}/${report.tenant.id.toLowerCase()}/`);
      expect(run.results).toHaveLength(nonPassCount(report));
      expect(run.tool.driver.rules!.map((rule) => rule.id)).toEqual([...new Set(report.findings.map(expectedRuleId))]);
    });
    // The compliant practices still get a run: an empty one closes last week's alerts.
    expect(log.runs.some((run) => run.results!.length === 0)).toBe(true);
  });

  it('carries what GitHub code scanning requires of rules and results', async () => {
    const log = parse(formatSarif(await demoReports()));
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    for (const run of log.runs) {
      expect(run.tool.driver.name).toBe('tenant-audit');
      const rules = run.tool.driver.rules!;
      for (const rule of rules as ReportingDescriptor[]) {
        expect(rule.shortDescription!.text.length).toBeGreaterThan(0);
        expect(rule.shortDescription!.text.length).toBeLessThanOrEqual(1024);
        expect(rule.fullDescription!.text.length).toBeGreaterThan(0);
        expect(rule.fullDescription!.text.length).toBeLessThanOrEqual(1024);
        expect(rule.name!.length).toBeLessThanOrEqual(255);
        expect(rule.help!.text).toContain('What to do:');
        expect(rule.help!.markdown).toContain('**What to do:**');
        expect(rule.help!.markdown).toContain(`/docs/controls/${controlOf(rule.id)}.md`);
        const tags = rule.properties!.tags!;
        expect(tags.length).toBeLessThanOrEqual(10);
        expect(tags.some((tag) => tag.startsWith('hipaa/164.'))).toBe(true);
        if (rule.id.endsWith('/not-judged')) {
          // GitHub shows a rule's security-severity on every alert: an unanswered question is no High alert.
          expect(tags).toEqual(expect.arrayContaining(['hipaa', 'not-judged']));
          expect(tags).not.toContain('security');
          expect(rule.properties!['security-severity']).toBeUndefined();
          expect(rule.defaultConfiguration!.level).toBe('note');
          continue;
        }
        expect(tags).toEqual(expect.arrayContaining(['security', 'hipaa']));
        const score = rule.properties!['security-severity'] as unknown;
        expect(typeof score).toBe('string');
        expect(Number(score)).toBeGreaterThan(0);
        expect(Number(score)).toBeLessThanOrEqual(10);
      }
      for (const result of run.results as Result[]) {
        expect(result.message.text!.length).toBeGreaterThan(0);
        expect(result.locations).toHaveLength(1);
        const physical = result.locations![0]!.physicalLocation!;
        expect(physical.artifactLocation!.uri).toBe(`tenants/${(run.properties!['tenant'] as { id: string }).id.toLowerCase()}/${controlOf(result.ruleId!)}`);
        expect(physical.region!.startLine).toBe(1);
        expect(result.partialFingerprints!['primaryLocationLineHash']).toMatch(/^[0-9a-f]{32}$/);
        expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      }
    }
  });

  it('gives critical and high failures the error level, says the status in the message, and makes every other gap a warning or a note', async () => {
    const reports = await demoReports();
    const log = parse(formatSarif(reports));
    const pairs = reports.flatMap((report, index) =>
      report.findings.filter((finding) => finding.status !== 'pass').map((finding, at) => ({ finding, result: log.runs[index]!.results![at]! })),
    );
    for (const { finding, result } of pairs) {
      expect(result.ruleId).toBe(expectedRuleId(finding));
      expect(result.partialFingerprints!['primaryLocationLineHash']).toBe(finding.fingerprint);
      const expected =
        finding.status === 'fail' ? (['critical', 'high'].includes(finding.severity) ? 'error' : 'warning') : finding.status === 'warn' ? 'warning' : 'note';
      expect(result.level).toBe(expected);
      const prefix = { fail: 'Failed: ', warn: 'Warning: ', manual: 'Needs a person’s answer: ', not_assessed: 'Not assessed: ', error: 'Could not be checked (error): ' }[
        finding.status as 'fail'
      ];
      expect(result.message.text!.startsWith(prefix)).toBe(true);
      expect(result.message.text).toContain(finding.summary);
    }
    expect(new Set(pairs.map((pair) => pair.finding.status))).toEqual(new Set(['fail', 'warn', 'manual', 'not_assessed']));
    const notAssessed = pairs.find((pair) => pair.finding.status === 'not_assessed')!;
    expect(notAssessed.result.message.text).toContain(`Needs: ${notAssessed.finding.reason!.needs![0]}`);
  });

  it('makes an unexpected error a note that says so', () => {
    const error = findingLike(0, { status: 'error', summary: 'The control failed unexpectedly.', reason: { kind: 'api', detail: 'boom' } });
    const result = parse(formatSarif(reportOf({ id: 'contoso.example' }, [error]))).runs[0]!.results![0]!;
    expect(result.level).toBe('note');
    expect(result.message.text).toBe('Could not be checked (error): The control failed unexpectedly.');
  });

  it('keeps every fingerprint and the whole file the same across two evaluations of the same snapshot', () => {
    const first = evaluate(baselineSnapshot(), { now: NOW, departedStaff: ['nobody@example.com'] });
    const second = evaluate(baselineSnapshot(), { now: new Date(NOW.getTime() + 60_000), departedStaff: ['nobody@example.com'] });
    const [a, b] = [parse(formatSarif(first)), parse(formatSarif(second))];
    const prints = (log: Log) => log.runs[0]!.results!.map((result) => [result.ruleId, result.partialFingerprints!['primaryLocationLineHash']]);
    expect(prints(a).length).toBeGreaterThan(0);
    expect(prints(a)).toEqual(prints(b));
    expect(formatSarif(first)).toBe(formatSarif(second));
  });

  it('gives the same control on two tenants different fingerprints', async () => {
    const log = parse(formatSarif(await demoReports()));
    const all = log.runs.flatMap((run) => run.results!.map((result) => result.partialFingerprints!['primaryLocationLineHash']));
    expect(new Set(all).size).toBe(all.length);
  });

  it('points results at the configuration file when one is given: the line of the answer a finding rests on, else line 1', async () => {
    const options = await parseConfig(HARBOUR_CONFIG, 'harbour-view-medical.config.yaml');
    // The baseline tenant judged with the Harbour configuration: the practice controls rest on its answers.
    const report = evaluate(baselineSnapshot(), { ...options, now: NOW, departedStaff: ['nobody@example.com'] });
    const resting = report.findings.filter((finding) => finding.attestation);
    expect(resting.length).toBeGreaterThan(0);
    // Make them gaps so that they become results.
    const gaps = reportOf(report.tenant, report.findings.map((finding) => (finding.attestation ? { ...finding, status: 'warn' as const } : finding)));
    const log = parse(formatSarif(gaps, { configFile: { path: 'audit/harbour-view-medical.config.yaml', text: HARBOUR_CONFIG } }));
    expect(validate(log)).toBe(true);
    const lines = HARBOUR_CONFIG.split('\n');
    for (const result of log.runs[0]!.results!) {
      const location = result.locations![0]!.physicalLocation!;
      expect(location.artifactLocation!.uri).toBe('audit/harbour-view-medical.config.yaml');
      const finding = gaps.findings.find((candidate) => candidate.controlId === controlOf(result.ruleId!))!;
      const expectedLine = finding.attestation ? lines.findIndex((line) => line.trim().startsWith(`${finding.attestation!.name}:`)) + 1 : 1;
      expect(expectedLine).toBeGreaterThan(0);
      expect(location.region!.startLine).toBe(expectedLine);
    }
    const riskAnalysis = log.runs[0]!.results!.find((result) => controlOf(result.ruleId!) === 'practice.risk-analysis')!;
    expect(lines[riskAnalysis.locations![0]!.physicalLocation!.region!.startLine! - 1]).toBe('  riskAnalysis:');
  });

  it('finds the answer in a JSON configuration file too, and skips a key named only in a comment', () => {
    const text = JSON.stringify({ attestations: { riskAnalysis: { date: '2026-04-14', by: 'A' } } }, null, 2);
    const yaml = '# riskAnalysis: see below\nattestations:\n  # riskAnalysis: the last one\n  riskAnalysis: { date: 2026-04-14 }\n';
    const finding = findingLike(0, { status: 'warn', attestation: { name: 'riskAnalysis', date: '2026-04-14' } });
    const line = (config: string, path: string) =>
      parse(formatSarif(reportOf({ id: 'contoso.example' }, [finding]), { configFile: { path, text: config } })).runs[0]!.results![0]!.locations![0]!.physicalLocation!;
    expect(line(text, 'practice.json').region!.startLine).toBe(3);
    expect(line(yaml, './cfg/practice.yaml').region!.startLine).toBe(4);
    expect(line(yaml, './cfg/practice.yaml').artifactLocation!.uri).toBe('cfg/practice.yaml');
    expect(line(yaml, 'cfg\\practice.yaml').artifactLocation!.uri).toBe('cfg/practice.yaml');
  });

  it('refuses more tenants than GitHub accepts runs in one file, naming the limit', () => {
    const reports = Array.from({ length: 21 }, (_, index) => reportOf({ id: `tenant-${index}.example` }));
    expect(() => formatSarif(reports)).toThrowError(ConfigError);
    expect(() => formatSarif(reports)).toThrowError(/at most 20 runs per SARIF file/);
    expect(() => formatSarif(reports.slice(0, 20))).not.toThrow();
  });

  it('refuses two reports of one tenant, whose runs GitHub would reject for sharing a category', () => {
    const report = reportOf({ id: 'Contoso.onmicrosoft.com' });
    expect(() => formatSarif([report, reportOf({ id: 'contoso.onmicrosoft.com' })])).toThrowError(/same tenant/);
  });

  it('refuses a run over 25,000 results and a file over 10 MB gzipped', () => {
    const finding = findingLike(0, { status: 'fail' });
    const many = reportOf({ id: 'big.example' }, Array.from({ length: SARIF_MAX_RESULTS_PER_RUN + 1 }, (_, index) => ({ ...finding, controlId: `m365.test.c${index}` })));
    expect(() => renderSarif([many])).toThrowError(/at most 25000 results per run/);
    // Incompressible text: 16 MB of base64 gzips to about 12 MB.
    const huge = reportOf({ id: 'huge.example' }, [{ ...finding, summary: randomBytes(12 * 1024 * 1024).toString('base64') }]);
    expect(() => renderSarif([huge])).toThrowError(/at most 10 MB gzipped/);
  });
});
