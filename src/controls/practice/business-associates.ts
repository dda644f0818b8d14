import type { Attestations } from '../../core/options.js';
import type { AffectedItem } from '../../core/model.js';
import { defineControl, evidenceOf } from '../define.js';
import { count } from '../lib/text.js';
import { attestationRef } from './lib/answers.js';

type Associate = NonNullable<Attestations['businessAssociates']>[number];

/** The kinds of associate nearly every small practice has, and how to recognise them in `service`. */
const EXPECTED: readonly { kind: 'it' | 'backup' | 'ehr'; label: string; pattern: RegExp }[] = [
  { kind: 'it', label: 'the IT provider', pattern: /\b(it|msp|managed (it|services?)|it support|computer support|helpdesk|help desk)\b/i },
  { kind: 'backup', label: 'the backup vendor', pattern: /\bbackups?\b/i },
  { kind: 'ehr', label: 'the EHR or practice-management vendor', pattern: /\b(ehr|emr|electronic (health|medical) records?|practice management|pms)\b/i },
];

function kindOf(associate: Associate): string {
  return associate.kind ?? EXPECTED.find((expected) => expected.pattern.test(associate.service))?.kind ?? 'other';
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
    remediation:
      'List every vendor that creates, receives, keeps or sends patient information for the practice: the IT provider (who can reach your systems), the backup service, the EHR and billing services, the cloud provider itself, and any app connected to your mail or files. Make sure each has signed a business associate agreement, keep the signed copies, and record each one as a businessAssociates attestation (name, service, kind, baaDate).',
  },
  evaluate: ({ options }) => {
    const associates = options.attestations.businessAssociates;
    if (!associates || associates.length === 0) {
      return {
        status: 'manual',
        summary: 'No business associate agreements are on record: list your IT provider, backup vendor, EHR and other vendors with the date each BAA was signed (businessAssociates attestation).',
        evidence: evidenceOf([], { attestation: 'not given' }),
      };
    }
    const listed = associates.map((associate) => ({ ...associate, kind: kindOf(associate) }));
    const missing = EXPECTED.filter((expected) => !listed.some((associate) => associate.kind === expected.kind));
    const evidence = evidenceOf(
      missing.map((expected): AffectedItem => ({ type: 'associateKind', id: expected.kind, name: expected.label, detail: 'no business associate of this kind is listed' })),
      { businessAssociates: listed },
    );
    const latest = [...associates].sort((a, b) => b.baaDate.localeCompare(a.baaDate))[0]!;
    const attestation = attestationRef('businessAssociates', { date: latest.baaDate });
    if (missing.length > 0) {
      return {
        status: 'warn',
        summary:
          `${count(associates.length, 'business associate')} ${associates.length === 1 ? 'is' : 'are'} on record, but not ${missing.map((expected) => expected.label).join(', ')}: ` +
          'nearly every practice has one; list it with its BAA date, or its kind if the service does not say.',
        evidence,
        attestation,
      };
    }
    return {
      status: 'pass',
      summary: `BAAs are on record for ${count(associates.length, 'business associate')}, including the IT provider, the backup vendor and the EHR.`,
      evidence,
      attestation,
    };
  },
});
