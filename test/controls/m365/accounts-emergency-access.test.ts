import { describe, expect, it } from 'vitest';
import { accountsEmergencyAccess, isEmergencyMethod } from '../../../src/controls/m365/accounts-emergency-access.js';
import { baselineData, baselineOptions, ids } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

const BREAK_GLASS_GROUP = 'a0f0a0f0-0000-4000-8000-00000000bb01';

function withRegistration(id: string, methodsRegistered: string[]) {
  const data = baselineData();
  data['m365.registrationDetails'].registrations.find((entry) => entry.id === id)!.methodsRegistered = methodsRegistered;
  return data;
}

describe('m365.accounts.emergency-access', () => {
  it('passes when the break-glass account is enabled, excluded from every policy that could block it, and holds a FIDO2 key', () => {
    const finding = runControl(accountsEmergencyAccess, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('The one emergency-access account is enabled, excluded from all 3 Conditional Access policies that could block sign-in, and holds a FIDO2 key, passkey or certificate.');
    expect(finding.evidence.accounts).toEqual([{ id: ids.breakGlass, userPrincipalName: 'breakglass@contoso-clinic.example', enabled: true, methodsRegistered: ['fido2', 'microsoftAuthenticatorPush'] }]);
    // The sign-in frequency policy has no grant control, so it cannot keep anyone out.
    expect((finding.evidence.policiesThatCouldLockOut as { id: string }[]).map((policy) => policy.id)).toEqual(['ca-mfa-all', 'ca-admins-phish-resistant', 'ca-block-legacy']);
  });

  it('is manual when no break-glass account is configured, and says to name them', () => {
    const finding = runControl(accountsEmergencyAccess, baselineData(), baselineOptions({ breakGlassAccounts: [] }));
    expect(finding.status).toBe('manual');
    expect(finding.summary).toContain('name them in the configuration');
  });

  it('a policy that does not exclude the account fails, naming it', () => {
    const data = baselineData();
    data['m365.conditionalAccess'].policies.find((policy) => policy.id === 'ca-mfa-all')!.conditions.users!.excludeUsers = [];
    const finding = runControl(accountsEmergencyAccess, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe("1 of 1 emergency-access accounts is not ready (breakglass@contoso-clinic.example: not excluded from 'Require MFA for all users').");
  });

  it('a policy reaching the account through its admin role counts', () => {
    const data = baselineData();
    data['m365.conditionalAccess'].policies.find((policy) => policy.id === 'ca-admins-phish-resistant')!.conditions.users!.excludeUsers = [];
    const finding = runControl(accountsEmergencyAccess, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toContain('Phishing-resistant MFA for admins');
  });

  /** The admin policy no longer excludes the break-glass account, which holds Global Administrator only through a role-assignable group. */
  function breakGlassAdminThroughGroup(group: { members: string[] } | { unread: string }) {
    const data = baselineData();
    data['m365.conditionalAccess'].policies.find((policy) => policy.id === 'ca-admins-phish-resistant')!.conditions.users!.excludeUsers = [];
    const direct = data['m365.roleAssignments'].assignments.find((assignment) => assignment.id === 'ra-2')!;
    Object.assign(direct, { principalId: ROLE_GROUP, principalType: 'group' });
    const ca = data['m365.conditionalAccess'];
    if ('members' in group) ca.groupMembers[ROLE_GROUP] = group.members;
    else ca.unresolvedGroups.push({ groupId: ROLE_GROUP, detail: group.unread });
    return data;
  }
  const ROLE_GROUP = 'a0f0a0f0-0000-4000-8000-00000000bb02';

  it('a policy reaching the account through a role it holds via a role-assignable group counts', () => {
    const finding = runControl(accountsEmergencyAccess, breakGlassAdminThroughGroup({ members: [ids.breakGlass] }));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toContain('Phishing-resistant MFA for admins');
  });

  it('is not assessed when a policy names a role held by a group whose members could not be read', () => {
    const finding = runControl(accountsEmergencyAccess, breakGlassAdminThroughGroup({ unread: '403 Authorization_RequestDenied' }));
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Graph application permission GroupMember.Read.All']);
  });

  it('a report-only or disabled policy cannot lock anyone out', () => {
    const data = baselineData();
    const policy = data['m365.conditionalAccess'].policies.find((entry) => entry.id === 'ca-mfa-all')!;
    policy.conditions.users!.excludeUsers = [];
    policy.state = 'enabledForReportingButNotEnforced';
    expect(runControl(accountsEmergencyAccess, data).status).toBe('pass');
  });

  it('without a FIDO2 key, passkey or certificate it fails, listing the methods it has', () => {
    const finding = runControl(accountsEmergencyAccess, withRegistration(ids.breakGlass, ['microsoftAuthenticatorPush', 'mobilePhone']));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toBe('no FIDO2 key, passkey or certificate registered (has microsoftAuthenticatorPush, mobilePhone)');
  });

  it('a device-bound passkey counts', () => {
    expect(runControl(accountsEmergencyAccess, withRegistration(ids.breakGlass, ['passKeyDeviceBound'])).status).toBe('pass');
  });

  it('Windows Hello for Business alone does not count: it lives on one computer', () => {
    expect(isEmergencyMethod('windowsHelloForBusiness')).toBe(false);
    // Graph names a Windows Hello passkey passKeyDeviceBoundWindowsHello: it lives on one PC too.
    expect(isEmergencyMethod('passKeyDeviceBoundWindowsHello')).toBe(false);
    expect(isEmergencyMethod('passKeyDeviceBoundAuthenticator')).toBe(true);
    expect(runControl(accountsEmergencyAccess, withRegistration(ids.breakGlass, ['windowsHelloForBusiness'])).status).toBe('fail');
  });

  it('a disabled break-glass account fails', () => {
    const data = baselineData();
    data['m365.users'].users.find((user) => user.id === ids.breakGlass)!.accountEnabled = false;
    const finding = runControl(accountsEmergencyAccess, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toBe('the account is disabled');
  });

  it('a configured account that does not exist fails', () => {
    const finding = runControl(accountsEmergencyAccess, baselineData(), baselineOptions({ breakGlassAccounts: ['breakglass@contoso-clinic.example', 'emergency2@contoso-clinic.example'] }));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('1 configured entry (emergency2@contoso-clinic.example) names no account.');
  });

  it('no configured entry naming an account fails', () => {
    const finding = runControl(accountsEmergencyAccess, baselineData(), baselineOptions({ breakGlassAccounts: ['nobody@contoso-clinic.example'] }));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('The one configured break-glass entry names no account in the tenant, so there is no emergency access to rely on.');
  });

  it('break-glass accounts named by a group that the policies exclude pass', () => {
    const data = baselineData();
    data['m365.conditionalAccess'].groupMembers[BREAK_GLASS_GROUP] = [ids.breakGlass];
    for (const policy of data['m365.conditionalAccess'].policies) {
      policy.conditions.users!.excludeUsers = [];
      policy.conditions.users!.excludeGroups = [BREAK_GLASS_GROUP];
    }
    expect(runControl(accountsEmergencyAccess, data, baselineOptions({ breakGlassAccounts: [BREAK_GLASS_GROUP] })).status).toBe('pass');
  });

  it('is not assessed when the excluded group could not be read', () => {
    const data = baselineData();
    data['m365.conditionalAccess'].unresolvedGroups = [{ groupId: BREAK_GLASS_GROUP, detail: '403 Authorization_RequestDenied' }];
    for (const policy of data['m365.conditionalAccess'].policies) {
      policy.conditions.users!.excludeUsers = [];
      policy.conditions.users!.excludeGroups = [BREAK_GLASS_GROUP];
    }
    const finding = runControl(accountsEmergencyAccess, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Graph application permission GroupMember.Read.All']);
  });

  it('is not assessed when a policy targets roles and role assignments could not be read', () => {
    const data = { ...baselineData(), 'm365.roleAssignments': failedDataset({ kind: 'permission', detail: '403', needs: ['Graph application permission RoleManagement.Read.Directory'] }) as never };
    const finding = runControl(accountsEmergencyAccess, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Graph application permission RoleManagement.Read.Directory']);
  });

  it('is not assessed without the registration report, naming what it needs', () => {
    const finding = runControl(accountsEmergencyAccess, {
      ...baselineData(),
      'm365.registrationDetails': failedDataset({ kind: 'license', detail: 'the tenant has no Microsoft Entra ID P1 licence', needs: ['Microsoft Entra ID P1'] }) as never,
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Microsoft Entra ID P1']);
  });
});
