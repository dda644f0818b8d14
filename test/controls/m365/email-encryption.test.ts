import { describe, expect, it } from 'vitest';
import { emailEncryption } from '../../../src/controls/m365/email-encryption.js';
import type { TransportRule } from '../../../src/datasets/m365-exchange.js';
import { exchangeBaselineData } from '../../fixtures/exchange-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where the baseline types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

const RULE = 'Encrypt outbound mail with patient information';

/** Baseline data with the baseline's encryption rule changed. */
function withRule(change: Partial<TransportRule> & Record<string, unknown>) {
  const data = exchangeBaselineData();
  const rules = data['m365.mailEncryption'].transportRules;
  rules[0] = { ...rules[0]!, ...change };
  return data;
}

const disregarded = (finding: ReturnType<typeof runControl>) =>
  (finding.evidence.disregardedRules as { name: string; disregarded: string }[]).map((r) => [r.name, r.disregarded]);

describe('m365.email.encryption', () => {
  it('passes when OME is usable and an enforced rule encrypts outbound mail, naming the rule and its trigger', () => {
    const finding = runControl(emailEncryption, exchangeBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(`Outbound email is encrypted by 1 enforced mail-flow rule: "${RULE}".`);
    expect(finding.evidence.encryptingRules).toEqual([
      {
        name: RULE,
        action: 'applies RMS template "Encrypt"',
        trigger:
          'If the message is sent to Outside the organization and includes sensitive information types U.S. Social Security Number (SSN), ICD-10-CM Take the following actions: rights protect message with RMS template: Encrypt',
      },
    ]);
    expect(finding.evidence.affected).toEqual([]);
  });

  it('a rule applying OME without a template counts', () => {
    const finding = runControl(emailEncryption, withRule({ ApplyRightsProtectionTemplate: null, ApplyOME: true }));
    expect(finding.status).toBe('pass');
    expect((finding.evidence.encryptingRules as { action: string }[])[0]!.action).toBe('applies Office Message Encryption (ApplyOME)');
  });

  it('a template returned as an object is read by its name', () => {
    const finding = runControl(emailEncryption, withRule({ ApplyRightsProtectionTemplate: { Name: 'Encrypt-Only', Id: '00000000-0000-0000-0000-000000000001' } }));
    expect(finding.status).toBe('pass');
    expect((finding.evidence.encryptingRules as { action: string }[])[0]!.action).toBe('applies RMS template "Encrypt-Only"');
  });

  it('a rule without a recipient scope encrypts all mail, outbound included', () => {
    expect(runControl(emailEncryption, withRule({ SentToScope: null })).status).toBe('pass');
  });

  it('warns when OME is usable but no rule encrypts: encryption is on demand only', () => {
    const data = exchangeBaselineData();
    data['m365.mailEncryption'].transportRules = [];
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('warn');
    expect(finding.summary).toBe(
      'Office Message Encryption is available, but no enforced mail-flow rule encrypts outbound email: encryption happens only when staff choose Encrypt themselves.',
    );
  });

  it('a disabled encryption rule does not count', () => {
    const finding = runControl(emailEncryption, withRule({ State: 'Disabled' }));
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([[RULE, 'disabled (State: Disabled)']]);
    expect(finding.evidence.affected).toEqual([{ type: 'transportRule', id: RULE, name: RULE, detail: 'does not count: disabled (State: Disabled)' }]);
  });

  it('a rule in test mode (Audit) does not count', () => {
    const finding = runControl(emailEncryption, withRule({ Mode: 'AuditAndNotify' }));
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([[RULE, 'test mode (Mode: AuditAndNotify), nothing is encrypted']]);
    expect(finding.summary).toContain(`"${RULE}": test mode (Mode: AuditAndNotify)`);
  });

  it('a rule for internal mail only does not count', () => {
    const finding = runControl(emailEncryption, withRule({ SentToScope: 'InOrganization' }));
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([[RULE, 'applies to internal mail only (SentToScope: InOrganization)']]);
  });

  it('a rule for inbound mail only does not count', () => {
    const finding = runControl(emailEncryption, withRule({ SentToScope: null, FromScope: 'NotInOrganization' }));
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([[RULE, 'applies to inbound mail only (FromScope: NotInOrganization)']]);
  });

  it('a rule that excludes outside recipients does not count', () => {
    const finding = runControl(emailEncryption, withRule({ SentToScope: null, ExceptIfSentToScope: 'NotInOrganization' }));
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([[RULE, 'excludes mail to outside recipients (ExceptIfSentToScope)']]);
  });

  it('a decrypt rule is listed as disregarded, other rules are ignored', () => {
    const data = exchangeBaselineData();
    data['m365.mailEncryption'].transportRules = [
      { Name: 'Remove encryption from inbound', State: 'Enabled', Mode: 'Enforce', RemoveOMEv2: true },
      { Name: 'Prepend [External]', State: 'Enabled', Mode: 'Enforce', FromScope: 'NotInOrganization', PrependSubject: '[External]' },
    ];
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('warn');
    expect(disregarded(finding)).toEqual([['Remove encryption from inbound', 'removes encryption (decrypt action)']]);
    expect(finding.evidence.total).toBe(2);
  });

  it('one enforced outbound rule is enough even when others do not count', () => {
    const data = exchangeBaselineData();
    data['m365.mailEncryption'].transportRules.push({ Name: 'Old test rule', State: 'Disabled', Mode: 'Enforce', ApplyOME: true });
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('pass');
    expect(disregarded(finding)).toEqual([['Old test rule', 'disabled (State: Disabled)']]);
  });

  it('fails when Office Message Encryption is not usable, naming the rules that cannot work', () => {
    const data = exchangeBaselineData();
    data['m365.mailEncryption'].irmConfiguration.AzureRMSLicensingEnabled = false;
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(
      `Office Message Encryption is not usable in this tenant (AzureRMSLicensingEnabled is false), so email leaving the practice cannot be encrypted. The 1 mail-flow rule that applies encryption ("${RULE}") cannot work until it is.`,
    );
    expect(finding.evidence.omeUsable).toBe(false);
  });

  it('is not assessed when the IRM configuration does not report whether OME is usable', () => {
    const data = exchangeBaselineData();
    delete data['m365.mailEncryption'].irmConfiguration.AzureRMSLicensingEnabled;
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason).toEqual({ kind: 'unsupported', detail: 'Get-IRMConfiguration returned no AzureRMSLicensingEnabled value' });
  });

  it('is not assessed when the mail-flow settings could not be read', () => {
    const data = exchangeBaselineData();
    data['m365.mailEncryption'] = failed({ kind: 'permission', detail: 'Exchange returned 401', needs: ['Exchange.ManageAsApp'] });
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Exchange.ManageAsApp']);
  });
});

describe('rules outside their active dates', () => {
  it('an expired encryption rule does not count', () => {
    const data = exchangeBaselineData();
    Object.assign(data['m365.mailEncryption'].transportRules[0]!, { ExpiryDate: '2026-01-31T00:00:00' });
    const finding = runControl(emailEncryption, data);
    expect(finding.status).toBe('warn');
    expect(JSON.stringify(finding.evidence)).toContain('expired');
  });

  it('a rule that is not active yet does not count', () => {
    const data = exchangeBaselineData();
    Object.assign(data['m365.mailEncryption'].transportRules[0]!, { ActivationDate: '2027-01-01T00:00:00' });
    expect(runControl(emailEncryption, data).status).toBe('warn');
  });
});
