/**
 * Microsoft 365 subscriptions (subscribedSku.skuPartNumber) and whether they are commercial
 * Online Services covered by Microsoft's HIPAA Business Associate Agreement, which Microsoft
 * includes in its Data Protection Addendum (DPA / Product Terms) for in-scope services.
 *
 * Sources:
 * - Part numbers and product names: "Product names and service plan identifiers for licensing",
 *   https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference
 * - Services in scope of the BAA: "HIPAA & HITECH Act" offering page (in-scope cloud services:
 *   Microsoft 365 / Office 365, Microsoft Entra ID, Intune, Power BI, Dynamics 365, Azure...),
 *   https://learn.microsoft.com/compliance/regulatory/offering-hipaa-hitech
 *
 * - Add-ons (Visio, Project, Teams Rooms, Copilot, Defender for Business, Windows Enterprise):
 *   part numbers and names from the same licensing reference (the CSV linked from that page, as
 *   of 2025-12-30: VISIOCLIENT c5928f49-..., PROJECTPREMIUM 09015f9f-..., Microsoft_Teams_Rooms_Pro
 *   4cde982a-..., Microsoft_365_Copilot 639dec6b-..., MDE_SMB 5e1e7702-..., WIN10_VDA_E3
 *   6a0f6da5-...). Note: O365_BUSINESS_PREMIUM is Business *Standard*; Defender for Business is
 *   MDE_SMB.
 *
 * Free self-service sign-ups, trials and developer subscriptions are marked out of scope: they
 * come from a user's own sign-up or a time-limited offer, not from the practice's commercial
 * agreement, so they are no place for patient data. Paid add-ons bought next to a suite are
 * marked `addOn`: the table does not claim the BAA covers them (check Microsoft's in-scope list
 * before patient data goes into one), and with an in-scope suite they are information, not a
 * finding. This is data, not law: review it when Microsoft renames products, and treat an unknown
 * part number as "check it".
 */
export interface BaaSku {
  /** The product name Microsoft shows in the admin center. */
  name: string;
  /** A commercial service covered by the BAA in Microsoft's DPA. */
  inScope: boolean;
  /** Why it is out of scope, or what to know about it. */
  note?: string;
  /** A paid add-on to a suite (Visio, Project, Copilot...): information when an in-scope suite is active. */
  addOn?: true;
}

const inScope = (name: string, note?: string): BaaSku => ({ name, inScope: true, ...(note ? { note } : {}) });
const outOfScope = (name: string, note: string): BaaSku => ({ name, inScope: false, note });
const addOn = (name: string, note: string): BaaSku => ({ name, inScope: false, addOn: true, note });
const CHECK = "paid add-on; before patient data goes into it, check that Microsoft's BAA in-scope list names the service";

export const BAA_SKUS: Readonly<Record<string, BaaSku>> = {
  // Suites small practices buy.
  SPB: inScope('Microsoft 365 Business Premium'),
  O365_BUSINESS_PREMIUM: inScope('Microsoft 365 Business Standard'),
  O365_BUSINESS_ESSENTIALS: inScope('Microsoft 365 Business Basic'),
  O365_BUSINESS: inScope('Microsoft 365 Apps for business'),
  SPE_E3: inScope('Microsoft 365 E3'),
  SPE_E5: inScope('Microsoft 365 E5'),
  INFORMATION_PROTECTION_COMPLIANCE: inScope('Microsoft 365 E5 Compliance', 'Purview compliance add-on (Audit Premium, DLP); covered as part of Microsoft 365'),
  SPE_E5_NOPSTNCONF: inScope('Microsoft 365 E5 without Audio Conferencing'),
  SPE_F1: inScope('Microsoft 365 F3'),
  M365_F1: inScope('Microsoft 365 F1'),
  M365_F1_COMM: inScope('Microsoft 365 F1'),
  STANDARDPACK: inScope('Office 365 E1'),
  ENTERPRISEPACK: inScope('Office 365 E3'),
  ENTERPRISEPREMIUM: inScope('Office 365 E5'),
  ENTERPRISEPREMIUM_NOPSTNCONF: inScope('Office 365 E5 without Audio Conferencing'),
  DESKLESSPACK: inScope('Office 365 F3'),
  OFFICESUBSCRIPTION: inScope('Microsoft 365 Apps for enterprise'),
  // Stand-alone services and add-ons.
  EXCHANGESTANDARD: inScope('Exchange Online (Plan 1)'),
  EXCHANGEENTERPRISE: inScope('Exchange Online (Plan 2)'),
  EXCHANGEDESKLESS: inScope('Exchange Online Kiosk'),
  EXCHANGEARCHIVE_ADDON: inScope('Exchange Online Archiving for Exchange Online'),
  AAD_PREMIUM: inScope('Microsoft Entra ID P1'),
  AAD_PREMIUM_P2: inScope('Microsoft Entra ID P2'),
  EMS: inScope('Enterprise Mobility + Security E3'),
  EMSPREMIUM: inScope('Enterprise Mobility + Security E5'),
  INTUNE_A: inScope('Microsoft Intune Plan 1'),
  INTUNE_A_D: inScope('Microsoft Intune Device'),
  ATP_ENTERPRISE: inScope('Microsoft Defender for Office 365 (Plan 1)'),
  THREAT_INTELLIGENCE: inScope('Microsoft Defender for Office 365 (Plan 2)'),
  POWER_BI_PRO: inScope('Power BI Pro'),
  MCOMEETADV: inScope('Microsoft 365 Audio Conferencing'),
  MCOEV: inScope('Microsoft Teams Phone Standard'),
  // Paid add-ons a practice buys next to its suite (information when an in-scope suite is active).
  VISIOCLIENT: addOn('Visio Plan 2', CHECK),
  VISIOONLINE_PLAN1: addOn('Visio Plan 1', CHECK),
  VISIO_PLAN1_DEPT: addOn('Visio Plan 1 (for Department)', CHECK),
  VISIO_PLAN2_DEPT: addOn('Visio Plan 2 (for Department)', CHECK),
  PROJECTPREMIUM: addOn('Project Online Premium (Project Plan 5)', CHECK),
  PROJECTPROFESSIONAL: addOn('Planner and Project Plan 3', CHECK),
  PROJECTESSENTIALS: addOn('Project Online Essentials', CHECK),
  PROJECTONLINE_PLAN_1: addOn('Project Online Premium Without Project Client', CHECK),
  PROJECTONLINE_PLAN_2: addOn('Project Online With Project for Office 365', CHECK),
  PROJECT_P1: addOn('Planner Plan 1', CHECK),
  PROJECT_PLAN1_DEPT: addOn('Project Plan 1 (for Department)', CHECK),
  PROJECT_PLAN3_DEPT: addOn('Project Plan 3 (for Department)', CHECK),
  PROJECTCLIENT: addOn('Project for Office 365', CHECK),
  Microsoft_Teams_Rooms_Pro: addOn('Microsoft Teams Rooms Pro', 'licence for a meeting-room device account'),
  Microsoft_Teams_Rooms_Pro_without_Audio_Conferencing: addOn('Microsoft Teams Rooms Pro without Audio Conferencing', 'licence for a meeting-room device account'),
  Microsoft_Teams_Rooms_Basic: addOn('Microsoft Teams Rooms Basic', 'no-cost licence for a meeting-room device account'),
  Microsoft_Teams_Rooms_Basic_without_Audio_Conferencing: addOn('Microsoft Teams Rooms Basic without Audio Conferencing', 'no-cost licence for a meeting-room device account'),
  MEETING_ROOM: addOn('Microsoft Teams Rooms Standard', 'licence for a meeting-room device account'),
  MEETING_ROOM_NOAUDIOCONF: addOn('Microsoft Teams Rooms Standard without Audio Conferencing', 'licence for a meeting-room device account'),
  MTR_PREM: addOn('Teams Rooms Premium', 'licence for a meeting-room device account'),
  Microsoft_365_Copilot: addOn('Microsoft 365 Copilot', CHECK),
  M365_Copilot: addOn('Microsoft 365 Copilot', CHECK),
  Microsoft_365_Copilot_EDU: addOn('Microsoft 365 Copilot (Education Faculty)', CHECK),
  MDE_SMB: addOn('Microsoft Defender for Business', 'device protection add-on (Business Premium already includes it)'),
  WIN10_VDA_E3: addOn('Windows 10/11 Enterprise E3', 'Windows licence for devices and users, not a service that stores data'),
  WIN10_VDA_E5: addOn('Windows 10/11 Enterprise E5', 'Windows licence for devices and users, not a service that stores data'),
  WIN_ENT_E5: addOn('Windows 10/11 Enterprise E5 (Original)', 'Windows licence for devices and users, not a service that stores data'),
  // Free, self-service, trial and developer subscriptions.
  FLOW_FREE: outOfScope('Microsoft Power Automate Free', 'free self-service sign-up'),
  POWER_BI_STANDARD: outOfScope('Power BI (free)', 'free self-service sign-up'),
  POWERAPPS_VIRAL: outOfScope('Microsoft Power Apps Plan 2 Trial', 'self-service trial'),
  POWERAPPS_DEV: outOfScope('Microsoft Power Apps for Developer', 'free developer plan'),
  CCIBOTS_PRIVPREV_VIRAL: outOfScope('Power Virtual Agents Viral Trial', 'self-service trial'),
  TEAMS_EXPLORATORY: outOfScope('Microsoft Teams Exploratory', 'free time-limited Teams offer'),
  TEAMS_FREE: outOfScope('Microsoft Teams (free)', 'free offer'),
  MS_TEAMS_IW: outOfScope('Microsoft Teams Trial', 'trial'),
  RIGHTSMANAGEMENT_ADHOC: outOfScope('Rights Management Adhoc', 'free self-service sign-up'),
  WINDOWS_STORE: outOfScope('Windows Store for Business', 'free, retired store service that holds no practice data'),
  STREAM: outOfScope('Microsoft Stream (trial)', 'free self-service Stream (Classic) offer, retired'),
  DEVELOPERPACK: outOfScope('Office 365 E3 Developer', 'developer program subscription, not for production data'),
  DEVELOPERPACK_E5: outOfScope('Microsoft 365 E5 Developer (without Windows and Audio Conferencing)', 'developer program subscription, not for production data'),
  MCOPSTNC: outOfScope('Communications Credits', 'prepaid calling credit rather than a service that stores data; listed so a person confirms it'),
};

/** Trials and self-service ("viral") sign-ups not in the table, by their part-number conventions. */
export function classifyUnlistedSku(skuPartNumber: string): 'trial' | 'self-service' | 'unknown' {
  const upper = skuPartNumber.toUpperCase();
  if (upper.includes('TRIAL')) return 'trial';
  if (upper.includes('VIRAL') || upper.endsWith('_FREE')) return 'self-service';
  return 'unknown';
}
