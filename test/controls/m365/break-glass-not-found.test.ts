import { describe, expect, it } from 'vitest';
import { accountsDepartedStaff } from '../../../src/controls/m365/accounts-departed-staff.js';
import { accountsSharedUse } from '../../../src/controls/m365/accounts-shared-use.js';
import { mfaAdmins } from '../../../src/controls/m365/mfa-admins.js';
import { mfaLegacyAuthBlocked } from '../../../src/controls/m365/mfa-legacy-auth-blocked.js';
import { mfaRegistered } from '../../../src/controls/m365/mfa-registered.js';
import { sessionIdleTimeout } from '../../../src/controls/m365/session-idle-timeout.js';
import { baselineData, baselineOptions } from '../../fixtures/m365-baseline.js';
import { runControl } from '../../fixtures/run-control.js';

// A break-glass entry that names no user or group (a typo, a deleted account) is listed in the
// evidence of every control that honours break-glass accounts, never silently ignored.
const controls = [accountsDepartedStaff, accountsSharedUse, mfaAdmins, mfaLegacyAuthBlocked, mfaRegistered, sessionIdleTimeout];

describe('break-glass entries that match nothing', () => {
  for (const control of controls) {
    it(`${control.meta.id} lists them in its evidence`, () => {
      const configured = baselineOptions().breakGlassAccounts;
      const options = baselineOptions({ breakGlassAccounts: [...configured, 'old-breakglass@contoso-clinic.example'] });
      const data = baselineData();
      if (control === sessionIdleTimeout) data['m365.activityTimeoutPolicies'].policies = [];
      const finding = runControl(control, data, options);
      expect(finding.evidence.breakGlassEntriesNotFound).toEqual(['old-breakglass@contoso-clinic.example']);
      expect(runControl(control, data).evidence.breakGlassEntriesNotFound).toBeUndefined();
    });
  }
});
