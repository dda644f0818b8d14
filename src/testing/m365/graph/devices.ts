import type { ManagedDevice } from '../model.js';
import { intuneForbidden, intuneNotApplicable } from './errors.js';
import type { JsonObject } from './http.js';
import { hasAnyRole, ROUTE_PERMISSIONS } from './permissions.js';
import { boundedPageSize, parseCollectionQuery, serveCollection, type Route } from './route.js';
import { entitySchema } from './schema.js';

const DEVICE_SCHEMA = entitySchema('managedDevice');

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
