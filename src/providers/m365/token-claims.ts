// What an Entra access token says about the app's grants, read without verifying (the service verifies).

const MANAGE_AS_APP = 'Exchange.ManageAsApp';

/** The `roles` of an app-only JWT; undefined for an unreadable or delegated (user) token. */
export function appRolesOf(token: string): string[] | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown; scp?: unknown; idtyp?: unknown };
    if (claims === null || typeof claims !== 'object') return undefined;
    // A delegated token carries the user's rights (scp), not the app's: roles say nothing then.
    if (claims.scp !== undefined || claims.idtyp === 'user') return undefined;
    return Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
  } catch {
    return undefined;
  }
}

/** Whether a token's roles show the Exchange.ManageAsApp grant (undefined when the token cannot tell). */
export function hasManageAsApp(roles: readonly string[] | undefined): boolean | undefined {
  return roles === undefined ? undefined : roles.includes(MANAGE_AS_APP);
}
