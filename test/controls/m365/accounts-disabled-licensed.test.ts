import { describe, expect, it } from 'vitest';
import { accountsDisabledLicensed } from '../../../src/controls/m365/accounts-disabled-licensed.js';
import { BUSINESS_PREMIUM, baselineData, ids } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where baselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

const EMS_SKU = 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e';

function withUser(id: string, change: Record<string, unknown>, data = baselineData()) {
  const users = data['m365.users'].users;
  const index = users.findIndex((u) => u.id === id);
  users[index] = { ...users[index]!, ...change };
  return data;
}

describe('m365.accounts.disabled-licensed', () => {
  it('passes when no disabled account holds a licence', () => {
    const finding = runControl(accountsDisabledLicensed, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.evidence.total).toBe(1);
    expect(finding.summary).toBe('The one disabled account holds no licence.');
  });

  it('a disabled account that still holds a licence warns, naming the SKU', () => {
    const data = withUser(ids.formerStaff, { assignedLicenses: [{ skuId: BUSINESS_PREMIUM, disabledPlans: [] }] });
    const finding = runControl(accountsDisabledLicensed, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      { type: 'user', id: ids.formerStaff, name: 'alex.former@contoso-clinic.example', detail: 'holds Microsoft 365 Business Premium (SPB)' },
    ]);
    expect(finding.evidence.licencesBySku).toEqual({ SPB: 1 });
    expect(finding.summary).toBe('1 of 1 disabled account still holds licences (Microsoft 365 Business Premium (SPB) ×1).');
  });

  it('a licence whose SKU the tenant no longer lists is named by its id', () => {
    const data = withUser(ids.formerStaff, {
      assignedLicenses: [{ skuId: BUSINESS_PREMIUM }, { skuId: EMS_SKU }],
    });
    const finding = runControl(accountsDisabledLicensed, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toBe(`holds Microsoft 365 Business Premium (SPB), ${EMS_SKU}`);
  });

  it('counts each disabled licensed account, members and guests alike', () => {
    let data = withUser(ids.formerStaff, { assignedLicenses: [{ skuId: BUSINESS_PREMIUM }] });
    data = withUser(ids.nurseKim, { accountEnabled: false }, data);
    const finding = runControl(accountsDisabledLicensed, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((a) => a.id)).toEqual([ids.nurseKim, ids.formerStaff]);
    expect(finding.evidence.licencesBySku).toEqual({ SPB: 2 });
    expect(finding.evidence.total).toBe(2);
  });

  it('an enabled licensed account is not this control\'s concern', () => {
    const finding = runControl(accountsDisabledLicensed, withUser(ids.breakGlass, { assignedLicenses: [{ skuId: BUSINESS_PREMIUM }] }));
    expect(finding.status).toBe('pass');
  });

  it('is not assessed when the subscriptions could not be read', () => {
    const data = baselineData();
    data['m365.subscribedSkus'] = failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['LicenseAssignment.Read.All'] });
    const finding = runControl(accountsDisabledLicensed, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['LicenseAssignment.Read.All']);
  });
});
