import { describe, expect, it } from 'vitest';
import { controls } from '../../src/engine/catalogue.js';
import { formatCsv, formatHtml, formatJunit, formatMarkdown, formatNames, formatReports, formatSarif, registerSecret, reporters } from '../../src/index.js';
import { areaOf } from '../../src/reporters/lib/areas.js';
import { findingLike, reportOf } from '../fixtures/reports.js';

describe('the reporter registry', () => {
  it('has every format of the CLI, each with its file extension', () => {
    expect(formatNames).toEqual(['text', 'json', 'sarif', 'junit', 'markdown', 'html', 'csv']);
    expect(formatNames.map((name) => reporters[name].extension)).toEqual(['txt', 'json', 'sarif', 'xml', 'md', 'html', 'csv']);
  });

  it('gives the same output from the library functions for one report or a list, through formatReports', () => {
    const report = reportOf({ id: 'contoso.example', name: 'Contoso Clinic' });
    const pairs = [
      [formatSarif, 'sarif'],
      [formatJunit, 'junit'],
      [formatMarkdown, 'markdown'],
      [formatHtml, 'html'],
      [formatCsv, 'csv'],
    ] as const;
    for (const [format, name] of pairs) {
      expect(format(report)).toBe(formatReports(name, [report]));
      expect(format([report])).toBe(formatReports(name, [report]));
    }
  });

  it('leaves text and JSON as they were whatever options are given', () => {
    const report = reportOf({ id: 'contoso.example' });
    const options = { detail: 'full', configFile: { path: 'a.yaml', text: 'attestations:\n' } } as const;
    expect(formatReports('text', [report], options)).toBe(formatReports('text', [report]));
    expect(formatReports('json', [report], options)).toBe(formatReports('json', [report]));
  });

  it('redacts a registered secret in every format, even where escaping would change how it is written', () => {
    const secret = 'Pa55<&>"Word\'Canary';
    registerSecret(secret);
    const finding = findingLike(0, {
      status: 'fail',
      summary: `The account with password ${secret} can sign in.`,
      evidence: { affected: [{ type: 'user', id: 'u1', name: secret }], affectedCount: 1, total: 1 },
    });
    const report = reportOf({ id: 'contoso.example', name: `Clinic ${secret}` }, [finding]);
    for (const name of formatNames) {
      const output = formatReports(name, [report], { detail: 'full' });
      expect(output, name).not.toContain('Pa55');
      expect(output, name).toMatch(/\\?\[redacted\\?\]/); // Markdown escapes the brackets
    }
  });

  it('puts every control of the catalogue in a named area of the reports people read', () => {
    expect(controls.filter((control) => areaOf(control.id).id === 'other').map((control) => control.id)).toEqual([]);
    expect(areaOf('m365.mfa.enforced').label).toBe('Sign-in and MFA');
    expect(areaOf('practice.business-associates').label).toBe('Vendors and BAAs');
    expect(areaOf('vendor.unknown.control').id).toBe('other');
  });
});
