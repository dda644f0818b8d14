import { describe, expect, it } from 'vitest';
import { controlCatalogue } from '../../src/controls/index.js';
import { ConfigError } from '../../src/core/options.js';
import { evaluate } from '../../src/engine/runner.js';
import { NOW } from '../fixtures/m365-baseline.js';
import { baselineSnapshot } from '../fixtures/m365-snapshot.js';
import { googleBaselineSnapshot } from '../fixtures/google-snapshot.js';
import { exchangeBaselineData } from '../fixtures/exchange-baseline.js';
import type { Control } from '../../src/controls/define.js';

/** The compliant baseline snapshot of the control's cloud (M365 with its Exchange data, or Google). */
function snapshotFor(control: Control) {
  if (control.meta.provider === 'google-workspace') return googleBaselineSnapshot();
  const snapshot = baselineSnapshot();
  for (const [name, data] of Object.entries(exchangeBaselineData())) snapshot.datasets[name] = { ok: true, data, meta: { requests: 1, durationMs: 5 } };
  return snapshot;
}

const options = { now: NOW, breakGlassAccounts: ['breakglass@contoso-clinic.example'] };

describe('evaluate', () => {
  it('runs every M365 control on a snapshot and counts the statuses', () => {
    const report = evaluate(baselineSnapshot(), options);
    expect(report.findings).toHaveLength(controlCatalogue.filter((control) => control.meta.provider === 'm365' || control.meta.provider === 'any').length);
    const counted = Object.entries(report.summary).filter(([key]) => key !== 'total').reduce((sum, [, n]) => sum + n, 0);
    expect(counted).toBe(report.summary.total);
    expect(report.collectedAt).toBe(NOW.toISOString());
  });

  it('runs only the controls asked for', () => {
    const report = evaluate(baselineSnapshot(), { ...options, controls: ['m365.mfa.enforced'] });
    expect(report.findings.map((finding) => finding.controlId)).toEqual(['m365.mfa.enforced']);
  });

  it('names options.controls when an id is unknown', () => {
    expect(() => evaluate(baselineSnapshot(), { controls: ['m365.mfa.enforcd'] })).toThrowError(
      expect.objectContaining({ field: 'options.controls', message: expect.stringContaining('m365.mfa.enforcd') }),
    );
  });

  it('names ids of the other cloud rather than returning an empty report', () => {
    expect(() => evaluate(baselineSnapshot(), { controls: ['google.mfa.enforced'] })).toThrowError(
      expect.objectContaining({ field: 'options.controls', message: expect.stringContaining('another cloud') }),
    );
  });

  it('names the snapshot field that is wrong', () => {
    const snapshot = { ...baselineSnapshot(), provider: 'aws' };
    expect(() => evaluate(snapshot)).toThrowError(ConfigError);
    expect(() => evaluate(snapshot)).toThrowError(expect.objectContaining({ field: 'snapshot.provider' }));
  });

  // A control that reads no dataset is judged from attestations alone: without one it never passes.
  it.each(controlCatalogue.filter((control) => control.meta.datasets.length === 0).map((control) => [control.meta.id, control] as const))(
    '%s, which reads no data, does not pass without its attestation',
    (id, control) => {
      const snapshot = snapshotFor(control);
      snapshot.datasets = {};
      const finding = evaluate(snapshot, { ...options, controls: [id] }).findings[0]!;
      expect(finding.status).not.toBe('pass');
      expect(finding.summary).toContain('attestation');
    },
  );

  const readingData = controlCatalogue.filter((control) => control.meta.datasets.length > 0);
  describe.each(readingData.map((control) => [control.meta.id, control] as const))('%s never passes on missing data', (id, control) => {
    const baselineSnapshot = () => snapshotFor(control);
    it.each(control.meta.datasets.map((dataset) => [dataset]))('when %s failed to collect', (dataset) => {
      const snapshot = baselineSnapshot();
      snapshot.datasets[dataset] = {
        ok: false,
        reason: { kind: 'permission', detail: 'Graph refused access (403 Authorization_RequestDenied)', needs: ['Graph application permission X.Read.All'] },
        meta: { requests: 1, durationMs: 1 },
      };
      const finding = evaluate(snapshot, { ...options, controls: [id] }).findings[0]!;
      expect(finding.status).toBe('not_assessed');
      expect(finding.reason?.needs).toEqual(['Graph application permission X.Read.All']);
      expect(finding.summary).toContain(dataset);
    });

    it.each(control.meta.datasets.map((dataset) => [dataset]))('when %s is absent from the snapshot', (dataset) => {
      const snapshot = baselineSnapshot();
      delete snapshot.datasets[dataset];
      const finding = evaluate(snapshot, { ...options, controls: [id] }).findings[0]!;
      expect(finding.status).toBe('not_assessed');
      expect(finding.reason?.kind).toBe('unsupported');
    });

    it.each(control.meta.datasets.map((dataset) => [dataset]))('when %s does not match its schema', (dataset) => {
      const snapshot = baselineSnapshot();
      snapshot.datasets[dataset] = { ok: true, data: { unexpected: true }, meta: { requests: 1, durationMs: 1 } };
      const finding = evaluate(snapshot, { ...options, controls: [id] }).findings[0]!;
      expect(finding.status).toBe('not_assessed');
      expect(finding.reason?.kind).toBe('schema');
    });
  });
});
