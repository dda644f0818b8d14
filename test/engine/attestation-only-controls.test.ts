import { describe, expect, it } from 'vitest';
import { controlCatalogue } from '../../src/controls/index.js';
import { evaluate } from '../../src/engine/runner.js';
import { gate } from '../../src/engine/gate.js';
import { googleBaselineSnapshot } from '../fixtures/google-snapshot.js';
import { NOW } from '../fixtures/google-baseline.js';

// A control judged only from attestations (google.backup.configured) reads no dataset: the engine
// runs it without any data, and the gate does not let its answer hide a tenant that could not be read.

const attestationOnly = controlCatalogue.filter((control) => control.meta.datasets.length === 0).map((control) => control.meta.id);
const backups = { vendor: 'Backupify', lastRestoreTest: '2026-06-01', by: 'Dana Whitfield' };

/** The Google baseline snapshot with every dataset refused, as after a delegation that grants nothing. */
function everythingRefused() {
  const snapshot = googleBaselineSnapshot();
  for (const name of Object.keys(snapshot.datasets)) {
    snapshot.datasets[name] = { ok: false, reason: { kind: 'permission', detail: 'unauthorized_client' }, meta: { requests: 1, durationMs: 1 } };
  }
  return snapshot;
}

describe('controls that read no service data', () => {
  it('exist only for answers no API gives', () => {
    expect(attestationOnly.sort()).toEqual([
      'google.backup.configured',
      'practice.backup-restore-test',
      'practice.business-associates',
      'practice.risk-analysis',
      'practice.security-training',
    ]);
  });

  it('are evaluated from a snapshot that holds no dataset at all', () => {
    const snapshot = { ...googleBaselineSnapshot(), datasets: {} };
    const report = evaluate(snapshot, { now: NOW, controls: ['google.backup.configured'], attestations: { backups } });
    expect(report.findings.map((finding) => finding.status)).toEqual(['pass']);
    expect(report.findings[0]!.summary).toContain('attested by Dana Whitfield');
  });

  it('do not count as assessed: a tenant nothing could be read from still fails the gate', () => {
    const report = evaluate(everythingRefused(), { now: NOW, attestations: { backups } });
    expect(report.findings.find((finding) => finding.controlId === 'google.backup.configured')!.status).toBe('pass');
    expect(report.findings.filter((finding) => !attestationOnly.includes(finding.controlId)).every((finding) => finding.status === 'not_assessed')).toBe(true);
    const verdict = gate(report, { failOn: 'critical' });
    expect(verdict.passed).toBe(false);
    expect(verdict.failures.map((failure) => failure.kind)).toEqual(['nothing_assessed']);
  });

  it('on their own are a selection that checks something, so the gate judges them like any other', () => {
    const report = evaluate(everythingRefused(), { now: NOW, controls: ['google.backup.configured'], attestations: { backups } });
    expect(gate(report).passed).toBe(true);
    const unanswered = evaluate(everythingRefused(), { now: NOW, controls: ['google.backup.configured'] });
    expect(unanswered.findings[0]!.status).toBe('manual');
    expect(gate(unanswered).passed).toBe(true);
  });
});
