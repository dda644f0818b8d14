import type { TrainingCoverageDataset } from '../../datasets/m365.js';
import type { AffectedItem } from '../../core/model.js';
import { defineControl, evidenceOf } from '../define.js';
import { count } from '../lib/text.js';
import { isoDay } from '../lib/dates.js';
import { ago, answerDay, withinAYear } from './lib/answers.js';
import { attestationRef } from '../lib/attestations.js';

/**
 * What Defender for Office 365's attack simulation training shows: the people it assigned training
 * to, and those of them with no training completed in the last year (overdue or never finished).
 */
function defenderTraining(coverage: TrainingCoverageDataset, now: Date): { assigned: number; behind: AffectedItem[] } {
  const behind = coverage.userCoverage.flatMap((entry): AffectedItem[] => {
    const done = entry.userTrainings.some((training) => {
      const day = training.completionDateTime ? answerDay(training.completionDateTime) : undefined;
      return training.trainingStatus === 'completed' && day !== undefined && withinAYear(day, now);
    });
    if (done || entry.userTrainings.length === 0) return [];
    const user = entry.attackSimulationUser;
    const overdue = entry.userTrainings.some((training) => training.trainingStatus === 'overdue');
    return [{ type: 'user', id: user.userId ?? user.email ?? 'unknown', name: user.email ?? user.displayName ?? user.userId ?? 'unknown', detail: overdue ? 'training overdue in Defender for Office 365' : 'assigned training not completed in Defender for Office 365' }];
  });
  return { assigned: coverage.userCoverage.filter((entry) => entry.userTrainings.length > 0).length, behind };
}

/**
 * The whole workforce had security awareness training within the last year. It rests on
 * `attestations.securityTraining` ({ date, coverage, by }): within 12 months with 100% coverage
 * passes; older, or partial coverage, warns; none on record is `manual`. On Microsoft 365 with
 * Defender for Office 365 Plan 2, people whose assigned training is overdue or unfinished make it
 * warn even when the answer says everyone was trained; without Plan 2 the answer alone decides
 * (the training record is the practice's own, and most small practices train outside Defender).
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
    optionalDatasets: ['m365.trainingCoverage'],
    remediation:
      'Train every member of the workforce, management included, on security: spotting phishing, strong passwords and MFA, locking screens, handling patient information in email, and reporting incidents. Keep a record of who completed it and when. Then record the date and the share of staff who completed it as the securityTraining attestation (date, coverage, by), and repeat yearly and for new starters.',
  },
  evaluate: ({ data, unavailable, options }) => {
    const answer = options.attestations.securityTraining;
    const coverage = data['m365.trainingCoverage'];
    const defender = coverage ? defenderTraining(coverage, options.now) : undefined;
    const defenderFacts = defender
      ? { defenderTraining: { assignedUsers: defender.assigned, behind: defender.behind.length } }
      : unavailable['m365.trainingCoverage']
        ? { defenderTraining: `not read: ${unavailable['m365.trainingCoverage'].detail}` }
        : {};
    const behindSentence = defender?.behind.length
      ? ` Defender for Office 365 shows ${count(defender.behind.length, 'person', 'people')} whose assigned training is overdue or unfinished.`
      : '';
    if (!answer) {
      return {
        status: 'manual',
        summary: `No security awareness training is on record: record when staff were last trained and how many completed it (securityTraining attestation).${behindSentence}`,
        evidence: evidenceOf(defender?.behind ?? [], { attestation: 'not given', ...defenderFacts }),
      };
    }
    const day = answerDay(answer.date);
    const attestation = attestationRef('securityTraining', answer);
    const evidence = evidenceOf(defender?.behind ?? [], { securityTraining: { ...answer }, ...defenderFacts });
    if (!day || day.getTime() > options.now.getTime()) {
      return { status: 'warn', summary: `The training date on record (${answer.date}) is ${day ? 'in the future' : 'not a date'}.`, evidence, attestation };
    }
    const current = withinAYear(day, options.now);
    const everyone = answer.coverage >= 100;
    const when = `on ${isoDay(day)} (${ago(day, options.now)})`;
    if (current && everyone && !behindSentence) {
      return { status: 'pass', summary: `All staff completed security awareness training ${when}.`, evidence, attestation };
    }
    const gaps = [
      current ? '' : 'it was more than a year ago',
      everyone ? '' : `only ${answer.coverage}% of staff completed it`,
    ].filter(Boolean);
    return {
      status: 'warn',
      summary: gaps.length
        ? `Security awareness training was last done ${when}, but ${gaps.join(' and ')}.${behindSentence}`
        : `All staff are recorded as trained ${when}, but${behindSentence}`,
      evidence,
      attestation,
    };
  },
});
