import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { LoginEvent } from '../../datasets/google.js';
import { exemptionReason, googleUserIdentifiers, isActiveUser, isBreakGlass } from '../lib/accounts.js';
import { SHARED_USE_WINDOW_HOURS, distinct, overlappingWindows, roleLikeNamesPhrase } from '../lib/shared-use.js';
import { roleNameMatcher } from '../../core/role-names.js';
import { capitalize, count, noneOf } from '../lib/text.js';

/** Most overlapping windows listed per account; the count stays exact. */
const MAX_WINDOWS = 5;

const DEVICE_NOTE =
  "Google's login audit events carry the IP address and region of each login but no device id, so devices cannot be told apart: one person on a phone's mobile network and an office PC also shows two addresses.";

/**
 * The regions of some logins: countries when they differ, else the subdivisions (US-WA, US-OR)
 * where Google gave them. Mixing the two levels would count "US" and "US-WA" as two places.
 */
function distinctRegions(logins: readonly LoginEvent[]): string[] {
  const countries = distinct(logins.map((e) => e.regionCode));
  if (countries.length >= 2) return countries;
  const subdivisions = distinct(logins.map((e) => e.subdivisionCode));
  return subdivisions.length ? subdivisions : countries;
}

/**
 * Each person needs their own login (unique user identification): an active account named like a
 * role (frontdesk@, billing@...) warns, and fails when its successful logins show several IP
 * addresses or regions within one shift.
 */
export const googleAccountsSharedUse = defineControl({
  meta: {
    id: 'google.accounts.shared-use',
    provider: 'google-workspace',
    title: 'No active account is a shared role login',
    severity: 'high',
    hipaa: ['164.312(a)(2)(i)'],
    references: [
      'https://support.google.com/a/answer/9325194',
      'https://support.google.com/a/answer/7223765',
      'https://support.google.com/mail/answer/138350',
      'https://developers.google.com/admin-sdk/reports/v1/guides/manage-audit-login',
    ],
    datasets: ['google.users', 'google.loginActivity'],
    remediation:
      'Give every person who uses the account their own Google Workspace account, then stop signing in to the shared one. If the role needs a common address (frontdesk@, billing@), make it a Google Group used as a collaborative inbox (Admin console > Groups > Create group; then in Google Groups open the group settings, under "Enable additional Google Groups features", choose Collaborative Inbox), add the staff who need it as members, and move the address to the group after suspending or deleting the old account. Alternatively, keep the mailbox and let named staff read and send from it with Gmail mail delegation (allow it in Admin console > Apps > Google Workspace > Gmail > User settings > Mail delegation; the mailbox owner then adds each person under Gmail Settings > See all settings > Accounts > Grant access to your account), after which nobody signs in to it directly: reset its password and keep it with the practice manager. Either way each person works with their own login, and the audit log shows who did what.',
  },
  evaluate: ({ data, options }) => {
    const roleLikeName = roleNameMatcher(options.sharedAccountNames);
    const { users } = data['google.users'];
    const activity = data['google.loginActivity'];
    // Exempt accounts are not people (a copier's scan-to-email, a room): a role-like name is expected there.
    const exempt: { account: string; reason: string }[] = [];
    const staff = users.filter((u) => {
      if (!isActiveUser(u) || isBreakGlass(u, options.breakGlassAccounts)) return false;
      const reason = exemptionReason(googleUserIdentifiers(u), options.exemptAccounts);
      if (reason !== undefined) exempt.push({ account: u.primaryEmail, reason });
      return reason === undefined;
    });

    const successByEmail = new Map<string, LoginEvent[]>();
    for (const e of activity.events) {
      if (e.eventName !== 'login_success') continue;
      const key = e.email.toLowerCase();
      successByEmail.set(key, [...(successByEmail.get(key) ?? []), e]);
    }

    const accounts = [];
    const affected: AffectedItem[] = [];
    let withSigns = 0;
    for (const u of staff) {
      const name = roleLikeName(u.primaryEmail);
      if (!name) continue;
      const logins = successByEmail.get(u.primaryEmail.toLowerCase()) ?? [];
      const ipAddresses = distinct(logins.map((e) => e.ipAddress));
      const regions = distinctRegions(logins);
      const windows = overlappingWindows(
        logins,
        (e) => e.time,
        (inWindow) => ({ ipAddresses: distinct(inWindow.map((e) => e.ipAddress)), regions: distinctRegions(inWindow) }),
      );
      if (windows.length) withSigns++;
      const first = windows[0];
      const detail =
        windows.length && first
          ? `role-like name "${name}"; ${count(logins.length, 'successful login')} from ${count(ipAddresses.length, 'IP address', 'IP addresses')} in ${count(regions.length, 'region')}; ` +
            `${count(windows.length, `window of ${SHARED_USE_WINDOW_HOURS} hours`, `windows of ${SHARED_USE_WINDOW_HOURS} hours`)} with several addresses or regions, first ${first.start} to ${first.end}: ` +
            `${first.ipAddresses.join(', ') || 'unknown addresses'}; ${first.regions.join(', ') || 'unknown regions'}`
          : `role-like name "${name}"; ${logins.length} successful logins, none showing several addresses or regions within ${SHARED_USE_WINDOW_HOURS} hours`;
      affected.push({ type: 'user', id: u.id ?? u.primaryEmail, name: u.primaryEmail, detail });
      accounts.push({
        primaryEmail: u.primaryEmail,
        matchedName: name,
        successfulLogins: logins.length,
        ipAddresses,
        regions,
        overlappingWindowCount: windows.length,
        overlappingWindows: windows.slice(0, MAX_WINDOWS),
      });
    }

    const partial = activity.truncated
      ? 'The login evidence is partial: the collector stopped at its page limit before the end of the log.'
      : undefined;
    const evidence = evidenceOf(affected, {
      total: staff.length,
      sharedAccountNames: options.sharedAccountNames,
      loginsSince: activity.since,
      windowHours: SHARED_USE_WINDOW_HOURS,
      accounts: accounts.slice(0, 50),
      deviceNote: DEVICE_NOTE,
      ...(exempt.length ? { exemptAccounts: exempt } : {}),
      ...(partial ? { loginsTruncated: true, note: partial } : {}),
    });
    const exemptNote = exempt.length ? ` ${capitalize(count(exempt.length, 'non-person account'))} listed as exempt ${exempt.length === 1 ? 'was' : 'were'} not checked.` : '';
    const tail = `${exemptNote}${partial ? ` ${partial}` : ''}`;

    if (affected.length === 0) {
      return {
        status: 'pass',
        summary: `${noneOf(staff.length, 'active staff account', 'active staff accounts', 'has a role-like name such as frontdesk@ or billing@', 'has no role-like name such as frontdesk@ or billing@')}.${tail}`,
        evidence,
      };
    }
    const { names, have } = roleLikeNamesPhrase(affected);
    if (withSigns > 0) {
      return {
        status: 'fail',
        summary: `${affected.length} of ${staff.length} active accounts ${have} (${names}); ${withSigns} logged in from several IP addresses or regions within ${SHARED_USE_WINDOW_HOURS} hours, a sign of a shared login.${tail}`,
        evidence,
      };
    }
    return {
      status: 'warn',
      summary: `${affected.length} of ${staff.length} active accounts ${have} (${names}) that suggest a shared login; no login since ${activity.since.slice(0, 10)} shows several IP addresses or regions within ${SHARED_USE_WINDOW_HOURS} hours.${tail}`,
      evidence,
    };
  },
});
