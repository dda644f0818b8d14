import { describe, expect, it } from 'vitest';
import {
  COMPLIANT_PRACTICE_SHARED_MAILBOXES,
  compliantPractice,
  E5_COMPLIANCE_SKU_ID,
  EXCHANGE_MANAGE_AS_APP,
  EXCHANGE_ROLE_TEMPLATES,
  largeTenant,
  SENSITIVE_INFORMATION_TYPES,
  typicalPractice,
  TYPICAL_PRACTICE_ACCOUNTS,
  type M365TenantModel,
} from '../../src/testing/index.js';
import { NOW, run, serveTenants } from './exchange-harness.js';

const compliant = compliantPractice({ now: NOW });
const typical = typicalPractice({ now: NOW });
const large = largeTenant(3000, { now: NOW });
serveTenants([compliant, typical, large]);

const DAY = 86_400_000;
const daysBefore = (iso: string | null | undefined) => (NOW.getTime() - Date.parse(iso ?? '')) / DAY;
const userByUpn = (tenant: M365TenantModel, upn: string) => tenant.users.find((user) => user.userPrincipalName === upn)!;
const sharedMailboxes = async (tenant: M365TenantModel) => (await run(tenant, 'Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox', ResultSize: 'Unlimited' })).body.value;
const hasAuditPremium = (tenant: M365TenantModel) =>
  tenant.subscribedSkus.some((sku) => sku.capabilityStatus === 'Enabled' && sku.servicePlans.some((plan) => plan.servicePlanName === 'M365_ADVANCED_AUDITING'));
const sitNames = (rule: any) => rule.ContentContainsSensitiveInformation.map((entry: any[]) => entry.find((pair) => pair._key === 'name')._value);

describe.each([
  ['compliantPractice', compliant],
  ['typicalPractice', typical],
  ['largeTenant(3000)', large],
])('%s in Exchange Online', (_name, tenant) => {
  it('grants the app Exchange.ManageAsApp and Global Reader', () => {
    expect(tenant.grantedPermissions).toContain(EXCHANGE_MANAGE_AS_APP);
    expect(tenant.exchange?.appDirectoryRoles).toEqual([EXCHANGE_ROLE_TEMPLATES.globalReader]);
    expect(tenant.exchange?.complianceEndpoint).toBe('available');
  });

  it('gives every stated mailbox a Graph user object, and each such user a registration-report entry', () => {
    const ids = new Set(tenant.users.map((user) => user.id));
    const registered = new Set(tenant.userRegistrationDetails.map((entry) => entry.id));
    for (const mailbox of tenant.exchange!.mailboxes) {
      if (mailbox.RecipientTypeDetails === 'DiscoveryMailbox') continue;
      expect(ids).toContain(mailbox.ExternalDirectoryObjectId);
      expect(registered).toContain(mailbox.ExternalDirectoryObjectId);
    }
  });

  it('keeps unified audit logging and mailbox auditing on', () => {
    expect(tenant.exchange!.adminAuditLogConfig.UnifiedAuditLogIngestionEnabled).toBe(true);
    expect(tenant.exchange!.organizationConfig.AuditDisabled).toBe(false);
  });
});

describe('compliantPractice in Exchange Online', () => {
  it('has shared mailboxes info@ and billing-inbox@ whose user objects cannot sign in', async () => {
    const mailboxes = await sharedMailboxes(compliant);
    expect(mailboxes.map((mailbox: any) => mailbox.UserPrincipalName)).toEqual([...COMPLIANT_PRACTICE_SHARED_MAILBOXES]);
    for (const mailbox of mailboxes) {
      const user = userByUpn(compliant, mailbox.UserPrincipalName);
      expect(mailbox.ExternalDirectoryObjectId).toBe(user.id);
      expect(user).toMatchObject({ accountEnabled: false, assignedLicenses: [], signInActivity: null });
      expect(mailbox.AccountDisabled).toBe(true);
    }
  });

  it('encrypts every message to outside recipients with an enabled, enforced rule with no other condition, and OME is on', async () => {
    const irm = (await run(compliant, 'Get-IRMConfiguration')).body.value[0];
    expect(irm.AzureRMSLicensingEnabled).toBe(true);
    const rules = (await run(compliant, 'Get-TransportRule')).body.value;
    const encrypting = rules.filter((rule: any) => rule.State === 'Enabled' && rule.Mode === 'Enforce' && rule.ApplyRightsProtectionTemplate === 'Encrypt');
    expect(encrypting).toHaveLength(1);
    expect(encrypting[0]).toMatchObject({ SentToScope: 'NotInOrganization', SubjectContainsWords: null, SubjectOrBodyContainsWords: null, MessageContainsDataClassifications: null, Exceptions: null });
    expect(encrypting[0].Conditions).toEqual(['Microsoft.Exchange.MessagingPolicies.Rules.Tasks.SentToScopePredicate']);
    expect((await run(compliant, 'Get-OutboundConnector')).body.value).toEqual([]);
  });

  it('enforces the HIPAA DLP policy everywhere with rules that detect health information and block or notify', async () => {
    const [policy] = (await run(compliant, 'Get-DlpCompliancePolicy', {}, 'compliance')).body.value;
    expect(policy).toMatchObject({ Mode: 'Enable', Enabled: true, IsSimulationPolicy: false, ExchangeLocation: ['All'], SharePointLocation: ['All'], OneDriveLocation: ['All'], TeamsLocation: ['All'] });
    const rules = (await run(compliant, 'Get-DlpComplianceRule', {}, 'compliance')).body.value;
    for (const rule of rules) {
      expect(rule).toMatchObject({ ParentPolicyName: policy.Name, Disabled: false, Mode: 'Enforce' });
      expect(sitNames(rule)).toEqual(Object.values(SENSITIVE_INFORMATION_TYPES).map((type) => type.name));
      expect(rule.NotifyUser.length).toBeGreaterThan(0);
    }
    expect(rules.some((rule: any) => rule.BlockAccess === true && rule.GenerateIncidentReport.length > 0)).toBe(true);
  });

  it('keeps audit records ten years and licenses Audit (Premium) for every member of staff', async () => {
    const [policy] = (await run(compliant, 'Get-UnifiedAuditLogRetentionPolicy', {}, 'compliance')).body.value;
    // The shape the Purview portal creates for everyone: record types chosen, no users, no activities.
    expect(policy).toMatchObject({ RetentionDuration: 'TenYears', Enabled: true, Operations: [], UserIds: [] });
    expect(policy.RecordTypes).toEqual(expect.arrayContaining(['ExchangeItem', 'SharePointFileOperation', 'AzureActiveDirectoryStsLogon']));
    expect(hasAuditPremium(compliant)).toBe(true);
    const staff = compliant.users.filter((user) => user.accountEnabled && !user.userPrincipalName.startsWith('breakglass@'));
    expect(staff.every((user) => user.assignedLicenses.some((licence) => licence.skuId === E5_COMPLIANCE_SKU_ID))).toBe(true);
  });
});

describe('typicalPractice in Exchange Online', () => {
  it('has a shared mailbox whose user object can sign in, is licensed and was signed in to interactively yesterday', async () => {
    const mailboxes = await sharedMailboxes(typical);
    expect(mailboxes.map((mailbox: any) => mailbox.UserPrincipalName)).toEqual([TYPICAL_PRACTICE_ACCOUNTS.sharedMailboxSignInEnabled]);
    const user = userByUpn(typical, TYPICAL_PRACTICE_ACCOUNTS.sharedMailboxSignInEnabled);
    expect(mailboxes[0].ExternalDirectoryObjectId).toBe(user.id);
    expect(mailboxes[0].AccountDisabled).toBe(false);
    expect(user.accountEnabled).toBe(true);
    expect(user.assignedLicenses.length).toBeGreaterThan(0);
    expect(Math.floor(daysBefore(user.signInActivity?.lastSignInDateTime))).toBe(1);
  });

  it('has OME available but encrypts only when the sender types "[secure]" in the subject, and no DLP policy', async () => {
    expect((await run(typical, 'Get-IRMConfiguration')).body.value[0].AzureRMSLicensingEnabled).toBe(true);
    const rules = (await run(typical, 'Get-TransportRule')).body.value;
    const encrypting = rules.filter((rule: any) => rule.ApplyRightsProtectionTemplate !== null || rule.ApplyOME === true);
    expect(encrypting).toHaveLength(1);
    expect(encrypting[0]).toMatchObject({ SentToScope: 'NotInOrganization', SubjectContainsWords: ['[secure]'] });
    expect(encrypting[0].Description).toContain("Includes these words in the message subject: '[secure]'");
    expect((await run(typical, 'Get-DlpCompliancePolicy', {}, 'compliance')).body.value).toEqual([]);
    expect((await run(typical, 'Get-DlpComplianceRule', {}, 'compliance')).body.value).toEqual([]);
  });

  it('logs to the unified audit log with no retention policy and no Audit (Premium), so the 180-day default applies', async () => {
    expect((await run(typical, 'Get-AdminAuditLogConfig')).body.value[0].UnifiedAuditLogIngestionEnabled).toBe(true);
    expect((await run(typical, 'Get-UnifiedAuditLogRetentionPolicy', {}, 'compliance')).body.value).toEqual([]);
    expect(hasAuditPremium(typical)).toBe(false);
  });
});

describe('largeTenant in Exchange Online', () => {
  it('has 5 + n/1000 shared mailboxes with sign-in blocked, added after the existing users', async () => {
    const mailboxes = await sharedMailboxes(large);
    expect(mailboxes).toHaveLength(8);
    expect(mailboxes.every((mailbox: any) => mailbox.AccountDisabled === true)).toBe(true);
    expect(large.users.slice(0, 3001).some((user) => mailboxes.some((mailbox: any) => mailbox.ExternalDirectoryObjectId === user.id))).toBe(false);
    expect(large.users).toHaveLength(3001 + 8);
  });

  it('is deterministic for a given now', () => {
    expect(largeTenant(1200, { now: NOW }).exchange).toEqual(largeTenant(1200, { now: NOW }).exchange);
    expect(compliantPractice({ now: NOW }).exchange).toEqual(compliantPractice({ now: NOW }).exchange);
  });
});
