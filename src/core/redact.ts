const SECRET_PATTERNS: readonly RegExp[] = [
  /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, // JWTs (access and id tokens, signed assertions)
  /(bearer\s+)[^\s"',]+/gi,
  /ya29\.[\w-]+/g, // Google OAuth access tokens
  /1\/\/[\w-]{20,}/g, // Google refresh tokens
  /((?:client_secret|access_token|refresh_token|assertion|password|private_key)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

/** Secrets registered by whoever holds them (the CLI registers the client secret it read). */
const knownSecrets = new Set<string>();

/** Make a secret value unprintable in every reason, log line and error tenant-audit emits. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) knownSecrets.add(value);
}

/** Replace tokens, keys and registered secret values in a text with `[redacted]`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets) out = out.split(secret).join('[redacted]');
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (_match, prefix: unknown) => `${typeof prefix === 'string' ? prefix : ''}[redacted]`);
  }
  return out;
}
