import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { GoogleUser } from '../../datasets/google.js';
import { accountIdentifierSet, exemptionReason, googleUserIdentifiers, isActiveUser, isBreakGlass } from '../lib/accounts.js';
import { DAY_MS, daysBetween, isoDay } from '../lib/dates.js';
import { count, noneOf } from '../lib/text.js';

/** What the Directory API returns as lastLoginTime for a user who never logged in. */
const NEVER_LOGGED_IN = '1970-01-01T00:00:00.000Z';

/** The last login, `null` when the user never logged in, `undefined` when the snapshot lacks the field. */
function lastLogin(u: GoogleUser): Date | null | undefined {
  if (u.lastLoginTime === undefined) return undefined;
  const at = new Date(u.lastLoginTime);
  // Google answers the Unix epoch rather than omitting the field; treat any epoch-or-earlier time as never.
  if (u.lastLoginTime === NEVER_LOGGED_IN || Number.isNaN(at.getTime()) || at.getTime() <= 0) return null;
  return at;
}

/**
 * Accounts of people who have left must be suspended: an active user named on the HR departed list
 * (by primary email or any alias), or (unless it is a break-glass account or an exempt non-person
 * account) without a login for `thresholds.inactiveDays`, or never logged in though created before
 * that cutoff. An HR name that matches no account makes it at least `warn`. Without
 * `lastLoginTime` the inactivity part cannot run and the control never passes.
 */
export const googleAccountsDepartedStaff = defineControl({
  meta: {
    id: 'google.accounts.departed-staff',
    provider: 'google-workspace',
    title: 'Accounts of staff who have left are suspended',
    severity: 'high',
    hipaa: ['164.308(a)(3)(ii)(C)'],
    references: [
      'https://developers.google.com/workspace/admin/directory/reference/rest/v1/users',
      'https://support.google.com/a/answer/33312',
      'https://support.google.com/a/answer/9048836',
    ],
    datasets: ['google.users'],
    remediation:
      'For each account listed, confirm with the practice manager whether the person still works there. If not, in the Google Admin console go to Directory > Users, point to the person and choose More options > "Suspend user". Then transfer their Drive files and mail to their manager, and either archive the user (keeps the data without an active licence; needs Archived User licences) or delete the account once the data is safe. Make suspending the account part of the leaving checklist, on the last working day.',
  },
  evaluate: ({ data, options }) => {
    const { users } = data['google.users'];
    const now = options.now;
    const inactiveDays = options.thresholds.inactiveDays;
    const cutoff = new Date(now.getTime() - inactiveDays * DAY_MS);

    const reasons = new Map<string, string[]>();
    const addReason = (u: GoogleUser, why: string) => reasons.set(u.primaryEmail, [...(reasons.get(u.primaryEmail) ?? []), why]);

    const active = users.filter(isActiveUser);
    const exemptBreakGlass: string[] = [];
    const exemptNonPerson: { account: string; reason: string }[] = [];
    const lastLoginUnknown: string[] = [];
    let byInactivity = 0;
    let byHrList = 0;

    for (const u of active) {
      if (isBreakGlass(u, options.breakGlassAccounts)) {
        // Emergency-access accounts are meant to sit unused.
        exemptBreakGlass.push(u.primaryEmail);
        continue;
      }
      const exemption = exemptionReason(googleUserIdentifiers(u), options.exemptAccounts);
      if (exemption !== undefined) {
        // Scanners, rooms and service accounts have no person to leave; HR names still apply below.
        exemptNonPerson.push({ account: u.primaryEmail, reason: exemption });
        continue;
      }
      const last = lastLogin(u);
      if (last === undefined) {
        lastLoginUnknown.push(u.primaryEmail);
        continue;
      }
      const created = u.creationTime ? new Date(u.creationTime) : null;
      if (last) {
        if (last < cutoff) {
          addReason(u, `last login ${daysBetween(last, now)} days ago (${isoDay(last)})`);
          byInactivity++;
        }
      } else if (!created || created < cutoff) {
        // A new starter who has not logged in yet is not a leaver; an old account with no login is.
        addReason(u, `never logged in; ${created ? `created ${daysBetween(created, now)} days ago (${isoDay(created)})` : 'creation date unknown'}`);
        byInactivity++;
      }
    }

    // The HR list names people who left, by whatever address HR knows them: the primary email, an
    // alias, or a non-editable alias (Directory users.list aliases, nonEditableAliases).
    const byIdentifier = new Map<string, GoogleUser>();
    for (const u of users) for (const name of accountIdentifierSet(googleUserIdentifiers(u))) if (!byIdentifier.has(name)) byIdentifier.set(name, u);
    const hrList = [...new Map(options.departedStaff.map((e) => [e.trim().toLowerCase(), e.trim()])).entries()];
    const hrNotFound: string[] = [];
    let hrSuspended = 0;
    for (const [key, entry] of hrList) {
      const u = byIdentifier.get(key);
      if (!u) hrNotFound.push(entry);
      else if (!isActiveUser(u)) hrSuspended++;
      else {
        const asAlias = u.primaryEmail.toLowerCase() === key ? '' : ` (as ${entry})`;
        addReason(u, `on the HR departed-staff list${asAlias} but still active`);
        byHrList++;
      }
    }

    const affected: AffectedItem[] = active
      .filter((u) => reasons.has(u.primaryEmail))
      .map((u) => ({ type: 'user', id: u.id ?? u.primaryEmail, name: u.primaryEmail, detail: reasons.get(u.primaryEmail)!.join('; ') }));

    const inactivityNote = lastLoginUnknown.length
      ? `Inactivity could not be checked for ${lastLoginUnknown.length} of ${active.length} active users: the snapshot has no lastLoginTime for them.`
      : undefined;
    const evidence = evidenceOf(affected, {
      total: active.length,
      inactiveDays,
      inactiveSince: cutoff.toISOString(),
      inactive: byInactivity,
      onHrListStillActive: byHrList,
      hrListChecked: hrList.length,
      hrListSuspended: hrSuspended,
      hrListNotFound: hrNotFound,
      breakGlassExemptFromInactivity: exemptBreakGlass,
      exemptFromInactivity: exemptNonPerson,
      lastLoginUnknown,
      suspendedOrArchived: users.length - active.length,
      ...(inactivityNote ? { note: inactivityNote } : {}),
    });

    const notFoundSentence = hrNotFound.length
      ? `${count(hrNotFound.length, 'name')} on the HR departed-staff list ${hrNotFound.length === 1 ? 'matches' : 'match'} no account's address or alias (${hrNotFound.join(', ')}), so ${hrNotFound.length === 1 ? 'that person' : 'those people'} may still have an account under another name.`
      : '';
    const notFound = notFoundSentence ? ` ${notFoundSentence}` : '';
    const exemptNote = [
      exemptBreakGlass.length ? count(exemptBreakGlass.length, 'break-glass account') : '',
      exemptNonPerson.length ? count(exemptNonPerson.length, 'non-person account') : '',
    ].filter(Boolean);
    if (affected.length > 0) {
      const why = [
        byHrList ? `${byHrList} on the HR departed list` : '',
        byInactivity ? `${byInactivity} without a login for ${inactiveDays}+ days` : '',
      ].filter(Boolean);
      return {
        status: 'fail',
        summary:
          `${affected.length} of ${active.length} active accounts ${affected.length === 1 ? 'belongs' : 'belong'} to people who appear to have left: ${why.join(', ')}.` +
          (inactivityNote ? ` ${inactivityNote}` : '') +
          notFound,
        evidence,
      };
    }
    if (inactivityNote) {
      return {
        status: 'not_assessed',
        summary: `No active account is on the HR departed list or known to be inactive, but ${inactivityNote.charAt(0).toLowerCase()}${inactivityNote.slice(1)}${notFound}`,
        evidence,
        reason: {
          kind: 'schema',
          detail: 'the users data has no lastLoginTime for some active users',
          needs: ['users.list with lastLoginTime in the fields mask (scope admin.directory.user.readonly)'],
        },
      };
    }
    const clean =
      `${noneOf(active.length, 'active account', 'active accounts', `is on the HR departed list or without a login for ${inactiveDays} days`, `is neither on the HR departed list nor without a login for ${inactiveDays} days`)}` +
      (exemptNote.length ? ` (${exemptNote.join(' and ')} exempt from the login rule).` : '.');
    if (hrNotFound.length) {
      // An HR name that matches nothing may be a leaver whose account goes by another address.
      return { status: 'warn', summary: `${clean}${notFound}`, evidence };
    }
    return { status: 'pass', summary: clean, evidence };
  },
});
