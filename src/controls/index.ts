import type { Control } from './define.js';
import { practiceBackupRestoreTest } from './practice/backup-restore-test.js';
import { practiceBusinessAssociates } from './practice/business-associates.js';
import { practiceRiskAnalysis } from './practice/risk-analysis.js';
import { practiceSecurityTraining } from './practice/security-training.js';
import { googleAccountsDepartedStaff } from './google/accounts-departed-staff.js';
import { googleAccountsSharedUse } from './google/accounts-shared-use.js';
import { googleAccountsSuspendedLicensed } from './google/accounts-suspended-licensed.js';
import { googleAuditRetention } from './google/audit-retention.js';
import { googleBackupConfigured } from './google/backup-configured.js';
import { googleDevicesEncryption } from './google/devices-encryption.js';
import { googleEmailAutoForwarding } from './google/email-auto-forwarding.js';
import { googleEmailDlp } from './google/email-dlp.js';
import { googleEmailEncryption } from './google/email-encryption.js';
import { googleLicenseBaaEligible } from './google/license-baa-eligible.js';
import { googleMfaEnforced } from './google/mfa-enforced.js';
import { googleMfaEnrolled } from './google/mfa-enrolled.js';
import { googleSessionLength } from './google/session-length.js';
import { googleSharingExternal } from './google/sharing-external.js';
import { accountsSharedMailboxSignIn } from './m365/accounts-shared-mailbox-sign-in.js';
import { accountsEmergencyAccess } from './m365/accounts-emergency-access.js';
import { backupConfigured } from './m365/backup-configured.js';
import { devicesScreenLock } from './m365/devices-screen-lock.js';
import { emailAutoForwarding } from './m365/email-auto-forwarding.js';
import { sharingExternalLinks } from './m365/sharing-external-links.js';
import { auditLogging } from './m365/audit-logging.js';
import { auditRetention } from './m365/audit-retention.js';
import { emailDlp } from './m365/email-dlp.js';
import { emailEncryption } from './m365/email-encryption.js';
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
  accountsSharedMailboxSignIn,
  emailEncryption,
  emailDlp,
  auditLogging,
  auditRetention,
  licenseBaaEligible,
  sessionIdleTimeout,
  devicesEncryption,
  devicesScreenLock,
  backupConfigured,
  sharingExternalLinks,
  emailAutoForwarding,
  accountsEmergencyAccess,
  googleMfaEnforced,
  googleMfaEnrolled,
  googleAccountsDepartedStaff,
  googleAccountsSuspendedLicensed,
  googleAccountsSharedUse,
  googleEmailDlp,
  googleEmailEncryption,
  googleAuditRetention,
  googleLicenseBaaEligible,
  googleSessionLength,
  googleDevicesEncryption,
  googleSharingExternal,
  googleEmailAutoForwarding,
  googleBackupConfigured,
  // Provider-neutral: in every report, whichever cloud, judged from people's answers.
  practiceRiskAnalysis,
  practiceSecurityTraining,
  practiceBusinessAssociates,
  practiceBackupRestoreTest,
] as const satisfies readonly Control<any, any>[] as readonly Control[];
