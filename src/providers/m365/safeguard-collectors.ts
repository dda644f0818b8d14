import type { DatasetCollector } from '../types.js';
import type { Requirement } from '../../core/permissions.js';
import {
  DATA_ACCESS_PERMISSION,
  LOCK_SETTING_DEFINITIONS,
  type BackupDataset,
  type ConsentedApp,
  type IntuneLockPolicy,
  type ProtectionUnit,
  type RestoreSession,
  type SettingsCatalogPolicy,
  type SharePointSettingsDataset,
  type TrainingUserCoverage,
} from '../../datasets/m365.js';
import { DatasetError } from './errors.js';
import type { M365CollectContext } from './collectors.js';
import { readSubscribedSkus } from './shared-reads.js';
import { GraphRequestError } from './graph-errors.js';

// Collectors for the contingency, sharing, device-lock and consent safeguards (Graph). Each
// declares the documented least-privileged application permission of every call it makes.

type SafeguardDatasetName = 'm365.deviceLockPolicies' | 'm365.backup' | 'm365.sharePointSettings' | 'm365.consentedApps' | 'm365.trainingCoverage';
type Collector<N extends SafeguardDatasetName> = DatasetCollector<N, M365CollectContext>;

const graphPermission = (name: string, purpose: string, optional = false): Requirement => ({
  kind: 'graph-application-permission',
  name,
  purpose,
  ...(optional ? { optional } : {}),
});

/** Intune answers every Intune call of a tenant without Intune with this (community-observed; Microsoft does not document it). */
function isIntuneNotApplicable(error: unknown): boolean {
  return error instanceof GraphRequestError && error.failure.status === 400 && /not applicable to target tenant/i.test(error.failure.message);
}

const INTUNE_LICENCE = 'Microsoft Intune (e.g. in Microsoft 365 Business Premium)';

/** The v1.0 properties that set an inactivity lock, and whether a password is required at all. */
const LOCK_PROPERTIES = [
  'passwordMinutesOfInactivityBeforeLock',
  'passwordMinutesOfInactivityBeforeScreenTimeout',
  'passcodeMinutesOfInactivityBeforeLock',
  'passcodeMinutesOfInactivityBeforeScreenTimeout',
  'workProfilePasswordMinutesOfInactivityBeforeScreenTimeout',
  'passwordRequired',
  'passcodeRequired',
  'workProfileRequirePassword',
] as const;

const LOCK_SETTING_IDS: readonly string[] = Object.values(LOCK_SETTING_DEFINITIONS);

type RawPolicy = Record<string, unknown> & { id: string; assignments?: IntuneLockPolicy['assignments'] };

function lockPolicyOf(raw: RawPolicy): IntuneLockPolicy {
  const kept: Record<string, unknown> = { id: raw.id, displayName: raw['displayName'] ?? null, assignments: raw.assignments ?? [] };
  // v1.0 leaves `@odata.type` out for types it does not describe; keep that absence visible.
  if (typeof raw['@odata.type'] === 'string') kept['@odata.type'] = raw['@odata.type'];
  for (const property of LOCK_PROPERTIES) if (property in raw) kept[property] = raw[property];
  return kept as IntuneLockPolicy;
}

/**
 * The inactivity settings anywhere in a settings catalog policy's settings: MaxInactivityTimeDeviceLock
 * sits in the children of the DevicePasswordEnabled choice, not at the top, so the tree is walked.
 */
export function lockSettingsOf(settings: unknown): SettingsCatalogPolicy['lockSettings'] {
  const found: SettingsCatalogPolicy['lockSettings'] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const id = record['settingDefinitionId'];
    if (typeof id === 'string' && LOCK_SETTING_IDS.includes(id.toLowerCase())) {
      const value = (record['simpleSettingValue'] as { value?: unknown } | null | undefined)?.value;
      found.push({ settingDefinitionId: id.toLowerCase(), value: typeof value === 'number' ? value : null });
    }
    for (const child of Object.values(record)) if (child !== null && typeof child === 'object') visit(child);
  };
  visit(settings);
  return found;
}

export const collectDeviceLockPolicies: Collector<'m365.deviceLockPolicies'> = {
  name: 'm365.deviceLockPolicies',
  description: 'Intune compliance policies, device configuration profiles and settings catalog policies that set an inactivity screen lock, with their assignments.',
  reads: [
    'GET /deviceManagement/deviceCompliancePolicies ($expand assignments)',
    'GET /deviceManagement/deviceConfigurations ($expand assignments)',
    'GET /beta/deviceManagement/configurationPolicies ($expand settings,assignments; the settings catalog exists only in Graph beta)',
  ],
  weight: 2,
  requirements: [
    graphPermission('DeviceManagementConfiguration.Read.All', 'read Intune compliance policies, configuration profiles and settings catalog policies'),
    { kind: 'license', name: 'Microsoft Intune', purpose: 'device policies exist only with Intune' },
  ],
  async collect({ graph }) {
    try {
      const [compliance, configurations, catalog] = await Promise.all([
        graph.list<RawPolicy>('/deviceManagement/deviceCompliancePolicies', { expand: 'assignments' }),
        graph.list<RawPolicy>('/deviceManagement/deviceConfigurations', { expand: 'assignments' }),
        graph.list<RawPolicy>('/deviceManagement/configurationPolicies', { version: 'beta', expand: 'settings,assignments' }),
      ]);
      return {
        compliancePolicies: compliance.items.map(lockPolicyOf),
        deviceConfigurations: configurations.items.map(lockPolicyOf),
        configurationPolicies: catalog.items.map((raw) => ({
          id: raw.id,
          name: (raw['name'] as string | null | undefined) ?? null,
          platforms: (raw['platforms'] as string | null | undefined) ?? null,
          technologies: (raw['technologies'] as string | null | undefined) ?? null,
          assignments: raw.assignments ?? [],
          lockSettings: lockSettingsOf(raw['settings']),
        })),
      };
    } catch (error) {
      if (isIntuneNotApplicable(error)) {
        const failure = (error as GraphRequestError).failure;
        throw new DatasetError({ kind: 'license', detail: 'the tenant has no Microsoft Intune licence, so no device policy exists', needs: [INTUNE_LICENCE], status: 400, code: failure.code });
      }
      throw error;
    }
  },
};

/** The reason part of a dataset could not be read, when Graph refused it for a permission. */
function refusedPart(error: unknown, permission: string, what: string): { kind: 'permission'; detail: string; needs: string[] } | undefined {
  if (!(error instanceof GraphRequestError) || error.failure.status !== 403) return undefined;
  return {
    kind: 'permission',
    detail: `${what} needs the Graph application permission ${permission} (Graph answered 403 ${error.failure.code})`,
    needs: [`Graph application permission ${permission}`],
  };
}

const RESTORE_PERMISSION = 'BackupRestore-Restore.Read.All';

export const collectBackup: Collector<'m365.backup'> = {
  name: 'm365.backup',
  description: 'Microsoft 365 Backup: whether it is enabled, its protection policies and protected mailboxes, OneDrives and sites, and restore sessions.',
  reads: [
    'GET /solutions/backupRestore (serviceStatus)',
    'GET /solutions/backupRestore/protectionPolicies',
    'GET /solutions/backupRestore/protectionUnits/microsoft.graph.mailboxProtectionUnit, .../microsoft.graph.driveProtectionUnit and .../microsoft.graph.siteProtectionUnit',
    'GET /solutions/backupRestore/restoreSessions',
  ],
  weight: 2,
  requirements: [
    graphPermission('BackupRestore-Control.Read.All', 'read whether Microsoft 365 Backup is enabled'),
    graphPermission('BackupRestore-Configuration.Read.All', 'read Microsoft 365 Backup protection policies and protected items'),
    graphPermission(RESTORE_PERMISSION, 'read Microsoft 365 Backup restore sessions (restore testing)', true),
  ],
  async collect({ graph, note }): Promise<BackupDataset> {
    const root = await graph.get<{ serviceStatus?: BackupDataset['serviceStatus'] | null }>('/solutions/backupRestore');
    const serviceStatus = root.serviceStatus;
    if (!serviceStatus || typeof serviceStatus.status !== 'string') {
      throw new DatasetError({ kind: 'schema', detail: 'Graph answered GET /solutions/backupRestore without a serviceStatus' });
    }
    if (serviceStatus.status === 'disabled') {
      // Nothing can be protected while the service is off; what the lists answer then is not documented.
      note('Microsoft 365 Backup is not enabled, so its policies, protected items and restore sessions were not read');
      return { serviceStatus, protectionPolicies: [], mailboxProtectionUnits: [], driveProtectionUnits: [], siteProtectionUnits: [], restoreSessions: { available: true, sessions: [] } };
    }
    const units = (type: string) => graph.list<ProtectionUnit>(`/solutions/backupRestore/protectionUnits/microsoft.graph.${type}`).then((page) => page.items);
    const sessions = graph
      .list<RestoreSession>('/solutions/backupRestore/restoreSessions')
      .then((page): BackupDataset['restoreSessions'] => ({ available: true, sessions: page.items }))
      .catch((error: unknown): BackupDataset['restoreSessions'] => {
        const reason = refusedPart(error, RESTORE_PERMISSION, 'reading restore sessions');
        if (!reason) throw error;
        note(`restore sessions unavailable: ${reason.detail}`);
        return { available: false, reason };
      });
    const [policies, mailboxes, drives, sites, restoreSessions] = await Promise.all([
      graph.list<BackupDataset['protectionPolicies'][number]>('/solutions/backupRestore/protectionPolicies').then((page) => page.items),
      units('mailboxProtectionUnit'),
      units('driveProtectionUnit'),
      units('siteProtectionUnit'),
      sessions,
    ]);
    return { serviceStatus, protectionPolicies: policies, mailboxProtectionUnits: mailboxes, driveProtectionUnits: drives, siteProtectionUnits: sites, restoreSessions };
  },
};

export const collectSharePointSettings: Collector<'m365.sharePointSettings'> = {
  name: 'm365.sharePointSettings',
  description: 'SharePoint and OneDrive tenant sharing settings.',
  reads: ['GET /admin/sharepoint/settings'],
  requirements: [graphPermission('SharePointTenantSettings.Read.All', 'read SharePoint and OneDrive tenant sharing settings')],
  async collect({ graph }): Promise<SharePointSettingsDataset> {
    const body = await graph.get<Record<string, unknown>>('/admin/sharepoint/settings');
    // The documented example wraps the settings in {"value": {...}}; a live tenant answers the object itself. Accept both.
    const settings = typeof body['sharingCapability'] === 'string' ? body : (body['value'] as Record<string, unknown> | undefined);
    if (!settings || typeof settings['sharingCapability'] !== 'string') {
      throw new DatasetError({ kind: 'schema', detail: 'Graph answered GET /admin/sharepoint/settings without sharingCapability' });
    }
    const keep = [
      'sharingCapability',
      'sharingDomainRestrictionMode',
      'sharingAllowedDomainList',
      'sharingBlockedDomainList',
      'isResharingByExternalUsersEnabled',
      'isRequireAcceptingUserToMatchInvitedUserEnabled',
      'idleSessionSignOut',
    ];
    return Object.fromEntries(keep.filter((key) => key in settings).map((key) => [key, settings[key]])) as SharePointSettingsDataset;
  },
};

/** The application id of Microsoft Graph, the same in every tenant. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Graph's largest page for service principals (serviceprincipal-list docs: default 100, maximum 999). */
const SERVICE_PRINCIPALS_PAGE_SIZE = 999;

interface ServicePrincipalRow {
  id: string;
  appId?: string | null;
  displayName?: string | null;
  appOwnerOrganizationId?: string | null;
}

interface GraphServicePrincipal extends ServicePrincipalRow {
  appRoles?: { id: string; value?: string | null }[] | null;
}

interface PermissionGrantRow {
  clientId: string;
  resourceId: string;
  consentType?: string | null;
  scope?: string | null;
}

interface AppRoleAssignmentRow {
  principalId: string;
  principalType?: string | null;
  principalDisplayName?: string | null;
  appRoleId: string;
}

/** Scope strings are space-separated and live ones start with a space: split on whitespace. */
function scopesOf(scope: string | null | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter((value) => value !== '');
}

export const collectConsentedApps: Collector<'m365.consentedApps'> = {
  name: 'm365.consentedApps',
  description: 'Enterprise apps with tenant-wide consent: delegated permissions granted for all users, and application permissions on Microsoft Graph.',
  reads: [
    "GET /servicePrincipals(appId='00000003-0000-0000-c000-000000000000') ($select id, appId, displayName, appRoles)",
    "GET /servicePrincipals(appId='00000003-0000-0000-c000-000000000000')/appRoleAssignedTo",
    "GET /oauth2PermissionGrants ($filter consentType eq 'AllPrincipals')",
    `GET /servicePrincipals ($select id, appId, displayName, appOwnerOrganizationId; $top ${SERVICE_PRINCIPALS_PAGE_SIZE})`,
  ],
  weight: 2,
  requirements: [
    // The documented least-privileged application permission for oauth2PermissionGrants; it also reads service principals.
    graphPermission('Directory.Read.All', 'read tenant-wide consent grants (oauth2PermissionGrants) and enterprise apps'),
  ],
  async collect({ graph }) {
    const graphPath = `/servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')`;
    const [graphPrincipal, grants, principals] = await Promise.all([
      graph.get<GraphServicePrincipal>(graphPath, { select: ['id', 'appId', 'displayName', 'appRoles'] }).catch((error: unknown) => {
        if (error instanceof GraphRequestError && error.failure.status === 404) return undefined;
        throw error;
      }),
      graph.list<PermissionGrantRow>('/oauth2PermissionGrants', { filter: "consentType eq 'AllPrincipals'" }),
      graph.list<ServicePrincipalRow>('/servicePrincipals', { select: ['id', 'appId', 'displayName', 'appOwnerOrganizationId'], top: SERVICE_PRINCIPALS_PAGE_SIZE }),
    ]);
    const assignments = graphPrincipal ? (await graph.list<AppRoleAssignmentRow>(`${graphPath}/appRoleAssignedTo`)).items : [];
    const byId = new Map(principals.items.map((principal) => [principal.id, principal]));
    const roleValue = new Map((graphPrincipal?.appRoles ?? []).map((role) => [role.id, role.value ?? null]));
    const apps = new Map<string, ConsentedApp>();
    const appOf = (id: string, fallbackName?: string | null): ConsentedApp => {
      const existing = apps.get(id);
      if (existing) return existing;
      const principal = byId.get(id);
      const app: ConsentedApp = {
        servicePrincipalId: id,
        appId: principal?.appId ?? null,
        displayName: principal?.displayName ?? fallbackName ?? null,
        appOwnerOrganizationId: principal?.appOwnerOrganizationId ?? null,
        delegatedGrants: [],
        graphApplicationPermissions: [],
        dataAccessPermissions: [],
      };
      apps.set(id, app);
      return app;
    };
    for (const grant of grants.items) {
      if (grant.consentType !== 'AllPrincipals') continue;
      const scopes = scopesOf(grant.scope);
      if (scopes.length === 0) continue;
      appOf(grant.clientId).delegatedGrants.push({ resourceId: grant.resourceId, resourceDisplayName: byId.get(grant.resourceId)?.displayName ?? null, scopes });
    }
    for (const assignment of assignments) {
      // appRoleAssignedTo also lists users and groups given access to Graph itself; only apps hold application permissions.
      if (assignment.principalType !== 'ServicePrincipal') continue;
      appOf(assignment.principalId, assignment.principalDisplayName).graphApplicationPermissions.push({ appRoleId: assignment.appRoleId, value: roleValue.get(assignment.appRoleId) ?? null });
    }
    for (const app of apps.values()) {
      const all = [...app.delegatedGrants.flatMap((grant) => grant.scopes), ...app.graphApplicationPermissions.map((permission) => permission.value ?? '')];
      app.dataAccessPermissions = [...new Set(all.filter((value) => DATA_ACCESS_PERMISSION.test(value)))];
    }
    return { graphServicePrincipalId: graphPrincipal?.id ?? null, apps: [...apps.values()].sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? '')) };
  },
};

/** The service plan of Defender for Office 365 Plan 2 (in the P2 add-on, Microsoft 365 E5 and Office 365 E5): attack simulation training needs it. */
export const DEFENDER_FOR_OFFICE_P2_PLAN = 'THREAT_INTELLIGENCE';
const DEFENDER_P2 = 'Microsoft Defender for Office 365 Plan 2 (or Microsoft 365 E5 / Office 365 E5)';

export const collectTrainingCoverage: Collector<'m365.trainingCoverage'> = {
  name: 'm365.trainingCoverage',
  description: 'Attack simulation training coverage (Defender for Office 365 Plan 2): each targeted user and the state of their trainings.',
  reads: ['GET /subscribedSkus (is Defender for Office 365 Plan 2 licensed?)', 'GET /reports/security/getAttackSimulationTrainingUserCoverage'],
  requirements: [
    graphPermission('LicenseAssignment.Read.All', 'check the tenant has Defender for Office 365 Plan 2 before reading the training report'),
    graphPermission('AttackSimulation.Read.All', 'read attack simulation training coverage'),
    { kind: 'license', name: DEFENDER_P2, purpose: 'attack simulation training exists only with Defender for Office 365 Plan 2' },
  ],
  async collect(context) {
    const { graph } = context;
    // What the report answers a tenant without the licence is not documented, so the licence is checked first.
    const skus = await readSubscribedSkus(context);
    const licensed = skus.some(
      (sku) =>
        (sku.capabilityStatus === 'Enabled' || sku.capabilityStatus === 'Warning') &&
        (sku.servicePlans ?? []).some((plan) => plan.servicePlanName === DEFENDER_FOR_OFFICE_P2_PLAN && plan.provisioningStatus !== 'Disabled'),
    );
    if (!licensed) {
      throw new DatasetError({ kind: 'license', detail: `the tenant has no ${DEFENDER_P2}, which attack simulation training needs`, needs: [DEFENDER_P2] });
    }
    const { items } = await graph.list<TrainingUserCoverage>('/reports/security/getAttackSimulationTrainingUserCoverage');
    return { userCoverage: items };
  },
};

