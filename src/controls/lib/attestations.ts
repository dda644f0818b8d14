// How a finding names the answer it rests on, so that a reader sees who said so and when.
import type { AttestationRef } from '../../core/model.js';
import { isoDay } from './dates.js';

/** " (attested by Dr Patel on 2026-03-31)", " (attested on 2026-03-31)" or "" for an answer. */
export function attestedBy(attestation: object | undefined): string {
  if (!attestation) return '';
  const answer = attestation as { by?: string; date?: string };
  const who = answer.by ? ` by ${answer.by}` : '';
  const when = answer.date ? ` on ${answer.date.slice(0, 10)}` : '';
  return who || when ? ` (attested${who}${when})` : ' (attested)';
}

/** The attestation reference a finding carries. */
export function attestationRef(name: string, given: object): AttestationRef {
  // Every answer form may carry who and when; older plain forms carry neither.
  const answer = given as { by?: string | undefined; date?: string | undefined };
  return { name, ...(answer.by ? { by: answer.by } : {}), ...(answer.date ? { date: isoDay(answerDay(answer.date)) } : {}) };
}

/** The day an answer's date names (a date alone is that day in UTC). */
function answerDay(date: string): Date {
  return new Date(date.length === 10 ? `${date}T00:00:00Z` : date);
}
