import { describe, expect, it } from 'vitest';
import { redact, redactedJson, registerSecret } from '../../src/core/redact.js';

describe('redact', () => {
  it('removes JWTs, bearer tokens and secret-looking parameters', () => {
    const jwt = 'eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.c2ln';
    const text = `token ${jwt} Authorization: Bearer abc.def client_secret=s3cr3t-value&x=1 "password": "hunter22"`;
    const out = redact(text);
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('abc.def');
    expect(out).not.toContain('s3cr3t-value');
    expect(out).not.toContain('hunter22');
    expect(out).toContain('[redacted]');
  });

  it('removes a registered secret wherever it appears', () => {
    registerSecret('canary-Qx7~secret');
    expect(redact('AADSTS7000215: Invalid client secret canary-Qx7~secret provided')).not.toContain('canary-Qx7~secret');
  });

  it('removes Google access and refresh tokens', () => {
    const out = redact('token ya29.a0AfB_byC-canary_token and refresh 1//0gCanaryRefreshTokenValue123456');
    expect(out).not.toContain('a0AfB_byC-canary_token');
    expect(out).not.toContain('CanaryRefreshTokenValue');
  });

  it('removes PEM private keys', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----';
    expect(redact(`key: ${pem}`)).not.toContain('MIIEv');
  });
});

describe('redactedJson (files a sweep writes)', () => {
  it('redacts a registered secret, a token and a key anywhere in the value, and stays valid JSON', () => {
    registerSecret('Zq8~sweep-file-secret.value');
    const value = {
      note: 'echoed Zq8~sweep-file-secret.value back',
      nested: [{ header: 'Bearer abc.def-ghi' }, { jwt: 'eyJhbGciOi.eyJzdWIiOiIx.sig-nature' }],
      key: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----',
      ordinary: 'passwordPolicies: DisablePasswordExpiration',
    };
    const text = redactedJson(value);
    const parsed = JSON.parse(text) as typeof value;
    expect(text).not.toContain('sweep-file-secret');
    expect(text).not.toContain('abc.def-ghi');
    expect(text).not.toContain('eyJzdWIiOiIx');
    expect(text).not.toContain('MIIEvQIBADANBg');
    expect(parsed.ordinary).toBe(value.ordinary);
  });

  it('never leaves broken JSON when a redaction would cut through an escape', () => {
    const value = { header: 'Bearer abc\\"def' };
    expect(() => JSON.parse(redactedJson(value))).not.toThrow();
    expect(redactedJson(value)).not.toContain('abc');
  });

  it('finds a registered secret that JSON would escape, by walking the value', () => {
    registerSecret('quote"in\\secret');
    const text = redactedJson({ echoed: 'x quote"in\\secret y' });
    expect(JSON.parse(text)).toEqual({ echoed: 'x [redacted] y' });
  });
});
