import { describe, expect, it } from 'vitest';
import { emailAutoForwarding } from '../../../src/controls/m365/email-auto-forwarding.js';
import { exchangeBaselineData } from '../../fixtures/exchange-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';
import { NOW } from '../../fixtures/m365-baseline.js';

const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

function withDefaultMode(mode: string) {
  const data = exchangeBaselineData();
  data['m365.mailForwarding'].outboundSpamPolicies[0]!.AutoForwardingMode = mode;
  return data;
}

/** A custom outbound policy forwarding On for the billing team, applied through its rule. */
function withBillingPolicy(state: 'Enabled' | 'Disabled') {
  const data = exchangeBaselineData();
  data['m365.mailForwarding'].outboundSpamPolicies.push({ Name: 'Billing forwarding', Identity: 'Billing forwarding', IsDefault: false, AutoForwardingMode: 'On', Enabled: state === 'Enabled' });
  data['m365.mailForwarding'].outboundSpamRules.push({ Name: 'Billing forwarding', HostedOutboundSpamFilterPolicy: 'Billing forwarding', Priority: 0, State: state, FromMemberOf: ['billing@contoso-clinic.example'] });
  return data;
}

function withRule(extra: Record<string, unknown>) {
  const data = exchangeBaselineData();
  data['m365.mailEncryption'].transportRules.push({ Name: 'Copy to billing service', State: 'Enabled', Mode: 'Enforce', Priority: 1, ...extra });
  return data;
}

describe('m365.email.auto-forwarding', () => {
  it('passes when the default outbound policy turns automatic forwarding off, though the Default remote domain allows it', () => {
    const finding = runControl(emailAutoForwarding, exchangeBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe(
      'Automatic forwarding outside the practice is blocked for every sender (the outbound spam policy sets automatic forwarding Off), and no mail-flow rule sends mail to an outside address.',
    );
    expect(finding.evidence.policiesInForce).toEqual([{ policy: 'Default', mode: 'Off', whom: 'every sender no other policy covers' }]);
    expect(finding.evidence.remoteDomains).toEqual([{ name: 'Default', domain: '*', autoForwardEnabled: true }]);
  });

  it('the default policy On fails, naming it', () => {
    const finding = runControl(emailAutoForwarding, withDefaultMode('On'));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe(
      'Mail can be forwarded automatically outside the practice: the outbound spam policy "Default" turns automatic forwarding On for every sender no other policy covers, and no remote domain setting blocks it.',
    );
  });

  it('"Automatic" warns and names the documentation conflict', () => {
    const finding = runControl(emailAutoForwarding, withDefaultMode('Automatic'));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('"Default" leaves automatic forwarding on "Automatic"');
    expect(finding.evidence.automaticMeaning).toContain('Set-HostedOutboundSpamFilterPolicy reference');
  });

  it('a custom policy with forwarding On fails, naming whom its rule covers', () => {
    const finding = runControl(emailAutoForwarding, withBillingPolicy('Enabled'));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toContain('the outbound spam policy "Billing forwarding" turns automatic forwarding On for members of billing@contoso-clinic.example');
    expect(finding.evidence.affected[0]).toMatchObject({ type: 'outboundSpamPolicy', id: 'Billing forwarding' });
  });

  it('a custom policy whose rule is disabled is not in force', () => {
    expect(runControl(emailAutoForwarding, withBillingPolicy('Disabled')).status).toBe('pass');
  });

  it('policy On is blocked when every remote domain blocks automatic forwarding: the block wins', () => {
    const data = withDefaultMode('On');
    data['m365.mailForwarding'].remoteDomains[0]!.AutoForwardEnabled = false;
    const finding = runControl(emailAutoForwarding, data);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('every remote domain blocks automatically forwarded mail');
  });

  it('policy On still fails when one remote domain lets forwarding through', () => {
    const data = withDefaultMode('On');
    data['m365.mailForwarding'].remoteDomains[0]!.AutoForwardEnabled = false;
    data['m365.mailForwarding'].remoteDomains.push({ Name: 'Billing partner', DomainName: 'billing-partner.example', AutoForwardEnabled: true });
    const finding = runControl(emailAutoForwarding, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toContain('reach billing-partner.example');
  });

  it('a mail-flow rule that Bccs an outside address fails', () => {
    const finding = runControl(emailAutoForwarding, withRule({ BlindCopyTo: ['archive@billing-partner.example'] }));
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('Mail can be forwarded automatically outside the practice: 1 mail-flow rule (Copy to billing service) sends mail to addresses outside the organization.');
    expect(finding.evidence.affected).toEqual([
      { type: 'mailFlowRule', id: 'Copy to billing service', name: 'Copy to billing service', detail: "BlindCopyTo archive@billing-partner.example, outside the organization's accepted domains" },
    ]);
  });

  it('reads a redirect given as a single string', () => {
    expect(runControl(emailAutoForwarding, withRule({ RedirectMessageTo: 'intake@gmail.example' })).status).toBe('fail');
  });

  it('a rule sending to an accepted domain passes', () => {
    expect(runControl(emailAutoForwarding, withRule({ AddToRecipients: ['manager@contoso-clinic.example'], CopyTo: ['audit@contosoclinic.onmicrosoft.com'] })).status).toBe('pass');
  });

  it('a rule in test mode, disabled or expired does not act', () => {
    expect(runControl(emailAutoForwarding, withRule({ Mode: 'Audit', BlindCopyTo: ['x@outside.example'] })).status).toBe('pass');
    expect(runControl(emailAutoForwarding, withRule({ State: 'Disabled', BlindCopyTo: ['x@outside.example'] })).status).toBe('pass');
    const expired = new Date(NOW.getTime() - 86_400_000).toISOString();
    expect(runControl(emailAutoForwarding, withRule({ ExpiryDate: expired, BlindCopyTo: ['x@outside.example'] })).status).toBe('pass');
  });

  it('a subdomain counts as internal only when the accepted domain matches subdomains', () => {
    expect(runControl(emailAutoForwarding, withRule({ BlindCopyTo: ['x@mail.contoso-clinic.example'] })).status).toBe('fail');
    const data = withRule({ BlindCopyTo: ['x@mail.contoso-clinic.example'] });
    data['m365.mailForwarding'].acceptedDomains[0]!.MatchSubDomains = true;
    expect(runControl(emailAutoForwarding, data).status).toBe('pass');
  });

  it('a recipient named without an address warns: it cannot be placed', () => {
    const finding = runControl(emailAutoForwarding, withRule({ RedirectMessageTo: ['Billing Partner Contact'] }));
    expect(finding.status).toBe('warn');
    expect(finding.summary).toContain('1 mail-flow rule recipient cannot be placed inside or outside the organization');
  });

  it('a rule whose recipients come in a shape it cannot read warns, naming the rule, rather than being skipped', () => {
    const finding = runControl(emailAutoForwarding, withRule({ RedirectMessageTo: { Address: 'intake@gmail.example' } as never }));
    expect(finding.status).toBe('warn');
    expect(finding.evidence.affected).toEqual([
      expect.objectContaining({ type: 'mailFlowRule', detail: expect.stringContaining('in a shape tenant-audit cannot read (RedirectMessageTo)') }),
    ]);
  });

  it('is not assessed when the forwarding settings could not be read', () => {
    const finding = runControl(emailAutoForwarding, {
      ...exchangeBaselineData(),
      'm365.mailForwarding': failed({ kind: 'permission', detail: 'needs an Entra role such as Global Reader for the app', needs: ['Entra role Global Reader (or another role Exchange Online accepts) assigned to the app'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs?.[0]).toContain('Global Reader');
  });

  it('is not assessed when the mail-flow rules could not be read', () => {
    const finding = runControl(emailAutoForwarding, { ...exchangeBaselineData(), 'm365.mailEncryption': failed({ kind: 'api', detail: 'Exchange Online answered Get-TransportRule with 500' }) });
    expect(finding.status).toBe('not_assessed');
  });
});
