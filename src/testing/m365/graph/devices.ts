import type { ManagedDevice } from '../model.js';
import { intuneForbidden, intuneNotApplicable } from './errors.js';
import { ok, type JsonObject } from './http.js';
import { collectionBody, contextUrl, pageOf, parseSelect, parseTop, project } from './odata.js';
import { hasAnyRole, ROUTE_PERMISSIONS } from './permissions.js';
import { badPageToken, boundedPageSize, unsimulatedOption, type Route } from './route.js';
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
    const unsupported = unsimulatedOption(route, this.options, this.name);
    if (unsupported) return unsupported;
    const select = parseSelect(route.ctx, route.query.get('select'), DEVICE_SCHEMA);
    if (!select.ok) return select.response;
    const top = parseTop(route.ctx, route.query.get('top'));
    if (!top.ok) return top.response;
    const tenant = route.caller.tenant;
    if (!tenant.intuneLicensed) return intuneNotApplicable(route.ctx);
    if (!hasAnyRole(route.caller.roles, ROUTE_PERMISSIONS['/devicemanagement/manageddevices'])) {
      return intuneForbidden(route.ctx, tenant.tenantId);
    }
    const pageSize = boundedPageSize(route, top.value, DEVICE_PAGE_SIZE, DEVICE_PAGE_SIZE);
    if (typeof pageSize !== 'number') return pageSize;
    const page = pageOf(tenant.managedDevices, {
      ctx: route.ctx,
      path: route.request.path,
      query: route.query,
      pageSize,
      badToken: () => badPageToken(route),
    });
    if (!page.ok) return page.response;
    const value = page.value.page.map((device) => {
      const resource = deviceResource(device);
      return select.value === null
        ? resource
        : { '@odata.type': '#microsoft.graph.managedDevice', ...project(resource, select.value, DEVICE_SCHEMA) };
    });
    return ok(route.ctx, collectionBody(contextUrl('deviceManagement/managedDevices', select.value), value, page.value.nextLink));
  },
};
