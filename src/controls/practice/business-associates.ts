import type { Attestations } from '../../core/options.js';
import type { AffectedItem, Reason } from '../../core/model.js';
import type { ConsentedApp, ConsentedAppsDataset } from '../../datasets/m365.js';
import { defineControl, evidenceOf } from '../define.js';
import { count } from '../lib/text.js';
import { attestationRef } from '../lib/attestations.js';

type Associate = NonNullable<Attestations['businessAssociates']>[number];

/** The kinds of associate nearly every small practice has, and how to recognise them in `service`. */
const EXPECTED: readonly { kind: 'it' | 'backup' | 'ehr'; label: string; patterns: readonly RegExp[] }[] = [
  // "IT" only in capitals: the pronoun "it" appears in any description ("hosts it", "keeps it").
  { kind: 'it', label: 'the IT provider', patterns: [/\bIT\b/, /\b(msp|managed (it|services?)|it support|computer support|helpdesk|help desk)\b/i] },
  { kind: 'backup', label: 'the backup vendor', patterns: [/\bbackups?\b/i] },
  { kind: 'ehr', label: 'the EHR or practice-management vendor', patterns: [/\b(ehr|emr|electronic (health|medical) records?|practice management|pms)\b/i] },
];

/**
 * The tenant that publishes Microsoft's own apps. Graph does not document it, but every first-party
 * service principal carries it; those apps are Microsoft's services, covered by Microsoft's own
 * terms (the baaAccepted attestation), not vendors of the practice's.
 */
/** Where Google's admins see the apps that were given domain-wide access; no API lists them. */
const GOOGLE_DELEGATION_PAGE = 'Admin console > Security > Access and data control > API controls > Manage Domain Wide Delegation';

const MICROSOFT_APPS_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/** Apps from other publishers that an admin let reach everyone's mail, files or sites. */
function thirdPartyDataApps(dataset: ConsentedAppsDataset): ConsentedApp[] {
  return dataset.apps.filter((app) => app.dataAccessPermissions.length > 0 && app.appOwnerOrganizationId !== MICROSOFT_APPS_TENANT);
}

/** Whether a listed associate's BAA names the app (its application id, object id or display name). */
function coveredBy(app: ConsentedApp, associates: readonly Associate[]): Associate | undefined {
  const names = [app.appId, app.servicePrincipalId, app.displayName].filter((name): name is string => !!name).map((name) => name.toLowerCase());
  return associates.find((associate) => (associate.covers ?? []).some((entry) => names.includes(entry.toLowerCase())));
}

function appItem(app: ConsentedApp): AffectedItem {
  return {
    type: 'app',
    id: app.appId ?? app.servicePrincipalId,
    name: app.displayName ?? app.appId ?? app.servicePrincipalId,
    detail: `tenant-wide access to ${app.dataAccessPermissions.join(', ')}; no business associate on record covers it`,
  };
}

/** The sentence about connected apps that could not be listed, naming what to grant. */
function appsUnreadSentence(reason: Reason): string {
  const needs = reason.needs?.length ? ` (it needs ${reason.needs.join(' and ')})` : '';
  return `The apps connected to the practice's mail and files could not be listed${needs}, so vendors reached only through an app are unchecked.`;
}

function kindOf(associate: Associate): string {
  return associate.kind ?? EXPECTED.find((expected) => expected.patterns.some((pattern) => pattern.test(associate.service)))?.kind ?? 'other';
}

/**
 * Every business associate that creates, receives, keeps or sends patient information for the
 * practice (the IT provider, the backup vendor, the EHR...) has a signed BAA on record. It rests on
 * `attestations.businessAssociates` ([{ name, service, kind?, baaDate }]): a list naming the IT
 * provider, the backup vendor and the EHR passes; one of them missing warns; no list is `manual`.
 */
export const practiceBusinessAssociates = defineControl({
  meta: {
    id: 'practice.business-associates',
    provider: 'any',
    title: 'Every vendor that handles patient information has a signed BAA',
    severity: 'high',
    hipaa: ['164.308(b)(1)', '164.308(b)(3)', '164.314(a)'],
    references: [
      'https://www.hhs.gov/hipaa/for-professionals/covered-entities/sample-business-associate-agreement-provisions/index.html',
      'https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/business-associates/index.html',
    ],
    datasets: [],
    // On Microsoft 365 the apps an admin let reach everyone's mail or files show vendors the list may miss.
    optionalDatasets: ['m365.consentedApps'],
    remediation:
      'List every vendor that creates, receives, keeps or sends patient information for the practice: the IT provider (who can reach your systems), the backup service, the EHR and billing services, the cloud provider itself, and any app connected to your mail or files. Make sure each has signed a business associate agreement, keep the signed copies, and record each one as a businessAssociates attestation (name, service, kind, baaDate).',
  },
  evaluate: ({ data, unavailable, options }) => {
    const associates = options.attestations.businessAssociates ?? [];
    const consented = data['m365.consentedApps'];
    const appsUnread = unavailable['m365.consentedApps'];
    const uncovered = consented ? thirdPartyDataApps(consented).filter((app) => !coveredBy(app, associates)) : [];
    const appFacts = consented
      ? { connectedApps: thirdPartyDataApps(consented).map((app) => ({ name: app.displayName, appId: app.appId, access: app.dataAccessPermissions, coveredBy: coveredBy(app, associates)?.name ?? null })) }
      : appsUnread
        ? { connectedApps: `not listed: ${appsUnread.detail}` }
        : {};
    const appSentence = uncovered.length
      ? ` ${count(uncovered.length, 'connected app')} from another vendor ${uncovered.length === 1 ? 'has' : 'have'} tenant-wide access to mail or files (${uncovered.map((app) => app.displayName ?? app.appId).join(', ')}): confirm a BAA covers ${uncovered.length === 1 ? 'that vendor' : 'each vendor'} and name ${uncovered.length === 1 ? 'it' : 'them'} in that associate's covers list.`
      : '';

    if (associates.length === 0) {
      return {
        status: 'manual',
        summary: `No business associate agreements are on record: list your IT provider, backup vendor, EHR and other vendors with the date each BAA was signed (businessAssociates attestation).${appSentence}`,
        evidence: evidenceOf(uncovered.map(appItem), { attestation: 'not given', ...appFacts }),
      };
    }
    const listed = associates.map((associate) => ({ ...associate, kind: kindOf(associate) }));
    const missing = EXPECTED.filter((expected) => !listed.some((associate) => associate.kind === expected.kind));
    const evidence = evidenceOf(
      [
        ...missing.map((expected): AffectedItem => ({ type: 'associateKind', id: expected.kind, name: expected.label, detail: 'no business associate of this kind is listed' })),
        ...uncovered.map(appItem),
      ],
      { businessAssociates: listed, ...appFacts },
    );
    const latest = [...associates].sort((a, b) => b.baaDate.localeCompare(a.baaDate))[0]!;
    const attestation = attestationRef('businessAssociates', { date: latest.baaDate });
    const onRecord = `${count(associates.length, 'business associate')} ${associates.length === 1 ? 'is' : 'are'} on record`;
    const gaps = [
      missing.length ? `${onRecord}, but not ${missing.map((expected) => expected.label).join(', ')}: nearly every practice has one; list it with its BAA date, or its kind if the service does not say.` : '',
      appSentence.trim(),
      // Never a pass on a partial view: an app the list cannot show may be the vendor without a BAA.
      appsUnread ? appsUnreadSentence(appsUnread) : '',
    ].filter(Boolean);
    if (gaps.length > 0) {
      return {
        status: 'warn',
        summary: `${missing.length ? '' : `${onRecord}. `}${gaps.join(' ')}`,
        evidence,
        attestation,
      };
    }
    const checkedApps = consented
      ? ' No app from another vendor reaches mail or files without one.'
      : // No connected-apps dataset exists for this cloud (Google has no API for domain-wide delegation).
        ` The apps given access to mail or files cannot be listed through this cloud's API, so check them by hand (on Google Workspace: ${GOOGLE_DELEGATION_PAGE}): each should belong to a listed associate.`;
    return {
      status: 'pass',
      summary: `BAAs are on record for ${count(associates.length, 'business associate')}, including the IT provider, the backup vendor and the EHR.${checkedApps}`,
      evidence,
      attestation,
    };
  },
});
