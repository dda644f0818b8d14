/**
 * Built-in Microsoft Entra roles we treat as privileged administrator roles, by role template id.
 * A role assignment's `roleDefinitionId` is the template id for built-in roles.
 *
 * The list is the 14 roles security defaults require MFA for, plus Intune Administrator and
 * Hybrid Identity Administrator (on CISA SCuBA's highly privileged list), Authentication Policy
 * Administrator (sets the tenant's authentication methods and MFA settings), Identity Governance
 * Administrator (grants access through access packages and reviews) and Compliance Administrator
 * (manages DLP, retention and audit settings in Purview). Ids are from the Microsoft Entra
 * built-in roles reference:
 * https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference
 * Security defaults' admin roles: https://learn.microsoft.com/en-us/entra/fundamentals/security-defaults
 */
export const PRIVILEGED_ROLES = [
  { id: '62e90394-69f5-4237-9190-012177145e10', name: 'Global Administrator' },
  { id: 'e8611ab8-c189-46e8-94e1-60213ab1f814', name: 'Privileged Role Administrator' },
  { id: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', name: 'Privileged Authentication Administrator' },
  { id: '194ae4cb-b126-40b2-bd5b-6091b380977d', name: 'Security Administrator' },
  { id: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', name: 'Conditional Access Administrator' },
  { id: '29232cdf-9323-42fd-ade2-1d097af3e4de', name: 'Exchange Administrator' },
  { id: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c', name: 'SharePoint Administrator' },
  { id: 'fe930be7-5e62-47db-91af-98c3a49a38b1', name: 'User Administrator' },
  { id: 'c4e39bd9-1100-46d3-8c65-fb160da0071f', name: 'Authentication Administrator' },
  { id: 'b0f54661-2d74-4c50-afa3-1ec803f12efe', name: 'Billing Administrator' },
  { id: '729827e3-9c14-49f7-bb1b-9608f156bbb8', name: 'Helpdesk Administrator' },
  { id: '966707d0-3269-4727-9be2-8c3a10f19b9d', name: 'Password Administrator' },
  { id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', name: 'Application Administrator' },
  { id: '158c047a-c907-4556-b7ef-446551a6b5f7', name: 'Cloud Application Administrator' },
  { id: '3a2c62db-5318-420d-8d74-23affee5d9d5', name: 'Intune Administrator' },
  { id: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', name: 'Hybrid Identity Administrator' },
  { id: '0526716b-113d-4c15-b2c8-68e3c22b9f80', name: 'Authentication Policy Administrator' },
  { id: '45d8d3c5-c802-45c6-b32a-1d70b5e1e86e', name: 'Identity Governance Administrator' },
  { id: '17315797-102d-40b4-93e0-432062caca18', name: 'Compliance Administrator' },
] as const;

const roleNames = new Map<string, string>(PRIVILEGED_ROLES.map((role) => [role.id, role.name]));

/** The name of a privileged role, or undefined when the template id is not one of ours. */
export function privilegedRoleName(roleTemplateId: string): string | undefined {
  return roleNames.get(roleTemplateId.toLowerCase());
}
