import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/model.js';
import { diffReports } from '../../src/engine/diff.js';
import { gate } from '../../src/engine/gate.js';
import { stepSummary, STEP_SUMMARY_MAX_BYTES } from '../../src/action/report-files.js';
import { findingLike, reportOf } from '../fixtures/reports.js';

// The job summary the Action writes: GitHub shows none at all for a step that writes over 1 MiB.

/** A tenant with `count` controls, each with a long title, all in one status. */
function tenantWith(count: number, status: Finding['status']) {
  const findings = Array.from({ length: count }, (_, index) =>
    findingLike(0, {
      controlId: `m365.synthetic.control-${index}`,
      fingerprint: index.toString(16).padStart(32, '0'),
      title: `Synthetic control ${index} ${'with a long title '.repeat(12)}`,
      status,
      severity: 'high',
      summary: 'z'.repeat(1_000),
    }),
  );
  return reportOf({ id: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', name: 'Contoso Clinic' }, findings);
}

describe('the job summary', () => {
  it('stays under GitHub’s 1 MiB per step with thousands of regressions, verdict first, saying it was cut', () => {
    const before = tenantWith(2_500, 'pass');
    const after = tenantWith(2_500, 'fail');
    const verdict = gate([after], { failOn: 'high', baseline: [before] });
    expect(verdict.passed).toBe(false);
    for (const detail of ['counts', 'full'] as const) {
      const summary = stepSummary([after], { detail, verdict, failOn: 'high', diff: diffReports([before], [after]), baseline: true });
      expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(STEP_SUMMARY_MAX_BYTES);
      expect(STEP_SUMMARY_MAX_BYTES).toBeLessThan(1024 * 1024);
      expect(summary.startsWith('**Result: failed**')).toBe(true);
      expect(summary).toContain('2500 controls newly failed since the baseline at or above high');
      expect(summary.trimEnd().endsWith('the HTML and JSON reports have everything._')).toBe(true);
    }
  });

  it('is left whole when it fits', () => {
    const report = tenantWith(20, 'fail');
    const verdict = gate([report], { failOn: 'high' });
    const summary = stepSummary([report], { detail: 'counts', verdict, failOn: 'high', baseline: false });
    expect(summary).not.toContain('was cut');
    expect(summary).toContain('Synthetic control 19');
    expect(summary).not.toContain('z'.repeat(100)); // counts: no finding summaries
  });
});
