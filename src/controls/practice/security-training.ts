import { defineControl, evidenceOf } from '../define.js';
import { isoDay } from '../lib/dates.js';
import { ago, answerDay, attestationRef, withinAYear } from './lib/answers.js';

/**
 * The whole workforce had security awareness training within the last year. It rests on
 * `attestations.securityTraining` ({ date, coverage, by }): within 12 months with 100% coverage
 * passes; older, or partial coverage, warns; none on record is `manual`.
 */
export const practiceSecurityTraining = defineControl({
  meta: {
    id: 'practice.security-training',
    provider: 'any',
    title: 'Everyone had security awareness training within the last year',
    severity: 'medium',
    hipaa: ['164.308(a)(5)(i)'],
    references: [
      'https://www.hhs.gov/hipaa/for-professionals/security/guidance/index.html',
      'https://www.cisa.gov/cybersecurity-training-exercises',
    ],
    datasets: [],
    remediation:
      'Train every member of the workforce, management included, on security: spotting phishing, strong passwords and MFA, locking screens, handling patient information in email, and reporting incidents. Keep a record of who completed it and when. Then record the date and the share of staff who completed it as the securityTraining attestation (date, coverage, by), and repeat yearly and for new starters.',
  },
  evaluate: ({ options }) => {
    const answer = options.attestations.securityTraining;
    if (!answer) {
      return {
        status: 'manual',
        summary: 'No security awareness training is on record: record when staff were last trained and how many completed it (securityTraining attestation).',
        evidence: evidenceOf([], { attestation: 'not given' }),
      };
    }
    const day = answerDay(answer.date);
    const attestation = attestationRef('securityTraining', answer);
    const evidence = evidenceOf([], { securityTraining: { ...answer } });
    if (!day || day.getTime() > options.now.getTime()) {
      return { status: 'warn', summary: `The training date on record (${answer.date}) is ${day ? 'in the future' : 'not a date'}.`, evidence, attestation };
    }
    const current = withinAYear(day, options.now);
    const everyone = answer.coverage >= 100;
    const when = `on ${isoDay(day)} (${ago(day, options.now)})`;
    if (current && everyone) {
      return { status: 'pass', summary: `All staff completed security awareness training ${when}.`, evidence, attestation };
    }
    const gaps = [
      current ? '' : 'it was more than a year ago',
      everyone ? '' : `only ${answer.coverage}% of staff completed it`,
    ].filter(Boolean);
    return {
      status: 'warn',
      summary: `Security awareness training was last done ${when}, but ${gaps.join(' and ')}.`,
      evidence,
      attestation,
    };
  },
});
