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

/**
 * The Licensing API products whose assignments the licences dataset lists: the Workspace editions
 * and the per-user add-ons a leaver may keep. No call lists every product (listForProduct takes one
 * product id), so the list is fixed: one paged call per product, whatever the number of users.
 * Product ids from the Licensing API "Products and SKUs" page
 * (https://developers.google.com/workspace/admin/licensing/v1/how-tos/products) and GAM's SKU table
 * (GAM-team/GAM src/gam/gamlib/glskus.py). Google Voice is `101033`, not a name.
 */
export const GOOGLE_LICENSE_PRODUCTS: readonly { productId: string; name: string }[] = [
  // The editions first: they must be read; an add-on the customer does not have may be refused.
  { productId: WORKSPACE_PRODUCT_ID, name: 'Google Workspace' },
  { productId: '101033', name: 'Google Voice' },
  { productId: 'Google-Vault', name: 'Google Vault' },
  { productId: '101034', name: 'Google Workspace Archived User' },
  { productId: '101047', name: 'Gemini' },
  { productId: '101068', name: 'Gemini Enterprise' },
  { productId: '101038', name: 'AppSheet' },
  { productId: '101005', name: 'Cloud Identity Premium' },
  { productId: '101040', name: 'Chrome Enterprise Premium' },
];

/** The name of a product {@link GOOGLE_LICENSE_PRODUCTS} lists, else its id. */
export function licenseProductName(productId: string): string {
  return GOOGLE_LICENSE_PRODUCTS.find((product) => product.productId === productId)?.name ?? productId;
}
