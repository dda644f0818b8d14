const SECRET_PATTERNS: readonly RegExp[] = [
  /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, // JWTs (access and id tokens, signed assertions)
  /(bearer\s+)[^\s"',]+/gi,
  /ya29\.[\w-]+/g, // Google OAuth access tokens
  /1\/\/[\w-]{20,}/g, // Google refresh tokens
  /((?:client_secret|access_token|refresh_token|assertion|password|private_key)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];
/** A cheap test that a text might hold one of the patterns, so most strings skip the replacements. */
const MAYBE_SECRET = /eyJ|bearer|ya29\.|1\/\/|client_secret|access_token|refresh_token|assertion|password|private_key|PRIVATE KEY/i;

/** Shorter values would redact ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** Secrets registered for the life of the process (users' own, and what the CLI reads). */
const permanent = new Set<string>();
/** Secrets of work in progress (the tokens of audits now running); each set leaves when its scope closes. */
const scoped = new Set<Set<string>>();

/** Make a secret value unprintable in every reason, log line, report and error tenant-audit emits. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) permanent.add(value);
}

/**
 * The secrets of one piece of work (the access tokens of one tenant's audit): redacted everywhere
 * while the scope is open, forgotten when it closes, so a long sweep does not accumulate them.
 */
export class SecretScope {
  private readonly values = new Set<string>();

  constructor() {
    scoped.add(this.values);
  }

  /** Redact this value from now until the scope closes. */
  add(value: string | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.values.add(value);
  }

  close(): void {
    scoped.delete(this.values);
  }
}

function* knownSecrets(): Generator<string> {
  yield* permanent;
  for (const values of scoped) yield* values;
}

/** Replace tokens, keys and registered secret values in a text with `[redacted]`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets()) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  if (!MAYBE_SECRET.test(out)) return out;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (_match, prefix: unknown) => `${typeof prefix === 'string' ? prefix : ''}[redacted]`);
  }
  return out;
}

/**
 * A copy of any JSON-like value with every string redacted (object keys included): for data a
 * service returned, which can echo a header or a secret back in any field.
 */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = redactDeep(item);
      if (next !== item) changed = true;
      return next;
    });
    return (changed ? out : value) as T;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const safeKey = redact(key);
      const next = redactDeep(item);
      if (next !== item || safeKey !== key) changed = true;
      out[safeKey] = next;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

/**
 * `value` as indented JSON with every secret redacted, for files written to disk. One pass of
 * {@link redact} over the whole text: walking every string of a large snapshot costs far more
 * (about 50 ms for a 50-user tenant while a sweep's other audits hold their tokens). It walks
 * instead (redactDeep) when a known secret has characters JSON escapes (the text would not show
 * it as registered), or when a redaction cut through an escape and left the text invalid JSON.
 */
export function redactedJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  const escaped = [...knownSecrets()].some((secret) => JSON.stringify(secret).length !== secret.length + 2);
  if (!escaped) {
    const out = redact(text);
    if (out === text) return out;
    try {
      JSON.parse(out);
      return out;
    } catch {
      // a pattern cut through an escape sequence: walk the value instead
    }
  }
  return JSON.stringify(redactDeep(value), null, 2);
}
