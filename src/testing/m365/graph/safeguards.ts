/**
 * Graph routes of the contingency, sharing, device-lock and consent safeguards: Intune policies
 * (v1.0 compliance policies and configuration profiles, the beta settings catalog), Microsoft 365
 * Backup, SharePoint tenant settings, enterprise apps with tenant-wide consent, and attack
 * simulation training coverage. Built from the documented examples and live captures collected
 * in test/testing/fixtures/safeguards-reference (each route cites the quirks it reproduces).
 */
import { deterministicGuid } from '../guid.js';
import type { M365TenantModel } from '../model.js';
import type { BackupProtectionUnit, BackupWorkload, EnterpriseApp, IntuneAssignmentTarget, IntuneV1Policy, SettingsCatalogPolicy, SettingsCatalogSetting } from '../safeguards-model.js';
import { accessDenied, insufficientPrivileges, intuneForbidden, intuneNotApplicable, notSimulated, resourceNotFound } from './errors.js';
import { GRAPH_ORIGIN, GRAPH_ROOT, ok, type GraphResponse, type Json, type JsonObject } from './http.js';
import { pageOf, parseSelect, parseTop, project } from './odata.js';
import { hasAnyRole, ROUTE_PERMISSIONS, type RoutePermissionKey } from './permissions.js';
import { INTUNE_V1_PROPERTIES } from './intune-types.js';
import { badPageToken, boundedPageSize, unsimulatedOption, type Route, type RouteContext } from './route.js';
import type { EntityTypeSchema } from './schema.js';

const allowed = (route: RouteContext, key: RoutePermissionKey) => hasAnyRole(route.caller.roles, ROUTE_PERMISSIONS[key]);

/** Pages `items` at the request's `$skiptoken` (page sizes of these lists are not documented). */
function page<T>(route: RouteContext, items: readonly T[], size: number, beta = false): { items: readonly T[]; next?: string } | GraphResponse {
  const paged = pageOf(items, { ctx: route.ctx, path: route.request.path, query: route.query, pageSize: size, badToken: () => badPageToken(route) });
  if (!paged.ok) return paged.response;
  const next = paged.value.nextLink === undefined ? undefined : beta ? paged.value.nextLink.replace(`${GRAPH_ORIGIN}/v1.0/`, `${GRAPH_ORIGIN}/beta/`) : paged.value.nextLink;
  return { items: paged.value.page, ...(next ? { next } : {}) };
}

function collection(context: string | undefined, value: Json[], next: string | undefined, extra: JsonObject = {}): JsonObject {
  return { ...(context === undefined ? {} : { '@odata.context': context }), ...extra, ...(next ? { '@odata.nextLink': next } : {}), value };
}

/** The `$expand` navigation properties asked for, or a 501 naming one the route does not expand. */
function expansions(route: RouteContext, name: string, simulated: readonly string[]): string[] | GraphResponse {
  const raw = route.query.get('expand');
  if (raw === undefined || raw.trim() === '') return [];
  const asked = raw.split(',').map((part) => part.trim());
  const unknown = asked.find((part) => !simulated.includes(part.toLowerCase()));
  return unknown === undefined ? asked.map((part) => part.toLowerCase()) : notSimulated(route.ctx, `$expand=${unknown} on ${name}`);
}

// =============================================================================================
// Intune

/** Page size of Intune lists (not documented; the simulator pages at 100). */
const INTUNE_PAGE_SIZE = 100;
/** The settings catalog's live answer carried 5 policies a page with `@odata.count` (graph2otel capture); the simulator pages at 10. */
const CATALOG_PAGE_SIZE = 10;
/**
 * Assignment ids Intune gives the built-in targets, seen in community exports (`<policyId>_<target>`):
 * all devices `adadadad-808e-44e2-905a-0b7873a8a531`, all licensed users `acacacac-9df4-4c7d-9d50-4ef0226f57a9`.
 */
const ALL_DEVICES_TARGET_ID = 'adadadad-808e-44e2-905a-0b7873a8a531';
const ALL_USERS_TARGET_ID = 'acacacac-9df4-4c7d-9d50-4ef0226f57a9';

function targetOf(target: IntuneAssignmentTarget, beta: boolean): JsonObject {
  const filter: JsonObject = beta ? { deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none' } : {};
  switch (target.kind) {
    case 'allDevices':
      return { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget', ...filter };
    case 'allLicensedUsers':
      return { '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget', ...filter };
    case 'group':
      return { '@odata.type': '#microsoft.graph.groupAssignmentTarget', ...filter, groupId: target.groupId };
    case 'exclusionGroup':
      return { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', ...filter, groupId: target.groupId };
  }
}

function assignmentId(policyId: string, target: IntuneAssignmentTarget): string {
  return `${policyId}_${target.kind === 'allDevices' ? ALL_DEVICES_TARGET_ID : target.kind === 'allLicensedUsers' ? ALL_USERS_TARGET_ID : target.groupId}`;
}

/**
 * A v1.0 compliance policy or configuration profile: its type's every property (unset ones at
 * their unset value), `@odata.type` first. A type v1.0 does not describe is served as the bare base
 * type, without `@odata.type`, as a live v1.0 answer showed for an Android Enterprise policy.
 */
export function renderV1Policy(policy: IntuneV1Policy, base: 'deviceCompliancePolicy' | 'deviceConfiguration', expandAssignments: boolean): JsonObject {
  const properties = INTUNE_V1_PROPERTIES[policy.type];
  const known = properties !== undefined && policy.type !== base;
  const template = known ? properties : INTUNE_V1_PROPERTIES[base]!;
  const resource: JsonObject = known ? { '@odata.type': `#microsoft.graph.${policy.type}` } : {};
  const baseValues: JsonObject = {
    id: policy.id,
    createdDateTime: policy.createdDateTime,
    description: policy.description ?? null,
    displayName: policy.displayName,
    lastModifiedDateTime: policy.lastModifiedDateTime,
    version: policy.version,
  };
  if (known) {
    const unknown = Object.keys(policy.settings).filter((name) => !template.some(([property]) => property === name));
    if (unknown.length) throw new Error(`${policy.type} has no v1.0 properties ${unknown.join(', ')} (policy ${policy.id})`);
  }
  for (const [name, unset] of template) {
    resource[name] = name in baseValues ? baseValues[name]! : known && name in policy.settings ? (policy.settings[name] as Json) : unset;
  }
  if (expandAssignments) {
    // v1.0 assignments are {id, target} only (no source or filters, which are beta).
    resource['assignments'] = policy.assignments.map((target) => ({ id: assignmentId(policy.id, target), target: targetOf(target, false) }));
  }
  return resource;
}

function intuneV1Route(path: string, key: RoutePermissionKey, base: 'deviceCompliancePolicy' | 'deviceConfiguration', pick: (tenant: M365TenantModel) => IntuneV1Policy[]): Route {
  const entitySet = `deviceManagement/${path}`;
  return {
    pattern: new RegExp(`^/deviceManagement/${path}/?$`, 'i'),
    name: `GET /${entitySet}`,
    options: ['expand', 'skiptoken'],
    handle(route) {
      const unsupported = unsimulatedOption(route, this.options, this.name);
      if (unsupported) return unsupported;
      const expand = expansions(route, this.name, ['assignments']);
      if (!Array.isArray(expand)) return expand;
      const tenant = route.caller.tenant;
      if (!tenant.intuneLicensed) return intuneNotApplicable(route.ctx);
      if (!allowed(route, key)) return intuneForbidden(route.ctx, tenant.tenantId);
      const paged = page(route, pick(tenant), INTUNE_PAGE_SIZE);
      if ('status' in paged) return paged;
      const withAssignments = expand.includes('assignments');
      const context = `${GRAPH_ROOT}/$metadata#${entitySet}${withAssignments ? '(assignments())' : ''}`;
      return ok(route.ctx, collection(context, paged.items.map((policy) => renderV1Policy(policy, base, withAssignments)), paged.next));
    },
  };
}

export const deviceCompliancePoliciesRoute = intuneV1Route('deviceCompliancePolicies', '/devicemanagement/devicecompliancepolicies', 'deviceCompliancePolicy', (tenant) => tenant.intunePolicies?.compliancePolicies ?? []);
export const deviceConfigurationsRoute = intuneV1Route('deviceConfigurations', '/devicemanagement/deviceconfigurations', 'deviceConfiguration', (tenant) => tenant.intunePolicies?.deviceConfigurations ?? []);

const INTEGER_VALUE = '#microsoft.graph.deviceManagementConfigurationIntegerSettingValue';
const SIMPLE_INSTANCE = '#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance';
const CHOICE_INSTANCE = '#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance';

function simpleInteger(settingDefinitionId: string, value: number): JsonObject {
  return {
    '@odata.type': SIMPLE_INSTANCE,
    settingDefinitionId,
    settingInstanceTemplateReference: null,
    auditRuleInformation: null,
    simpleSettingValue: { '@odata.type': INTEGER_VALUE, settingValueTemplateReference: null, value },
  };
}

/**
 * A setting as the service stores it (instance shapes from a real tenant's export,
 * Pacers31Colts18/Intune.Docs): MaxInactivityTimeDeviceLock is not a top-level setting but a child
 * of the DevicePasswordEnabled choice, whose option `_0` is "Enabled".
 */
function settingInstance(setting: SettingsCatalogSetting): JsonObject {
  switch (setting.kind) {
    case 'machineInactivityLimit':
      return simpleInteger('device_vendor_msft_policy_config_localpoliciessecurityoptions_interactivelogon_machineinactivitylimit_v2', setting.seconds);
    case 'integer':
      return simpleInteger(setting.settingDefinitionId, setting.value);
    case 'maxInactivityTimeDeviceLock':
      return {
        '@odata.type': CHOICE_INSTANCE,
        settingDefinitionId: 'device_vendor_msft_policy_config_devicelock_devicepasswordenabled',
        settingInstanceTemplateReference: null,
        auditRuleInformation: null,
        choiceSettingValue: {
          settingValueTemplateReference: null,
          value: 'device_vendor_msft_policy_config_devicelock_devicepasswordenabled_0',
          children: [simpleInteger('device_vendor_msft_policy_config_devicelock_maxinactivitytimedevicelock', setting.minutes)],
        },
      };
  }
}

/**
 * A settings catalog policy as the live beta list serves it: no `@odata.type`, no `isAssigned`
 * (the docs example has both), `priorityMetaData` and `creationSource` null, keys in the capture's order.
 */
function renderCatalogPolicy(policy: SettingsCatalogPolicy, expand: readonly string[]): JsonObject {
  const resource: JsonObject = {
    createdDateTime: policy.createdDateTime,
    creationSource: null,
    description: policy.description ?? '',
    id: policy.id,
    lastModifiedDateTime: policy.lastModifiedDateTime,
    name: policy.name,
    platforms: policy.platforms,
    priorityMetaData: null,
    roleScopeTagIds: ['0'],
    settingCount: policy.settings.length,
    technologies: policy.technologies,
    templateReference: { templateDisplayName: null, templateDisplayVersion: null, templateFamily: 'none', templateId: '' },
  };
  if (expand.includes('settings')) resource['settings'] = policy.settings.map((setting, index) => ({ id: String(index), settingInstance: settingInstance(setting) }));
  if (expand.includes('assignments')) {
    resource['assignments'] = policy.assignments.map((target) => ({ id: assignmentId(policy.id, target), source: 'direct', sourceId: policy.id, target: targetOf(target, true) }));
  }
  return resource;
}

/** `GET /beta/deviceManagement/configurationPolicies`: the settings catalog exists only in Graph beta. */
export const configurationPoliciesRoute: Route = {
  pattern: /^\/deviceManagement\/configurationPolicies\/?$/i,
  name: 'GET /beta/deviceManagement/configurationPolicies',
  options: ['expand', 'skiptoken'],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    const expand = expansions(route, this.name, ['settings', 'assignments']);
    if (!Array.isArray(expand)) return expand;
    const tenant = route.caller.tenant;
    if (!tenant.intuneLicensed) return intuneNotApplicable(route.ctx);
    if (!allowed(route, '/devicemanagement/configurationpolicies')) return intuneForbidden(route.ctx, tenant.tenantId);
    const policies = tenant.intunePolicies?.configurationPolicies ?? [];
    const paged = page(route, policies, CATALOG_PAGE_SIZE, true);
    if ('status' in paged) return paged;
    const expanded = expand.length ? `(${expand.map((name) => `${name}()`).join(',')})` : '';
    const context = `${GRAPH_ORIGIN}/beta/$metadata#deviceManagement/configurationPolicies${expanded}`;
    return ok(route.ctx, collection(context, paged.items.map((policy) => renderCatalogPolicy(policy, expand)), paged.next, { '@odata.count': policies.length }));
  },
};

// =============================================================================================
// Microsoft 365 Backup

/** The first-party app the documented examples name as creator of policies and units. */
const ENHANCED_RESTORE = { id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', displayName: 'Microsoft Enhanced Restore' };
/** Backup lists' page size is not documented; the simulator pages at 100. */
const BACKUP_PAGE_SIZE = 100;

function adminIdentity(tenant: M365TenantModel): JsonObject {
  const id = tenant.backup?.lastModifiedByUserId ?? '';
  const user = tenant.users.find((candidate) => candidate.id === id);
  return { application: { ...ENHANCED_RESTORE }, user: { email: user?.userPrincipalName ?? null, id, displayName: user?.displayName ?? null } };
}

/**
 * `GET /solutions/backupRestore`: serviceStatus as documented (backuprestoreroot-get). The
 * documented `lastModifiedBy.user` carries an `identity` key, not the usual identitySet shape; it is
 * served as documented. A tenant that never enabled Backup reports the documented default `disabled`.
 */
export const backupRestoreRoute: Route = {
  pattern: /^\/solutions\/backupRestore\/?$/i,
  name: 'GET /solutions/backupRestore',
  options: [],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    if (!allowed(route, '/backuprestore')) return accessDenied(route.ctx);
    const backup = route.caller.tenant.backup;
    const serviceStatus: JsonObject = backup
      ? {
          status: backup.status,
          disableReason: backup.disableReason,
          backupServiceConsumer: 'firstparty',
          lastModifiedDateTime: backup.lastModifiedDateTime,
          lastModifiedBy: { user: { identity: backup.lastModifiedByUserId } },
        }
      : { status: 'disabled', disableReason: 'none', backupServiceConsumer: 'unknown', lastModifiedDateTime: null, lastModifiedBy: null };
    return ok(route.ctx, { '@odata.context': `${GRAPH_ROOT}/$metadata#solutions/backupRestore/$entity`, serviceStatus });
  },
};

const POLICY_TYPES: Record<BackupWorkload, string> = {
  exchange: '#microsoft.graph.exchangeProtectionPolicy',
  oneDriveForBusiness: '#microsoft.graph.oneDriveForBusinessProtectionPolicy',
  sharePoint: '#microsoft.graph.sharePointProtectionPolicy',
};

/** Lists of a service that is off: what they answer is not documented, so the simulator says so. */
function backupOff(route: RouteContext, name: string): GraphResponse | undefined {
  const status = route.caller.tenant.backup?.status;
  return status === undefined || status === 'disabled' ? notSimulated(route.ctx, `${name} while Microsoft 365 Backup is disabled (the answer is not documented)`) : undefined;
}

/** `GET /solutions/backupRestore/protectionPolicies` (backuprestoreroot-list-protectionpolicies), with its documented relative `@odata.context`. */
export const protectionPoliciesRoute: Route = {
  pattern: /^\/solutions\/backupRestore\/protectionPolicies\/?$/i,
  name: 'GET /solutions/backupRestore/protectionPolicies',
  options: ['skiptoken'],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    if (!allowed(route, '/backuprestore/protectionpolicies')) return accessDenied(route.ctx);
    const off = backupOff(route, this.name);
    if (off) return off;
    const tenant = route.caller.tenant;
    const paged = page(route, tenant.backup!.protectionPolicies, BACKUP_PAGE_SIZE);
    if ('status' in paged) return paged;
    const identity = adminIdentity(tenant);
    const value = paged.items.map((policy) => ({
      '@odata.type': POLICY_TYPES[policy.workload],
      id: policy.id,
      displayName: policy.displayName,
      status: policy.status,
      isEnabled: policy.isEnabled,
      createdBy: identity,
      createdDateTime: policy.createdDateTime,
      lastModifiedBy: identity,
      lastModifiedDateTime: policy.lastModifiedDateTime,
      retentionSettings: [
        { interval: 'R/PT10M', period: 'P2W' },
        { interval: 'R/P1W', period: 'P1Y' },
      ],
    }));
    return ok(route.ctx, collection('/solutions/backupRestore/$metadata#ProtectionPolicies', value, paged.next));
  },
};

const UNIT_CASTS: Record<string, BackupWorkload> = {
  mailboxprotectionunit: 'exchange',
  driveprotectionunit: 'oneDriveForBusiness',
  siteprotectionunit: 'sharePoint',
};

/**
 * A protection unit as documented, without `displayName` and `email`: "only available for the
 * Delegated permission type", and the simulator's callers are apps.
 */
function renderUnit(tenant: M365TenantModel, unit: BackupProtectionUnit, cast: string): JsonObject {
  const identity = adminIdentity(tenant);
  const target: JsonObject = unit.workload === 'sharePoint' ? { siteId: unit.siteId ?? null, siteName: unit.siteName ?? null, siteWebUrl: unit.siteWebUrl ?? null } : { directoryObjectId: unit.directoryObjectId ?? null };
  return {
    '@odata.type': `#microsoft.graph.${cast}`,
    id: unit.id,
    policyId: unit.policyId,
    ...target,
    status: unit.status,
    protectionSources: unit.protectionSources,
    createdBy: identity,
    createdDateTime: unit.createdDateTime,
    lastModifiedBy: identity,
    lastModifiedDateTime: unit.createdDateTime,
    error: null,
    offboardRequestedDateTime: '0001-01-01T00:00:00.0000000Z',
  };
}

/** `GET /solutions/backupRestore/protectionUnits/microsoft.graph.{mailbox,drive,site}ProtectionUnit` (backuprestoreroot-list-mailboxprotectionunits etc.). */
export const protectionUnitsRoute: Route = {
  pattern: /^\/solutions\/backupRestore\/protectionUnits\/microsoft\.graph\.(mailboxProtectionUnit|driveProtectionUnit|siteProtectionUnit)\/?$/i,
  name: 'GET /solutions/backupRestore/protectionUnits/{type}',
  options: ['skiptoken'],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    if (!allowed(route, '/backuprestore/protectionunits')) return accessDenied(route.ctx);
    const off = backupOff(route, this.name);
    if (off) return off;
    const tenant = route.caller.tenant;
    const cast = route.params[0]!;
    const canonical = { mailboxprotectionunit: 'mailboxProtectionUnit', driveprotectionunit: 'driveProtectionUnit', siteprotectionunit: 'siteProtectionUnit' }[cast.toLowerCase()]!;
    const units = tenant.backup!.protectionUnits.filter((unit) => unit.workload === UNIT_CASTS[cast.toLowerCase()]);
    const paged = page(route, units, BACKUP_PAGE_SIZE);
    if ('status' in paged) return paged;
    // The documented example carries no @odata.context.
    return ok(route.ctx, collection(undefined, paged.items.map((unit) => renderUnit(tenant, unit, canonical)), paged.next));
  },
};

const SESSION_TYPES: Record<BackupWorkload, string> = {
  exchange: '#microsoft.graph.exchangeRestoreSession',
  oneDriveForBusiness: '#microsoft.graph.oneDriveForBusinessRestoreSession',
  // The docs example writes "sharepointRestoreSession"; the CSDL type is sharePointRestoreSession.
  sharePoint: '#microsoft.graph.sharePointRestoreSession',
};

/** `GET /solutions/backupRestore/restoreSessions` (backuprestoreroot-list-restoresessions): BackupRestore-Restore.Read.All. */
export const restoreSessionsRoute: Route = {
  pattern: /^\/solutions\/backupRestore\/restoreSessions\/?$/i,
  name: 'GET /solutions/backupRestore/restoreSessions',
  options: ['skiptoken'],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    if (!allowed(route, '/backuprestore/restoresessions')) return accessDenied(route.ctx);
    const off = backupOff(route, this.name);
    if (off) return off;
    const tenant = route.caller.tenant;
    const paged = page(route, tenant.backup!.restoreSessions, BACKUP_PAGE_SIZE);
    if ('status' in paged) return paged;
    const identity = adminIdentity(tenant);
    const value = paged.items.map((session) => ({
      '@odata.type': SESSION_TYPES[session.workload],
      id: session.id,
      status: session.status,
      restoreJobType: session.restoreJobType,
      createdBy: identity,
      createdDateTime: session.createdDateTime,
      completedDateTime: session.completedDateTime,
      lastModifiedBy: identity,
      lastModifiedDateTime: session.completedDateTime ?? session.createdDateTime,
      error: null,
    }));
    return ok(route.ctx, collection('/solutions/backupRestore/$metadata#restoreSessions', value, paged.next));
  },
};

// =============================================================================================
// SharePoint tenant settings

/** Every v1.0 sharepointSettings property, with a new tenant's value (the live capture's where it has one). */
const SHAREPOINT_DEFAULTS: JsonObject = {
  allowedDomainGuidsForSyncApp: [],
  availableManagedPathsForSiteCreation: ['/sites/', '/teams/'],
  deletedUserPersonalSiteRetentionPeriodInDays: 30,
  excludedFileExtensionsForSyncApp: [],
  idleSessionSignOut: { isEnabled: false, warnAfterInSeconds: 0, signOutAfterInSeconds: 0 },
  imageTaggingOption: 'disabled',
  isCommentingOnSitePagesEnabled: true,
  isFileActivityNotificationEnabled: true,
  isLegacyAuthProtocolsEnabled: false,
  isLoopEnabled: true,
  isMacSyncAppEnabled: true,
  isRequireAcceptingUserToMatchInvitedUserEnabled: true,
  isResharingByExternalUsersEnabled: true,
  isSharePointMobileNotificationEnabled: true,
  isSharePointNewsfeedEnabled: false,
  isSiteCreationEnabled: true,
  isSiteCreationUIEnabled: true,
  isSitePagesCreationEnabled: true,
  isSitesStorageLimitAutomatic: true,
  isSyncButtonHiddenOnPersonalSite: false,
  isUnmanagedSyncAppForTenantRestricted: false,
  personalSiteDefaultStorageLimitInMB: 1048576,
  sharingAllowedDomainList: [],
  sharingBlockedDomainList: [],
  sharingCapability: 'externalUserAndGuestSharing',
  sharingDomainRestrictionMode: 'none',
  siteCreationDefaultManagedPath: '/sites/',
  siteCreationDefaultStorageLimitInMB: 26214400,
  tenantDefaultTimezone: '(UTC-08:00) Pacific Time (US and Canada)',
};

const SHAREPOINT_SCHEMA: EntityTypeSchema = {
  typeName: 'microsoft.graph.sharepointSettings',
  properties: ['id', ...Object.keys(SHAREPOINT_DEFAULTS)],
  collections: ['allowedDomainGuidsForSyncApp', 'availableManagedPathsForSiteCreation', 'excludedFileExtensionsForSyncApp', 'sharingAllowedDomainList', 'sharingBlockedDomainList'],
};

/**
 * `GET /admin/sharepoint/settings`. Served as the live tenant answered: the settings object at the
 * top level (a singleton). The documented example wraps it in `{"value": {...}}`, which a live
 * capture (rknightion/graph2otel) does not show; tenant-audit's collector accepts both.
 */
export const sharePointSettingsRoute: Route = {
  pattern: /^\/admin\/sharepoint\/settings\/?$/i,
  name: 'GET /admin/sharepoint/settings',
  options: ['select'],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    const select = parseSelect(route.ctx, route.query.get('select'), SHAREPOINT_SCHEMA);
    if (!select.ok) return select.response;
    if (!allowed(route, '/admin/sharepoint/settings')) return accessDenied(route.ctx);
    const settings: JsonObject = { ...SHAREPOINT_DEFAULTS, ...(route.caller.tenant.sharePointSettings as JsonObject | undefined) };
    const body = select.value === null ? settings : project(settings, select.value, SHAREPOINT_SCHEMA);
    const context = `${GRAPH_ROOT}/$metadata#admin/sharepoint/settings${select.value ? `(${select.value.join(',')})` : ''}/$entity`;
    return ok(route.ctx, { '@odata.context': context, ...body });
  },
};

// =============================================================================================
// Enterprise apps and consents

/** Microsoft Graph's application id, the same in every tenant. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const MICROSOFT_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/**
 * Microsoft Graph application permissions (app roles) the simulator knows, by value. Ids are the
 * well-known ones corroborated by public scripts (research notes); a real tenant's Graph service
 * principal lists about 700.
 */
export const GRAPH_APP_ROLES: Readonly<Record<string, string>> = {
  'Mail.Read': '810c84a8-4a9e-49e6-bf7d-12d183f40d01',
  'Mail.ReadWrite': 'e2a3a72e-5f79-4c64-b1b1-878b674786c9',
  'Mail.Send': 'b633e1c5-b582-4048-a93e-9f11b44c7e96',
  'Mail.ReadBasic.All': '693c5e45-0940-467d-9b8a-1022fb9d42ef',
  'Files.Read.All': '01d4889c-1287-42c6-ac1f-5d1e02578ef6',
  'Files.ReadWrite.All': '75359482-378d-4052-8f01-80520e7db3cd',
  'Sites.Read.All': '332a536c-c7ef-4017-ab91-336970924f0d',
  'Sites.ReadWrite.All': '9492366f-7969-46a4-8d15-ed1a20078fff',
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  'Directory.ReadWrite.All': '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
  'Group.Read.All': '5b567255-7703-4780-807c-7be8301ae99b',
  'MailboxSettings.Read': '40f97065-369a-49f4-947c-6a255697ae91',
  'Application.Read.All': '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
  'TeamSettings.Read.All': '242607bd-1d2c-432c-82eb-bdb27baa23ab',
};

/** Properties of a servicePrincipal (v1.0 CSDL, navigation properties left out). */
const SERVICE_PRINCIPAL_SCHEMA: EntityTypeSchema = {
  typeName: 'microsoft.graph.servicePrincipal',
  properties: [
    'id', 'deletedDateTime', 'accountEnabled', 'addIns', 'alternativeNames', 'appDescription', 'appDisplayName', 'appId',
    'applicationTemplateId', 'appOwnerOrganizationId', 'appRoleAssignmentRequired', 'appRoles', 'createdByAppId',
    'customSecurityAttributes', 'description', 'disabledByMicrosoftStatus', 'displayName', 'homepage', 'info', 'isDisabled',
    'keyCredentials', 'loginUrl', 'logoutUrl', 'notes', 'notificationEmailAddresses', 'oauth2PermissionScopes',
    'passwordCredentials', 'preferredSingleSignOnMode', 'preferredTokenSigningKeyThumbprint', 'replyUrls',
    'resourceSpecificApplicationPermissions', 'samlSingleSignOnSettings', 'servicePrincipalNames', 'servicePrincipalType',
    'signInAudience', 'tags', 'tokenEncryptionKeyId', 'verifiedPublisher',
  ],
  collections: [
    'addIns', 'alternativeNames', 'appRoles', 'keyCredentials', 'notificationEmailAddresses', 'oauth2PermissionScopes',
    'passwordCredentials', 'replyUrls', 'resourceSpecificApplicationPermissions', 'servicePrincipalNames', 'tags',
  ],
};

interface ServicePrincipalRow {
  id: string;
  appId: string;
  displayName: string;
  appOwnerOrganizationId: string | null;
  appRoles: JsonObject[];
}

export function graphServicePrincipalId(tenant: M365TenantModel): string {
  return deterministicGuid(tenant.tenantId, 'service-principal', MICROSOFT_GRAPH_APP_ID);
}

function servicePrincipals(tenant: M365TenantModel): ServicePrincipalRow[] {
  const graph: ServicePrincipalRow = {
    id: graphServicePrincipalId(tenant),
    appId: MICROSOFT_GRAPH_APP_ID,
    displayName: 'Microsoft Graph',
    appOwnerOrganizationId: MICROSOFT_TENANT,
    appRoles: Object.entries(GRAPH_APP_ROLES).map(([value, id]) => ({ allowedMemberTypes: ['Application'], description: `Allows the app to use ${value} without a signed-in user.`, displayName: value, id, isEnabled: true, origin: 'Application', value })),
  };
  return [graph, ...(tenant.enterpriseApps ?? []).map((app) => ({ id: app.id, appId: app.appId, displayName: app.displayName, appOwnerOrganizationId: app.appOwnerOrganizationId, appRoles: [] }))];
}

function servicePrincipalResource(row: ServicePrincipalRow): JsonObject {
  return {
    id: row.id,
    deletedDateTime: null,
    accountEnabled: true,
    appDisplayName: row.displayName,
    appId: row.appId,
    appOwnerOrganizationId: row.appOwnerOrganizationId,
    appRoleAssignmentRequired: false,
    appRoles: row.appRoles,
    displayName: row.displayName,
    servicePrincipalNames: [row.appId],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMultipleOrgs',
    tags: [],
  };
}

/** The service principal list's default and largest pages (serviceprincipal-list: 100 and 999). */
const SP_DEFAULT_PAGE = 100;
const SP_MAX_PAGE = 999;

/** `GET /servicePrincipals`: Microsoft Graph's own service principal and the tenant's enterprise apps. */
export const servicePrincipalsRoute: Route = {
  pattern: /^\/servicePrincipals\/?$/i,
  name: 'GET /servicePrincipals',
  options: ['select', 'top', 'skiptoken'],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    const select = parseSelect(route.ctx, route.query.get('select'), SERVICE_PRINCIPAL_SCHEMA);
    if (!select.ok) return select.response;
    const top = parseTop(route.ctx, route.query.get('top'));
    if (!top.ok) return top.response;
    if (!allowed(route, '/serviceprincipals')) return insufficientPrivileges(route.ctx);
    const size = boundedPageSize(route, top.value, SP_DEFAULT_PAGE, SP_MAX_PAGE);
    if (typeof size !== 'number') return size;
    const paged = page(route, servicePrincipals(route.caller.tenant), size);
    if ('status' in paged) return paged;
    const value = paged.items.map((row) => (select.value ? project(servicePrincipalResource(row), select.value, SERVICE_PRINCIPAL_SCHEMA) : servicePrincipalResource(row)));
    return ok(route.ctx, collection(`${GRAPH_ROOT}/$metadata#servicePrincipals${select.value ? `(${select.value.join(',')})` : ''}`, value, paged.next));
  },
};

function principalByAppId(tenant: M365TenantModel, appId: string): ServicePrincipalRow | undefined {
  return servicePrincipals(tenant).find((row) => row.appId.toLowerCase() === appId.toLowerCase());
}

/** `GET /servicePrincipals(appId='{appId}')` (alternate key). */
export const servicePrincipalByAppIdRoute: Route = {
  pattern: /^\/servicePrincipals\(appId='([^']+)'\)\/?$/i,
  name: "GET /servicePrincipals(appId='{appId}')",
  options: ['select'],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    const select = parseSelect(route.ctx, route.query.get('select'), SERVICE_PRINCIPAL_SCHEMA);
    if (!select.ok) return select.response;
    if (!allowed(route, '/serviceprincipals(appid={value})')) return insufficientPrivileges(route.ctx);
    const row = principalByAppId(route.caller.tenant, route.params[0]!);
    if (!row) return resourceNotFound(route.ctx, `appId=${route.params[0]}`);
    const resource = select.value ? project(servicePrincipalResource(row), select.value, SERVICE_PRINCIPAL_SCHEMA) : servicePrincipalResource(row);
    return ok(route.ctx, { '@odata.context': `${GRAPH_ROOT}/$metadata#servicePrincipals${select.value ? `(${select.value.join(',')})` : ''}/$entity`, ...resource });
  },
};

/** Directory page size for appRoleAssignedTo (not documented; a live listing paged 104 assignments over several pages). */
const ASSIGNMENTS_PAGE_SIZE = 100;

function graphAssignments(tenant: M365TenantModel): JsonObject[] {
  const resourceId = graphServicePrincipalId(tenant);
  return (tenant.enterpriseApps ?? []).flatMap((app: EnterpriseApp) =>
    (app.graphApplicationPermissions ?? []).map((value) => {
      const appRoleId = GRAPH_APP_ROLES[value];
      if (!appRoleId) throw new Error(`the simulated Microsoft Graph service principal has no app role ${value} (enterprise app ${app.displayName})`);
      return {
        appRoleId,
        createdDateTime: app.consentedDateTime,
        deletedDateTime: null,
        id: deterministicGuid(tenant.tenantId, 'app-role-assignment', app.id, value),
        principalDisplayName: app.displayName,
        principalId: app.id,
        principalType: 'ServicePrincipal',
        resourceDisplayName: 'Microsoft Graph',
        resourceId,
      };
    }),
  );
}

/**
 * `GET /servicePrincipals(appId='...')/appRoleAssignedTo` and `/servicePrincipals/{id}/appRoleAssignedTo`:
 * who holds app roles on that resource. The live answer's context is `#appRoleAssignments`.
 */
export const appRoleAssignedToRoute: Route = {
  pattern: /^\/servicePrincipals(?:\(appId='([^']+)'\)|\/([^/]+))\/appRoleAssignedTo\/?$/i,
  name: 'GET /servicePrincipals/{id}/appRoleAssignedTo',
  options: ['skiptoken'],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    const [appId, id] = route.params;
    const key: RoutePermissionKey = appId ? '/serviceprincipals(appid={value})/approleassignedto' : '/serviceprincipals/{id}/approleassignedto';
    if (!allowed(route, key)) return insufficientPrivileges(route.ctx);
    const tenant = route.caller.tenant;
    const row = appId ? principalByAppId(tenant, appId) : servicePrincipals(tenant).find((candidate) => candidate.id.toLowerCase() === id!.toLowerCase());
    if (!row) return resourceNotFound(route.ctx, appId ? `appId=${appId}` : id!);
    const assignments = row.appId === MICROSOFT_GRAPH_APP_ID ? graphAssignments(tenant) : [];
    const paged = page(route, assignments, ASSIGNMENTS_PAGE_SIZE);
    if ('status' in paged) return paged;
    return ok(route.ctx, collection(`${GRAPH_ROOT}/$metadata#appRoleAssignments`, [...paged.items], paged.next));
  },
};

/** The id Entra gives an oauth2PermissionGrant: the client's and resource's object ids as bytes, base64url (as live ids decode). */
function grantId(clientId: string, resourceId: string): string {
  const bytes = [clientId, resourceId].flatMap((guid) => {
    const hex = guid.replace(/-/g, '');
    // .NET Guid byte order: the first three groups little-endian.
    const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
    return order.map((index) => parseInt(hex.slice(index * 2, index * 2 + 2), 16));
  });
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * `GET /oauth2PermissionGrants`, with the one `$filter` tenant-audit sends (`consentType eq
 * 'AllPrincipals'`). Live grants carry no `@odata.id` (the docs example has one) and their scope
 * starts with a space.
 */
export const oauth2PermissionGrantsRoute: Route = {
  pattern: /^\/oauth2PermissionGrants\/?$/i,
  name: 'GET /oauth2PermissionGrants',
  options: ['filter', 'skiptoken'],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    const filter = route.query.get('filter');
    if (filter !== undefined && !/^\s*consentType\s+eq\s+'AllPrincipals'\s*$/i.test(filter)) return notSimulated(route.ctx, `$filter=${filter} on ${this.name}`);
    if (!allowed(route, '/oauth2permissiongrants')) return insufficientPrivileges(route.ctx);
    const tenant = route.caller.tenant;
    const resourceId = graphServicePrincipalId(tenant);
    const grants = (tenant.enterpriseApps ?? [])
      .filter((app) => (app.delegatedGraphScopes ?? []).length > 0)
      .map((app) => ({ clientId: app.id, consentType: 'AllPrincipals', id: grantId(app.id, resourceId), principalId: null, resourceId, scope: ` ${app.delegatedGraphScopes!.join(' ')}` }));
    const paged = page(route, grants, 100);
    if ('status' in paged) return paged;
    return ok(route.ctx, collection(`${GRAPH_ROOT}/$metadata#oauth2PermissionGrants`, [...paged.items], paged.next));
  },
};

// =============================================================================================
// Attack simulation training

/** The service plan of Defender for Office 365 Plan 2, which attack simulation training needs. */
const DEFENDER_P2_PLAN = 'THREAT_INTELLIGENCE';

/**
 * `GET /reports/security/getAttackSimulationTrainingUserCoverage`. The documented example shows
 * `displayName` and `email` null; only `userId` is reliable, so the simulator serves them null.
 * What a tenant without Defender for Office 365 Plan 2 gets is not documented: the simulator says so (501).
 */
export const trainingCoverageRoute: Route = {
  pattern: /^\/reports\/security\/getAttackSimulationTrainingUserCoverage(?:\(\))?\/?$/i,
  name: 'GET /reports/security/getAttackSimulationTrainingUserCoverage',
  options: ['skiptoken'],
  handle(route) {
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    if (!allowed(route, '/reports/security/getattacksimulationtrainingusercoverage')) return accessDenied(route.ctx);
    const tenant = route.caller.tenant;
    const licensed = tenant.subscribedSkus.some((sku) => (sku.capabilityStatus === 'Enabled' || sku.capabilityStatus === 'Warning') && sku.servicePlans.some((plan) => plan.servicePlanName === DEFENDER_P2_PLAN));
    if (!licensed) return notSimulated(route.ctx, `${this.name} for a tenant without Defender for Office 365 Plan 2 (the answer is not documented)`);
    const paged = page(route, tenant.attackSimulationTraining ?? [], 100);
    if ('status' in paged) return paged;
    const value = paged.items.map((entry) => ({
      userTrainings: entry.trainings.map((training) => ({ assignedDateTime: training.assignedDateTime, completionDateTime: training.completionDateTime, trainingStatus: training.trainingStatus, displayName: training.displayName })),
      attackSimulationUser: { userId: entry.userId, displayName: null, email: null },
    }));
    return ok(route.ctx, collection(`${GRAPH_ROOT}/$metadata#Collection(microsoft.graph.attackSimulationTrainingUserCoverage)`, value, paged.next));
  },
};

/** Every v1.0 route of this file. */
export const safeguardRoutes: readonly Route[] = [
  deviceCompliancePoliciesRoute,
  deviceConfigurationsRoute,
  backupRestoreRoute,
  protectionPoliciesRoute,
  protectionUnitsRoute,
  restoreSessionsRoute,
  sharePointSettingsRoute,
  appRoleAssignedToRoute,
  servicePrincipalByAppIdRoute,
  servicePrincipalsRoute,
  oauth2PermissionGrantsRoute,
  trainingCoverageRoute,
];

/** Graph beta routes (the simulator serves beta only where v1.0 has no such API). */
export const betaRoutes: readonly Route[] = [configurationPoliciesRoute];

