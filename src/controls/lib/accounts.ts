import type { ExemptAccount } from '../../core/options.js';
import type { GoogleUser } from '../../datasets/google.js';

// Account predicates used by controls of both clouds.

/** Any account's identifiers: Entra object id and UPN, or Google user id and primary email. */
export interface AccountIdentifiers {
  id?: string | undefined;
  userPrincipalName?: string | undefined;
  primaryEmail?: string | undefined;
}

/**
 * Whether the account is one of the configured break-glass accounts: its id, UPN or primary
 * email equals an entry, in any case.
 */
export function isBreakGlass(account: AccountIdentifiers, breakGlassAccounts: readonly string[]): boolean {
  const names = [account.id, account.userPrincipalName, account.primaryEmail]
    .filter((name): name is string => name !== undefined)
    .map((name) => name.toLowerCase());
  return breakGlassAccounts.some((entry) => names.includes(entry.toLowerCase()));
}

/** An identifier as entries are compared: trimmed, lower case. */
const comparable = (identifier: string) => identifier.trim().toLowerCase();

/**
 * Every name an account is known by, ready to compare with configured entries: whatever the cloud
 * offers (object id, UPN, mail, proxy addresses without their `smtp:` prefix, or Google's id,
 * primary email and aliases). Empty and missing values are dropped.
 */
export function accountIdentifierSet(identifiers: Iterable<string | null | undefined>): ReadonlySet<string> {
  const set = new Set<string>();
  for (const identifier of identifiers) if (typeof identifier === 'string' && identifier.trim() !== '') set.add(comparable(identifier));
  return set;
}

/**
 * The reason an account is exempt from person-only checks (it is a scanner, service, room or
 * other non-person account listed in `exemptAccounts`), or undefined when it is not listed. An
 * entry matches when its `account` equals any of the account's identifiers, in any case.
 *
 * @example
 * exemptionReason([user.id, user.primaryEmail, ...(user.aliases ?? [])], options.exemptAccounts)
 * // → 'scan-to-email account of the front-desk copier'
 */
export function exemptionReason(identifiers: Iterable<string | null | undefined>, exemptAccounts: readonly ExemptAccount[]): string | undefined {
  if (exemptAccounts.length === 0) return undefined;
  const names = accountIdentifierSet(identifiers);
  return exemptAccounts.find((entry) => names.has(comparable(entry.account)))?.reason;
}

/** Google Workspace: suspended and archived users cannot sign in; everyone else is active. */
export function isActiveUser(user: Pick<GoogleUser, 'suspended' | 'archived'>): boolean {
  return user.suspended !== true && user.archived !== true;
}

/** Every address and id a Google user is known by: id, primary email, aliases and non-editable aliases. */
export function googleUserIdentifiers(user: Pick<GoogleUser, 'id' | 'primaryEmail' | 'aliases' | 'nonEditableAliases'>): string[] {
  return [user.id, user.primaryEmail, ...(user.aliases ?? []), ...(user.nonEditableAliases ?? [])].filter((name): name is string => typeof name === 'string');
}
