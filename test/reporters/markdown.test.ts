import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/core/model.js';
import { formatMarkdown } from '../../src/reporters/index.js';
import { MARKDOWN_MAX_BYTES } from '../../src/reporters/markdown.js';
import { demoReports, findingLike, reportOf } from '../fixtures/reports.js';

/** Everything in a report that names a person, an account or another piece of evidence. */
function evidenceNames(reports: readonly AuditReport[]): string[] {
  const names = new Set<string>();
  for (const report of reports) {
    for (const finding of report.findings) {
      for (const item of finding.evidence.affected) {
        // Platforms and Microsoft's built-in policy names ("Windows", "Default") name no one.
        if (item.type === 'platform' || item.type === 'outboundSpamPolicy') continue;
        names.add(item.id);
        if (item.name) names.add(item.name);
      }
      if (finding.attestation?.by) names.add(finding.attestation.by);
    }
    const { attestations, breakGlassAccounts, exemptAccounts, departedStaff } = report.settings;
    for (const answer of Object.values(attestations)) for (const entry of [answer].flat()) if (entry && 'by' in entry && entry.by) names.add(entry.by);
    for (const account of [...breakGlassAccounts, ...departedStaff, ...exemptAccounts.map((exempt) => exempt.account)]) names.add(account);
  }
  // Not "/" (the root organisational unit's path) and the like: too short to name anyone.
  return [...names].filter((name) => name.length >= 3);
}

/** The table rows: cells between pipes, escaped pipes kept inside their cell. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !line.startsWith('| Practice | Cloud |'))
    .map((line) => line.slice(2, -2).split(/(?<!\\) \| /));
}

describe('Markdown', () => {
  it('opens with a table of counts by status, one row per tenant', async () => {
    const reports = await demoReports();
    const markdown = formatMarkdown(reports);
    expect(markdown).toContain('| Practice | Cloud | Failed | Warnings | Not assessed | Needs an answer | Errors | Passed | Checks |');
    const rows = tableRows(markdown);
    expect(rows).toHaveLength(reports.length);
    reports.forEach((report, index) => {
      const s = report.summary;
      expect(rows[index]).toEqual([report.tenant.name, expect.any(String), ...[s.fail, s.warn, s.not_assessed, s.manual, s.error, s.pass, s.total].map(String)]);
    });
  });

  it('lists each tenant’s gaps first, each with what to do, then what passed', async () => {
    const [, riverside] = await demoReports();
    const markdown = formatMarkdown(riverside!);
    const gaps = riverside!.findings.filter((finding) => finding.status !== 'pass');
    expect(markdown).toContain(`### Gaps (${gaps.length})`);
    for (const finding of gaps) {
      const at = markdown.indexOf(`· ${finding.title}\n`);
      expect(at).toBeGreaterThan(0);
      expect(at).toBeLessThan(markdown.indexOf('### Passed'));
      expect(markdown.slice(at)).toContain('**What to do:**');
    }
    const order = gaps.map((finding) => markdown.indexOf(`· ${finding.title}\n`));
    const statuses = [...gaps].sort((a, b) => markdown.indexOf(`· ${a.title}\n`) - markdown.indexOf(`· ${b.title}\n`)).map((finding) => finding.status);
    expect(order.every((index) => index > 0)).toBe(true);
    expect(statuses.indexOf('fail')).toBe(0);
    expect(statuses.lastIndexOf('fail')).toBeLessThan(statuses.indexOf('warn'));
    for (const finding of riverside!.findings.filter((candidate) => candidate.status === 'pass')) {
      expect(markdown.indexOf(`- ✅ ${finding.title}`)).toBeGreaterThan(markdown.indexOf('### Passed'));
    }
  });

  it('in counts detail (the default) names none of the demo practices’ people, accounts or evidence', async () => {
    const reports = await demoReports();
    const names = evidenceNames(reports);
    expect(names.length).toBeGreaterThan(50);
    for (const markdown of [formatMarkdown(reports), formatMarkdown(reports, { detail: 'counts' })]) {
      const unescaped = markdown.replace(/\\(.)/g, '$1');
      expect(names.filter((name) => unescaped.includes(name))).toEqual([]);
      // still what to do and the counts
      for (const report of reports) for (const finding of report.findings) expect(unescaped).toContain(finding.title);
      expect(unescaped).toContain('Affected: 17.');
    }
  });

  it('in full detail names them (so the counts test above can fail)', async () => {
    const reports = await demoReports();
    const unescaped = formatMarkdown(reports, { detail: 'full' }).replace(/\\(.)/g, '$1');
    expect(unescaped).toContain('frontdesk@riversidefamilyclinic.example');
    expect(unescaped).toContain('Helen Price, practice manager');
  });

  it('escapes tenant-controlled text so it cannot inject Markdown, HTML or table cells', () => {
    const name = 'Evil | Clinic <img src=x onerror=alert(1)> [click](https://evil.example) **bold** @team';
    const finding = findingLike(0, {
      status: 'fail',
      summary: '# Heading\n> quote\n- item <script>alert(1)</script>',
      evidence: { affected: [{ type: 'user', id: 'u1', name: '`code` | <b>x</b>' }], affectedCount: 1, total: 2 },
    });
    const markdown = formatMarkdown(reportOf({ id: 'contoso.example', name }, [finding]), { detail: 'full' });
    expect(markdown).not.toMatch(/(?<!\\)<(img|script|b)\b/);
    expect(markdown).not.toContain('[click](');
    expect(markdown).toContain('Evil \\| Clinic \\<img src=x onerror=alert(1)> \\[click\\](https://evil.example) \\*\\*bold\\*\\* \\@team');
    expect(tableRows(markdown)[0]).toHaveLength(9);
    expect(markdown).toContain('\\# Heading > quote - item \\<script>alert(1)\\</script>');
    expect(markdown).toContain('- \\`code\\` \\| \\<b>x\\</b>');
  });

  it('stays under GitHub’s 1 MiB job summary limit and says what it left out', () => {
    const base = findingLike(0, { status: 'fail', summary: 'x'.repeat(2_000), remediation: 'y'.repeat(2_000) });
    const reports = Array.from({ length: 300 }, (_, index) => reportOf({ id: `tenant-${index}.example`, name: `Practice ${index}` }, Array.from({ length: 5 }, () => base)));
    const markdown = formatMarkdown(reports, { detail: 'full' });
    expect(Buffer.byteLength(markdown, 'utf8')).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    expect(MARKDOWN_MAX_BYTES).toBeLessThan(1024 * 1024);
    const note = /\*\*Cut to stay under GitHub's 1 MiB job summary limit:\*\* (\d+) findings of 1500 left out/.exec(markdown);
    expect(note).not.toBeNull();
    const shown = (markdown.match(/^#### /gm) ?? []).length;
    expect(Number(note![1])).toBe(1500 - shown);
    expect(tableRows(markdown)).toHaveLength(300);
  });
});
