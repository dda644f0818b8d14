import type { BitlockerRecoveryKey, BitlockerVolumeType, EntraDevice, ManagedDevice } from '../model.js';
import { deviceRegistrationForbidden, insufficientPrivileges, intuneForbidden, intuneNotApplicable, notSimulated } from './errors.js';
import type { JsonObject } from './http.js';
import { hasAnyRole, ROUTE_PERMISSIONS } from './permissions.js';
import { boundedPageSize, parseCollectionQuery, serveCollection, unsimulatedOption, wantsCount, type Route } from './route.js';
import { entitySchema } from './schema.js';
import { badDirectoryPageToken, invalidPageSize } from './users.js';

const DEVICE_SCHEMA = entitySchema('managedDevice');
const ENTRA_DEVICE_SCHEMA = entitySchema('device');
const RECOVERY_KEY_SCHEMA = entitySchema('bitlockerRecoveryKey');

/** Unconfirmed: Intune's page limits are not documented for v1.0; we page at 1000. */
const DEVICE_PAGE_SIZE = 1000;

/**
 * The documented managedDevice (intune-devices-manageddevice-list example), with the model's values
 * and empty values for the rest; Intune tags each item with its `@odata.type`.
 */
function deviceResource(device: ManagedDevice): JsonObject {
  return {
    '@odata.type': '#microsoft.graph.managedDevice',
    id: device.id,
    userId: device.userId,
    deviceName: device.deviceName,
    managedDeviceOwnerType: device.managedDeviceOwnerType,
    deviceActionResults: [],
    enrolledDateTime: device.enrolledDateTime,
    lastSyncDateTime: device.lastSyncDateTime,
    operatingSystem: device.operatingSystem,
    complianceState: device.complianceState,
    jailBroken: device.jailBroken ?? 'Unknown',
    managementAgent: device.managementAgent ?? 'mdm',
    osVersion: device.osVersion,
    easActivated: false,
    easDeviceId: '',
    easActivationDateTime: '0001-01-01T00:00:00Z',
    azureADRegistered: true,
    deviceEnrollmentType: device.deviceEnrollmentType ?? 'windowsAzureADJoin',
    activationLockBypassCode: null,
    emailAddress: device.emailAddress ?? device.userPrincipalName,
    azureADDeviceId: device.azureADDeviceId,
    deviceRegistrationState: device.deviceRegistrationState ?? 'registered',
    deviceCategoryDisplayName: 'Unknown',
    isSupervised: device.isSupervised ?? false,
    exchangeLastSuccessfulSyncDateTime: '0001-01-01T00:00:00Z',
    exchangeAccessState: 'none',
    exchangeAccessStateReason: 'none',
    remoteAssistanceSessionUrl: null,
    remoteAssistanceSessionErrorDetails: null,
    isEncrypted: device.isEncrypted,
    userPrincipalName: device.userPrincipalName,
    model: device.model,
    manufacturer: device.manufacturer,
    imei: '',
    complianceGracePeriodExpirationDateTime: '9999-12-31T23:59:59Z',
    serialNumber: device.serialNumber,
    phoneNumber: '',
    androidSecurityPatchLevel: '',
    userDisplayName: device.userDisplayName,
    configurationManagerClientEnabledFeatures: null,
    wiFiMacAddress: '',
    deviceHealthAttestationState: null,
    subscriberCarrier: '',
    meid: '',
    totalStorageSpaceInBytes: 0,
    freeStorageSpaceInBytes: 0,
    managedDeviceName: `${device.userPrincipalName.split('@')[0] ?? ''}_${device.operatingSystem}_${device.enrolledDateTime.slice(0, 10)}`,
    partnerReportedThreatState: 'unknown',
    iccid: null,
    udid: null,
    notes: null,
    ethernetMacAddress: null,
    physicalMemoryInBytes: 0,
    enrollmentProfileName: null,
    managementCertificateExpirationDate: '0001-01-01T00:00:00Z',
    managementState: 'managed',
    requireUserEnrollmentApproval: null,
  };
}

/**
 * `GET /deviceManagement/managedDevices`. Without an Intune licence Intune answers 400 "Request not
 * applicable to target tenant." before looking at permissions.
 */
export const managedDevicesRoute: Route = {
  pattern: /^\/deviceManagement\/managedDevices\/?$/i,
  name: 'GET /deviceManagement/managedDevices',
  options: ['select', 'top', 'skiptoken'],
  handle(route) {
    const query = parseCollectionQuery(route, this, DEVICE_SCHEMA);
    if ('status' in query) return query;
    const tenant = route.caller.tenant;
    if (!tenant.intuneLicensed) return intuneNotApplicable(route.ctx);
    if (!hasAnyRole(route.caller.roles, ROUTE_PERMISSIONS['/devicemanagement/manageddevices'])) {
      return intuneForbidden(route.ctx, tenant.tenantId);
    }
    return serveCollection(route, tenant.managedDevices, {
      schema: DEVICE_SCHEMA,
      contextPath: 'deviceManagement/managedDevices',
      select: query.select,
      pageSize: boundedPageSize(route, query.top, DEVICE_PAGE_SIZE, DEVICE_PAGE_SIZE),
      resource: deviceResource,
      // The type annotation stays first under $select too.
      finish: (device) => ({ '@odata.type': '#microsoft.graph.managedDevice', ...device }),
    });
  },
};

/** Directory lists page 100 objects by default and take `$top` from 1 to 999, as for users. */
const DIRECTORY_PAGE_SIZE = 100;
const DIRECTORY_MAX_PAGE_SIZE = 999;

/** Intune's application id, which Entra writes as `mdmAppId` on the devices Intune manages. */
const INTUNE_MDM_APP_ID = '0000000a-0000-0000-c000-000000000000';

/**
 * A device as Graph v1.0 holds it: the model's values and the other properties of the schema
 * (graph-v1.0-cleanMetadata.xml) empty. The documented example (device-list) shows accountEnabled,
 * deviceId, deviceVersion, displayName, manufacturer, model and operatingSystemVersion; it spells
 * the two in capitals, a typo against the schema, which we do not copy.
 */
function entraDeviceResource(device: EntraDevice): JsonObject {
  const hybrid = device.trustType === 'ServerAd';
  return {
    id: device.id,
    deletedDateTime: null,
    accountEnabled: device.accountEnabled,
    alternativeSecurityIds: [],
    approximateLastSignInDateTime: device.approximateLastSignInDateTime,
    complianceExpirationDateTime: null,
    deviceCategory: null,
    deviceId: device.deviceId,
    deviceMetadata: null,
    deviceOwnership: device.deviceOwnership ?? (device.trustType === 'Workplace' ? 'Personal' : 'Company'),
    deviceVersion: 2,
    displayName: device.displayName,
    enrollmentProfileName: null,
    enrollmentType: null,
    isCompliant: device.isCompliant,
    isManaged: device.isManaged,
    isManagementRestricted: null,
    isRooted: false,
    managementType: device.isManaged ? 'MDM' : null,
    manufacturer: device.manufacturer ?? null,
    mdmAppId: device.isManaged ? INTUNE_MDM_APP_ID : null,
    model: device.model ?? null,
    onPremisesLastSyncDateTime: hybrid ? device.registrationDateTime : null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: hybrid ? true : null,
    operatingSystem: device.operatingSystem,
    operatingSystemVersion: device.operatingSystemVersion,
    physicalIds: [],
    profileType: 'RegisteredDevice',
    registrationDateTime: device.registrationDateTime,
    systemLabels: [],
    trustType: device.trustType,
  };
}

const DEVICE_LIST_OPTIONS = ['select', 'top', 'skiptoken', 'count'];

/** `GET /devices`: a directory list, paged like `/users` (100 by default, `$top` up to 999). */
export const entraDevicesRoute: Route = {
  pattern: /^\/devices\/?$/i,
  name: 'GET /devices',
  options: DEVICE_LIST_OPTIONS,
  handle(route) {
    const query = parseCollectionQuery(route, this, ENTRA_DEVICE_SCHEMA);
    if ('status' in query) return query;
    if (!hasAnyRole(route.caller.roles, ROUTE_PERMISSIONS['/devices'])) return insufficientPrivileges(route.ctx);
    if (query.top !== null && (query.top < 1 || query.top > DIRECTORY_MAX_PAGE_SIZE)) return invalidPageSize(route, query.top);
    const devices = route.caller.tenant.devices ?? [];
    return serveCollection(route, devices, {
      schema: ENTRA_DEVICE_SCHEMA,
      contextPath: 'devices',
      select: query.select,
      pageSize: query.top ?? DIRECTORY_PAGE_SIZE,
      resource: entraDeviceResource,
      badToken: () => badDirectoryPageToken(route),
      count: wantsCount(route) ? devices.length : undefined,
    });
  },
};

/** Unconfirmed: the BitLocker API documents no page size, only that a next link may come. */
const RECOVERY_KEY_PAGE_SIZE = 100;

/** Every documented example serialises `volumeType` as the member's value in a string ("1"). */
const VOLUME_TYPE_VALUES: Record<BitlockerVolumeType, string> = { operatingSystemVolume: '1', fixedDataVolume: '2', removableDataVolume: '3' };

/** `createdDateTime` as the examples write it, with seven fractional digits: "2020-06-15T13:45:30.0000000Z". */
const sevenDigitFraction = (iso: string): string => iso.replace(/(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/, (_, time: string) => `${time}.0000000Z`);

/** A recovery key in the documented example's key order; lists never include `key`. */
function recoveryKeyResource(key: BitlockerRecoveryKey): JsonObject {
  return {
    '@odata.type': '#microsoft.graph.bitlockerRecoveryKey',
    id: key.id,
    createdDateTime: sevenDigitFraction(key.createdDateTime),
    volumeType: VOLUME_TYPE_VALUES[key.volumeType],
    deviceId: key.deviceId,
  };
}

/**
 * `GET /informationProtection/bitlocker/recoveryKeys` (bitlocker-list-recoverykeys). The page
 * documents `$filter` by deviceId (not simulated: we never filter), says the method "does not
 * support $top", and marks the `User-Agent` header as required. Graph's answers to `$top` and to a
 * missing User-Agent are not documented, so the simulator refuses both with its own 501 rather than
 * invent one.
 */
export const bitlockerRecoveryKeysRoute: Route = {
  pattern: /^\/informationProtection\/bitlocker\/recoveryKeys\/?$/i,
  name: 'GET /informationProtection/bitlocker/recoveryKeys',
  options: ['skiptoken'],
  handle(route) {
    if (route.query.has('top')) return notSimulated(route.ctx, `$top on ${this.name}, which Graph documents as not supported (its answer is not documented)`);
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    if (!route.request.headers.get('User-Agent')) {
      return notSimulated(route.ctx, `${this.name} without the User-Agent header the API documents as required (its answer is not documented)`);
    }
    if (!hasAnyRole(route.caller.roles, ROUTE_PERMISSIONS['/informationprotection/bitlocker/recoverykeys'])) return deviceRegistrationForbidden(route.ctx);
    return serveCollection(route, route.caller.tenant.bitlockerRecoveryKeys ?? [], {
      schema: RECOVERY_KEY_SCHEMA,
      contextPath: 'informationProtection/bitlocker/recoveryKeys',
      select: null,
      pageSize: RECOVERY_KEY_PAGE_SIZE,
      resource: recoveryKeyResource,
    });
  },
};
