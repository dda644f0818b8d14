import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { AuditReport, Finding } from '../../src/core/model.js';
import { formatJunit } from '../../src/reporters/index.js';
import { demoReports, findingLike, reportOf } from '../fixtures/reports.js';

interface Testcase {
  '@_classname': string;
  '@_name': string;
  failure?: { '@_message': string; '@_type': string; '#text': string };
  error?: { '@_message': string; '#text': string };
  skipped?: { '@_message': string } | '';
  'system-out'?: string;
}
interface Testsuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  '@_timestamp': string;
  testcase: Testcase[];
  properties: { property: { '@_name': string; '@_value': string }[] };
}

function parse(xml: string): { testsuites: { '@_tests': string; '@_failures': string; testsuite: Testsuite[] } } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });
  return parser.parse(xml) as ReturnType<typeof parse>;
}

function count(findings: readonly Finding[], ...statuses: Finding['status'][]): string {
  return String(findings.filter((finding) => statuses.includes(finding.status)).length);
}

describe('JUnit XML', () => {
  it('is one well-formed document with a test suite per tenant and a test case per finding', async () => {
    const reports = await demoReports();
    const doc = parse(formatJunit(reports));
    const suites = doc.testsuites.testsuite;
    expect(suites).toHaveLength(reports.length);
    expect(doc.testsuites['@_tests']).toBe(String(reports.reduce((sum, report) => sum + report.findings.length, 0)));
    expect(doc.testsuites['@_failures']).toBe(String(reports.reduce((sum, report) => sum + Number(count(report.findings, 'fail')), 0)));
    reports.forEach((report: AuditReport, index) => {
      const suite = suites[index]!;
      expect(suite['@_name']).toContain(report.tenant.name!);
      expect(suite['@_name']).toContain(report.tenant.id);
      expect(suite['@_tests']).toBe(String(report.findings.length));
      expect(suite['@_failures']).toBe(count(report.findings, 'fail'));
      expect(suite['@_errors']).toBe(count(report.findings, 'error'));
      expect(suite['@_skipped']).toBe(count(report.findings, 'not_assessed', 'manual'));
      expect(suite['@_timestamp']).toBe(report.startedAt);
      expect(suite.properties.property).toContainEqual({ '@_name': 'tenant.id', '@_value': report.tenant.id });
      expect(suite.testcase.map((testcase) => [testcase['@_classname'], testcase['@_name']])).toEqual(
        report.findings.map((finding) => [finding.controlId, finding.title]),
      );
    });
  });

  it('fails a failed finding, skips one that was not assessed or needs an answer (with why), and passes a warning with a note', async () => {
    const reports = await demoReports();
    const doc = parse(formatJunit(reports));
    const pairs = reports.flatMap((report, index) => report.findings.map((finding, at) => ({ finding, testcase: doc.testsuites.testsuite[index]!.testcase[at]! })));
    for (const { finding, testcase } of pairs) {
      const kinds = ['failure', 'error', 'skipped', 'system-out'].filter((key) => key in testcase);
      if (finding.status === 'pass') expect(kinds).toEqual([]);
      if (finding.status === 'fail') {
        expect(kinds).toEqual(['failure']);
        expect(testcase.failure!['@_message']).toBe(finding.summary);
        expect(testcase.failure!['@_type']).toBe(finding.severity);
        expect(testcase.failure!['#text']).toContain(`What to do: ${finding.remediation}`);
        expect(testcase.failure!['#text']).toContain(`HIPAA: ${finding.hipaa.join(', ')}`);
      }
      if (finding.status === 'warn') {
        expect(kinds).toEqual(['system-out']);
        expect(testcase['system-out']).toContain(`Warning: ${finding.summary}`);
      }
      if (finding.status === 'manual' || finding.status === 'not_assessed') {
        expect(kinds).toEqual(['skipped']);
        const message = (testcase.skipped as { '@_message': string })['@_message'];
        expect(message).toContain(finding.status === 'manual' ? 'Needs a person’s answer' : 'Not assessed');
        expect(message).toContain(finding.summary);
        for (const need of finding.reason?.needs ?? []) expect(message).toContain(need);
      }
    }
    expect(new Set(pairs.map((pair) => pair.finding.status))).toEqual(new Set(['pass', 'fail', 'warn', 'manual', 'not_assessed']));
  });

  it('makes an unexpected error an <error>', () => {
    const error = findingLike(0, { status: 'error', summary: 'The control failed unexpectedly.', reason: { kind: 'api', detail: 'HTTP 500' } });
    const testcase = parse(formatJunit(reportOf({ id: 'contoso.example' }, [error]))).testsuites.testsuite[0]!.testcase[0]!;
    expect(testcase.error!['@_message']).toBe('The control failed unexpectedly.');
    expect(testcase.error!['#text']).toContain('Reason (api): HTTP 500');
  });

  it('escapes markup in tenant-controlled names and drops characters XML cannot carry', () => {
    const name = 'Smith & Sons <Clinic> "A" \'B\' \u0001\u0008\u000b\u001b[31m\uFFFE\ud800 done';
    const finding = findingLike(0, {
      status: 'fail',
      summary: '1 of 2 users, <b>]]></b> & co, cannot sign in.',
      evidence: { affected: [{ type: 'user', id: 'u1', name: 'o\u0000neil@example.com', detail: 'line one\nline two' }], affectedCount: 1, total: 2 },
    });
    const xml = formatJunit(reportOf({ id: 'contoso.example', name }, [finding]));
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE]/);
    const suite = parse(xml).testsuites.testsuite[0]!;
    expect(suite['@_name']).toBe('Smith & Sons <Clinic> "A" \'B\' [31m done (Microsoft 365 contoso.example)');
    expect(suite.testcase[0]!.failure!['@_message']).toBe('1 of 2 users, <b>]]></b> & co, cannot sign in.');
    expect(suite.testcase[0]!.failure!['#text']).toContain('- oneil@example.com: line one\nline two');
  });
});
