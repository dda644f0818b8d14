import { describe, expect, it } from 'vitest';
import { findingFingerprint } from '../../src/core/fingerprint.js';
import { evaluate } from '../../src/engine/runner.js';
import { baselineSnapshot } from '../fixtures/m365-snapshot.js';
import { NOW } from '../fixtures/m365-baseline.js';

describe('finding fingerprints', () => {
  it('are the same for the same snapshot evaluated twice, and distinct per control', () => {
    const first = evaluate(baselineSnapshot(), { now: NOW, breakGlassAccounts: ['breakglass@contoso-clinic.example'] });
    const second = evaluate(baselineSnapshot(), { now: NOW });
    expect(first.findings.map((finding) => finding.fingerprint)).toEqual(second.findings.map((finding) => finding.fingerprint));
    expect(new Set(first.findings.map((finding) => finding.fingerprint)).size).toBe(first.findings.length);
    // A changed verdict keeps the fingerprint: it names the control on the tenant, not the outcome.
    const mfaEnforced = (report: typeof first) => report.findings.find((finding) => finding.controlId === 'm365.mfa.enforced')!;
    expect(mfaEnforced(first).status).not.toBe(mfaEnforced(second).status);
    expect(mfaEnforced(first).fingerprint).toBe(mfaEnforced(second).fingerprint);
  });

  it('differ between tenants and clouds, and ignore the case of a tenant domain', () => {
    const base = findingFingerprint({ provider: 'm365', tenantId: 'contoso.onmicrosoft.com' }, 'm365.mfa.enforced');
    expect(findingFingerprint({ provider: 'm365', tenantId: 'Contoso.OnMicrosoft.com' }, 'm365.mfa.enforced')).toBe(base);
    expect(findingFingerprint({ provider: 'm365', tenantId: 'fabrikam.onmicrosoft.com' }, 'm365.mfa.enforced')).not.toBe(base);
    expect(findingFingerprint({ provider: 'google-workspace', tenantId: 'contoso.onmicrosoft.com' }, 'm365.mfa.enforced')).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
  });
});
