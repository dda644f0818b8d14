import { describe, expect, it } from 'vitest';
import { BAA_CONSOLE_PATH, googleLicenseBaaEligible } from '../../../src/controls/google/license-baa-eligible.js';
import { WORKSPACE_SKUS } from '../../../src/controls/google/lib/workspace-skus.js';
import { BUSINESS_PLUS, DOMAIN, ENTERPRISE_STANDARD, googleBaselineData, googleBaselineOptions } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where googleBaselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

type Data = ReturnType<typeof googleBaselineData>;
const run = (data: Data, overrides: Parameters<typeof googleBaselineOptions>[0] = {}) =>
  runControl(googleLicenseBaaEligible, data, googleBaselineOptions(overrides));

/** Baseline where the named users' edition licence is another SKU. */
function onSku(skuId: string, ...names: string[]): Data {
  const data = googleBaselineData();
  for (const a of data['google.licenses'].assignments) {
    if (names.includes(a.userId.split('@')[0]!)) {
      a.skuId = skuId;
      delete a.skuName;
    }
  }
  return data;
}

describe('google.license.baa-eligible', () => {
  it('is manual when every user is on an eligible edition but BAA acceptance is not attested', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('manual');
    expect(finding.summary).toBe(
      `All 5 licensed users are on editions that can take Google's BAA (Google Workspace Enterprise Standard), but no API shows that it was accepted: check ${BAA_CONSOLE_PATH} and record the date with the baaAccepted attestation.`,
    );
    expect(finding.evidence.editions).toEqual([
      { skuId: ENTERPRISE_STANDARD, name: 'Google Workspace Enterprise Standard', users: 5, baa: 'eligible', verdict: 'can take the BAA' },
    ]);
    expect(BAA_CONSOLE_PATH).toBe('Admin console > Account > Account settings > Legal and compliance');
  });

  it('passes citing the date when BAA acceptance is attested', () => {
    const finding = run(googleBaselineData(), { attestations: { baaAccepted: '2025-03-14' } });
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('recorded as accepted (attested on 2025-03-14)');
    expect(finding.evidence.baaAcceptance).toEqual({ date: '2025-03-14' });
    expect(finding.attestation).toEqual({ name: 'baaAccepted', date: '2025-03-14' });
  });

  it('fails when a user is on the free legacy edition, even with an attestation', () => {
    const finding = run(onSku('Google-Apps', 'maria.lopez'), { attestations: { baaAccepted: '2025-03-14' } });
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'sku',
        id: 'Google-Apps',
        name: 'G Suite legacy free edition',
        detail: "1 user; cannot take Google's BAA: the free legacy edition has no paid Google Workspace agreement for the BAA to amend",
      },
    ]);
    expect(finding.summary).toMatch(/^1 of 5 licensed users is on an edition that cannot take Google's BAA \(G Suite legacy free edition\)/);
  });

  it('warns for Business Starter and says where to check', () => {
    const finding = run(onSku('1010020027', 'dr.patel', 'kim.tanaka'));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((a) => a.id)).toEqual(['1010020027']);
    expect(finding.evidence.affected[0]!.detail).toContain('Account > Account settings > Legal and compliance');
    expect(finding.summary).toBe(
      `2 of 5 licensed users are on an edition whose BAA cover is uncertain (Google Workspace Business Starter): check ${BAA_CONSOLE_PATH}.`,
    );
  });

  it('Business Starter still warns when BAA acceptance is attested', () => {
    const finding = run(onSku('1010020027', 'dr.patel'), { attestations: { baaAccepted: '2025-03-14' } });
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('The BAA is recorded as accepted (attested on 2025-03-14)');
  });

  it('an edition the table does not know warns, named as the Licensing API names it', () => {
    const data = googleBaselineData();
    const a = data['google.licenses'].assignments[0]!;
    a.skuId = '1010029999';
    a.skuName = 'Google Workspace Something New';
    const finding = run(data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]).toMatchObject({ id: '1010029999', name: 'Google Workspace Something New' });
    expect(finding.evidence.affected[0]!.detail).toContain('unknown edition');
  });

  it('add-on licences are listed but not judged', () => {
    const data = googleBaselineData();
    data['google.licenses'].products.push('Google-Vault');
    data['google.licenses'].assignments.push({ productId: 'Google-Vault', skuId: 'Google-Vault', userId: `dr.patel@${DOMAIN}`, skuName: 'Google Vault' });
    const finding = run(data);
    expect(finding.status).toBe('manual');
    expect(finding.evidence.addOnsNotJudged).toEqual({ 'Google Vault': 1 });
    expect(finding.evidence.licensedUsers).toBe(5);
  });

  it('every SKU of the issue is in the table with the intended verdict', () => {
    for (const sku of ['1010020028', '1010020025', '1010020026', '1010020020', '1010060003', '1010020030', '1010020031', '1010020034', 'Google-Apps-For-Business', 'Google-Apps-Unlimited', 'Google-Apps-Lite']) {
      expect(WORKSPACE_SKUS[sku]?.baa, sku).toBe('eligible');
    }
    expect(WORKSPACE_SKUS['1010020027']?.baa).toBe('check');
    expect(WORKSPACE_SKUS['Google-Apps']?.baa).toBe('ineligible');
  });

  it('is not assessed when the Workspace edition licences were not collected', () => {
    const data = googleBaselineData();
    data['google.licenses'] = { products: ['Google-Vault'], assignments: [] };
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toContain('scope https://www.googleapis.com/auth/apps.licensing');
  });

  it('is not assessed when the Licensing API lists no edition licence', () => {
    const data = googleBaselineData();
    data['google.licenses'].assignments = [];
    const finding = run(data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.summary).toContain('listed no Google Workspace edition licence');
  });

  it('is not assessed when licences cannot be read', () => {
    const finding = run({
      ...googleBaselineData(),
      'google.licenses': failed({ kind: 'permission', detail: 'unauthorized_client', needs: ['https://www.googleapis.com/auth/apps.licensing'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.detail).toBe('unauthorized_client');
  });
});

describe('active users the Licensing API does not show', () => {
  it('warns, naming them, instead of counting only licensed users', () => {
    const data = googleBaselineData();
    data['google.users'].users.push({ primaryEmail: `legacy.user@${DOMAIN}`, suspended: false, archived: false, orgUnitPath: '/Clinical' });
    const finding = runControl(googleLicenseBaaEligible, data, googleBaselineOptions());
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected.map((item) => item.name)).toContain(`legacy.user@${DOMAIN}`);
  });
});
