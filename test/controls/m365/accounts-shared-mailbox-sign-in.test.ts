import { describe, expect, it } from 'vitest';
import { accountsSharedMailboxSignIn } from '../../../src/controls/m365/accounts-shared-mailbox-sign-in.js';
import { exchangeBaselineData, mailboxIds } from '../../fixtures/exchange-baseline.js';
import { BUSINESS_PREMIUM, NOW, baselineOptions } from '../../fixtures/m365-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where the baseline types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

/** Baseline data with the account of one shared mailbox changed. */
function withAccount(id: string, change: Record<string, unknown>, data = exchangeBaselineData()) {
  const users = data['m365.users'].users;
  const index = users.findIndex((u) => u.id === id);
  users[index] = { ...users[index]!, ...change };
  return data;
}

const mailboxFacts = (finding: ReturnType<typeof runControl>) =>
  finding.evidence.mailboxes as { mailbox: string; signIn: string; licences: string[]; lastInteractiveSignIn?: string | null }[];

describe('m365.accounts.shared-mailbox-sign-in', () => {
  it('passes when every shared mailbox has sign-in blocked, listing each one', () => {
    const finding = runControl(accountsSharedMailboxSignIn, exchangeBaselineData());
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('Both shared mailboxes have sign-in blocked.');
    expect(finding.evidence.affected).toEqual([]);
    expect(mailboxFacts(finding).map((m) => [m.mailbox, m.signIn])).toEqual([
      ['info@contoso-clinic.example', 'blocked'],
      ['billing-inbox@contoso-clinic.example', 'blocked'],
    ]);
    // Non-interactive sign-ins (Outlook of the delegates) are not interactive sign-ins.
    expect(mailboxFacts(finding)[0]!.lastInteractiveSignIn).toBeNull();
  });

  it('a shared mailbox the front desk signs in to fails, with the sign-in and the licence as evidence', () => {
    const data = withAccount(mailboxIds.info, {
      accountEnabled: true,
      assignedLicenses: [{ skuId: BUSINESS_PREMIUM, disabledPlans: [] }],
      signInActivity: { lastSignInDateTime: daysAgo(2), lastNonInteractiveSignInDateTime: daysAgo(1), lastSuccessfulSignInDateTime: daysAgo(2) },
    });
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected).toEqual([
      {
        type: 'mailbox',
        id: mailboxIds.info,
        name: 'info@contoso-clinic.example',
        detail: 'sign-in enabled; last interactive sign-in 2026-11-18 (2 days ago): people log in to it; licensed: SPB',
      },
    ]);
    expect(finding.evidence.usedInteractively).toBe(1);
    expect(finding.summary).toBe(
      '1 of 2 shared mailboxes allow direct sign-in; 1 of them was signed in to interactively in the last 45 days, so people log in to it directly.',
    );
  });

  it('an enabled shared mailbox nobody signs in to still fails: the sign-in must be blocked', () => {
    const finding = runControl(accountsSharedMailboxSignIn, withAccount(mailboxIds.billingInbox, { accountEnabled: true }));
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected.map((a) => a.id)).toEqual([mailboxIds.billingInbox]);
    expect(finding.evidence.affected[0]!.detail).toBe('sign-in enabled; no interactive sign-in recorded; no licence');
    expect(finding.evidence.usedInteractively).toBe(0);
    expect(finding.summary).toBe('1 of 2 shared mailboxes allow direct sign-in.');
  });

  it('an interactive sign-in older than the inactivity window is shown but not called current use', () => {
    const data = withAccount(mailboxIds.info, { accountEnabled: true, signInActivity: { lastSignInDateTime: daysAgo(100) } });
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toBe('sign-in enabled; last interactive sign-in 2026-08-12; no licence');
    expect(finding.evidence.usedInteractively).toBe(0);
  });

  it('the window for recent sign-ins follows thresholds.inactiveDays', () => {
    const data = withAccount(mailboxIds.info, { accountEnabled: true, signInActivity: { lastSignInDateTime: daysAgo(100) } });
    const finding = runControl(accountsSharedMailboxSignIn, data, baselineOptions({ thresholds: { inactiveDays: 120 } }));
    expect(finding.evidence.usedInteractively).toBe(1);
    expect(finding.summary).toContain('in the last 120 days');
  });

  it('without sign-in activity the block is still checked and the missing evidence is named', () => {
    const data = withAccount(mailboxIds.info, { accountEnabled: true });
    data['m365.users'].signInActivity = {
      available: false,
      reason: { kind: 'license', detail: 'signInActivity needs Microsoft Entra ID P1', needs: ['Microsoft Entra ID P1'] },
    };
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toBe('sign-in enabled; sign-in activity unavailable; no licence');
    expect(finding.evidence.signInActivityChecked).toBe(false);
    expect(finding.summary).toContain('Sign-in activity could not be read (signInActivity needs Microsoft Entra ID P1)');
  });

  it('without sign-in activity, mailboxes that are all blocked still pass', () => {
    const data = exchangeBaselineData();
    data['m365.users'].signInActivity = { available: false, reason: { kind: 'permission', detail: 'AuditLog.Read.All missing', needs: ['AuditLog.Read.All'] } };
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.note).toContain('could not be read (AuditLog.Read.All missing)');
    expect(mailboxFacts(finding)[0]).not.toHaveProperty('lastInteractiveSignIn');
  });

  it('a mailbox synced from on-premises is skipped with a note, even when its account is enabled', () => {
    const data = withAccount(mailboxIds.info, { accountEnabled: true, onPremisesSyncEnabled: true });
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('pass');
    expect(finding.evidence.managedOnPremises).toEqual(['info@contoso-clinic.example']);
    expect(finding.summary).toBe(
      'The one shared mailbox checked has sign-in blocked. 1 synced from on-premises Active Directory was skipped: block it there.',
    );
  });

  it('IsDirSynced on the mailbox also marks it as managed on-premises', () => {
    const data = withAccount(mailboxIds.info, { accountEnabled: true });
    data['m365.sharedMailboxes'].mailboxes[0]!.IsDirSynced = true;
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('pass');
    expect(mailboxFacts(finding)[0]!.signIn).toBe('managed on-premises');
  });

  it('when every shared mailbox is synced from on-premises a person must check them', () => {
    const data = exchangeBaselineData();
    for (const m of data['m365.sharedMailboxes'].mailboxes) m.IsDirSynced = true;
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('manual');
  });

  it('a mailbox with no matching account is not guessed: not assessed when nothing else fails', () => {
    const data = exchangeBaselineData();
    data['m365.sharedMailboxes'].mailboxes[1]!.ExternalDirectoryObjectId = '99999999-0000-4000-8000-000000000009';
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.detail).toBe(
      'no Entra account state for billing-inbox@contoso-clinic.example (no account with id 99999999-0000-4000-8000-000000000009 is in the users list)',
    );
    expect(finding.summary).toBe(
      '1 of 2 shared mailboxes have sign-in blocked; the other one could not be matched to a directory account, so its sign-in state is unknown.',
    );
  });

  it('an unmatched mailbox does not hide a fail elsewhere', () => {
    const data = withAccount(mailboxIds.info, { accountEnabled: true });
    data['m365.sharedMailboxes'].mailboxes[1]!.ExternalDirectoryObjectId = null;
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.unmatched).toEqual(['billing-inbox@contoso-clinic.example (the mailbox reports no ExternalDirectoryObjectId)']);
    expect(finding.summary).toContain('1 could not be matched to a directory account');
  });

  it('matches the directory id regardless of letter case', () => {
    const data = exchangeBaselineData();
    data['m365.sharedMailboxes'].mailboxes[0]!.ExternalDirectoryObjectId = mailboxIds.info.toUpperCase();
    expect(runControl(accountsSharedMailboxSignIn, data).status).toBe('pass');
  });

  it('a tenant without shared mailboxes passes', () => {
    const data = exchangeBaselineData();
    data['m365.sharedMailboxes'].mailboxes = [];
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('pass');
    expect(finding.summary).toBe('The tenant has no shared mailboxes.');
  });

  it('names licences by SKU id when the subscriptions could not be read (they are optional)', () => {
    const data = withAccount(mailboxIds.info, { accountEnabled: true, assignedLicenses: [{ skuId: BUSINESS_PREMIUM }] });
    data['m365.subscribedSkus'] = failed({ kind: 'permission', detail: 'Authorization_RequestDenied', needs: ['LicenseAssignment.Read.All'] });
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('fail');
    expect(finding.evidence.affected[0]!.detail).toContain(`licensed: ${BUSINESS_PREMIUM}`);
  });

  it('is not assessed when the shared mailboxes could not be read', () => {
    const data = exchangeBaselineData();
    data['m365.sharedMailboxes'] = failed({ kind: 'permission', detail: 'Exchange returned 403', needs: ['Exchange.ManageAsApp', 'Global Reader'] });
    const finding = runControl(accountsSharedMailboxSignIn, data);
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['Exchange.ManageAsApp', 'Global Reader']);
  });
});
