import { defineControl, evidenceOf } from '../define.js';

/** What each `sharingCapability` allows (sharepointSettings resource page, Graph v1.0). */
const CAPABILITIES: Readonly<Record<string, string>> = {
  disabled: 'people can share only inside the organization',
  existingExternalUserSharingOnly: 'people can share only with guests already in the directory',
  externalUserSharingOnly: 'people can share with new and existing guests, who must sign in or enter a verification code',
  externalUserAndGuestSharing: 'people can share with anyone through links that need no sign-in ("Anyone" links)',
};

const NOT_IN_GRAPH =
  'Graph does not show the default sharing link type, guest access expiry or the expiry of "Anyone" links; check them in the SharePoint admin center (Policies > Sharing) or with Get-SPOTenant.';

/**
 * SharePoint and OneDrive do not allow "Anyone" links: the tenant-wide `sharingCapability` (which
 * caps every site and OneDrive) is not `externalUserAndGuestSharing`.
 */
export const sharingExternalLinks = defineControl({
  meta: {
    id: 'm365.sharing.external-links',
    provider: 'm365',
    title: 'SharePoint and OneDrive do not allow "Anyone" links',
    severity: 'high',
    hipaa: ['164.312(a)(1)', '164.308(a)(4)'],
    references: [
      'https://learn.microsoft.com/graph/api/resources/sharepointsettings?view=graph-rest-1.0',
      'https://learn.microsoft.com/graph/api/sharepointsettings-get?view=graph-rest-1.0',
      'https://learn.microsoft.com/sharepoint/turn-external-sharing-on-or-off',
      'CIS M365 7.2.3',
    ],
    datasets: ['m365.sharePointSettings'],
    remediation:
      'In the SharePoint admin center (go to admin.microsoft.com > Admin centers > SharePoint) open Policies > Sharing and move the SharePoint and OneDrive sliders below "Anyone" to "New and existing guests" (or "Existing guests" or "Only people in your organization"). Guests then have to sign in or enter a code, so every file shared outside the practice is tied to a person. While there, limit sharing to the domains of your partners if you can.',
  },
  evaluate: ({ data }) => {
    const settings = data['m365.sharePointSettings'];
    const capability = settings.sharingCapability;
    const meaning = CAPABILITIES[capability];
    const evidence = evidenceOf([], {
      sharingCapability: capability,
      ...(meaning ? { meaning } : {}),
      sharingDomainRestrictionMode: settings.sharingDomainRestrictionMode ?? null,
      sharingAllowedDomainList: settings.sharingAllowedDomainList ?? [],
      sharingBlockedDomainList: settings.sharingBlockedDomainList ?? [],
      isResharingByExternalUsersEnabled: settings.isResharingByExternalUsersEnabled ?? null,
      isRequireAcceptingUserToMatchInvitedUserEnabled: settings.isRequireAcceptingUserToMatchInvitedUserEnabled ?? null,
      notInGraph: NOT_IN_GRAPH,
    });
    if (capability === 'externalUserAndGuestSharing') {
      return {
        status: 'fail',
        summary: 'SharePoint and OneDrive allow "Anyone" links: a file shared that way opens for whoever has the link, without signing in.',
        evidence: { ...evidence, affected: [{ type: 'setting', id: 'sharingCapability', name: 'External sharing', detail: meaning! }], affectedCount: 1 },
      };
    }
    if (!meaning) {
      return {
        status: 'warn',
        summary: `SharePoint reports an external sharing level tenant-audit does not know ("${capability}"), so it cannot tell whether "Anyone" links are allowed.`,
        evidence,
      };
    }
    return {
      status: 'pass',
      summary: `SharePoint and OneDrive do not allow "Anyone" links: ${meaning}.`,
      evidence,
    };
  },
});
