import { OAuth2Client } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { audit, controls, keylessDelegation, loadConfigFile, type AuditReport } from '../../src/index.js';
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
const googleControlCount = controls.filter((control) => control.provider === 'google-workspace' || control.provider === 'any').length;

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
    // No API shows BAA acceptance, Gmail TLS compliance, an audit-log export, a risk analysis,
    // training, business associates or restore tests: a person must answer. A 12-hour (8 for
    // clinicians) session is a re-authentication interval, not an idle logoff: it warns.
    expect(notPassed.sort()).toEqual([
      'google.audit.retention:warn',
      'google.backup.configured:manual',
      'google.email.encryption:manual',
      'google.license.baa-eligible:manual',
      'google.session.length:warn',
      'practice.backup-restore-test:manual',
      'practice.business-associates:manual',
      'practice.risk-analysis:manual',
      'practice.security-training:manual',
    ]);
    expect(findingOf(report, 'google.sharing.external').status).toBe('pass');
    expect(findingOf(report, 'google.email.auto-forwarding').status).toBe('pass');
  });

  it('passes those too once the practice attests them', async () => {
    const practice = googleCompliantPractice({ now: NOW });
    simulators.serve({ google: [practice] });
    const config = await loadConfigFile('examples/configs/cedar-creek-pediatrics.config.yaml');
    const report = await audit(target(practice), { ...config, now: NOW });
    // Only the idle-logoff caveat remains: no API shows device screen locks.
    expect(report.findings.filter((finding) => finding.status !== 'pass').map((finding) => `${finding.controlId}:${finding.status}`)).toEqual(['google.session.length:warn']);
    // The report records what the verdicts rest on.
    expect(report.settings.attestations.riskAnalysis).toEqual({ date: '2026-05-20', by: 'Cedar IT with Dr Maya Torres' });
    expect(report.findings.find((finding) => finding.controlId === 'practice.risk-analysis')!.attestation).toEqual({ name: 'riskAnalysis', by: 'Cedar IT with Dr Maya Torres', date: '2026-05-20' });
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
    // Her Google Voice add-on (product 101033) is listed too, not only the edition.
    expect(evidenceOf('google.accounts.suspended-licensed')).toContain('Google Voice Starter');
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

  it('matches the HR list on aliases, reads computers, and asks customers.get once per audit', async () => {
    const practice = googleTypicalPractice({ now: NOW });
    const simulator = simulators.serve({ google: [practice] });
    const report = await audit(target(practice), { now: NOW, departedStaff: [GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.leaverAlias] });
    const departed = findingOf(report, 'google.accounts.departed-staff');
    expect(departed.evidence.affected.find((item) => item.name === GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.leaver)?.detail).toContain(
      `on the HR departed-staff list (as ${GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.leaverAlias}) but still active`,
    );
    expect(departed.evidence.hrListNotFound).toEqual([]);
    expect(findingOf(report, 'google.devices.encryption').evidence).toMatchObject({ computers: 1, phonesAndTablets: 3, notEncrypted: 1 });
    expect(simulator.requests.count({ path: '/admin/directory/v1/customers/my_customer' })).toBe(1);
  });

  it('judges users of an OU assigned to a third-party SSO profile as manual, super administrators on 2SV', async () => {
    const practice = googleCompliantPractice({ now: NOW });
    const clinical = practice.orgUnits.find((unit) => unit.orgUnitPath === '/Clinical')!;
    practice.inboundSso = {
      assignments: [
        { name: 'inboundSsoAssignments/clinical', targetOrgUnit: `orgUnits/${clinical.orgUnitId.replace(/^id:/, '')}`, ssoMode: 'SAML_SSO', samlSsoInfo: { inboundSamlSsoProfile: 'inboundSamlSsoProfiles/039do9ad3sc7k74' } },
      ],
      samlProfiles: [{ name: 'inboundSamlSsoProfiles/039do9ad3sc7k74', displayName: 'Okta', idpConfig: { entityId: 'http://www.okta.com/exk1abcd', singleSignOnServiceUri: 'https://cedar.okta.com/app/google/exk1abcd/sso/saml' } }],
      oidcProfiles: [],
    };
    simulators.serve({ google: [practice] });
    const report = await audit(target(practice), { now: NOW, controls: ['google.mfa.enforced'] });
    const finding = findingOf(report, 'google.mfa.enforced');
    expect(finding.status).toBe('manual');
    expect(finding.summary).toMatch(/^\d+ of \d+ active users sign in through Okta \(inboundSamlSsoProfiles\/039do9ad3sc7k74\): MFA happens at your identity provider: check it there\./);
    // Users of /Clinical and its sub-unit /Clinical/Nurses inherit the assignment.
    const ssoUsers = practice.users.filter((user) => !user.suspended && user.orgUnitPath.startsWith('/Clinical'));
    expect(finding.evidence.signInThroughIdentityProvider).toBe(ssoUsers.length);
  });

  it('without the inbound SSO scope, 2SV is still judged and the evidence names the scope', async () => {
    const practice = googleCompliantPractice({ now: NOW });
    practice.domainWideDelegation = practice.domainWideDelegation.map((grant) => ({ ...grant, scopes: grant.scopes.filter((scope) => !scope.endsWith('cloud-identity.inboundsso.readonly')) }));
    simulators.serve({ google: [practice] });
    const report = await audit(target(practice), { now: NOW, controls: ['google.mfa.enforced'] });
    const finding = findingOf(report, 'google.mfa.enforced');
    expect(finding.status).toBe('pass');
    expect(JSON.stringify(finding.evidence.ssoAssignments)).toContain('https://www.googleapis.com/auth/cloud-identity.inboundsso.readonly');
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
