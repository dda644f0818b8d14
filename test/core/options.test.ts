import { describe, expect, it } from 'vitest';
import { ConfigError, resolveEvaluateOptions } from '../../src/core/options.js';
import { validateTarget } from '../../src/providers/index.js';

const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3600_000 }) };

describe('evaluate options', () => {
  it('applies the documented defaults', () => {
    const options = resolveEvaluateOptions({});
    expect(options.thresholds).toEqual({ inactiveDays: 45, idleTimeoutMinutes: 60, auditRetentionYears: 6, sessionHours: 12, screenLockMinutes: 15 });
    expect(options.breakGlassAccounts).toEqual([]);
    expect(options.sharedAccountNames).toContain('frontdesk');
  });

  it('names the bad field in a threshold error', () => {
    expect(() => resolveEvaluateOptions({ thresholds: { inactiveDays: -3 } })).toThrowError(
      expect.objectContaining({ name: 'ConfigError', field: 'options.thresholds.inactiveDays' }),
    );
  });

  it('rejects an attestation date that does not exist, naming the field, rather than rolling it over', () => {
    for (const date of ['2026-13-45', '2026-02-30', '2026-04-31']) {
      expect(() => resolveEvaluateOptions({ attestations: { riskAnalysis: { date, by: 'Dr A. Patel' } } })).toThrowError(
        expect.objectContaining({ name: 'ConfigError', field: 'options.attestations.riskAnalysis.date' }),
      );
    }
    expect(resolveEvaluateOptions({ attestations: { riskAnalysis: { date: '2024-02-29', by: 'Dr A. Patel' } } }).attestations.riskAnalysis?.date).toBe('2024-02-29');
  });

  it('rejects unknown option names rather than ignoring a typo', () => {
    expect(() => resolveEvaluateOptions({ breakglassAccounts: ['x'] } as never)).toThrowError(ConfigError);
  });
});

describe('targets', () => {
  it('accepts a tenant GUID or domain with a TokenCredential', () => {
    expect(validateTarget({ provider: 'm365', tenantId: 'contoso.onmicrosoft.com', credential })).toMatchObject({ tenantId: 'contoso.onmicrosoft.com' });
    expect(() => validateTarget({ provider: 'm365', tenantId: '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', credential })).not.toThrow();
  });

  it('names tenantId when it is neither a GUID nor a domain', () => {
    expect(() => validateTarget({ provider: 'm365', tenantId: 'not a tenant', credential })).toThrowError(
      expect.objectContaining({ field: 'target.tenantId' }),
    );
  });

  it('names credential when it cannot give tokens', () => {
    expect(() => validateTarget({ provider: 'm365', tenantId: 'contoso.com', credential: { secret: 'x' } })).toThrowError(
      expect.objectContaining({ field: 'target.credential' }),
    );
  });

  it('names provider when it is unknown', () => {
    expect(() => validateTarget({ provider: 'aws' })).toThrowError(expect.objectContaining({ field: 'target.provider' }));
  });
});
