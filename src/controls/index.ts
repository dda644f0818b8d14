import type { Control } from '../core/control.js';
import { accountsDepartedStaff } from './m365/accounts-departed-staff.js';
import { accountsDisabledLicensed } from './m365/accounts-disabled-licensed.js';
import { accountsSharedUse } from './m365/accounts-shared-use.js';
import { devicesEncryption } from './m365/devices-encryption.js';
import { licenseBaaEligible } from './m365/license-baa-eligible.js';
import { mfaAdmins } from './m365/mfa-admins.js';
import { mfaEnforced } from './m365/mfa-enforced.js';
import { mfaLegacyAuthBlocked } from './m365/mfa-legacy-auth-blocked.js';
import { mfaRegistered } from './m365/mfa-registered.js';
import { sessionIdleTimeout } from './m365/session-idle-timeout.js';

/** Every control, in report order. An explicit list: nothing is discovered from the filesystem. */
export const controlCatalogue = [
  mfaEnforced,
  mfaLegacyAuthBlocked,
  mfaRegistered,
  mfaAdmins,
  accountsDepartedStaff,
  accountsDisabledLicensed,
  accountsSharedUse,
  licenseBaaEligible,
  sessionIdleTimeout,
  devicesEncryption,
] as const satisfies readonly Control<any, any>[] as readonly Control[];
