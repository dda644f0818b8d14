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

/** What an Entra access token says about whom it was issued to, read without verifying it. */
export interface TokenIdentity {
  /** The tenant the token was issued in (`tid`). */
  tenantId?: string;
  /** The client application (`appid` in v1 tokens, `azp` in v2). */
  appId?: string;
  /** Whether it is an app-only token (`idtyp: app`, or no `scp`). */
  appOnly: boolean;
}

/**
 * The `tid` and `appid` claims of a JWT access token; undefined for a token that is not a JWT
 * (an opaque token cannot be read, so nothing can be checked against it).
 */
export function tokenIdentityOf(token: string): TokenIdentity | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { tid?: unknown; appid?: unknown; azp?: unknown; scp?: unknown; idtyp?: unknown };
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return undefined;
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    const tenantId = text(claims.tid);
    const appId = text(claims.appid) ?? text(claims.azp);
    return { ...(tenantId ? { tenantId } : {}), ...(appId ? { appId } : {}), appOnly: claims.scp === undefined && claims.idtyp !== 'user' };
  } catch {
    return undefined;
  }
}
