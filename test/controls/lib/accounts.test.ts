import { describe, expect, it } from 'vitest';
import { accountIdentifierSet, exemptionReason, googleUserIdentifiers } from '../../../src/controls/lib/accounts.js';

const exempt = [
  { account: 'Scanner@Clinic.example', reason: 'scan-to-email account of the copier' },
  { account: '7f3a9c1e-0000-4000-8000-000000000001', reason: 'directory sync service account' },
];

describe('exemptionReason', () => {
  it('matches any identifier of the account, in any case, and returns the reason', () => {
    expect(exemptionReason(['1001', 'frontdesk.copier@clinic.example', 'scanner@clinic.example'], exempt)).toBe('scan-to-email account of the copier');
    expect(exemptionReason(['7F3A9C1E-0000-4000-8000-000000000001', 'sync@clinic.example'], exempt)).toBe('directory sync service account');
  });

  it('ignores surrounding spaces and missing identifiers', () => {
    expect(exemptionReason([undefined, null, '  SCANNER@clinic.example '], exempt)).toBe('scan-to-email account of the copier');
  });

  it('is undefined for an account that is not listed, or when nothing is exempt', () => {
    expect(exemptionReason(['dr.patel@clinic.example'], exempt)).toBeUndefined();
    expect(exemptionReason(['scanner@clinic.example'], [])).toBeUndefined();
  });

  it('does not match on part of an address', () => {
    expect(exemptionReason(['scanner@clinic.example.org', 'old.scanner@clinic.example'], exempt)).toBeUndefined();
  });
});

describe('googleUserIdentifiers', () => {
  it('lists the id, primary email and both kinds of alias', () => {
    const names = googleUserIdentifiers({ id: '1001', primaryEmail: 'dr.patel@clinic.example', aliases: ['raj@clinic.example'], nonEditableAliases: ['dr.patel@clinic.example.test-google-a.com'] });
    expect(names).toEqual(['1001', 'dr.patel@clinic.example', 'raj@clinic.example', 'dr.patel@clinic.example.test-google-a.com']);
    expect([...accountIdentifierSet(['A@B.example', '', ' a@b.example '])]).toEqual(['a@b.example']);
  });
});
