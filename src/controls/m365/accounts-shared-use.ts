import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { SignIn } from '../../datasets/m365.js';
import { breakGlassNotFound, breakGlassOf, exemptionOf } from '../lib/accounts.js';
import { SHARED_USE_WINDOW_HOURS, distinct, overlappingWindows, roleLikeNamesPhrase } from '../lib/shared-use.js';
import { roleNameMatcher } from '../../core/role-names.js';
import { enabledMembers } from './lib/conditional-access.js';
import { capitalize, count, noneOf } from '../lib/text.js';

/** Most overlapping windows listed per account; the count stays exact. */
const MAX_WINDOWS = 5;

/**
 * What identifies the device of a sign-in (key) and how to show it (label): its Entra device id,
 * else, for unregistered devices whose deviceId is empty, name + OS + browser, the best left.
 */
function device(signIn: SignIn): { key: string; label: string } | undefined {
  const d = signIn.deviceDetail;
  if (!d) return undefined;
  if (d.deviceId) return { key: `id:${d.deviceId}`, label: d.displayName ? `${d.displayName} (${d.deviceId})` : d.deviceId };
  const parts = [d.displayName, d.operatingSystem, d.browser].filter(Boolean);
  return parts.length ? { key: `seen:${parts.join('/')}`, label: parts.join(' / ') } : undefined;
}

/** Labels of the distinct devices among some sign-ins. */
function distinctDevices(signIns: readonly SignIn[]): string[] {
  const byKey = new Map<string, string>();
  for (const s of signIns) {
    const d = device(s);
    if (d && !byKey.has(d.key)) byKey.set(d.key, d.label);
  }
  return [...byKey.values()];
}

/**
 * Each person needs their own login (unique user identification): an enabled account named like a
 * role (frontdesk@, billing@...) warns, and fails when its recent successful sign-ins show several
 * devices or IP addresses within one shift.
 */
export const accountsSharedUse = defineControl({
  meta: {
    id: 'm365.accounts.shared-use',
    provider: 'm365',
    title: 'No enabled account is a shared role login',
    severity: 'high',
    hipaa: ['164.312(a)(2)(i)'],
    references: [
      'https://learn.microsoft.com/microsoft-365/admin/email/about-shared-mailboxes',
      'https://learn.microsoft.com/microsoft-365/admin/email/create-a-shared-mailbox',
      'https://learn.microsoft.com/graph/api/resources/signin',
      'CIS M365 1.2.2',
    ],
    datasets: ['m365.users', 'm365.roleAccountSignIns'],
    remediation:
      'Give every person who uses the account their own Microsoft 365 account, then stop signing in to the shared one. If the role needs a common mailbox (frontdesk@, billing@), convert it to a shared mailbox in the Microsoft 365 admin center (Users > Active users > select the account > Mail > Convert to shared mailbox), grant the staff who need it "Read and manage" and "Send as" under Teams & groups > Shared mailboxes, and block sign-in for the account. For a shared workstation, use individual sign-ins on it rather than one role login.',
  },
  evaluate: ({ data, options }) => {
    const roleLikeName = roleNameMatcher(options.sharedAccountNames);
    const { users } = data['m365.users'];
    const signInData = data['m365.roleAccountSignIns'];
    const breakGlass = breakGlassOf(options.breakGlassAccounts);
    // Scanners, rooms and service accounts are not people: a role-like name is expected there.
    const exempt = enabledMembers(users).flatMap((u) => {
      const reason = exemptionOf(u, options.exemptAccounts);
      return reason ? [{ id: u.id, name: u.userPrincipalName, detail: reason }] : [];
    });
    const staff = enabledMembers(users).filter((u) => !breakGlass.matches(u) && !exemptionOf(u, options.exemptAccounts));
    const patterns = signInData.namePatterns.map((p) => p.toLowerCase());

    const accounts = [];
    const affected: AffectedItem[] = [];
    let withSigns = 0;
    const notCovered: string[] = [];

    for (const u of staff) {
      const name = roleLikeName(u.userPrincipalName);
      if (!name) continue;
      const upn = u.userPrincipalName.toLowerCase();
      // The collector filtered sign-ins by UPN prefix; other names have no sign-in evidence.
      const covered = patterns.some((p) => upn.startsWith(p));
      const successful = covered
        ? signInData.signIns.filter(
            (s) => s.status?.errorCode === 0 && (s.userId === u.id || s.userPrincipalName?.toLowerCase() === upn),
          )
        : [];
      const devices = distinctDevices(successful);
      const ipAddresses = distinct(successful.map((s) => s.ipAddress));
      const windows = overlappingWindows(
        successful,
        (s) => s.createdDateTime,
        (inWindow) => ({ devices: distinctDevices(inWindow), ipAddresses: distinct(inWindow.map((s) => s.ipAddress)) }),
      );
      if (windows.length) withSigns++;
      if (!covered) notCovered.push(u.userPrincipalName);

      const first = windows[0];
      const detail = !covered
        ? `role-like name "${name}"; judged on the name only: its sign-ins were not collected (not covered by the sign-in name filter)`
        : windows.length && first
          ? `role-like name "${name}"; ${count(successful.length, 'successful sign-in')} from ${count(devices.length, 'device')} and ${count(ipAddresses.length, 'IP address', 'IP addresses')}; ` +
            `${count(windows.length, `window of ${SHARED_USE_WINDOW_HOURS} hours`, `windows of ${SHARED_USE_WINDOW_HOURS} hours`)} with several devices or addresses, first ${first.start} to ${first.end}: ` +
            `${first.devices.join(', ') || 'unknown devices'}; ${first.ipAddresses.join(', ') || 'unknown addresses'}`
          : `role-like name "${name}"; ${successful.length} successful sign-ins, none showing several devices or addresses within ${SHARED_USE_WINDOW_HOURS} hours`;
      affected.push({ type: 'user', id: u.id, name: u.userPrincipalName, detail });
      accounts.push({
        id: u.id,
        userPrincipalName: u.userPrincipalName,
        matchedName: name,
        signInsCollected: covered,
        successfulSignIns: successful.length,
        devices,
        ipAddresses,
        overlappingWindowCount: windows.length,
        overlappingWindows: windows.slice(0, MAX_WINDOWS),
      });
    }

    const partial = signInData.truncated
      ? 'The sign-in evidence is partial: the collector stopped at its page limit before the end of the log.'
      : undefined;
    const evidence = evidenceOf(affected, {
      total: staff.length,
      sharedAccountNames: options.sharedAccountNames,
      signInNamePatterns: signInData.namePatterns,
      signInsSince: signInData.since,
      windowHours: SHARED_USE_WINDOW_HOURS,
      accounts: accounts.slice(0, 50),
      judgedOnNameOnly: notCovered,
      ...breakGlassNotFound(breakGlass, users),
      ...(exempt.length ? { exemptAccounts: exempt.map((e) => ({ account: e.name, reason: e.detail })) } : {}),
      ...(partial ? { signInsTruncated: true, note: partial } : {}),
    });
    const exemptNote = exempt.length
      ? `${capitalize(count(exempt.length, 'non-person account'))} listed as exempt ${exempt.length === 1 ? 'was' : 'were'} not checked.`
      : '';
    const caveats = [
      notCovered.length ? `${notCovered.length} could only be judged by name because their sign-ins were not collected.` : '',
      exemptNote,
      partial ?? '',
    ]
      .filter(Boolean)
      .join(' ');
    const tail = caveats ? ` ${caveats}` : '';

    if (affected.length === 0) {
      return {
        status: 'pass',
        summary: `${noneOf(staff.length, 'enabled staff account', 'enabled staff accounts', 'has a role-like name such as frontdesk@ or billing@', 'has no role-like name such as frontdesk@ or billing@')}.${tail}`,
        evidence,
      };
    }
    const { names, have } = roleLikeNamesPhrase(affected);
    if (withSigns > 0) {
      return {
        status: 'fail',
        summary: `${affected.length} of ${staff.length} enabled accounts ${have} (${names}); ${withSigns} signed in from several devices or IP addresses within ${SHARED_USE_WINDOW_HOURS} hours, a sign of a shared login.${tail}`,
        evidence,
      };
    }
    return {
      status: 'warn',
      summary: `${affected.length} of ${staff.length} enabled accounts ${have} (${names}) that suggest a shared login; no collected sign-in shows use from several devices or addresses within ${SHARED_USE_WINDOW_HOURS} hours.${tail}`,
      evidence,
    };
  },
});
