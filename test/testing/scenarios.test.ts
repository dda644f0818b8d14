import { describe, expect, it } from 'vitest';
import {
  compliantPractice,
  COMPLIANT_BREAK_GLASS_UPN,
  COMPLIANT_PRACTICE_SHARED_MAILBOXES,
  hasEntraIdP1,
  largeTenant,
  typicalPractice,
  TYPICAL_PRACTICE_ACCOUNTS,
  type M365TenantModel,
} from '../../src/testing/index.js';
import { NOW } from './harness.js';

const DAY = 86_400_000;
const daysBefore = (iso: string | null | undefined): number => (NOW.getTime() - Date.parse(iso ?? '')) / DAY;
const userByUpn = (tenant: M365TenantModel, upn: string) => tenant.users.find((user) => user.userPrincipalName === upn)!;

describe.each([
  ['compliantPractice', () => compliantPractice({ now: NOW })],
  ['typicalPractice', () => typicalPractice({ now: NOW })],
  ['largeTenant(500)', () => largeTenant(500, { now: NOW })],
])('%s', (_name, build) => {
  it('is deterministic for a given now', () => {
    expect(build()).toEqual(build());
  });

  it('has unique ids and every reference points at something that exists', () => {
    const tenant = build();
    const userIds = new Set(tenant.users.map((user) => user.id));
    expect(userIds.size).toBe(tenant.users.length);
    const groupIds = new Set(tenant.groups.map((group) => group.id));
    for (const group of tenant.groups) {
      for (const id of group.memberUserIds) expect(userIds).toContain(id);
      for (const id of group.memberGroupIds) expect(groupIds).toContain(id);
    }
    for (const assignment of tenant.directoryRoleAssignments) expect(userIds).toContain(assignment.principalId);
    for (const entry of tenant.userRegistrationDetails) expect(userIds).toContain(entry.id);
    for (const event of tenant.signIns) expect(userIds).toContain(event.userId);
    for (const device of tenant.managedDevices) expect(userIds).toContain(device.userId);
    // Intune's records and the escrowed keys name Entra devices by their device id.
    const entraDeviceIds = new Set((tenant.devices ?? []).map((device) => device.deviceId));
    expect(entraDeviceIds.size).toBe(tenant.devices!.length);
    expect(new Set(tenant.devices!.map((device) => device.id)).size).toBe(tenant.devices!.length);
    for (const device of tenant.managedDevices) expect(entraDeviceIds).toContain(device.azureADDeviceId);
    for (const key of tenant.bitlockerRecoveryKeys ?? []) expect(entraDeviceIds).toContain(key.deviceId);
    expect(new Set(tenant.bitlockerRecoveryKeys!.map((key) => key.id)).size).toBe(tenant.bitlockerRecoveryKeys!.length);
    const skuIds = new Set(tenant.subscribedSkus.map((sku) => sku.skuId));
    for (const user of tenant.users) for (const licence of user.assignedLicenses) expect(skuIds).toContain(licence.skuId);
  });

  it('puts every date in the past, relative to now', () => {
    const tenant = build();
    const dates = [
      ...tenant.users.flatMap((user) => [user.createdDateTime, user.employeeLeaveDateTime, user.signInActivity?.lastSignInDateTime]),
      ...tenant.signIns.map((event) => event.createdDateTime),
      ...tenant.managedDevices.map((device) => device.lastSyncDateTime),
      ...(tenant.devices ?? []).flatMap((device) => [device.approximateLastSignInDateTime, device.registrationDateTime]),
      ...(tenant.bitlockerRecoveryKeys ?? []).map((key) => key.createdDateTime),
    ].filter((date): date is string => typeof date === 'string');
    for (const date of dates) expect(daysBefore(date)).toBeGreaterThan(0);
  });

  it('has Entra ID P1 from Business Premium\'s AAD_PREMIUM plan', () => {
    expect(hasEntraIdP1(build())).toBe(true);
  });
});

describe('compliantPractice', () => {
  const tenant = compliantPractice({ now: NOW });
  const breakGlass = userByUpn(tenant, COMPLIANT_BREAK_GLASS_UPN);

  // The shared mailboxes' user objects (disabled, never signed in) are Exchange's; see exchange-scenarios.test.ts.
  const sharedMailboxes: readonly string[] = COMPLIANT_PRACTICE_SHARED_MAILBOXES;
  const people = tenant.users.filter((user) => !sharedMailboxes.includes(user.userPrincipalName));

  it('has 12 staff plus the break-glass account, all enabled and recently active', () => {
    expect(people).toHaveLength(13);
    for (const user of people) {
      expect(user.accountEnabled).toBe(true);
      expect(user.employeeLeaveDateTime).toBeNull();
      expect(daysBefore(user.signInActivity?.lastSuccessfulSignInDateTime)).toBeLessThan(30);
    }
  });

  it('enforces MFA for all users and apps with only the break-glass account excluded, and blocks legacy auth', () => {
    const [mfa, legacy, frequency] = tenant.conditionalAccessPolicies;
    expect(mfa).toMatchObject({ displayName: 'Require MFA for all users', state: 'enabled', grantControls: { builtInControls: ['mfa'] } });
    expect(mfa!.conditions.users).toMatchObject({ includeUsers: ['All'], excludeUsers: [breakGlass.id] });
    expect(mfa!.conditions.applications.includeApplications).toEqual(['All']);
    expect(legacy!.conditions.clientAppTypes).toEqual(['exchangeActiveSync', 'other']);
    expect(legacy!.grantControls?.builtInControls).toEqual(['block']);
    expect(frequency!.sessionControls?.signInFrequency).toMatchObject({ isEnabled: true, type: 'hours', value: 12 });
    expect(tenant.securityDefaults.isEnabled).toBe(false);
  });

  it('has everyone registered for MFA, a 30-minute idle timeout and every device encrypted', () => {
    const staff = tenant.userRegistrationDetails.filter((entry) => !sharedMailboxes.includes(entry.userPrincipalName));
    expect(staff.every((entry) => entry.isMfaRegistered && entry.isMfaCapable)).toBe(true);
    expect(tenant.activityBasedTimeoutPolicies[0]!.definition[0]).toContain('"WebSessionIdleTimeout":"00:30:00"');
    expect(tenant.managedDevices.length).toBeGreaterThan(0);
    expect(tenant.managedDevices.every((device) => device.isEncrypted && device.complianceState === 'compliant')).toBe(true);
    // Every device in Entra ID is one Intune manages; each Windows computer escrowed its system drive's key.
    expect(tenant.devices!.map((device) => device.deviceId).sort()).toEqual(tenant.managedDevices.map((device) => device.azureADDeviceId).sort());
    const windows = tenant.devices!.filter((device) => device.operatingSystem === 'Windows');
    expect(windows.every((device) => device.trustType === 'AzureAd')).toBe(true);
    expect(tenant.bitlockerRecoveryKeys!.filter((key) => key.volumeType === 'operatingSystemVolume').map((key) => key.deviceId).sort()).toEqual(windows.map((device) => device.deviceId).sort());
  });

  it('has two named Global Administrators and the break-glass account in that role', () => {
    const admins = tenant.directoryRoleAssignments.filter((a) => a.roleDefinitionId === '62e90394-69f5-4237-9190-012177145e10');
    const upns = admins.map((a) => tenant.users.find((user) => user.id === a.principalId)!.userPrincipalName);
    expect(upns).toEqual(['helen.price@harbourviewmedical.example', 'marcus.reid@harbourviewmedical.example', COMPLIANT_BREAK_GLASS_UPN]);
  });
});

describe('typicalPractice', () => {
  const tenant = typicalPractice({ now: NOW });

  it('has only a report-only MFA policy and no legacy-auth block or idle timeout', () => {
    expect(tenant.conditionalAccessPolicies.map((policy) => policy.state)).toEqual(['enabledForReportingButNotEnforced']);
    expect(tenant.activityBasedTimeoutPolicies).toEqual([]);
    expect(tenant.securityDefaults.isEnabled).toBe(false);
  });

  it('has a front-desk account used from three devices and IP addresses in overlapping hours over the last week', () => {
    const frontDesk = tenant.signIns.filter((event) => event.userPrincipalName === TYPICAL_PRACTICE_ACCOUNTS.sharedFrontDesk && daysBefore(event.createdDateTime) <= 7);
    expect(new Set(frontDesk.map((event) => event.deviceDetail.deviceId)).size).toBe(3);
    expect(new Set(frontDesk.map((event) => event.ipAddress)).size).toBe(3);
    const day = frontDesk.filter((event) => event.createdDateTime.startsWith('2026-11-19'));
    expect(day.map((event) => event.createdDateTime.slice(11, 16)).sort()).toEqual(['08:02', '08:31', '09:15']);
  });

  it('has two enabled leavers and a disabled leaver still licensed', () => {
    const withLeaveDate = userByUpn(tenant, TYPICAL_PRACTICE_ACCOUNTS.leaverWithLeaveDate);
    expect(withLeaveDate.accountEnabled).toBe(true);
    expect(daysBefore(withLeaveDate.employeeLeaveDateTime)).toBe(30);
    const inactive = userByUpn(tenant, TYPICAL_PRACTICE_ACCOUNTS.leaverInactive);
    expect(inactive.accountEnabled).toBe(true);
    expect(Math.floor(daysBefore(inactive.signInActivity?.lastSuccessfulSignInDateTime))).toBe(120);
    const disabled = userByUpn(tenant, TYPICAL_PRACTICE_ACCOUNTS.disabledLicensed);
    expect(disabled.accountEnabled).toBe(false);
    expect(disabled.assignedLicenses.map((licence) => licence.skuId)).toEqual(['cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46']);
  });

  it('has two users not registered for MFA, one unencrypted laptop and a free FLOW_FREE SKU', () => {
    expect(tenant.userRegistrationDetails.filter((entry) => !entry.isMfaRegistered).map((entry) => entry.userPrincipalName)).toEqual(
      TYPICAL_PRACTICE_ACCOUNTS.notMfaRegistered,
    );
    expect(tenant.managedDevices.filter((device) => !device.isEncrypted).map((device) => device.deviceName)).toEqual([TYPICAL_PRACTICE_ACCOUNTS.unencryptedDevice]);
    // EXCHANGESTANDARD licenses the front-desk shared mailbox (exchange-scenarios.test.ts).
    expect(tenant.subscribedSkus.map((sku) => sku.skuPartNumber)).toEqual(['SPB', 'FLOW_FREE', 'EXCHANGESTANDARD']);
  });

  it('has devices in Entra ID that Intune does not manage: a joined laptop, a personal phone and a stale PC', () => {
    const managedIds = new Set(tenant.managedDevices.map((device) => device.azureADDeviceId));
    const unmanaged = tenant.devices!.filter((device) => !managedIds.has(device.deviceId));
    expect(unmanaged.map((device) => [device.displayName, device.trustType, device.isManaged])).toEqual([
      [TYPICAL_PRACTICE_ACCOUNTS.unmanagedJoinedDevice, 'AzureAd', false],
      [TYPICAL_PRACTICE_ACCOUNTS.personalRegisteredDevice, 'Workplace', false],
      [TYPICAL_PRACTICE_ACCOUNTS.staleDevice, 'AzureAd', false],
    ]);
    expect(Math.floor(daysBefore(unmanaged[2]!.approximateLastSignInDateTime))).toBe(160);
    // No key escrowed for the unmanaged laptop or the unencrypted one.
    const keyed = new Set(tenant.bitlockerRecoveryKeys!.map((key) => key.deviceId));
    const unencrypted = tenant.managedDevices.find((device) => device.deviceName === TYPICAL_PRACTICE_ACCOUNTS.unencryptedDevice)!;
    expect(keyed.has(unmanaged[0]!.deviceId)).toBe(false);
    expect(keyed.has(unencrypted.azureADDeviceId)).toBe(false);
  });
});

describe('largeTenant', () => {
  it('builds 10,000 users (its speed is a benchmark: npm run bench -- tenants)', () => {
    const tenant = largeTenant(10_000, { now: NOW });
    // n users, the break-glass account and 5 + n/1000 shared mailboxes.
    expect(tenant.users).toHaveLength(10_001 + 15);
  });

  it('spreads users over SKUs, gives about half a device and keeps P1 from Business Premium', () => {
    const tenant = largeTenant(1000, { now: NOW });
    const holders = (partNumber: string) => {
      const skuId = tenant.subscribedSkus.find((sku) => sku.skuPartNumber === partNumber)!.skuId;
      return tenant.users.filter((user) => user.assignedLicenses.some((licence) => licence.skuId === skuId)).length;
    };
    expect(holders('SPB')).toBeGreaterThan(550);
    expect(holders('O365_BUSINESS_PREMIUM')).toBeGreaterThan(250);
    expect(tenant.managedDevices).toHaveLength(500);
    expect(tenant.managedDevices.filter((device) => !device.isEncrypted)).toHaveLength(20);
    // In Entra ID: the 500 managed laptops, 50 hybrid-joined ward desktops outside Intune and 50 personal phones.
    const byTrust = (trustType: string) => tenant.devices!.filter((device) => device.trustType === trustType).length;
    expect([byTrust('AzureAd'), byTrust('ServerAd'), byTrust('Workplace')]).toEqual([500, 50, 50]);
    // A key for each encrypted laptop and for two in three ward desktops.
    expect(tenant.bitlockerRecoveryKeys).toHaveLength(480 + 33);
  });

  it('rejects a non-positive size', () => {
    expect(() => largeTenant(0)).toThrow(RangeError);
  });
});
