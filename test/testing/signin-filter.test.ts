import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, parseSignInFilter } from '../../src/testing/m365/graph/signin-filter.js';
import type { SignInEvent } from '../../src/testing/index.js';

const event = (userPrincipalName: string, createdDateTime: string): SignInEvent =>
  ({ userPrincipalName, createdDateTime, userDisplayName: '', userId: 'u', appDisplayName: 'OfficeHome', appId: 'a', ipAddress: '203.0.113.1' }) as SignInEvent;

const frontDeskRecent = event('FrontDesk@clinic.example', '2026-11-05T08:00:00Z');
const receptionRecent = event('reception.kiosk@clinic.example', '2026-11-02T08:00:00Z');
const frontDeskOld = event('frontdesk@clinic.example', '2026-10-30T08:00:00Z');
const nurse = event('nurse@clinic.example', '2026-11-05T08:00:00Z');
const all = [frontDeskRecent, receptionRecent, frontDeskOld, nurse];

describe('the sign-in $filter parser', () => {
  it.each([
    [
      "createdDateTime ge 2026-11-01T00:00:00Z and (startswith(userPrincipalName,'frontdesk') or startswith(userPrincipalName,'reception'))",
      [frontDeskRecent, receptionRecent],
    ],
    ["CreatedDateTime GE 2026-11-01T00:00:00Z AND (startsWith(userPrincipalName, 'FRONTDESK') OR startswith(userPrincipalName,'reception'))", [frontDeskRecent, receptionRecent]],
    ["startswith(userPrincipalName,'frontdesk')", [frontDeskRecent, frontDeskOld]],
    ['createdDateTime lt 2026-11-01T00:00:00Z', [frontDeskOld]],
    ['createdDateTime ge 2026-11-02T09:00:00+01:00', [frontDeskRecent, receptionRecent, nurse]],
    ["userPrincipalName eq 'nurse@clinic.example' or (createdDateTime le 2026-10-31T00:00:00Z)", [frontDeskOld, nurse]],
    ["startswith(userPrincipalName,'o''brien')", []],
  ])('%s', (filter, expected) => {
    expect(all.filter(parseSignInFilter(filter))).toEqual(expected);
  });

  it.each([
    '',
    "endswith(userPrincipalName,'x')",
    "createdDateTime ge '2026-11-01'",
    'createdDateTime ge 2026-11-01',
    "userPrincipalName ne 'x'",
    "startswith(userPrincipalName,'x'",
    "(startswith(userPrincipalName,'x')",
    "startswith(userPrincipalName,'x') and",
    "startswith(userPrincipalName,'x') extra",
    "status/errorCode eq 0",
    "userPrincipalName eq 'unterminated",
  ])('refuses %j', (filter) => {
    expect(() => parseSignInFilter(filter)).toThrow(FilterSyntaxError);
  });
});
