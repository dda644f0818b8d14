import { describe, expect, it } from 'vitest';
import { BAA_SKUS } from '../../../src/controls/m365/lib/baa-skus.js';
import { licenseBaaEligible } from '../../../src/controls/m365/license-baa-eligible.js';
import type { DatasetTypes } from '../../../src/datasets/index.js';
import { baselineData, baselineOptions } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where baselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

type Sku = DatasetTypes['m365.subscribedSkus']['skus'][number];
type Subscription = DatasetTypes['m365.subscriptions']['subscriptions'][number];

const sku = (skuPartNumber: string, extra: Partial<Sku> = {}): Sku => ({
  skuId: `00000000-0000-4000-8000-${skuPartNumber.length.toString().padStart(12, '0')}`,
  skuPartNumber,
  capabilityStatus: 'Enabled',
  appliesTo: 'User',
  consumedUnits: 1,
  prepaidUnits: { enabled: 10000, suspended: 0, warning: 0 },
  servicePlans: [],
  ...extra,
});

/** The companySubscription behind a SKU, as GET /directory/subscriptions lists it: paid unless told otherwise. */
const subscriptionOf = (s: Sku, extra: Partial<Subscription> = {}): Subscription => ({
  id: `sub-${s.skuPartNumber}`,
  skuId: s.skuId,
  skuPartNumber: s.skuPartNumber,
  isTrial: false,
  status: 'Enabled',
  nextLifecycleDateTime: '2027-03-01T00:00:00Z',
  totalLicenses: s.prepaidUnits?.enabled ?? 0,
  ...extra,
});

/** Baseline data with these SKUs added, each with a paid subscription behind it. */
function withSkus(...skus: Sku[]) {
  const data = baselineData();
  data['m365.subscribedSkus'].skus.push(...skus);
  data['m365.subscriptions'].subscriptions.push(...skus.map((s) => subscriptionOf(s)));
  return data;
}

/** Baseline data where the Business Premium subscription is a trial (the SKU keeps the paid part number). */
function premiumTrial() {
  const data = baselineData();
  Object.assign(data['m365.subscriptions'].subscriptions[0]!, { isTrial: true, nextLifecycleDateTime: '2026-12-04T00:00:00Z', totalLicenses: 25 });
  return data;
}

const verdicts = (finding: ReturnType<typeof runControl>) =>
  Object.fromEntries((finding.evidence.skus as Array<{ skuPartNumber: string; verdict: string }>).map((s) => [s.skuPartNumber, s.verdict]));

describe('m365.license.baa-eligible', () => {
  it('passes when every subscription is an in-scope commercial plan, and says BAA acceptance is not visible', () => {
    const finding = runControl(licenseBaaEligible, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('The one active in-scope subscription (Microsoft 365 Business Premium) is a paid commercial plan');
    expect(finding.summary).toContain('Data Protection Addendum');
    expect(finding.evidence.skus).toEqual([
      {
        skuPartNumber: 'SPB',
        skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
        name: 'Microsoft 365 Business Premium',
        capabilityStatus: 'Enabled',
        units: { enabled: 10, consumed: 5 },
        trial: 'no',
        verdict: 'in scope',
      },
    ]);
    expect(finding.evidence.baaAcceptance).toBe('not shown by any API; not attested');
  });

  it('an attested BAA acceptance is reported but does not change the status', () => {
    const finding = runControl(licenseBaaEligible, baselineData(), baselineOptions({ attestations: { baaAccepted: '2025-03-01' } }));
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('The BAA is recorded as accepted (attested on 2025-03-01)');
    expect(finding.attestation).toEqual({ name: 'baaAccepted', date: '2025-03-01' });
    expect(runControl(licenseBaaEligible, baselineData()).attestation).toBeUndefined();
  });

  it('a free self-service subscription warns, named in plain words', () => {
    const finding = runControl(licenseBaaEligible, withSkus(sku('FLOW_FREE', { consumedUnits: 3 })));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'sku',
        id: sku('FLOW_FREE').skuId,
        name: 'Microsoft Power Automate Free (FLOW_FREE)',
        detail: 'not in scope: free self-service sign-up; 3 of 10000 licences used',
      },
    ]);
    expect(finding.summary).toContain('1 of 2 subscriptions needs attention');
  });

  it.each([
    ['POWER_BI_STANDARD', 'not in scope: free self-service sign-up'],
    ['TEAMS_EXPLORATORY', 'not in scope: free time-limited Teams offer'],
    ['SPE_E5_TRIAL', 'not in scope: a trial'],
    ['DYN365_CUSTOMER_INSIGHTS_VIRAL', 'not in scope: free self-service sign-up'],
  ])('%s warns', (part, verdict) => {
    const finding = runControl(licenseBaaEligible, withSkus(sku(part)));
    expect(finding.status).toBe('warn');
    expect(verdicts(finding)[part]).toBe(verdict);
    expect(finding.evidence.affectedCount).toBe(1);
  });

  it('several in-scope plans pass together', () => {
    const finding = runControl(licenseBaaEligible, withSkus(sku('EXCHANGESTANDARD'), sku('AAD_PREMIUM'), sku('INTUNE_A_D')));
    expect(finding.status).toBe('pass');
    expect(finding.evidence.inScopeActive).toBe(4);
    expect(finding.summary).toContain('All 4 active in-scope subscriptions are paid commercial plans');
  });

  it('fails when only free subscriptions exist', () => {
    const data = baselineData();
    data['m365.subscribedSkus'].skus = [sku('POWER_BI_STANDARD'), sku('FLOW_FREE')];
    data['m365.subscriptions'].subscriptions = data['m365.subscribedSkus'].skus.map((s) => subscriptionOf(s));
    const finding = runControl(licenseBaaEligible, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.name)).toEqual(['Power BI (free) (POWER_BI_STANDARD)', 'Microsoft Power Automate Free (FLOW_FREE)']);
  });

  it('fails when the tenant has no subscriptions at all', () => {
    const data = baselineData();
    data['m365.subscribedSkus'].skus = [];
    const finding = runControl(licenseBaaEligible, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toContain('None of the 0 subscriptions');
  });

  it('a suspended in-scope plan does not count', () => {
    const data = baselineData();
    data['m365.subscribedSkus'].skus[0]!.capabilityStatus = 'Suspended';
    const finding = runControl(licenseBaaEligible, data);
    expect(finding.status).toBe('fail');
    expect(verdicts(finding)['SPB']).toBe('inactive (Suspended): not counted');
    expect(finding.evidence.affected).toEqual([]);
  });

  it('an in-scope plan in its grace period warns', () => {
    const data = baselineData();
    data['m365.subscribedSkus'].skus[0]!.capabilityStatus = 'Warning';
    const finding = runControl(licenseBaaEligible, data);
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected[0]).toMatchObject({ name: 'Microsoft 365 Business Premium (SPB)' });
    expect(finding.evidence.affected[0]!.detail).toContain('expired and in its grace period');
  });

  it('is not assessed when the SKUs could not be read', () => {
    const finding = runControl(licenseBaaEligible, {
      ...baselineData(),
      'm365.subscribedSkus': failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['LicenseAssignment.Read.All'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['LicenseAssignment.Read.All']);
  });

  it('is not assessed without Organization.Read.All: whether a plan is a trial is only in directory/subscriptions', () => {
    const finding = runControl(licenseBaaEligible, {
      ...baselineData(),
      'm365.subscriptions': failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['Organization.Read.All'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Organization.Read.All']);
  });

  it('cites the written-contract specification 164.308(b)(3)', () => {
    expect(runControl(licenseBaaEligible, baselineData()).hipaa).toEqual(['164.308(b)(1)', '164.308(b)(3)', '164.314(a)']);
  });

  it('the SKU table classifies the plans practices commonly hold', () => {
    const inScope = ['SPB', 'O365_BUSINESS_PREMIUM', 'O365_BUSINESS_ESSENTIALS', 'SPE_E3', 'SPE_E5', 'ENTERPRISEPACK', 'ENTERPRISEPREMIUM', 'STANDARDPACK', 'EXCHANGESTANDARD', 'EXCHANGEENTERPRISE', 'AAD_PREMIUM', 'EMS', 'INTUNE_A', 'INTUNE_A_D', 'M365_F1', 'SPE_F1', 'DESKLESSPACK'];
    const outOfScope = ['FLOW_FREE', 'POWER_BI_STANDARD', 'TEAMS_EXPLORATORY', 'WINDOWS_STORE', 'STREAM', 'MCOPSTNC'];
    for (const part of inScope) expect(BAA_SKUS[part]?.inScope, part).toBe(true);
    for (const part of outOfScope) expect(BAA_SKUS[part]?.inScope, part).toBe(false);
    // Part numbers from the licensing service plan reference; O365_BUSINESS_PREMIUM is Business Standard, MDE_SMB is Defender for Business.
    expect(BAA_SKUS.O365_BUSINESS_PREMIUM!.name).toBe('Microsoft 365 Business Standard');
    for (const part of ['VISIOCLIENT', 'PROJECTPREMIUM', 'PROJECTPROFESSIONAL', 'Microsoft_Teams_Rooms_Pro', 'Microsoft_365_Copilot', 'MDE_SMB', 'WIN10_VDA_E3', 'WIN10_VDA_E5']) {
      expect(BAA_SKUS[part]?.addOn, part).toBe(true);
    }
  });
});

describe('trials read from directory/subscriptions', () => {
  it('a Business Premium trial is not a pass: it carries the paid part number, and isTrial says what it is', () => {
    const finding = runControl(licenseBaaEligible, premiumTrial());
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain(
      'The only in-scope plan is Microsoft 365 Business Premium, a trial that ends or changes state on 2026-12-04, not a paid subscription: buy the paid plan before patient data goes in, or it stops when the trial ends.',
    );
    expect(verdicts(finding)['SPB']).toBe('in scope, but a trial that ends or changes state on 2026-12-04, not a paid plan: buy it before patient data goes in');
    expect(finding.evidence.inScopeActive).toBe(0);
  });

  it('trial licences next to paid ones of the same plan warn, with their count', () => {
    const data = baselineData();
    data['m365.subscriptions'].subscriptions.push({ ...data['m365.subscriptions'].subscriptions[0]!, id: 'trial-seats', isTrial: true, totalLicenses: 25, nextLifecycleDateTime: '2026-12-04T00:00:00Z' });
    const finding = runControl(licenseBaaEligible, data);
    expect(finding.status).toBe('warn');
    expect(verdicts(finding)['SPB']).toBe('in scope; 25 of 35 licences are a trial that ends or changes state on 2026-12-04');
  });

  it('an ended or suspended trial subscription is not counted as a trial', () => {
    const data = premiumTrial();
    data['m365.subscriptions'].subscriptions[0]!.status = 'Deleted';
    data['m365.subscriptions'].subscriptions.push({ ...data['m365.subscriptions'].subscriptions[0]!, id: 'paid', isTrial: false, status: 'Enabled' });
    expect(runControl(licenseBaaEligible, data).status).toBe('pass');
  });

  it('an in-scope plan missing from directory/subscriptions warns: whether it is a trial cannot be seen', () => {
    const data = baselineData();
    data['m365.subscriptions'].subscriptions = [];
    const finding = runControl(licenseBaaEligible, data);
    expect(finding.status).toBe('warn');
    expect(verdicts(finding)['SPB']).toBe('in scope, but not listed among the commercial subscriptions, so whether it is a trial cannot be seen');
  });

  it('a trial of a product not in the table is a trial, whatever its part number', () => {
    const data = withSkus(sku('CONTOSO_WIDGETS'));
    data['m365.subscriptions'].subscriptions.find((s) => s.skuPartNumber === 'CONTOSO_WIDGETS')!.isTrial = true;
    const finding = runControl(licenseBaaEligible, data);
    expect(finding.status).toBe('warn');
    expect(verdicts(finding)['CONTOSO_WIDGETS']).toBe('not in scope: a trial that ends or changes state on 2027-03-01');
  });
});

describe('paid add-ons next to an in-scope suite', () => {
  it.each(['VISIOCLIENT', 'PROJECTPREMIUM', 'Microsoft_Teams_Rooms_Pro', 'Microsoft_365_Copilot', 'MDE_SMB', 'WIN10_VDA_E5'])('%s is information, not a warning', (part) => {
    const finding = runControl(licenseBaaEligible, withSkus(sku(part)));
    expect(finding.status).toBe('pass');
    expect(finding.evidence.affected).toEqual([]);
    expect((finding.evidence.information as { name: string }[]).map((i) => i.name)).toEqual([`${BAA_SKUS[part]!.name} (${part})`]);
    expect(finding.summary).toContain('One paid add-on is listed for information');
  });

  it('an unknown paid subscription next to an in-scope suite is information in the evidence, not a warning', () => {
    const finding = runControl(licenseBaaEligible, withSkus(sku('CONTOSO_WIDGETS')));
    expect(finding.status).toBe('pass');
    expect(verdicts(finding)['CONTOSO_WIDGETS']).toBe(
      "paid subscription not in the table: information (check it against Microsoft's in-scope services before patient data goes into it)",
    );
  });

  it('an unknown subscription not listed in directory/subscriptions still warns', () => {
    const data = baselineData();
    data['m365.subscribedSkus'].skus.push(sku('CONTOSO_WIDGETS'));
    const finding = runControl(licenseBaaEligible, data);
    expect(finding.status).toBe('warn');
    expect(verdicts(finding)['CONTOSO_WIDGETS']).toBe(
      "unknown, not listed among the commercial subscriptions, so whether it is paid cannot be seen: check it against Microsoft's in-scope services",
    );
  });

  it('an add-on without a paid in-scope suite does not make a pass', () => {
    const data = premiumTrial();
    data['m365.subscribedSkus'].skus.push(sku('VISIOCLIENT'));
    data['m365.subscriptions'].subscriptions.push(subscriptionOf(sku('VISIOCLIENT')));
    const finding = runControl(licenseBaaEligible, data);
    expect(finding.status).toBe('warn');
    expect(verdicts(finding)['VISIOCLIENT']).toBe("add-on (paid add-on; before patient data goes into it, check that Microsoft's BAA in-scope list names the service), without a paid in-scope suite");
  });
});
