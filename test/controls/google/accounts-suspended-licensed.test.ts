import { describe, expect, it } from 'vitest';
import { googleAccountsSuspendedLicensed } from '../../../src/controls/google/accounts-suspended-licensed.js';
import { BUSINESS_PLUS, DOMAIN, googleBaselineData, googleBaselineOptions } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where googleBaselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

const email = (name: string) => `${name}@${DOMAIN}`;
const run = (data: ReturnType<typeof googleBaselineData>) => runControl(googleAccountsSuspendedLicensed, data, googleBaselineOptions());

/** Baseline data where the suspended former staff member still holds the given licences. */
function formerStaffHolds(...licences: Array<{ productId: string; skuId: string; skuName?: string }>) {
  const data = googleBaselineData();
  for (const l of licences) data['google.licenses'].assignments.push({ ...l, userId: email('former.staff') });
  return data;
}

describe('google.accounts.suspended-licensed', () => {
  it('passes when no suspended user holds a licence', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.evidence.total).toBe(1);
    expect(finding.summary).toBe('The one suspended user holds no licence.');
  });

  it('a suspended user with a Workspace edition licence warns and names the SKU', () => {
    const finding = run(formerStaffHolds({ productId: 'Google-Apps', skuId: BUSINESS_PLUS }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      { type: 'user', id: expect.any(String), name: email('former.staff'), detail: 'suspended but holds Google Workspace Business Plus' },
    ]);
    expect(finding.evidence.licencesBySku).toEqual({ 'Google Workspace Business Plus': 1 });
    expect(finding.summary).toBe('1 of 1 suspended user still holds licences (Google Workspace Business Plus ×1).');
  });

  it('the Licensing API userId is matched case-insensitively', () => {
    const data = googleBaselineData();
    data['google.licenses'].assignments.push({ productId: 'Google-Apps', skuId: BUSINESS_PLUS, userId: email('Former.Staff').toUpperCase() });
    expect(run(data).status).toBe('warn');
  });

  it('a suspended leaver keeping only a Google Voice licence (product 101033) warns', () => {
    const finding = run(formerStaffHolds({ productId: '101033', skuId: '1010330004', skuName: 'Google Voice Standard' }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toBe('suspended but holds Google Voice Standard');
  });

  it('licence data that read only the Workspace editions (an older snapshot) does not pass: add-ons are unknown', () => {
    const data = googleBaselineData();
    data['google.licenses'].products = ['Google-Apps'];
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.productsNotRead).toEqual(['101033', 'Google-Vault', '101034', '101047', '101068', '101038', '101005', '101040']);
    expect(finding.summary).toContain('the licences of Google Voice, Google Vault,');
  });

  it('an add-on product Google refused to list (not subscribed) is named but does not block a pass', () => {
    const data = googleBaselineData();
    data['google.licenses'].products = data['google.licenses'].products.filter((product) => product !== '101040');
    data['google.licenses'].productsNotListed = [{ productId: '101040', detail: '403 forbidden' }];
    const finding = run(data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.productsNotListed).toEqual([{ productId: '101040', detail: '403 forbidden' }]);
  });

  it('an add-on licence counts, named as the Licensing API names it', () => {
    const finding = run(formerStaffHolds({ productId: '101047', skuId: '1010470006', skuName: 'Gemini Security' }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]!.detail).toBe('suspended but holds Gemini Security');
  });

  it('Archived User and Vault Former Employee licences are made for leavers and do not count', () => {
    const finding = run(
      formerStaffHolds(
        { productId: '101034', skuId: '1010340003', skuName: 'Google Workspace Business Plus - Archived User' },
        { productId: 'Google-Vault', skuId: 'Google-Vault-Former-Employee', skuName: 'Google Vault - Former Employee' },
      ),
    );
    expect(finding.status).toBe('pass');
    expect(finding.evidence.formerStaffLicencesNotCounted).toEqual([
      `${email('former.staff')}: Google Workspace Business Plus - Archived User`,
      `${email('former.staff')}: Google Vault - Former Employee`,
    ]);
  });

  it('a suspended user with two licences is listed once with both', () => {
    const finding = run(
      formerStaffHolds({ productId: 'Google-Apps', skuId: BUSINESS_PLUS }, { productId: 'Google-Vault', skuId: 'Google-Vault', skuName: 'Google Vault' }),
    );
    expect(finding.evidence.affectedCount).toBe(1);
    expect(finding.evidence.affected[0]!.detail).toBe('suspended but holds Google Workspace Business Plus, Google Vault');
    expect(finding.evidence.licencesBySku).toEqual({ 'Google Workspace Business Plus': 1, 'Google Vault': 1 });
  });

  it('archived users are not judged', () => {
    const data = formerStaffHolds({ productId: 'Google-Apps', skuId: BUSINESS_PLUS });
    const formerStaff = data['google.users'].users.find((u) => u.primaryEmail === email('former.staff'))!;
    formerStaff.archived = true;
    const finding = run(data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.total).toBe(0);
    expect(finding.evidence.archivedUsersNotJudged).toBe(1);
  });

  it('is not assessed when licences cannot be read', () => {
    const finding = run({
      ...googleBaselineData(),
      'google.licenses': failed({ kind: 'api', detail: 'Access Not Configured: licensing.googleapis.com', code: 'accessNotConfigured', needs: ['Enterprise License Manager API'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.summary).toContain('google.licenses');
  });
});
