import { describe, expect, it } from 'vitest';
import { BAA_SKUS } from '../../../src/controls/m365/lib/baa-skus.js';
import { licenseBaaEligible } from '../../../src/controls/m365/license-baa-eligible.js';
import type { DatasetTypes } from '../../../src/datasets/index.js';
import { baselineData, baselineOptions } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where baselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

type Sku = DatasetTypes['m365.subscribedSkus']['skus'][number];

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

function withSkus(...skus: Sku[]) {
  const data = baselineData();
  data['m365.subscribedSkus'].skus.push(...skus);
  return data;
}

const verdicts = (finding: ReturnType<typeof runControl>) =>
  Object.fromEntries((finding.evidence.skus as Array<{ skuPartNumber: string; verdict: string }>).map((s) => [s.skuPartNumber, s.verdict]));

describe('m365.license.baa-eligible', () => {
  it('passes when every subscription is an in-scope commercial plan, and says BAA acceptance is not visible', () => {
    const finding = runControl(licenseBaaEligible, baselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('The one active subscription (Microsoft 365 Business Premium) is a commercial plan');
    expect(finding.summary).toContain('Data Protection Addendum');
    expect(finding.evidence.skus).toEqual([
      {
        skuPartNumber: 'SPB',
        skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
        name: 'Microsoft 365 Business Premium',
        capabilityStatus: 'Enabled',
        units: { enabled: 10, consumed: 5 },
        verdict: 'in scope',
      },
    ]);
    expect(finding.evidence.baaAcceptance).toBe('not shown by any API; not attested');
  });

  it('an attested BAA acceptance is reported but does not change the status', () => {
    const finding = runControl(licenseBaaEligible, baselineData(), baselineOptions({ attestations: { baaAccepted: '2025-03-01' } }));
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('The BAA is recorded as accepted (attested on 2025-03-01)');
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
    expect(finding.summary).toContain('1 of 2 subscriptions need attention');
  });

  it.each([
    ['POWER_BI_STANDARD', 'not in scope: free self-service sign-up'],
    ['TEAMS_EXPLORATORY', 'not in scope: free time-limited Teams offer'],
    ['SPE_E5_TRIAL', 'not in scope: trial'],
    ['DYN365_CUSTOMER_INSIGHTS_VIRAL', 'not in scope: free self-service sign-up'],
    ['CONTOSO_WIDGETS', "unknown: check it against Microsoft's in-scope services"],
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
    expect(finding.summary).toContain('All 4 active subscriptions are commercial plans');
  });

  it('fails when only free subscriptions exist', () => {
    const data = baselineData();
    data['m365.subscribedSkus'].skus = [sku('POWER_BI_STANDARD'), sku('FLOW_FREE')];
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

  it('is not assessed when the subscriptions could not be read', () => {
    const finding = runControl(licenseBaaEligible, {
      'm365.subscribedSkus': failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['LicenseAssignment.Read.All'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['LicenseAssignment.Read.All']);
  });

  it('the SKU table classifies the plans practices commonly hold', () => {
    const inScope = ['SPB', 'O365_BUSINESS_PREMIUM', 'O365_BUSINESS_ESSENTIALS', 'SPE_E3', 'SPE_E5', 'ENTERPRISEPACK', 'ENTERPRISEPREMIUM', 'STANDARDPACK', 'EXCHANGESTANDARD', 'EXCHANGEENTERPRISE', 'AAD_PREMIUM', 'EMS', 'INTUNE_A', 'INTUNE_A_D', 'M365_F1', 'SPE_F1', 'DESKLESSPACK'];
    const outOfScope = ['FLOW_FREE', 'POWER_BI_STANDARD', 'TEAMS_EXPLORATORY', 'WINDOWS_STORE', 'STREAM', 'MCOPSTNC'];
    for (const part of inScope) expect(BAA_SKUS[part]?.inScope, part).toBe(true);
    for (const part of outOfScope) expect(BAA_SKUS[part]?.inScope, part).toBe(false);
  });
});
