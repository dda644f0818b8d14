import { defineControl, evidenceOf } from '../define.js';
import type { AffectedItem } from '../../core/model.js';
import type { RegistrationDetailsDataset } from '../../datasets/m365.js';
import { breakGlassNotFound, breakGlassOf, exemptionOf } from '../lib/accounts.js';
import { capitalize, count, everyOne } from '../lib/text.js';
import { enabledMembers } from './lib/conditional-access.js';

type Registration = RegistrationDetailsDataset['registrations'][number];

/** Why a user is not MFA capable, in plain words. */
function whyNotCapable(registration: Registration | undefined): string {
  if (!registration) return 'no MFA registration record';
  if (registration.isMfaCapable == null) return 'MFA capability not reported';
  const methods = registration.methodsRegistered ?? [];
  return `no usable MFA method (registered: ${methods.length ? methods.join(', ') : 'none'})`;
}

/**
 * Every enabled member is MFA capable per Entra's registration details (`isMfaCapable`: registered
 * for a strong method the authentication methods policy allows). A member without a registration
 * record counts as not capable. Break-glass accounts are not staff and do not fail the check,
 * but one without an MFA method is a `warn`: Microsoft's mandatory MFA for admin portals means an
 * emergency account needs a passkey (FIDO2) or certificate to be usable at all.
 */
export const mfaRegistered = defineControl({
  meta: {
    id: 'm365.mfa.registered',
    provider: 'm365',
    title: 'Every user is registered for MFA',
    severity: 'high',
    hipaa: ['164.312(d)'],
    references: [
      'https://learn.microsoft.com/graph/api/resources/userregistrationdetails',
      'https://learn.microsoft.com/entra/identity/authentication/howto-authentication-methods-activity',
      'https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access',
      'CIS M365 5.2.3.4',
    ],
    datasets: ['m365.users', 'm365.registrationDetails'],
    // Break-glass accounts named by group need the group's members (read with the policies).
    optionalDatasets: ['m365.conditionalAccess'],
    remediation:
      'Ask each listed person to go to https://aka.ms/mysecurityinfo and add the Microsoft Authenticator app (or a passkey/security key), then sign in once with it. To make registration unavoidable, add a Conditional Access policy for "Register security information" or rely on the MFA policy, which prompts people to register at their next sign-in. If someone has left, block their sign-in instead. For break-glass accounts, register a FIDO2 security key (passkey) kept in the safe, as Microsoft recommends.',
  },
  evaluate: ({ data, options }) => {
    const users = enabledMembers(data['m365.users'].users);
    const total = users.length;
    const registrations = data['m365.registrationDetails'].registrations;

    if (total === 0) {
      return {
        status: 'not_assessed',
        summary: 'No enabled member accounts were found, so MFA registration could not be checked.',
        evidence: evidenceOf([], { total }),
        reason: { kind: 'unsupported', detail: 'the users dataset contains no enabled member accounts' },
      };
    }
    if (registrations.length === 0) {
      // The report lists every user, registered or not; an empty report means it was not generated.
      return {
        status: 'not_assessed',
        summary: `The MFA registration report returned no records, so the registration of ${count(total, 'enabled user')} could not be checked.`,
        evidence: evidenceOf([], { total }),
        reason: {
          kind: 'unsupported',
          detail: 'the user registration details report is empty; Microsoft fills it in the background, so a new tenant may need a day',
        },
      };
    }

    const byId = new Map(registrations.map((registration) => [registration.id, registration]));
    const breakGlassAccounts = breakGlassOf(options.breakGlassAccounts, data['m365.conditionalAccess']?.groupMembers);
    const staff: AffectedItem[] = [];
    const breakGlass: AffectedItem[] = [];
    const exempt: AffectedItem[] = [];
    let withoutRecord = 0;
    for (const user of users) {
      const registration = byId.get(user.id);
      if (registration?.isMfaCapable === true) continue;
      if (!registration) withoutRecord++;
      const item = { type: 'user', id: user.id, name: user.userPrincipalName, detail: whyNotCapable(registration) };
      if (breakGlassAccounts.matches(user)) {
        breakGlass.push(item);
        continue;
      }
      // A scanner or room account has no person to register a method; MFA enforcement still applies to it.
      const exemption = exemptionOf(user, options.exemptAccounts);
      if (exemption) exempt.push({ ...item, detail: `${item.detail}; exempt: ${exemption}` });
      else staff.push(item);
    }
    const facts = { total, withoutRecord, breakGlassNotCapable: breakGlass, exemptNotCapable: exempt, ...breakGlassNotFound(breakGlassAccounts, data['m365.users'].users) };

    if (staff.length > 0) {
      return {
        status: 'fail',
        summary: `${staff.length} of ${count(total, 'enabled user')} ${staff.length === 1 ? 'is' : 'are'} not registered for MFA.`,
        evidence: evidenceOf(staff, facts),
      };
    }
    if (breakGlass.length > 0) {
      return {
        status: 'warn',
        summary: `Every enabled staff account is registered for MFA, but ${count(breakGlass.length, 'break-glass account')} ${breakGlass.length === 1 ? 'has' : 'have'} no MFA method and may not work in an emergency.`,
        evidence: evidenceOf(breakGlass, facts),
        remediation:
          'Register a FIDO2 security key (passkey) or certificate-based authentication on each break-glass account and keep it in the safe: Microsoft now requires MFA to reach its admin portals, so an emergency account with only a password may not get in when it is needed.',
      };
    }
    if (exempt.length > 0) {
      const people = total - exempt.length;
      return {
        status: 'pass',
        summary:
          `${capitalize(everyOne(people, 'enabled staff account'))} ${people === 1 ? 'is' : 'are'} registered for MFA; ` +
          `${count(exempt.length, 'non-person account')} listed as exempt ${exempt.length === 1 ? 'has' : 'have'} no MFA method and ${exempt.length === 1 ? 'was' : 'were'} not counted (MFA enforcement still applies to ${exempt.length === 1 ? 'it' : 'them'}).`,
        evidence: evidenceOf(exempt, facts),
      };
    }
    return {
      status: 'pass',
      summary: `${capitalize(everyOne(total, 'enabled user'))} ${total === 1 ? 'is' : 'are'} registered for MFA.`,
      evidence: evidenceOf([], facts),
    };
  },
});
