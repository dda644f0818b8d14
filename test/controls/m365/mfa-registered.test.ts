import { describe, expect, it } from 'vitest';
import { mfaRegistered } from '../../../src/controls/m365/mfa-registered.js';
import { baselineData, baselineOptions, ids } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

const affectedIds = (finding: ReturnType<typeof runControl>) => finding.evidence.affected.map((a) => a.id);

/** Baseline data with one user's registration record changed, or removed when `change` is null. */
function withRegistration(id: string, change: Record<string, unknown> | null) {
  const data = baselineData();
  const registrations = data['m365.registrationDetails'].registrations;
  const index = registrations.findIndex((r) => r.id === id);
  if (change === null) registrations.splice(index, 1);
  else registrations[index] = { ...registrations[index]!, ...change };
  return data;
}

describe('m365.mfa.registered', () => {
  it('passes when every enabled member is MFA capable', () => {
    const finding = runControl(mfaRegistered, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('All 6 enabled users are registered for MFA.');
    expect(finding.evidence.total).toBe(6);
    expect(finding.evidence.affected).toEqual([]);
  });

  it('a member who is not MFA capable fails with the methods they have', () => {
    const finding = runControl(
      mfaRegistered,
      withRegistration(ids.nurseKim, { isMfaCapable: false, isMfaRegistered: false, methodsRegistered: ['email'] }),
    );
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('1 of 6 enabled users is not registered for MFA.');
    expect(finding.evidence.affected).toEqual([
      { type: 'user', id: ids.nurseKim, name: 'kim.nguyen@contoso-clinic.example', detail: 'no usable MFA method (registered: email)' },
    ]);
  });

  it('a member with no registration record counts as not capable', () => {
    const finding = runControl(mfaRegistered, withRegistration(ids.billingPat, null));
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.billingPat]);
    expect(finding.evidence.affected[0]!.detail).toBe('no MFA registration record');
    expect(finding.evidence.withoutRecord).toBe(1);
  });

  it('an unreported capability counts as not capable', () => {
    const finding = runControl(mfaRegistered, withRegistration(ids.drLee, { isMfaCapable: null }));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toBe('MFA capability not reported');
  });

  it('a break-glass account without MFA is a warning, not a failure', () => {
    const finding = runControl(mfaRegistered, withRegistration(ids.breakGlass, { isMfaCapable: false, methodsRegistered: [] }));
    expect(finding.status).toBe('warn');
    expect(affectedIds(finding)).toEqual([ids.breakGlass]);
    expect(finding.summary).toBe(
      'Every enabled staff account is registered for MFA, but 1 break-glass account has no MFA method and may not work in an emergency.',
    );
    expect(finding.remediation).toContain('FIDO2 security key');
  });

  it('a break-glass account not configured as such is staff and fails', () => {
    const finding = runControl(
      mfaRegistered,
      withRegistration(ids.breakGlass, { isMfaCapable: false, methodsRegistered: [] }),
      baselineOptions({ breakGlassAccounts: [] }),
    );
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.breakGlass]);
  });

  it('staff failures are listed and the break-glass account is reported separately', () => {
    const data = withRegistration(ids.breakGlass, { isMfaCapable: false, methodsRegistered: [] });
    data['m365.registrationDetails'].registrations = data['m365.registrationDetails'].registrations.filter((r) => r.id !== ids.officeMgr);
    const finding = runControl(mfaRegistered, data);
    expect(finding.status).toBe('fail');
    expect(affectedIds(finding)).toEqual([ids.officeMgr]);
    expect((finding.evidence.breakGlassNotCapable as { id: string }[]).map((u) => u.id)).toEqual([ids.breakGlass]);
  });

  it('guests and disabled accounts are not assessed', () => {
    // The baseline guest and former staff member have no registration record at all.
    const finding = runControl(mfaRegistered, baselineData());
    expect(affectedIds(finding)).not.toContain(ids.guest);
    expect(affectedIds(finding)).not.toContain(ids.formerStaff);
    expect(finding.status).toBe('pass');
  });

  it('an empty registration report is not assessed rather than failing everyone', () => {
    const data = baselineData();
    data['m365.registrationDetails'].registrations = [];
    const finding = runControl(mfaRegistered, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.kind).toBe('unsupported');
  });

  it('a registration report the tenant is not licensed for is not assessed with that reason', () => {
    const reason = {
      kind: 'license' as const,
      detail: '403 Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      needs: ['Microsoft Entra ID P1'],
    };
    const finding = runControl(mfaRegistered, { ...baselineData(), 'm365.registrationDetails': failedDataset(reason) });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual(reason);
  });

  it('an exempt non-person account without an MFA method is skipped, listed with its reason, and the summary says so', () => {
    const data = withRegistration(ids.officeMgr, { isMfaCapable: false, isMfaRegistered: false, methodsRegistered: [] });
    const options = baselineOptions({ exemptAccounts: [{ account: 'sam.ortiz@contoso-clinic.example', reason: 'scan-to-email account of the copier' }] });
    const finding = runControl(mfaRegistered, data, options);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'All 5 enabled staff accounts are registered for MFA; 1 non-person account listed as exempt has no MFA method and was not counted (MFA enforcement still applies to it).',
    );
    expect(affectedIds(finding)).toEqual([ids.officeMgr]);
    expect(finding.evidence.affected[0]!.detail).toContain('exempt: scan-to-email account of the copier');
  });
});
