import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { GraphUser } from '../../datasets/m365.js';
import { breakGlassNotFound, breakGlassOf, exemptionOf, identifiersOf } from '../lib/accounts.js';
import { DAY_MS, daysBetween, isoDay } from '../lib/dates.js';
import { count, noneOf } from '../lib/text.js';

/**
 * When the account was last used, from Graph's signInActivity.
 * `lastSuccessfulSignInDateTime` is preferred: `lastSignInDateTime` also records failed attempts,
 * so a password-spraying attacker would make a departed account look active. Graph only fills
 * the successful date from 1 December 2023 (not backfilled), so a null there means no successful
 * sign-in since then. Only when the property is absent altogether (a snapshot that did not
 * select it) do we fall back to the interactive `lastSignInDateTime`.
 * https://learn.microsoft.com/graph/api/resources/signinactivity
 */
function lastSignIn(user: GraphUser): { at: Date | null; field: 'lastSuccessfulSignInDateTime' | 'lastSignInDateTime' } {
  const activity = user.signInActivity;
  if (activity && activity.lastSuccessfulSignInDateTime !== undefined) {
    const at = activity.lastSuccessfulSignInDateTime;
    return { at: at ? new Date(at) : null, field: 'lastSuccessfulSignInDateTime' };
  }
  const at = activity?.lastSignInDateTime;
  return { at: at ? new Date(at) : null, field: 'lastSignInDateTime' };
}

/**
 * Enabled accounts of people who have left must be disabled: an enabled member past its
 * `employeeLeaveDateTime`, named on the HR departed list, or (unless it is a break-glass account)
 * without a successful sign-in for `thresholds.inactiveDays`. Without sign-in activity the
 * inactivity part is skipped and the control never passes.
 */
export const accountsDepartedStaff = defineControl({
  meta: {
    id: 'm365.accounts.departed-staff',
    provider: 'm365',
    title: 'Accounts of staff who have left are disabled',
    severity: 'high',
    hipaa: ['164.308(a)(3)(ii)(C)'],
    references: [
      'https://learn.microsoft.com/entra/identity/monitoring-health/howto-manage-inactive-user-accounts',
      'https://learn.microsoft.com/graph/api/resources/signinactivity',
      'https://learn.microsoft.com/microsoft-365/admin/add-users/remove-former-employee',
    ],
    datasets: ['m365.users'],
    // Break-glass accounts named by group need the group's members (read with the policies).
    optionalDatasets: ['m365.conditionalAccess'],
    fields: ['m365.users.employeeLeaveDateTime', 'm365.users.signInActivity'],
    remediation:
      'For each account listed, confirm with the practice manager whether the person still works there. If not, in the Microsoft 365 admin center go to Users > Active users, select the person and choose "Block sign-in", then "Sign out of all sessions"; convert the mailbox to a shared mailbox or hand it to their manager before removing the licence. Make disabling the account part of the leaving checklist, on the last working day.',
  },
  evaluate: ({ data, options }) => {
    const { users, signInActivity } = data['m365.users'];
    const now = options.now;
    const inactiveDays = options.thresholds.inactiveDays;
    const cutoff = new Date(now.getTime() - inactiveDays * DAY_MS);
    const canCheckInactivity = signInActivity.available;

    // accountEnabled null is unusual; only an explicit false shows the account cannot sign in.
    const isEnabled = (u: GraphUser) => u.accountEnabled !== false;
    const isMember = (u: GraphUser) => u.userType !== 'Guest';

    const reasons = new Map<string, string[]>();
    const addReason = (u: GraphUser, why: string) => reasons.set(u.id, [...(reasons.get(u.id) ?? []), why]);

    const members = users.filter((u) => isEnabled(u) && isMember(u));
    const breakGlass = breakGlassOf(options.breakGlassAccounts, data['m365.conditionalAccess']?.groupMembers);
    const exemptBreakGlass: string[] = [];
    const exempt: AffectedItem[] = [];
    let byLeaveDate = 0;
    let byInactivity = 0;
    let byHrList = 0;

    for (const u of members) {
      if (u.employeeLeaveDateTime) {
        const leftOn = new Date(u.employeeLeaveDateTime);
        if (leftOn.getTime() <= now.getTime()) {
          addReason(u, `left on ${isoDay(leftOn)} (employeeLeaveDateTime) but the account is still enabled`);
          byLeaveDate++;
        }
      }
      if (!canCheckInactivity) continue;
      if (breakGlass.matches(u)) {
        // Emergency-access accounts are meant to sit unused.
        exemptBreakGlass.push(u.userPrincipalName);
        continue;
      }
      const exemption = exemptionOf(u, options.exemptAccounts);
      if (exemption) {
        // Scanners, rooms and service accounts are not people: inactivity says nothing of a leaver.
        exempt.push({ type: 'user', id: u.id, name: u.userPrincipalName, detail: exemption });
        continue;
      }
      const last = lastSignIn(u);
      const created = u.createdDateTime ? new Date(u.createdDateTime) : null;
      if (last.at) {
        if (last.at < cutoff) {
          const what = last.field === 'lastSuccessfulSignInDateTime' ? 'last successful sign-in' : 'last sign-in attempt';
          addReason(u, `${what} ${daysBetween(last.at, now)} days ago (${isoDay(last.at)})`);
          byInactivity++;
        }
      } else if (!created || created < cutoff) {
        // A new starter who has not signed in yet is not a leaver; an old account with no sign-in is.
        const age = created ? `created ${daysBetween(created, now)} days ago` : 'creation date unknown';
        const attempted = u.signInActivity?.lastSignInDateTime;
        addReason(
          u,
          attempted
            ? `no successful sign-in recorded (last attempt ${isoDay(new Date(attempted))}); ${age}`
            : `never signed in; ${age}`,
        );
        byInactivity++;
      }
    }

    // The HR list names people who left, by whatever address HR has: the UPN, the primary mail,
    // another SMTP proxy address (an alias, another domain) or one of the user's other mails.
    // Their accounts must be disabled whatever their type.
    const byUpn = new Map<string, GraphUser>();
    for (const u of users) for (const name of identifiersOf(u)) if (!byUpn.has(name)) byUpn.set(name, u);
    const hrNotFound: string[] = [];
    let hrDisabled = 0;
    const hrEnabledNonMembers: GraphUser[] = [];
    const hrList = [...new Map(options.departedStaff.map((e) => [e.trim().toLowerCase(), e.trim()])).entries()];
    for (const [key, entry] of hrList) {
      const u = byUpn.get(key);
      if (!u) {
        hrNotFound.push(entry);
      } else if (!isEnabled(u)) {
        hrDisabled++;
      } else {
        addReason(u, 'on the HR departed-staff list but still enabled');
        byHrList++;
        if (!isMember(u)) hrEnabledNonMembers.push(u);
      }
    }

    const examined = [...members, ...hrEnabledNonMembers];
    const affected: AffectedItem[] = examined
      .filter((u) => reasons.has(u.id))
      .map((u) => ({
        type: 'user',
        id: u.id,
        name: u.userPrincipalName,
        detail: reasons.get(u.id)!.join('; '),
      }));

    const inactivityNote = canCheckInactivity
      ? undefined
      : `Inactivity was not checked: sign-in activity could not be read (${signInActivity.reason.detail}).`;
    const leaveDates = data['m365.users'].leaveDates;
    const leaveDatesUnreadable = leaveDates?.available === false;
    const leaveDateNote = leaveDatesUnreadable ? `Leave dates were not checked: ${leaveDates.detail ?? 'employeeLeaveDateTime could not be read'}.` : undefined;
    const evidence = evidenceOf(affected, {
      total: examined.length,
      inactiveDays,
      inactiveSince: cutoff.toISOString(),
      inactivityChecked: canCheckInactivity,
      signInDateUsed: 'lastSuccessfulSignInDateTime (lastSignInDateTime only when the former was not collected)',
      pastLeaveDate: byLeaveDate,
      inactive: byInactivity,
      onHrListStillEnabled: byHrList,
      hrListChecked: hrList.length,
      hrListDisabled: hrDisabled,
      hrListNotFound: hrNotFound,
      ...breakGlassNotFound(breakGlass, users),
      breakGlassExemptFromInactivity: exemptBreakGlass,
      exemptFromInactivity: exempt,
      guestsNotChecked: users.filter((u) => isEnabled(u) && !isMember(u)).length - hrEnabledNonMembers.length,
      leaveDatesChecked: !leaveDatesUnreadable,
      ...(inactivityNote || leaveDateNote ? { note: [inactivityNote, leaveDateNote].filter(Boolean).join(' ') } : {}),
    });

    const notFound = hrNotFound.length ? ` ${count(hrNotFound.length, 'name')} on the HR list ${hrNotFound.length === 1 ? 'matches' : 'match'} no account (${hrNotFound.join(', ')}).` : '';
    if (affected.length > 0) {
      const why = [
        byLeaveDate ? `${byLeaveDate} past the leave date` : '',
        byHrList ? `${byHrList} on the HR departed list` : '',
        byInactivity ? `${byInactivity} without a sign-in for ${inactiveDays}+ days` : '',
      ].filter(Boolean);
      return {
        status: 'fail',
        summary:
          `${affected.length} of ${examined.length} enabled accounts ${affected.length === 1 ? 'belongs' : 'belong'} to people who appear to have left: ${why.join(', ')}.` +
          (inactivityNote ? ` ${inactivityNote}` : '') +
          (leaveDateNote ? ` ${leaveDateNote}` : '') +
          notFound,
        evidence,
      };
    }
    if (leaveDatesUnreadable) {
      return {
        status: 'not_assessed',
        summary:
          `No enabled account is on the HR list${canCheckInactivity ? ` or without a sign-in for ${inactiveDays} days` : ''}, but leave dates could not be read: ${leaveDates.detail ?? 'employeeLeaveDateTime was unavailable'}.` +
          notFound,
        evidence,
        reason: {
          kind: 'permission',
          detail: leaveDates.detail ?? 'employeeLeaveDateTime was unavailable',
          needs: ['Graph application permission User-LifeCycleInfo.Read.All'],
        },
      };
    }
    if (!canCheckInactivity) {
      const reason = signInActivity.reason;
      return {
        status: 'not_assessed',
        summary:
          `No enabled account is past its leave date or on the HR list, but inactive accounts could not be checked: ` +
          `sign-in activity could not be read (${reason.detail}).` +
          notFound,
        evidence,
        reason: {
          kind: reason.kind,
          detail: reason.detail,
          needs: reason.needs ?? ['AuditLog.Read.All', 'Microsoft Entra ID P1'],
        },
      };
    }
    const exemptions = [
      exemptBreakGlass.length ? count(exemptBreakGlass.length, 'break-glass account') : '',
      exempt.length ? count(exempt.length, 'exempt non-person account') : '',
    ].filter(Boolean);
    const clean =
      `${noneOf(examined.length, 'enabled account', 'enabled accounts', `is past a leave date, on the HR departed list, or without a sign-in for ${inactiveDays} days`, `is neither past a leave date, nor on the HR departed list, nor without a sign-in for ${inactiveDays} days`)}` +
      (exemptions.length ? ` (${exemptions.join(' and ')} exempt from the sign-in rule).` : '.');
    if (hrNotFound.length > 0) {
      // A leaver HR names who matches no account may be under another name: it cannot be cleared.
      return {
        status: 'warn',
        summary: `${clean}${notFound} Check whether ${hrNotFound.length === 1 ? 'that person has' : 'those people have'} an account under another name.`,
        evidence: evidenceOf(
          hrNotFound.map((entry) => ({ type: 'hrEntry', id: entry, detail: 'on the HR departed list; matches no user by UPN, mail, proxy address or other mail' })),
          { ...evidence },
        ),
        remediation:
          'For each name on the HR list that matches no account, find the person in Entra ID (Users, search by name) and check their account is disabled; if they never had an account, remove them from the list. Give HR the address the account signs in with.',
      };
    }
    return { status: 'pass', summary: clean, evidence };
  },
});
