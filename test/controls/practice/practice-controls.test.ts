import { describe, expect, it } from 'vitest';
import type { Control } from '../../../src/controls/define.js';
import { practiceBackupRestoreTest } from '../../../src/controls/practice/backup-restore-test.js';
import { practiceBusinessAssociates } from '../../../src/controls/practice/business-associates.js';
import { practiceRiskAnalysis } from '../../../src/controls/practice/risk-analysis.js';
import { practiceSecurityTraining } from '../../../src/controls/practice/security-training.js';
import type { DatasetResult, Finding } from '../../../src/core/model.js';
import { resolveEvaluateOptions, type Attestations } from '../../../src/core/options.js';
import { evaluateControl, validateDatasets } from '../../../src/engine/evaluate-control.js';
import { baselineData, NOW } from '../../fixtures/m365-baseline.js';

// The practice controls are provider-neutral: judged from people's answers, with service data from
// the audited cloud as optional evidence. Each case is the Microsoft 365 baseline plus one change.

type Data = ReturnType<typeof baselineData>;
const ok = (data: unknown): DatasetResult => ({ ok: true, data, meta: { requests: 1, durationMs: 1 } });
const refused = (needs: string): DatasetResult => ({ ok: false, reason: { kind: 'permission', detail: '403 Authorization_RequestDenied', needs: [needs] }, meta: { requests: 1, durationMs: 1 } });

function run(control: Control<any, any>, attestations: Attestations | undefined, datasets: Record<string, DatasetResult> = {}, provider = 'm365'): Finding {
  const options = resolveEvaluateOptions({ now: NOW, ...(attestations ? { attestations } : {}) });
  return evaluateControl(control as Control, validateDatasets(datasets), options, { provider, tenantId: 'contoso-clinic.example' });
}
const m365 = (change: (data: Data) => void = () => {}) => {
  const data = baselineData();
  change(data);
  return Object.fromEntries(Object.entries(data).map(([name, value]) => [name, ok(value)]));
};

const associates: NonNullable<Attestations['businessAssociates']> = [
  { name: 'Harbour IT', service: 'managed IT support', baaDate: '2025-01-15' },
  { name: 'Keepsafe', service: 'Microsoft 365 backup', baaDate: '2025-01-15' },
  { name: 'CareChart', service: 'electronic health records', baaDate: '2024-06-03', covers: ['f0000000-0000-4000-8000-000000000002'] },
];

describe('practice.business-associates', () => {
  it('passes when the IT provider, backup vendor and EHR have BAAs and every connected app with data access is covered', () => {
    const finding = run(practiceBusinessAssociates, { businessAssociates: associates }, m365());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('BAAs are on record for 3 business associates, including the IT provider, the backup vendor and the EHR. No app from another vendor reaches mail or files without one.');
    expect(finding.attestation).toEqual({ name: 'businessAssociates', date: '2025-01-15' });
  });

  it('warns, naming the app and what it reaches, when a connected app with tenant-wide data access is covered by no BAA', () => {
    const uncovered = associates.map(({ covers: _covers, ...associate }) => associate);
    const finding = run(practiceBusinessAssociates, { businessAssociates: uncovered }, m365());
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('1 connected app from another vendor has tenant-wide access to mail or files (Clinic scheduling app)');
    expect(finding.evidence.affected).toEqual([expect.objectContaining({ type: 'app', name: 'Clinic scheduling app', detail: expect.stringContaining('Calendars.ReadWrite') })]);
  });

  it('matches a covers entry on the app name too, case-insensitively', () => {
    const byName = associates.map((associate) => (associate.covers ? { ...associate, covers: ['clinic SCHEDULING app'] } : associate));
    expect(run(practiceBusinessAssociates, { businessAssociates: byName }, m365()).status).toBe('pass');
  });

  it("does not count Microsoft's own apps as vendors", () => {
    const uncovered = associates.map(({ covers: _covers, ...associate }) => associate);
    const finding = run(practiceBusinessAssociates, { businessAssociates: uncovered }, m365((data) => {
      data['m365.consentedApps'].apps[0]!.appOwnerOrganizationId = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
    }));
    expect(finding.status).toBe('pass');
  });

  it('never passes when the connected apps could not be listed on Microsoft 365, naming what to grant', () => {
    const finding = run(practiceBusinessAssociates, { businessAssociates: associates }, { ...m365(), 'm365.consentedApps': refused('Graph application permission Directory.Read.All') });
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('could not be listed (it needs Graph application permission Directory.Read.All)');
  });

  it('on Google Workspace is judged from the list alone: Microsoft 365 evidence is neither read nor missed', () => {
    const finding = run(practiceBusinessAssociates, { businessAssociates: associates }, {}, 'google-workspace');
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('cannot be listed through this cloud\'s API, so check them by hand (on Google Workspace: Admin console > Security > Access and data control > API controls > Manage Domain Wide Delegation)');
    expect(finding.evidence.connectedApps).toBeUndefined();
  });

  it('the pronoun "it" in a service does not make a vendor the IT provider', () => {
    const withoutIt = [{ name: 'Offsite Co', service: 'stores it offsite', baaDate: '2025-01-15' }, ...associates.slice(1)];
    expect(run(practiceBusinessAssociates, { businessAssociates: withoutIt }, m365()).summary).toContain('but not the IT provider');
    const lowerCase = [{ name: 'Byte Co', service: 'it support', baaDate: '2025-01-15' }, ...associates.slice(1)];
    expect(run(practiceBusinessAssociates, { businessAssociates: lowerCase }, m365()).status).toBe('pass');
  });

  it('warns when a kind of associate every practice has is missing, and is manual with no list', () => {
    expect(run(practiceBusinessAssociates, { businessAssociates: associates.slice(1) }, m365()).summary).toContain('but not the IT provider');
    const none = run(practiceBusinessAssociates, undefined, m365((data) => {
      data['m365.consentedApps'].apps[0]!.appId = 'f0000000-0000-4000-8000-00000000ffff';
    }));
    expect(none.status).toBe('manual');
    expect(none.summary).toContain('Clinic scheduling app');
  });
});

describe('practice.security-training', () => {
  const trained = { securityTraining: { date: '2026-09-22', coverage: 100, by: 'Helen Price' } };

  it('passes on a yearly training of everyone when Defender shows nobody behind', () => {
    const finding = run(practiceSecurityTraining, trained, m365());
    expect(finding.status).toBe('pass');
    expect(finding.evidence.defenderTraining).toEqual({ assignedUsers: 5, behind: 0 });
  });

  it('warns when Defender shows overdue training although the answer says everyone was trained', () => {
    const finding = run(practiceSecurityTraining, trained, m365((data) => {
      data['m365.trainingCoverage'].userCoverage[0]!.attackSimulationUser.email = 'dr.lee@contoso-clinic.example';
      data['m365.trainingCoverage'].userCoverage[0]!.userTrainings = [{ displayName: 'Phishing awareness', assignedDateTime: '2026-08-01T00:00:00Z', completionDateTime: null, trainingStatus: 'overdue' }];
    }));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe('All staff are recorded as trained on 2026-09-22 (1 month ago), but Defender for Office 365 shows 1 person whose assigned training is overdue or unfinished.');
    expect(finding.evidence.affected).toEqual([expect.objectContaining({ name: 'dr.lee@contoso-clinic.example', detail: 'training overdue in Defender for Office 365' })]);
  });

  it('is decided by the answer alone without Defender for Office 365 Plan 2, noting it', () => {
    const finding = run(practiceSecurityTraining, trained, { ...m365(), 'm365.trainingCoverage': { ok: false, reason: { kind: 'license', detail: 'no Defender for Office 365 Plan 2' }, meta: { requests: 0, durationMs: 0 } } });
    expect(finding.status).toBe('pass');
    expect(finding.evidence.defenderTraining).toBe('not read: no Defender for Office 365 Plan 2');
  });

  it('is manual with no answer, and warns for partial coverage or an old date', () => {
    expect(run(practiceSecurityTraining, undefined, m365()).status).toBe('manual');
    expect(run(practiceSecurityTraining, { securityTraining: { date: '2026-09-22', coverage: 80 } }, m365()).summary).toContain('only 80% of staff completed it');
    expect(run(practiceSecurityTraining, { securityTraining: { date: '2025-06-01', coverage: 100 } }, m365()).summary).toContain('more than a year ago');
  });
});

describe('practice.backup-restore-test', () => {
  it('passes on a Microsoft 365 Backup restore within the year, with no answer needed', () => {
    const finding = run(practiceBackupRestoreTest, undefined, m365());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toMatch(/^Microsoft 365 Backup completed a restore on 2026-10-21/);
    expect(finding.attestation).toBeUndefined();
  });

  it('is manual when the only restore Microsoft 365 Backup completed is over a year old and nobody answered', () => {
    const finding = run(practiceBackupRestoreTest, undefined, m365((data) => {
      const sessions = data['m365.backup'].restoreSessions;
      if (sessions.available) sessions.sessions[0]!.completedDateTime = '2025-01-10T00:00:00Z';
    }));
    expect(finding.status).toBe('manual');
    expect(finding.evidence.microsoft365BackupLatestRestore).toBe('2025-01-10');
  });

  it('rests on the answer when it names a recent restore test', () => {
    const finding = run(practiceBackupRestoreTest, { backups: { vendor: 'Keepsafe', lastRestoreTest: '2026-10-08', by: 'Harbour IT' } }, {}, 'google-workspace');
    expect(finding.status).toBe('pass');
    expect(finding.attestation).toEqual({ name: 'backups', by: 'Harbour IT', date: '2026-10-08' });
  });

  it('warns when the answer names no restore test, or one over a year ago', () => {
    expect(run(practiceBackupRestoreTest, { backups: { vendor: 'Keepsafe' } }, {}, 'google-workspace').status).toBe('warn');
    expect(run(practiceBackupRestoreTest, { backups: { vendor: 'Keepsafe', lastRestoreTest: '2025-02-01' } }, {}, 'google-workspace').summary).toContain('more than a year ago');
  });
});

describe('practice.risk-analysis', () => {
  it('passes on an analysis within the year, warns on an older one, and is manual with none', () => {
    expect(run(practiceRiskAnalysis, { riskAnalysis: { date: '2026-04-14', by: 'Harbour IT' } }).status).toBe('pass');
    expect(run(practiceRiskAnalysis, { riskAnalysis: { date: '2025-04-14' } }).status).not.toBe('pass');
    expect(run(practiceRiskAnalysis, undefined).status).toBe('manual');
  });
});
