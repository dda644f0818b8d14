import { describe, expect, it } from 'vitest';
import { redact, registerSecret } from '../../src/core/redact.js';

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
