// Google Workspace facts that both the collectors and the controls rely on, defined once.

/**
 * How long Google keeps login and most other audit log events: 6 months, not configurable. The
 * Reports API refuses older start times.
 * Sources: "Data retention and lag times", https://support.google.com/a/answer/7061566 ("Administrators
 * cannot delete log event data or change the length of time that the data is available for"), and the
 * Reports API login guide ("The maximum time period for each report is the last 180 days").
 */
export const GOOGLE_AUDIT_RETENTION_DAYS = 180;

/** The Policy API setting types the controls read, by what they are for. */
export const SETTING_TYPES = {
  twoStepEnrollment: 'settings/security.two_step_verification_enrollment',
  twoStepEnforcement: 'settings/security.two_step_verification_enforcement',
  twoStepFactor: 'settings/security.two_step_verification_enforcement_factor',
  sessionControls: 'settings/security.session_controls',
  dlpRule: 'settings/rule.dlp',
  driveExternalSharing: 'settings/drive_and_docs.external_sharing',
  gmailAutoForwarding: 'settings/gmail.auto_forwarding',
} as const;

/** The setting types the policies collector reads: 2-Step Verification, session length, DLP rules, Drive sharing and Gmail forwarding. */
export const GOOGLE_POLICY_SETTING_TYPES = [
  SETTING_TYPES.twoStepEnrollment,
  SETTING_TYPES.twoStepEnforcement,
  SETTING_TYPES.twoStepFactor,
  SETTING_TYPES.sessionControls,
  SETTING_TYPES.dlpRule,
  SETTING_TYPES.driveExternalSharing,
  SETTING_TYPES.gmailAutoForwarding,
] as const;

/**
 * Licensing API product id of Google Workspace editions: every Workspace edition, the G Suite legacy
 * editions and Education Fundamentals are SKUs of this one product (Licensing API "Products and SKUs").
 */
export const WORKSPACE_PRODUCT_ID = 'Google-Apps';
