import { TenantAccessError } from '../../src/core/errors.js';
import { describe, expect, it } from 'vitest';
import { audit, collect, evaluate, loadConfigFile } from '../../src/index.js';
import {
  COMPLIANT_BREAK_GLASS_UPN,
  CONSENT_READ_PERMISSION,
  compliantPractice,
  simulatedCredential,
  typicalPractice,
  TYPICAL_PRACTICE_ACCOUNTS,
  unknownTenantCredential,
  type M365TenantModel,
  type RunningSimulator,
} from '../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

const simulators = simulatorPerTest();
const serve = (...tenants: M365TenantModel[]): RunningSimulator => simulators.serve({ m365: tenants });

const target = (model: M365TenantModel, credential = simulatedCredential(model)) =>
  ({ provider: 'm365', tenantId: model.tenantId, credential, name: model.displayName }) as const;
const statusOf = (report: Awaited<ReturnType<typeof audit>>, id: string) => report.findings.find((f) => f.controlId === id)?.status;
const findingOf = (report: Awaited<ReturnType<typeof audit>>, id: string) => report.findings.find((f) => f.controlId === id)!;

describe('audit() of a simulated Microsoft 365 tenant', () => {
  it('passes the compliant practice on every control, with the answers of its configuration file', async () => {
    const practice = compliantPractice({ now: NOW });
    // Granted as `tenant-audit permissions m365` lists it, the optional evidence included.
    practice.grantedPermissions = [...practice.grantedPermissions, CONSENT_READ_PERMISSION];
    serve(practice);
    const config = await loadConfigFile('examples/configs/harbour-view-medical.config.yaml');
    const report = await audit(target(practice), { ...config, now: NOW });
    expect(report.summary.fail).toBe(0);
    expect(report.summary.not_assessed).toBe(0);
    expect(report.findings.filter((f) => f.status !== 'pass').map((f) => `${f.controlId}: ${f.summary}`)).toEqual([]);
    expect(Object.values(report.datasets).every((dataset) => dataset.ok)).toBe(true);
  });

  it('finds the usual gaps of a typical practice, naming the people involved', async () => {
    const practice = typicalPractice({ now: NOW });
    serve(practice);
    const report = await audit(target(practice), { now: NOW });
    expect(statusOf(report, 'm365.mfa.enforced')).toBe('fail');
    expect(statusOf(report, 'm365.mfa.legacy-auth-blocked')).toBe('fail');
    expect(statusOf(report, 'm365.session.idle-timeout')).toBe('fail');
    expect(statusOf(report, 'm365.license.baa-eligible')).toBe('warn');
    expect(statusOf(report, 'm365.accounts.disabled-licensed')).toBe('warn');

    const shared = findingOf(report, 'm365.accounts.shared-use');
    expect(shared.status).toBe('fail');
    expect(JSON.stringify(shared.evidence)).toContain(TYPICAL_PRACTICE_ACCOUNTS.sharedFrontDesk);

    const departed = findingOf(report, 'm365.accounts.departed-staff');
    expect(departed.status).toBe('fail');
    const departedNames = departed.evidence.affected.map((item) => item.name ?? item.id).join(' ');
    expect(departedNames).toContain(TYPICAL_PRACTICE_ACCOUNTS.leaverWithLeaveDate);
    expect(departedNames).toContain(TYPICAL_PRACTICE_ACCOUNTS.leaverInactive);

    const registered = findingOf(report, 'm365.mfa.registered');
    expect(registered.status).toBe('fail');
    expect(registered.evidence.affected.map((item) => item.name)).toEqual(expect.arrayContaining([...TYPICAL_PRACTICE_ACCOUNTS.notMfaRegistered]));

    // Device encryption compared with the devices that exist in Entra ID, not only those Intune manages.
    const devices = findingOf(report, 'm365.devices.encryption');
    expect(devices.status).toBe('fail');
    expect(devices.summary).toBe(
      '1 of 9 work devices is not encrypted, and 1 more shows no evidence of encryption. 1 more device has not signed in or checked in for over 90 days and is not counted. 1 device only registered in Entra ID (a personal device, not managed) is listed but not counted.',
    );
    const named = (name: string) => devices.evidence.affected.find((item) => item.name === name)?.detail;
    expect(named(TYPICAL_PRACTICE_ACCOUNTS.unencryptedDevice)).toMatch(/^not encrypted: Intune reports it not encrypted/);
    expect(named(TYPICAL_PRACTICE_ACCOUNTS.unmanagedJoinedDevice)).toMatch(/^no evidence of encryption: not managed by Intune and no BitLocker recovery key/);
    expect(named(TYPICAL_PRACTICE_ACCOUNTS.staleDevice)).toMatch(/^stale, not counted: no sign-in or check-in for 160 days/);
    expect(devices.evidence.registeredOnlyDevices).toEqual([expect.objectContaining({ name: TYPICAL_PRACTICE_ACCOUNTS.personalRegisteredDevice })]);

    const lock = findingOf(report, 'm365.devices.screen-lock');
    expect(lock.status).toBe('fail');
    expect(lock.summary).toBe(
      'iOS/iPadOS devices (1 device) have no Intune policy that locks the screen after inactivity; also, Windows devices lock only after 30 minutes, longer than the 15-minute limit. Also, 1 of 8 Windows or Mac computers joined to Entra ID is not enrolled in Intune, so no Intune policy locks its screen.',
    );
    // The joined computer outside Intune is named; the stale one and the personal one are not counted.
    expect(lock.evidence.affected.filter((item) => item.type === 'device' && item.detail?.includes('not enrolled in Intune')).map((item) => item.name)).toEqual([TYPICAL_PRACTICE_ACCOUNTS.unmanagedJoinedDevice]);
    expect(lock.evidence).toMatchObject({ joinedComputersNotEnrolled: 1, staleJoinedComputersNotCounted: 1, registeredOnly: 1 });
    expect(findingOf(report, 'm365.backup.configured').summary).toContain('Microsoft 365 Backup is not enabled');
    expect(statusOf(report, 'm365.backup.configured')).toBe('fail');
    expect(statusOf(report, 'm365.sharing.external-links')).toBe('fail');
    const forwarding = findingOf(report, 'm365.email.auto-forwarding');
    expect(forwarding.status).toBe('fail');
    expect(forwarding.summary).toContain('"Billing forwarding" turns automatic forwarding On for senders ben.carter@');
    // No break-glass accounts are configured for the typical practice.
    expect(statusOf(report, 'm365.accounts.emergency-access')).toBe('manual');
  });

  it('takes a third-party backup attestation instead of Microsoft 365 Backup, as a manual finding', async () => {
    const practice = typicalPractice({ now: NOW });
    serve(practice);
    const report = await audit(target(practice), {
      now: NOW,
      controls: ['m365.backup.configured'],
      attestations: { backups: { vendor: 'Datto SaaS Protection', lastRestoreTest: '2026-09-01', by: 'Karen Lee, practice manager' } },
    });
    const finding = findingOf(report, 'm365.backup.configured');
    expect(finding.status).toBe('manual');
    expect(finding.summary).toContain('Datto SaaS Protection (attested by Karen Lee, practice manager)');
  });

  it('reads the settings catalog from Graph beta and every other safeguard from v1.0, with no per-user request', async () => {
    const practice = compliantPractice({ now: NOW });
    const sim = serve(practice);
    await collect(target(practice), { now: NOW, controls: ['m365.devices.screen-lock', 'm365.backup.configured', 'm365.sharing.external-links'] });
    const beta = sim.requests.filter().filter((request) => request.version === 'beta');
    expect(beta.map((request) => request.path)).toEqual(['/deviceManagement/configurationPolicies']);
    expect(beta[0]!.query.$expand).toBe('settings,assignments');
    const paths = sim.requests.filter().map((request) => request.path.toLowerCase());
    expect(paths.filter((path) => path.startsWith('/solutions/backuprestore')).sort()).toEqual([
      '/solutions/backuprestore',
      '/solutions/backuprestore/protectionpolicies',
      '/solutions/backuprestore/protectionunits/microsoft.graph.driveprotectionunit',
      '/solutions/backuprestore/protectionunits/microsoft.graph.mailboxprotectionunit',
      '/solutions/backuprestore/protectionunits/microsoft.graph.siteprotectionunit',
      '/solutions/backuprestore/restoresessions',
    ]);
    expect(paths.some((path) => path.includes('restorepoints'))).toBe(false);
  });

  it('re-evaluates a saved snapshot offline to the same findings', async () => {
    const practice = typicalPractice({ now: NOW });
    const sim = serve(practice);
    const snapshot = await collect(target(practice), { now: NOW });
    const requestsAfterCollect = sim.requests.count();
    const fresh = evaluate(snapshot, { now: NOW });
    const reloaded = evaluate(JSON.parse(JSON.stringify(snapshot)), { now: NOW });
    expect(reloaded.findings).toEqual(fresh.findings);
    expect(sim.requests.count()).toBe(requestsAfterCollect);
  });

  it('collects only the datasets the chosen controls need', async () => {
    const practice = compliantPractice({ now: NOW });
    const sim = serve(practice);
    const snapshot = await collect(target(practice), { controls: ['m365.devices.encryption'], now: NOW });
    expect(Object.keys(snapshot.datasets).sort()).toEqual(['m365.bitlockerKeys', 'm365.devices', 'm365.managedDevices']);
    expect(new Set(sim.requests.filter().map((request) => request.path.toLowerCase()))).toEqual(
      new Set(['/devicemanagement/manageddevices', '/devices', '/informationprotection/bitlocker/recoverykeys']),
    );
  });
});

describe('missing permissions and licences', () => {
  it('makes only the controls that need a missing permission not_assessed, naming it', async () => {
    const practice = typicalPractice({ now: NOW });
    // DeviceManagementConfiguration.Read.All also opens managed devices (permissions reference), so those go too.
    practice.grantedPermissions = practice.grantedPermissions.filter((p) => p !== 'Device.Read.All' && !p.startsWith('DeviceManagement'));
    serve(practice);
    const report = await audit(target(practice), { now: NOW });
    const devices = findingOf(report, 'm365.devices.encryption');
    expect(devices.status).toBe('not_assessed');
    expect(devices.reason?.kind).toBe('permission');
    expect(devices.reason?.needs).toContain('Graph application permission Device.Read.All');
    const lock = findingOf(report, 'm365.devices.screen-lock');
    expect(lock.status).toBe('not_assessed');
    expect(lock.reason?.needs?.join(' ')).toMatch(/DeviceManagement(Configuration|ManagedDevices)\.Read\.All/);
    expect(statusOf(report, 'm365.mfa.enforced')).toBe('fail');
  });

  it('without permission to read Intune or the BitLocker keys, device encryption is not assessed, naming both', async () => {
    const practice = typicalPractice({ now: NOW });
    // DeviceManagementConfiguration.Read.All also opens managed devices (permissions reference), so both DeviceManagement permissions go.
    practice.grantedPermissions = practice.grantedPermissions.filter((p) => !p.startsWith('DeviceManagement') && p !== 'BitlockerKey.ReadBasic.All');
    serve(practice);
    const report = await audit(target(practice), { now: NOW, controls: ['m365.devices.encryption'] });
    const devices = findingOf(report, 'm365.devices.encryption');
    expect(devices.status).toBe('not_assessed');
    expect(devices.reason?.kind).toBe('permission');
    expect(devices.reason?.needs).toEqual(['Graph application permission DeviceManagementManagedDevices.Read.All', 'Microsoft Intune', 'Graph application permission BitlockerKey.ReadBasic.All']);
    expect(devices.summary).toContain('It needs Graph application permission DeviceManagementManagedDevices.Read.All and Microsoft Intune, or Graph application permission BitlockerKey.ReadBasic.All.');
  });

  it('without AuditLog.Read.All still lists users, and only sign-in-based checks degrade', async () => {
    const practice = compliantPractice({ now: NOW });
    practice.grantedPermissions = practice.grantedPermissions.filter((p) => p !== 'AuditLog.Read.All');
    serve(practice);
    const report = await audit(target(practice), { now: NOW, breakGlassAccounts: [COMPLIANT_BREAK_GLASS_UPN] });
    expect(report.datasets['m365.users']?.ok).toBe(true);
    expect(report.datasets['m365.users']?.notes?.join(' ')).toContain('AuditLog.Read.All');
    const departed = findingOf(report, 'm365.accounts.departed-staff');
    expect(departed.status).toBe('not_assessed');
    expect(departed.reason?.needs?.join(' ')).toContain('AuditLog.Read.All');
    expect(findingOf(report, 'm365.mfa.registered').reason?.needs?.join(' ')).toContain('AuditLog.Read.All');
    expect(statusOf(report, 'm365.mfa.enforced')).toBe('pass');
    expect(statusOf(report, 'm365.accounts.disabled-licensed')).toBe('pass');
  });

  it('without User-LifeCycleInfo.Read.All does not pass departed staff on leave dates Graph silently nulls', async () => {
    const practice = compliantPractice({ now: NOW });
    practice.grantedPermissions = practice.grantedPermissions.filter((p) => p !== 'User-LifeCycleInfo.Read.All');
    serve(practice);
    const report = await audit(target(practice), { now: NOW, breakGlassAccounts: [COMPLIANT_BREAK_GLASS_UPN], controls: ['m365.accounts.departed-staff'] });
    const finding = findingOf(report, 'm365.accounts.departed-staff');
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Graph application permission User-LifeCycleInfo.Read.All']);
  });

  it('without Entra ID P1 reports the licence, never a pass on the data it hides', async () => {
    const practice = compliantPractice({ now: NOW });
    for (const sku of practice.subscribedSkus) sku.servicePlans = sku.servicePlans.filter((plan) => !plan.servicePlanName.startsWith('AAD_PREMIUM'));
    serve(practice);
    const report = await audit(target(practice), { now: NOW, breakGlassAccounts: [COMPLIANT_BREAK_GLASS_UPN] });
    const departed = findingOf(report, 'm365.accounts.departed-staff');
    expect(departed.status).toBe('not_assessed');
    expect(departed.reason).toMatchObject({ kind: 'license', needs: ['Microsoft Entra ID P1'] });
    expect(findingOf(report, 'm365.mfa.registered').reason).toMatchObject({ kind: 'license' });
    expect(findingOf(report, 'm365.accounts.shared-use').status).not.toBe('pass');
    // No P1 means no Conditional Access can be enforced: with security defaults off MFA is not required.
    expect(statusOf(report, 'm365.mfa.enforced')).toBe('fail');
  });

  it('without Intune says device encryption needs an Intune licence', async () => {
    const practice = typicalPractice({ now: NOW });
    practice.intuneLicensed = false;
    serve(practice);
    const report = await audit(target(practice), { now: NOW, controls: ['m365.devices.encryption'] });
    const finding = findingOf(report, 'm365.devices.encryption');
    // The escrowed BitLocker keys still show most Windows computers encrypted; the rest are not passed.
    expect(finding.status).toBe('warn');
    expect(finding.evidence).toMatchObject({ encryptedByIntune: 0, encryptedByBitLockerKey: 6, noEvidence: 3 });
    expect(finding.summary).toContain('Intune could not be read (it needs Microsoft Intune');
    expect(JSON.stringify(finding.evidence.unavailable)).toContain('no Microsoft Intune licence');
  });

  it('without Intune and without the BitLocker key permission, device encryption is not assessed, naming the licence and the permission', async () => {
    const practice = typicalPractice({ now: NOW });
    practice.intuneLicensed = false;
    practice.grantedPermissions = practice.grantedPermissions.filter((p) => p !== 'BitlockerKey.ReadBasic.All');
    serve(practice);
    const report = await audit(target(practice), { now: NOW, controls: ['m365.devices.encryption'] });
    const finding = findingOf(report, 'm365.devices.encryption');
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Microsoft Intune (e.g. in Microsoft 365 Business Premium)', 'Graph application permission BitlockerKey.ReadBasic.All']);
    expect(finding.summary).toContain('It needs Microsoft Intune (e.g. in Microsoft 365 Business Premium), or Graph application permission BitlockerKey.ReadBasic.All.');
  });

  it('a credential whose tokens every service refuses (401) is one tenant failure, bad_credential, not a list of permissions', async () => {
    const practice = compliantPractice({ now: NOW });
    serve(practice);
    // An opaque token (not a JWT) cannot be checked before use; Graph and Exchange refuse it.
    const revoked = { getToken: async () => ({ token: 'opaque-revoked-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const error = await audit(target(practice, revoked), { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAccessError);
    expect((error as TenantAccessError).kind).toBe('bad_credential');
    expect((error as TenantAccessError).message).not.toMatch(/User\.Read\.All|ManageAsApp|Global Reader/);
  });
});

describe('Exchange Online controls', () => {
  it("find the typical practice's mail and audit gaps through the admin API", async () => {
    const practice = typicalPractice({ now: NOW });
    serve(practice);
    const report = await audit(target(practice), { now: NOW });
    const mailbox = findingOf(report, 'm365.accounts.shared-mailbox-sign-in');
    expect(mailbox.status).toBe('fail');
    expect(JSON.stringify(mailbox.evidence)).toContain(TYPICAL_PRACTICE_ACCOUNTS.sharedMailboxSignInEnabled);
    const encryption = findingOf(report, 'm365.email.encryption');
    expect(encryption.status).toBe('warn');
    // On-demand encryption: the only encrypting rule fires on a keyword the sender types.
    expect(encryption.summary).toContain('only when the subject contains "[secure]"');
    // No DLP policy, with a DLP licence (Business Premium): a recommended measure missing, not a failure.
    expect(statusOf(report, 'm365.email.dlp')).toBe('warn');
    expect(statusOf(report, 'm365.audit.logging')).toBe('pass');
    const retention = findingOf(report, 'm365.audit.retention');
    expect(retention.status).toBe('warn');
    expect(retention.summary).toContain('180');
  });

  it('without Exchange.ManageAsApp only the Exchange-backed controls are not assessed, naming it', async () => {
    const practice = compliantPractice({ now: NOW });
    practice.grantedPermissions = practice.grantedPermissions.filter((permission) => permission !== 'Exchange.ManageAsApp');
    serve(practice);
    const report = await audit(target(practice), { now: NOW, breakGlassAccounts: [COMPLIANT_BREAK_GLASS_UPN] });
    const exchangeBacked = ['m365.accounts.shared-mailbox-sign-in', 'm365.email.encryption', 'm365.email.dlp', 'm365.audit.logging', 'm365.audit.retention', 'm365.email.auto-forwarding'];
    for (const id of exchangeBacked) {
      const finding = findingOf(report, id);
      expect(finding.status, id).toBe('not_assessed');
      expect(JSON.stringify(finding.reason), id).toContain('Exchange.ManageAsApp');
    }
    // The rest pass, but for the answers only people can give (no configuration file here).
    const others = report.findings.filter((finding) => !exchangeBacked.includes(finding.controlId));
    expect(others.filter((finding) => finding.status !== 'pass').map((finding) => `${finding.controlId}:${finding.status}`)).toEqual([
      'practice.risk-analysis:manual',
      'practice.security-training:manual',
      'practice.business-associates:manual',
    ]);
    // Restore testing needs no answer here: Microsoft 365 Backup's restore sessions show a recent one.
    expect(statusOf(report, 'practice.backup-restore-test')).toBe('pass');
  });

  it('falls back to the Exchange endpoint when the compliance endpoint refuses app-only tokens, and says so', async () => {
    const practice = compliantPractice({ now: NOW });
    practice.exchange!.complianceEndpoint = 'rejectsAppOnly';
    serve(practice);
    const snapshot = await collect(target(practice), { now: NOW, controls: ['m365.email.dlp'] });
    const dlp = snapshot.datasets['m365.dlp']!;
    expect(dlp.ok).toBe(true);
    expect((dlp as { data: { endpoint: string } }).data.endpoint).toBe('exchange');
    expect(evaluate(snapshot, { now: NOW, controls: ['m365.email.dlp'] }).findings[0]!.status).toBe('pass');
  });
});

describe('throttling and server errors', () => {
  it('retries a throttled request after Retry-After and loses nothing', async () => {
    const practice = typicalPractice({ now: NOW });
    practice.faults = { throttle: { path: '/users', times: 2, retryAfterSeconds: 0 } };
    const sim = serve(practice);
    const report = await audit(target(practice), { now: NOW, controls: ['m365.accounts.departed-staff'] });
    expect(statusOf(report, 'm365.accounts.departed-staff')).toBe('fail');
    expect(sim.requests.count({ path: '/users', status: 429 })).toBe(2);
    expect(report.datasets['m365.users']?.requests).toBe(sim.requests.count({ path: '/users' }));
  });

  it('resolves policy groups through $batch (20 per request), retrying throttled sub-requests', async () => {
    const practice = compliantPractice({ now: NOW });
    const allStaff = practice.groups.find((group) => group.displayName === 'All Staff')!;
    const extraGroups = Array.from({ length: 24 }, (_, index) => ({
      id: `0000aaaa-0000-4000-8000-${String(index).padStart(12, '0')}`,
      displayName: `Ward ${index}`,
      memberUserIds: [],
      memberGroupIds: [],
    }));
    practice.groups.push(...extraGroups);
    const mfaPolicy = practice.conditionalAccessPolicies.find((policy) => policy.displayName === 'Require MFA for all users')!;
    // Staff are covered only through the nested All Staff group (All Staff → Clinical, Front Office, Management).
    mfaPolicy.conditions.users.includeUsers = [];
    mfaPolicy.conditions.users.includeGroups = [allStaff.id, ...extraGroups.map((group) => group.id)];
    practice.faults = { throttle: { path: /^\/groups\//, times: 1, retryAfterSeconds: 0 } };
    const sim = serve(practice);

    const report = await audit(target(practice), { controls: ['m365.mfa.enforced'], now: NOW, breakGlassAccounts: [COMPLIANT_BREAK_GLASS_UPN] });

    expect(sim.requests.count({ path: /^\/groups\//, status: 429, viaBatch: true })).toBe(1);
    expect(sim.requests.count({ method: 'POST', path: '/$batch', viaBatch: false })).toBe(3); // 25 groups in 2 batches, then the retry
    expect(sim.requests.count({ path: /^\/groups\//, viaBatch: false })).toBe(0);
    expect(report.datasets['m365.conditionalAccess']?.ok).toBe(true);
    // Everyone reached through All Staff's nested groups is covered; nobody else is.
    const byId = new Map(practice.groups.map((group) => [group.id, group]));
    const staff = new Set<string>();
    const walk = (groupId: string) => {
      const group = byId.get(groupId)!;
      group.memberUserIds.forEach((id) => staff.add(id));
      group.memberGroupIds.forEach(walk);
    };
    walk(allStaff.id);
    const enabledMembers = practice.users.filter((user) => user.accountEnabled && user.userType === 'Member');
    const outside = enabledMembers.filter((user) => !staff.has(user.id) && user.userPrincipalName !== COMPLIANT_BREAK_GLASS_UPN);
    const finding = findingOf(report, 'm365.mfa.enforced');
    const affected = finding.evidence.affected.filter((item) => item.type === 'user').map((item) => item.id);
    expect(staff.size).toBeGreaterThan(5);
    expect(affected.filter((id) => staff.has(id))).toEqual([]);
    expect(affected.sort()).toEqual(outside.map((user) => user.id).sort());
    expect(finding.status).toBe(outside.length === 0 ? 'pass' : 'fail');
  });

  it('reads the subscriptions once per audit, though the licence datasets and the training-coverage check both need them', async () => {
    const practice = compliantPractice({ now: NOW });
    const sim = serve(practice);
    const report = await audit(target(practice), { now: NOW, controls: ['m365.license.baa-eligible', 'practice.security-training'] });
    expect(report.datasets['m365.subscribedSkus']!.ok).toBe(true);
    expect(report.datasets['m365.trainingCoverage']).toBeDefined();
    expect(sim.requests.count({ path: '/subscribedSkus' })).toBe(1);
  });

  it('gives up when the retry budget is spent, reads the dataset once more, and records a transient api reason', async () => {
    const practice = compliantPractice({ now: NOW });
    practice.faults = { serverError: { path: '/subscribedSkus', times: 500, status: 503, retryAfterSeconds: 0 } };
    const sim = serve(practice);
    const report = await audit(target(practice), { now: NOW, controls: ['m365.license.baa-eligible'], retry: { budgetMs: 30, baseDelayMs: 1, maxDelayMs: 2 } });
    const finding = findingOf(report, 'm365.license.baa-eligible');
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toMatchObject({ kind: 'api', status: 503, transient: true });
    expect(report.datasets['m365.subscribedSkus']).toMatchObject({ ok: false, attempts: 2 });
    expect(report.datasets['m365.subscribedSkus']!.retries).toBe(sim.requests.count({ path: '/subscribedSkus' }) - 2);
    // The time waited before those retries is recorded too (backoff of at most 2 ms each here).
    const { retries = 0, waitedMs = 0 } = report.datasets['m365.subscribedSkus']!;
    expect(waitedMs).toBeGreaterThan(0);
    expect(waitedMs).toBeLessThanOrEqual(retries * 2 + 1);
  });
});
