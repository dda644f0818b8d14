import { defineControl, evidenceOf, MAX_AFFECTED } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { GraphUser } from '../../datasets/m365.js';
import type { SharedMailbox } from '../../datasets/m365-exchange.js';
import { DAY_MS, daysBetween, isoDay } from '../lib/dates.js';
import { capitalize, count, everyOne } from '../lib/text.js';

/** What the control found for one shared mailbox; listed in the evidence for every mailbox. */
interface MailboxFinding {
  mailbox: string;
  accountId: string | null;
  signIn: 'blocked' | 'enabled' | 'unknown' | 'managed on-premises';
  licences: string[];
  /** Graph's `signInActivity.lastSignInDateTime`: the last interactive sign-in, successful or not. */
  lastInteractiveSignIn?: string | null;
  note?: string;
}

const mailboxName = (m: SharedMailbox) =>
  m.PrimarySmtpAddress ?? m.UserPrincipalName ?? m.DisplayName ?? m.ExternalDirectoryObjectId ?? '(unnamed mailbox)';

/**
 * Every shared mailbox must have sign-in blocked: a shared mailbox is opened through each
 * person's own account with delegated access, and its own account only needs to exist. An
 * enabled one has a password someone can learn and a login several people can share, so nobody
 * is uniquely identified (164.312(a)(2)(i)). Each mailbox (Exchange `Get-Mailbox`) is joined to
 * its Entra account by `ExternalDirectoryObjectId`. Interactive sign-ins within
 * `thresholds.inactiveDays` show people actually log in to it; they sharpen the fail but never
 * decide it. Accounts synced from on-premises AD are skipped (their state is set there), and a
 * mailbox without a matching account is reported as unknown rather than guessed.
 */
export const accountsSharedMailboxSignIn = defineControl({
  meta: {
    id: 'm365.accounts.shared-mailbox-sign-in',
    provider: 'm365',
    title: 'Sign-in is blocked for every shared mailbox',
    severity: 'high',
    hipaa: ['164.312(a)(2)(i)'],
    references: [
      'https://learn.microsoft.com/microsoft-365/admin/email/about-shared-mailboxes',
      'https://learn.microsoft.com/microsoft-365/admin/email/create-a-shared-mailbox',
      'https://learn.microsoft.com/powershell/module/exchange/get-mailbox',
      'https://learn.microsoft.com/graph/api/resources/signinactivity',
      'CIS M365 1.2.2',
    ],
    datasets: ['m365.sharedMailboxes', 'm365.users'],
    fields: ['m365.users.signInActivity'],
    optionalDatasets: ['m365.subscribedSkus'],
    remediation:
      'In the Microsoft 365 admin center go to Users > Active users, open the account of each shared mailbox listed and choose "Block sign-in", then "Sign out of all sessions" and reset its password. Staff keep access through their own accounts: under Teams & groups > Shared mailboxes, give each person who needs the mailbox "Read and manage" and "Send as" permission; Outlook adds it for them automatically. Where people have been logging in to the mailbox directly (the evidence shows recent interactive sign-ins), tell them first how to open it from their own Outlook. A shared mailbox needs no licence under 50 GB: remove any it holds unless it is larger or has an archive. For an account synced from on-premises Active Directory, disable the account in Active Directory instead.',
  },
  evaluate: ({ data, options }) => {
    const { mailboxes } = data['m365.sharedMailboxes'];
    const { users, signInActivity } = data['m365.users'];
    const skuNames = new Map((data['m365.subscribedSkus']?.skus ?? []).map((s) => [s.skuId.toLowerCase(), s.skuPartNumber]));
    const usersById = new Map(users.map((u) => [u.id.toLowerCase(), u]));

    const windowDays = options.thresholds.inactiveDays;
    const since = new Date(options.now.getTime() - windowDays * DAY_MS);
    const activityNote = signInActivity.available
      ? undefined
      : `Sign-in activity could not be read (${signInActivity.reason.detail}), so the evidence cannot show whether people log in to these mailboxes; the sign-in block itself was still checked.`;

    const licencesOf = (u: GraphUser) => u.assignedLicenses.map((l) => skuNames.get(l.skuId.toLowerCase()) ?? l.skuId);
    const lastInteractive = (u: GraphUser): Date | null => {
      const at = u.signInActivity?.lastSignInDateTime;
      return at ? new Date(at) : null;
    };

    const findings: MailboxFinding[] = [];
    const affected: AffectedItem[] = [];
    const unknown: string[] = [];
    const onPremises: string[] = [];
    let usedInteractively = 0;

    for (const m of mailboxes) {
      const name = mailboxName(m);
      const id = m.ExternalDirectoryObjectId ?? null;
      const user = id ? usersById.get(id.toLowerCase()) : undefined;
      if (m.IsDirSynced === true || user?.onPremisesSyncEnabled === true) {
        // Cloud-side accountEnabled is overwritten by the next sync; the block belongs in AD.
        onPremises.push(name);
        findings.push({
          mailbox: name,
          accountId: id,
          signIn: 'managed on-premises',
          licences: user ? licencesOf(user) : [],
          note: `synced from on-premises Active Directory (account ${user ? (user.accountEnabled === false ? 'disabled' : 'enabled') : 'not found'} in Entra); check it there`,
        });
        continue;
      }
      if (!user || user.accountEnabled === null) {
        const why = !id
          ? 'the mailbox reports no ExternalDirectoryObjectId'
          : !user
            ? `no account with id ${id} is in the users list`
            : 'its account does not report accountEnabled';
        unknown.push(`${name} (${why})`);
        findings.push({ mailbox: name, accountId: id, signIn: 'unknown', licences: user ? licencesOf(user) : [], note: why });
        continue;
      }
      const licences = licencesOf(user);
      const last = signInActivity.available ? lastInteractive(user) : undefined;
      if (user.accountEnabled === false) {
        findings.push({ mailbox: name, accountId: user.id, signIn: 'blocked', licences, ...(last !== undefined ? { lastInteractiveSignIn: last?.toISOString() ?? null } : {}) });
        continue;
      }

      const parts = ['sign-in enabled'];
      if (last === undefined) parts.push('sign-in activity unavailable');
      else if (last === null) parts.push('no interactive sign-in recorded');
      else if (last >= since) {
        usedInteractively++;
        const days = daysBetween(last, options.now);
        parts.push(`last interactive sign-in ${isoDay(last)} (${count(days, 'day')} ago): people log in to it`);
      } else parts.push(`last interactive sign-in ${isoDay(last)}`);
      parts.push(licences.length ? `licensed: ${licences.join(', ')}` : 'no licence');
      affected.push({ type: 'mailbox', id: user.id, name, detail: parts.join('; ') });
      findings.push({ mailbox: name, accountId: user.id, signIn: 'enabled', licences, ...(last !== undefined ? { lastInteractiveSignIn: last?.toISOString() ?? null } : {}) });
    }

    const checked = mailboxes.length - onPremises.length;
    const blocked = findings.filter((f) => f.signIn === 'blocked').length;
    const evidence = evidenceOf(affected, {
      total: mailboxes.length,
      blocked,
      signInEnabled: affected.length,
      interactiveSignInWithinDays: windowDays,
      interactiveSignInSince: since.toISOString(),
      usedInteractively,
      signInActivityChecked: signInActivity.available,
      managedOnPremises: onPremises,
      unmatched: unknown,
      mailboxes: findings.slice(0, MAX_AFFECTED),
      ...(activityNote ? { note: activityNote } : {}),
    });

    const skipped = onPremises.length
      ? ` ${onPremises.length} synced from on-premises Active Directory ${onPremises.length === 1 ? 'was' : 'were'} skipped: block ${onPremises.length === 1 ? 'it' : 'them'} there.`
      : '';
    const unknownText = unknown.length
      ? ` ${unknown.length} could not be matched to a directory account, so ${unknown.length === 1 ? 'its' : 'their'} sign-in state is unknown.`
      : '';

    if (affected.length > 0) {
      const use = usedInteractively
        ? `; ${usedInteractively} of them ${usedInteractively === 1 ? 'was' : 'were'} signed in to interactively in the last ${windowDays} days, so people log in to ${usedInteractively === 1 ? 'it' : 'them'} directly`
        : '';
      return {
        status: 'fail',
        summary:
          `${affected.length} of ${checked} shared ${checked === 1 ? 'mailbox allows' : 'mailboxes allow'} direct sign-in${use}.` +
          unknownText +
          skipped +
          (activityNote ? ` ${activityNote}` : ''),
        evidence,
      };
    }
    if (unknown.length > 0) {
      return {
        status: 'not_assessed',
        summary:
          `${blocked} of ${checked} shared mailboxes have sign-in blocked; the other ${unknown.length === 1 ? 'one' : unknown.length}` +
          ` could not be matched to a directory account, so ${unknown.length === 1 ? 'its' : 'their'} sign-in state is unknown.` +
          skipped,
        evidence,
        reason: { kind: 'unsupported', detail: `no Entra account state for ${unknown.join('; ')}` },
      };
    }
    if (mailboxes.length === 0) {
      return { status: 'pass', summary: 'The tenant has no shared mailboxes.', evidence };
    }
    if (checked === 0) {
      // Nothing here shows the block; only the on-premises directory can.
      return {
        status: 'manual',
        summary: `${capitalize(everyOne(onPremises.length, 'shared mailbox', 'shared mailboxes'))} ${onPremises.length === 1 ? 'is' : 'are'} synced from on-premises Active Directory: confirm ${onPremises.length === 1 ? 'its account is' : 'their accounts are'} disabled there.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      summary: (checked === 1 ? 'The one shared mailbox checked has sign-in blocked.' : `${capitalize(everyOne(checked, 'shared mailbox', 'shared mailboxes'))} have sign-in blocked.`) + skipped,
      evidence,
    };
  },
});
