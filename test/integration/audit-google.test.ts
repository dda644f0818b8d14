import { OAuth2Client } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { audit, controls, keylessDelegation, type AuditReport } from '../../src/index.js';
import {
  GOOGLE_TYPICAL_PRACTICE_ACCOUNTS,
  googleCompliantPractice,
  googleLargeTenant,
  googleSuperAdmin,
  simulatedFederatedToken,
  googleTypicalPractice,
  simulatedServiceAccountKey,
  type GoogleWorkspaceModel,
} from '../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

const simulators = simulatorPerTest();

const target = (model: GoogleWorkspaceModel) =>
  ({
    provider: 'google-workspace',
    credentials: { ...simulatedServiceAccountKey(model) },
    subject: googleSuperAdmin(model),
  }) as const;
const findingOf = (report: AuditReport, id: string) => report.findings.find((finding) => finding.controlId === id)!;
const googleControlCount = controls.filter((control) => control.provider === 'google-workspace').length;

describe('audit() of a simulated Google Workspace customer', () => {
  it('passes the compliant practice, leaving only what no API can show to a person', async () => {
    const practice = googleCompliantPractice({ now: NOW });
    simulators.serve({ google: [practice] });
    const report = await audit(target(practice), { now: NOW });
    expect(report.provider).toBe('google-workspace');
    expect(report.findings).toHaveLength(googleControlCount);
    expect(report.summary.fail).toBe(0);
    expect(report.summary.not_assessed).toBe(0);
    const notPassed = report.findings.filter((finding) => finding.status !== 'pass').map((finding) => `${finding.controlId}:${finding.status}`);
    // No API shows BAA acceptance, Gmail TLS compliance, an audit-log export or a backup service: a person must answer.
    expect(notPassed.sort()).toEqual(['google.audit.retention:warn', 'google.backup.configured:manual', 'google.email.encryption:manual', 'google.license.baa-eligible:manual']);
    expect(findingOf(report, 'google.sharing.external').status).toBe('pass');
    expect(findingOf(report, 'google.email.auto-forwarding').status).toBe('pass');
  });

  it('passes those too once the practice attests them', async () => {
    const practice = googleCompliantPractice({ now: NOW });
    simulators.serve({ google: [practice] });
    const report = await audit(target(practice), {
      now: NOW,
      attestations: {
        baaAccepted: '2025-02-01',
        emailTls: true,
        auditLogArchive: 'BigQuery export to project cedar-audit',
        backups: { vendor: 'Backupify', lastRestoreTest: '2026-09-15', by: 'Avery Brooks, practice manager' },
      },
    });
    expect(report.summary.pass).toBe(report.summary.total);
  });

  it('finds the usual gaps of a typical practice, naming the people involved', async () => {
    const practice = googleTypicalPractice({ now: NOW });
    simulators.serve({ google: [practice] });
    const report = await audit(target(practice), { now: NOW });
    const accounts = GOOGLE_TYPICAL_PRACTICE_ACCOUNTS as Record<string, unknown>;
    const evidenceOf = (id: string) => JSON.stringify(findingOf(report, id).evidence);

    expect(findingOf(report, 'google.mfa.enforced').status).toBe('fail');
    expect(findingOf(report, 'google.mfa.enrolled').status).toBe('fail');
    expect(findingOf(report, 'google.session.length').status).toBe('fail');
    expect(findingOf(report, 'google.devices.encryption').status).toBe('fail');
    expect(findingOf(report, 'google.accounts.shared-use').status).toBe('fail');
    expect(evidenceOf('google.accounts.shared-use')).toContain('frontdesk@');
    expect(findingOf(report, 'google.accounts.departed-staff').status).toBe('fail');
    expect(evidenceOf('google.accounts.departed-staff')).toContain('james.morrison@');
    expect(findingOf(report, 'google.accounts.suspended-licensed').status).toBe('warn');
    expect(evidenceOf('google.accounts.suspended-licensed')).toContain('ruth.ahmed@');
    expect(findingOf(report, 'google.license.baa-eligible').status).toBe('warn'); // Business Starter
    expect(['fail', 'not_assessed']).toContain(findingOf(report, 'google.email.dlp').status);
    // Drive sharing and forwarding were never configured (Google's defaults); Billing also turned the sharing warning off.
    expect(findingOf(report, 'google.sharing.external').status).toBe('fail');
    expect(evidenceOf('google.sharing.external')).toContain('no warning before sharing outside (set here)');
    expect(findingOf(report, 'google.email.auto-forwarding').status).toBe('fail');
    expect(findingOf(report, 'google.email.auto-forwarding').summary).toContain('/Clinical');
    expect(findingOf(report, 'google.backup.configured').status).toBe('manual');
    expect(Object.keys(accounts).length).toBeGreaterThan(0);
  });

  it('works keyless: signJwt through the workload identity, then the JWT bearer grant', async () => {
    const practice = googleCompliantPractice({ now: NOW });
    simulators.serve({ google: [practice] });
    // The workload's own credential (in GitHub Actions: the federated token) signs nothing itself.
    const workload = new OAuth2Client();
    workload.setCredentials({ access_token: simulatedFederatedToken(practice), expiry_date: Date.now() + 3_600_000 });
    const auth = keylessDelegation({ serviceAccount: practice.serviceAccount.clientEmail, subject: googleSuperAdmin(practice), sourceCredential: workload });
    const report = await audit({ provider: 'google-workspace', auth }, { now: NOW, controls: ['google.mfa.enforced'] });
    expect(findingOf(report, 'google.mfa.enforced').status).toBe('pass');
  });

  it('keyless: a scope missing from the delegation entry fails only the datasets that need it', async () => {
    const practice = googleCompliantPractice({ now: NOW });
    practice.domainWideDelegation = practice.domainWideDelegation.map((grant) => ({ ...grant, scopes: grant.scopes.filter((scope) => !scope.endsWith('apps.licensing')) }));
    simulators.serve({ google: [practice] });
    const workload = new OAuth2Client();
    workload.setCredentials({ access_token: simulatedFederatedToken(practice), expiry_date: Date.now() + 3_600_000 });
    const auth = keylessDelegation({ serviceAccount: practice.serviceAccount.clientEmail, subject: googleSuperAdmin(practice), sourceCredential: workload });
    const report = await audit({ provider: 'google-workspace', auth }, { now: NOW });
    expect(report.datasets['google.licenses']?.ok).toBe(false);
    expect(JSON.stringify(report.datasets['google.licenses']?.reason)).toContain('apps.licensing');
    const others = Object.entries(report.datasets).filter(([name]) => name !== 'google.licenses');
    expect(others.every(([, dataset]) => dataset.ok)).toBe(true);
  });

  it('reads a large customer with requests that grow with pages, not users', async () => {
    const small = googleLargeTenant(500, { now: NOW });
    const large = googleLargeTenant(5_000, { now: NOW });
    const simulator = simulators.serve({ google: [small, large] });
    await audit(target(small), { now: NOW });
    const smallCount = simulator.requests.count({ tenantId: small.customer.id });
    await audit(target(large), { now: NOW });
    const largeCount = simulator.requests.count({ tenantId: large.customer.id });
    expect(largeCount).toBeLessThan(smallCount + 40);
    expect(largeCount).toBeLessThan(5_000 / 50);
  });
});
