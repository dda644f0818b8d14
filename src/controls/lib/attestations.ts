// How a finding names the answer it rests on, so that a reader sees who said so and when.

/** " (attested by Dr Patel on 2026-03-31)", " (attested on 2026-03-31)" or "" for an answer. */
export function attestedBy(attestation: object | undefined): string {
  if (!attestation) return '';
  const answer = attestation as { by?: string; date?: string };
  const who = answer.by ? ` by ${answer.by}` : '';
  const when = answer.date ? ` on ${answer.date.slice(0, 10)}` : '';
  return who || when ? ` (attested${who}${when})` : ' (attested)';
}
