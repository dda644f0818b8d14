import type { GoogleUser, InboundSsoAssignment, InboundSsoDataset } from '../../../datasets/google.js';
import { OrgUnitPolicies, pathAndAncestors, userOrgUnitPath } from './org-unit-policies.js';

// Where a Google Workspace user signs in: at Google, or at a third-party identity provider through
// an inbound SSO profile (Cloud Identity inboundSsoAssignments). Sources:
// - inboundSsoAssignments reference (https://cloud.google.com/identity/docs/reference/rest/v1/inboundSsoAssignments):
//   an OU assignment applies to the OU and the OUs below it unless one of them has its own ("only
//   'set' assignments are listed"); the innermost enclosing OU wins; a group assignment with the
//   lowest rank wins over OU assignments for its members.
// - "How 2-Step Verification works with third-party IdPs" (https://support.google.com/a/answer/9464354):
//   with SSO, Google's 2SV does not apply to sign-ins through the IdP by default; "Super
//   administrators don't use SSO when signing in to their administrator accounts."
// - SignInBehavior `redirectCondition: NEVER`: sign-in screens do not send users to the IdP, so
//   they sign in at Google.

/** Modes that send users to a third-party identity provider. */
const SSO_MODES: ReadonlySet<string> = new Set(['SAML_SSO', 'OIDC_SSO', 'DOMAIN_WIDE_SAML_IF_ENABLED']);

/** Whether an assignment sends its users to a third-party identity provider when they sign in. */
export function redirectsToIdentityProvider(assignment: InboundSsoAssignment): boolean {
  return SSO_MODES.has(assignment.ssoMode ?? '') && assignment.signInBehavior?.redirectCondition !== 'NEVER';
}

/** How a user signs in. */
export type SignInRoute =
  | { kind: 'google'; why: string }
  | { kind: 'sso'; identityProvider: string; assignment: string; orgUnitPath: string };

/** A group assignment that sends its members (not collected) to an identity provider. */
export interface GroupSsoAssignment {
  assignment: string;
  group: string;
  identityProvider: string;
}

/** The identity provider an assignment names, by its profile's display name where known. */
function identityProviderOf(assignment: InboundSsoAssignment, sso: InboundSsoDataset): string {
  if (assignment.ssoMode === 'DOMAIN_WIDE_SAML_IF_ENABLED') return "the organisation's legacy SSO profile";
  const profileName = assignment.samlSsoInfo?.inboundSamlSsoProfile ?? assignment.oidcSsoInfo?.inboundOidcSsoProfile;
  if (!profileName) return 'an SSO profile';
  const profile = [...sso.samlProfiles, ...sso.oidcProfiles].find((candidate) => candidate.name === profileName);
  return profile?.displayName ? `${profile.displayName} (${profileName})` : profileName;
}

/** Resolves each user's sign-in route from a snapshot's inbound SSO assignments. Build once per control run. */
export class SignInRoutes {
  private readonly byPath = new Map<string, InboundSsoAssignment>();
  /** OU assignments whose OU the org unit list lacks (a deleted OU), left out. */
  readonly unplaced: { assignment: string; orgUnit: string }[] = [];
  /** Group assignments that send their members to an identity provider. */
  readonly groupSso: GroupSsoAssignment[];

  constructor(
    private readonly sso: InboundSsoDataset,
    resolver: OrgUnitPolicies,
  ) {
    for (const assignment of sso.assignments) {
      if (!assignment.targetOrgUnit) continue;
      const path = resolver.pathOf(assignment.targetOrgUnit);
      if (path === undefined) this.unplaced.push({ assignment: assignment.name, orgUnit: assignment.targetOrgUnit });
      else this.byPath.set(path.toLowerCase(), assignment);
    }
    this.groupSso = sso.assignments
      .filter((assignment) => assignment.targetGroup && redirectsToIdentityProvider(assignment))
      .map((assignment) => ({ assignment: assignment.name, group: assignment.targetGroup!, identityProvider: identityProviderOf(assignment, sso) }));
  }

  /** The route of one active user: super administrators always sign in at Google. */
  routeOf(user: GoogleUser): SignInRoute {
    if (user.isAdmin === true) return { kind: 'google', why: 'super administrators do not sign in through SSO' };
    for (const path of pathAndAncestors(userOrgUnitPath(user))) {
      const assignment = this.byPath.get(path.toLowerCase());
      if (!assignment) continue;
      if (redirectsToIdentityProvider(assignment)) {
        return { kind: 'sso', identityProvider: identityProviderOf(assignment, this.sso), assignment: assignment.name, orgUnitPath: path };
      }
      const why =
        assignment.signInBehavior?.redirectCondition === 'NEVER' && SSO_MODES.has(assignment.ssoMode ?? '')
          ? `the SSO assignment on ${path} never redirects to the identity provider`
          : `SSO is off for ${path}`;
      return { kind: 'google', why };
    }
    return { kind: 'google', why: 'no SSO assignment applies' };
  }
}
