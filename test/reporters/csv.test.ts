import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../src/reporters/index.js';
import { CSV_COLUMNS, csvCell } from '../../src/reporters/csv.js';
import { demoReports, findingLike, reportOf } from '../fixtures/reports.js';

/** A strict RFC 4180 read: every row the header's width, quotes only where allowed, CRLF records. */
function rows(text: string): Record<string, string>[] {
  return parse(text, { columns: true, record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false, skip_empty_lines: false }) as Record<string, string>[];
}

describe('CSV', () => {
  it('has a header and one row per finding of every tenant, with the columns in order', async () => {
    const reports = await demoReports();
    const text = formatCsv(reports);
    expect(text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    const records = rows(text);
    const findings = reports.flatMap((report) => report.findings.map((finding) => ({ report, finding })));
    expect(records).toHaveLength(findings.length);
    findings.forEach(({ report, finding }, index) => {
      expect(records[index]).toEqual({
        tenant_id: report.tenant.id,
        tenant_name: report.tenant.name,
        provider: report.provider,
        control_id: finding.controlId,
        title: finding.title,
        status: finding.status,
        severity: finding.severity,
        hipaa_citations: finding.hipaa.join('; '),
        summary: finding.summary,
        affected_count: String(finding.evidence.affectedCount),
        fingerprint: finding.fingerprint,
        remediation: finding.remediation,
      });
    });
    expect(records.some((record) => record['hipaa_citations']!.includes('; '))).toBe(true);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) so they come back as written', () => {
    const name = 'Smith, Jones & "Partners"\r\nClinic';
    const finding = findingLike(0, { status: 'fail', summary: '3 of 4 users, "front desk" among them,\ncan sign in without MFA.' });
    const [record] = rows(formatCsv(reportOf({ id: 'contoso.example', name }, [finding])));
    expect(record!['tenant_name']).toBe(name);
    expect(record!['summary']).toBe(finding.summary);
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const name = `${start}HYPERLINK("http://evil.example","click")`;
      const [record] = rows(formatCsv(reportOf({ id: 'contoso.example', name }, [findingLike(0, {})])));
      expect(record!['tenant_name']).toBe(`'${name}`);
    }
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('a=1')).toBe('a=1');
    expect(csvCell(3)).toBe('3');
  });
});
