import { defineControl, evidenceOf } from '../define.js';
import { isoDay } from '../lib/dates.js';
import { ago, answerDay, withinAYear } from './lib/answers.js';
import { attestationRef } from '../lib/attestations.js';

/**
 * The practice has a current security risk analysis on record. No API shows one, so it rests on
 * `attestations.riskAnalysis` ({ date, by }): within 12 months passes; older warns (the rule asks
 * for an analysis kept current; yearly is best practice and part of the January 2025 proposed rule,
 * which is not in force); none on record is `manual`. Present in every report, whichever cloud.
 */
export const practiceRiskAnalysis = defineControl({
  meta: {
    id: 'practice.risk-analysis',
    provider: 'any',
    title: 'A security risk analysis was done within the last year',
    severity: 'high',
    hipaa: ['164.308(a)(1)(ii)(A)', '164.308(a)(1)(ii)(B)'],
    references: [
      'https://www.hhs.gov/hipaa/for-professionals/security/guidance/guidance-risk-analysis/index.html',
      'https://www.healthit.gov/topic/privacy-security-and-hipaa/security-risk-assessment-tool',
      'https://www.federalregister.gov/documents/2025/01/06/2024-30983/hipaa-security-rule-to-strengthen-the-cybersecurity-of-electronic-protected-health-information',
    ],
    datasets: [],
    remediation:
      "Do a security risk analysis of everything that holds patient information (the cloud tenant, computers and phones, the EHR, backups, paper workflows that become electronic): list the threats and weaknesses, how likely and how harmful each is, and what you will do about it. HHS and ONC's free Security Risk Assessment Tool (healthit.gov) walks a small practice through it. Keep the report, then record its date and who did it as the riskAnalysis attestation (date, by). Review it every year and whenever something changes (a new system, a move, an incident).",
  },
  evaluate: ({ options }) => {
    const answer = options.attestations.riskAnalysis;
    if (!answer) {
      return {
        status: 'manual',
        summary: 'No security risk analysis is on record: no API can show one, so record the date of your last risk analysis and who did it (riskAnalysis attestation).',
        evidence: evidenceOf([], { attestation: 'not given' }),
      };
    }
    const day = answerDay(answer.date);
    const attestation = attestationRef('riskAnalysis', answer);
    const by = answer.by ? ` by ${answer.by}` : '';
    const evidence = evidenceOf([], { riskAnalysis: { ...answer }, reviewedWithinAYear: day ? withinAYear(day, options.now) : false });
    if (!day || day.getTime() > options.now.getTime()) {
      return {
        status: 'warn',
        summary: `The risk analysis date on record (${answer.date}) is ${day ? 'in the future' : 'not a date'}, so it cannot show a current analysis.`,
        evidence,
        attestation,
      };
    }
    if (withinAYear(day, options.now)) {
      return {
        status: 'pass',
        summary: `The last security risk analysis was done on ${isoDay(day)}${by} (${ago(day, options.now)}), within the last year.`,
        evidence,
        attestation,
      };
    }
    return {
      status: 'warn',
      summary:
        `The last security risk analysis on record is from ${isoDay(day)}${by} (${ago(day, options.now)}). The Security Rule asks for an accurate analysis kept current; ` +
        'reviewing it every year is best practice, and the January 2025 proposed rule would require it (proposed, not in force).',
      evidence,
      attestation,
    };
  },
});
