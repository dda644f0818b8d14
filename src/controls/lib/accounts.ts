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

/** Google Workspace: suspended and archived users cannot sign in; everyone else is active. */
export function isActiveUser(user: Pick<GoogleUser, 'suspended' | 'archived'>): boolean {
  return user.suspended !== true && user.archived !== true;
}
