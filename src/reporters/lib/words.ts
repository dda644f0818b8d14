import type { AttestationRef, Status, Summary } from '../../core/model.js';

/** How each status reads to a practice manager. */
export const STATUS_LABEL: Readonly<Record<Status, string>> = {
  fail: 'FAIL',
  warn: 'WARN',
  error: 'ERROR',
  not_assessed: 'NOT ASSESSED',
  manual: 'CHECK BY HAND',
  pass: 'PASS',
};

/** Gaps first, then what could not be judged, then what passed. */
export const STATUS_ORDER: readonly Status[] = ['fail', 'error', 'warn', 'not_assessed', 'manual', 'pass'];

/** "1 warning" / "3 warnings". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "15 passed, 1 failed, 1 warning, ... (16 checks)". */
export function summaryLine(summary: Summary): string {
  return (
    `${summary.pass} passed, ${summary.fail} failed, ${countOf(summary.warn, 'warning')}, ${summary.not_assessed} not assessed, ` +
    `${summary.manual} to check by hand, ${countOf(summary.error, 'error')} (${countOf(summary.total, 'check')})`
  );
}

/**
 * An instant in the reader's local time, to the second, with its offset from UTC:
 * `2026-12-05 09:10:12 (UTC+01:00)`. A practice manager reads local time, an auditor needs the offset.
 */
export function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const zone = offset === 0 ? 'UTC' : `UTC${offset > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} (${zone})`;
}

/** What each attestation answers, in the words a practice manager uses. */
const ANSWER_LABELS: Readonly<Record<string, string>> = {
  baaAccepted: 'Cloud provider’s BAA accepted',
  auditLogArchive: 'Audit log archive',
  emailTls: 'TLS required for email',
  emailEncryptionGateway: 'Email encryption gateway',
  riskAnalysis: 'Security risk analysis',
  securityTraining: 'Security awareness training',
  businessAssociates: 'Business associate agreements',
  backups: 'Backups and restore test',
};

/** An attestation's name in plain words ("Security risk analysis"), or its key when unknown. */
export function answerLabel(name: string): string {
  return ANSWER_LABELS[name] ?? name;
}

/**
 * "Rests on an answer, not on data: Security risk analysis (riskAnalysis), given by Dr A. Patel,
 * dated 2026-03-31." The key in brackets is where the answer lives in the configuration file.
 */
export function attestationLine(attestation: AttestationRef, options: { withWho?: boolean } = {}): string {
  const who = options.withWho === false ? '' : attestation.by ? `, given by ${attestation.by}` : ', no one named';
  const when = attestation.date ? `, dated ${attestation.date.slice(0, 10)}` : '';
  return `Rests on an answer, not on data any API shows: ${answerLabel(attestation.name)} (${attestation.name})${who}${when}.`;
}
