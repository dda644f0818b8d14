import type { ExemptAccount } from '../../core/options.js';
import type { GoogleUser } from '../../datasets/google.js';

// Account predicates used by controls of both clouds.

/** Any account's identifiers: Entra object id, UPN and mail addresses, or Google user id, primary email and aliases. */
export interface AccountIdentifiers {
  id?: string | undefined;
  userPrincipalName?: string | undefined;
  primaryEmail?: string | undefined;
  mail?: string | null | undefined;
  /** Entra `proxyAddresses` (`SMTP:`/`smtp:` prefixed). */
  proxyAddresses?: readonly string[] | null | undefined;
  /** Entra `otherMails`. */
  otherMails?: readonly string[] | null | undefined;
  /** Google aliases. */
  aliases?: readonly string[] | null | undefined;
  nonEditableAliases?: readonly string[] | null | undefined;
}

/**
 * Every name an account is known by, lower-cased: its id, UPN or primary email, mail, the SMTP
 * proxy addresses (without their `smtp:` prefix), other mails and aliases. An HR list or a
 * configuration file may name a person by any of them.
 */
export function identifiersOf(account: AccountIdentifiers): string[] {
  const names = [
    account.id,
    account.userPrincipalName,
    account.primaryEmail,
    account.mail,
    ...(account.proxyAddresses ?? []).filter((address) => /^smtp:/i.test(address)).map((address) => address.slice(5)),
    ...(account.otherMails ?? []),
    ...(account.aliases ?? []),
    ...(account.nonEditableAliases ?? []),
  ];
  return [...new Set(names.filter((name): name is string => typeof name === 'string' && name !== '').map((name) => name.trim().toLowerCase()))];
}

/** Configured break-glass accounts, resolved: users named directly, and members of groups named. */
export interface BreakGlass {
  /** Whether the account is a configured break-glass account (by any identifier, or as a member of a configured group). */
  matches(account: AccountIdentifiers): boolean;
  /** The configured entries that name no account among `accounts` and no group whose members are known. */
  unmatched(accounts: readonly AccountIdentifiers[]): string[];
}

/**
 * The break-glass accounts from their configuration entries (UPNs, e-mail addresses, object ids of
 * users, or object ids of groups whose members are the accounts). `groupMembers` holds the members
 * of the groups read (Microsoft 365: the Conditional Access dataset resolves every group a policy
 * names and every id in the break-glass list).
 */
export function breakGlassOf(entries: readonly string[], groupMembers: Readonly<Record<string, readonly string[]>> = {}): BreakGlass {
  const wanted = new Set(entries.map((entry) => entry.trim().toLowerCase()));
  const groups = entries.filter((entry) => Object.hasOwn(groupMembers, entry) || Object.hasOwn(groupMembers, entry.toLowerCase()));
  const viaGroups = new Set(groups.flatMap((group) => groupMembers[group] ?? groupMembers[group.toLowerCase()] ?? []).map((id) => id.toLowerCase()));
  return {
    matches: (account) => (account.id !== undefined && viaGroups.has(account.id.toLowerCase())) || identifiersOf(account).some((name) => wanted.has(name)),
    unmatched: (accounts) => {
      const known = new Set(accounts.flatMap(identifiersOf));
      const groupIds = new Set(groups.map((group) => group.toLowerCase()));
      return entries.filter((entry) => !known.has(entry.trim().toLowerCase()) && !groupIds.has(entry.trim().toLowerCase()));
    },
  };
}

/** Evidence naming the break-glass entries that match no account or group, so none is silently ignored. */
export function breakGlassNotFound(breakGlass: BreakGlass, accounts: readonly AccountIdentifiers[]): { breakGlassEntriesNotFound?: string[] } {
  const notFound = breakGlass.unmatched(accounts);
  return notFound.length ? { breakGlassEntriesNotFound: notFound } : {};
}

/**
 * Whether the account is one of the configured break-glass accounts: its id, UPN, primary email or
 * another address equals an entry, in any case.
 */
export function isBreakGlass(account: AccountIdentifiers, breakGlassAccounts: readonly string[]): boolean {
  return breakGlassOf(breakGlassAccounts).matches(account);
}

/**
 * The reason an account is exempt from person-only checks (it is a scanner, service, room or sync
 * account, not a person), or undefined. Matched by any identifier, in any case.
 */
export function exemptionOf(account: AccountIdentifiers, exemptAccounts: readonly ExemptAccount[]): string | undefined {
  if (exemptAccounts.length === 0) return undefined;
  const names = identifiersOf(account);
  return exemptAccounts.find((exempt) => names.includes(exempt.account.trim().toLowerCase()))?.reason;
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
