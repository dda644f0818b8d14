import { STANDARD_PARAMS, isOwnCustomer, type ApiContext, type ApiRoute } from './api.js';
import { callerLacksPermission, googleError, notSimulated, type GoogleResponse, type JsonObject } from './http.js';
import type { CloudIdentityDeviceModel, GoogleWorkspaceModel } from './model.js';
import { servePage } from './paging.js';

/**
 * Cloud Identity API v1 devices.list and the inbound SSO lists (inboundSsoAssignments,
 * inboundSamlSsoProfiles, inboundOidcSsoProfiles), from the discovery document (rev 20260113, shared
 * reference google/cloudidentity__v1.json). Google documents no admin privilege narrower than super
 * administrator for these, so the simulator answers super administrators only, with the OnePlatform
 * 403 ("The caller does not have permission") otherwise.
 */

const HOST = 'cloudidentity.googleapis.com';
const SCOPE = 'https://www.googleapis.com/auth/';

function invalidArgument(message: string): GoogleResponse {
  return googleError({ dialect: 'oneplatform', status: 400, message });
}

/** OnePlatform binds query parameters to the request message and rejects any it cannot bind. */
function unknownParameter(ctx: ApiContext, allowed: readonly string[]): GoogleResponse | undefined {
  for (const name of new Set(ctx.query.keys())) {
    if (!allowed.includes(name) && !STANDARD_PARAMS.includes(name)) {
      return invalidArgument(`Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`);
    }
  }
  return undefined;
}

/**
 * `pageSize` as these methods document it: larger than `max` is silently `max`, 0 or absent is the
 * method's default, negative is an error.
 */
function pageSizeOf(ctx: ApiContext, fallback: number, max: number): number | GoogleResponse {
  const raw = ctx.query.get('pageSize');
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) return invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${raw}"`);
  const value = Number(raw);
  if (value < 0) return invalidArgument('The page size must not be negative.');
  return value === 0 ? fallback : Math.min(value, max);
}

const isResponse = (value: unknown): value is GoogleResponse => typeof value === 'object' && value !== null && 'status' in value;

// ---------------------------------------------------------------------------------------------
// devices.list

/**
 * devices.list `view`: USER_ASSIGNED_DEVICES is "all devices with at least one user registered",
 * COMPANY_INVENTORY the devices an admin imported (company-owned, with a create time). What the
 * default view returns is not documented; the simulator then lists every device.
 */
const DEVICE_VIEWS = ['VIEW_UNSPECIFIED', 'COMPANY_INVENTORY', 'USER_ASSIGNED_DEVICES'] as const;

/** A device as devices.list serves it: unset values left out, as proto3 JSON does. */
function serveDevice(device: CloudIdentityDeviceModel): JsonObject {
  const served: JsonObject = { name: `devices/${device.id}` };
  const optional: Array<[string, string | undefined]> = [
    ['createTime', device.createTime],
    ['lastSyncTime', device.lastSyncTime],
    ['ownerType', device.ownerType],
    ['model', device.model],
    ['osVersion', device.osVersion],
    ['deviceType', device.deviceType],
    ['serialNumber', device.serialNumber],
    ['encryptionState', device.encryptionState],
    ['managementState', device.managementState],
    ['compromisedState', device.compromisedState],
    ['hostname', device.hostname],
  ];
  for (const [key, value] of optional) if (value !== undefined && value !== '' && !value.endsWith('_UNSPECIFIED')) served[key] = value;
  return { ...served, ...((device.extra ?? {}) as JsonObject) };
}

function listDevices(ctx: ApiContext): GoogleResponse {
  const { model, query } = ctx;
  const unknown = unknownParameter(ctx, ['customer', 'filter', 'orderBy', 'pageSize', 'pageToken', 'view']);
  if (unknown) return unknown;
  const customer = query.get('customer') ?? '';
  if (customer !== '') {
    const match = /^customers\/([^/]+)$/.exec(customer);
    if (!match) return invalidArgument(`Invalid customer: ${customer}`);
    if (!isOwnCustomer(model, match[1]!)) return callerLacksPermission();
  }
  if ((query.get('filter') ?? '') !== '') return notSimulated('oneplatform', 'devices.list `filter`');
  if ((query.get('orderBy') ?? '') !== '') return notSimulated('oneplatform', 'devices.list `orderBy`');
  const rawView = query.get('view') ?? '';
  if (rawView !== '' && !(DEVICE_VIEWS as readonly string[]).includes(rawView)) {
    return invalidArgument(`Invalid value at 'view' (type.googleapis.com/google.apps.cloudidentity.devices.v1.ListDevicesRequest.View), "${rawView}"`);
  }
  // Default 20, at most 100 (larger values are coerced to 100): the devices.list reference.
  const pageSize = pageSizeOf(ctx, 20, 100);
  if (isResponse(pageSize)) return pageSize;

  const devices = (model.devices ?? []).filter((device) =>
    rawView === 'USER_ASSIGNED_DEVICES' ? device.users.length > 0 : rawView === 'COMPANY_INVENTORY' ? device.ownerType === 'COMPANY' && device.createTime !== undefined : true,
  );
  return servePage(devices, {
    method: 'cloudidentity.devices.list',
    binding: { customer: customer || undefined, view: rawView || undefined },
    pageToken: query.get('pageToken'),
    size: pageSize,
    invalidToken: () => invalidArgument('The page token is invalid.'),
    head: () => ({}),
    itemsKey: 'devices',
    render: serveDevice,
  });
}

// ---------------------------------------------------------------------------------------------
// inbound SSO

/**
 * The only filter these lists document: `customer==customers/{id}` (quoted or not; the assignments
 * reference shows it bare, the profiles reference quoted). Absent, or `my_customer`, means the
 * caller's customer; for OIDC profiles `customer==""` lists Google's shared global profiles, of
 * which the simulator has none.
 */
function customerFilter(ctx: ApiContext): { global: boolean } | GoogleResponse {
  const filter = (ctx.query.get('filter') ?? '').trim();
  if (filter === '') return { global: false };
  const match = /^customer\s*==\s*(?:"([^"]*)"|'([^']*)'|(\S+))$/.exec(filter);
  if (!match) return invalidArgument(`Invalid filter: ${filter}. Only a customer filter is supported.`);
  const value = match[1] ?? match[2] ?? match[3] ?? '';
  if (value === '') return { global: true };
  const customer = /^customers\/([^/]+)$/.exec(value);
  if (!customer) return invalidArgument(`Invalid customer in filter: ${value}`);
  if (!isOwnCustomer(ctx.model, customer[1]!)) return callerLacksPermission();
  return { global: false };
}

/** One of the three inbound SSO lists. */
function inboundSsoList<T>(method: string, itemsKey: string, items: (model: GoogleWorkspaceModel) => readonly T[], render: (item: T, model: GoogleWorkspaceModel) => JsonObject) {
  return (ctx: ApiContext): GoogleResponse => {
    const unknown = unknownParameter(ctx, ['filter', 'pageSize', 'pageToken']);
    if (unknown) return unknown;
    const filter = customerFilter(ctx);
    if (isResponse(filter)) return filter;
    // The default is "a sensible default" the service may change; the simulator uses 50. At most 100.
    const pageSize = pageSizeOf(ctx, 50, 100);
    if (isResponse(pageSize)) return pageSize;
    const all = filter.global ? [] : items(ctx.model);
    return servePage(all, {
      method,
      binding: { filter: ctx.query.get('filter') ?? undefined },
      pageToken: ctx.query.get('pageToken'),
      size: pageSize,
      invalidToken: () => invalidArgument('The page token is invalid.'),
      head: () => ({}),
      itemsKey,
      render: (item) => render(item, ctx.model),
    });
  };
}

const customerName = (model: GoogleWorkspaceModel) => `customers/${model.customer.id}`;

const listAssignments = inboundSsoList(
  'cloudidentity.inboundSsoAssignments.list',
  'inboundSsoAssignments',
  (model) => model.inboundSso?.assignments ?? [],
  (assignment, model) => {
    // Google leaves rank out for OU targets (0) and an empty signInBehavior out entirely.
    const served: JsonObject = { name: assignment.name, customer: customerName(model) };
    if (assignment.targetOrgUnit !== undefined) served['targetOrgUnit'] = assignment.targetOrgUnit;
    if (assignment.targetGroup !== undefined) served['targetGroup'] = assignment.targetGroup;
    if (assignment.rank !== undefined && assignment.rank !== 0) served['rank'] = assignment.rank;
    served['ssoMode'] = assignment.ssoMode;
    if (assignment.samlSsoInfo) served['samlSsoInfo'] = { ...assignment.samlSsoInfo };
    if (assignment.oidcSsoInfo) served['oidcSsoInfo'] = { ...assignment.oidcSsoInfo };
    const redirect = assignment.signInBehavior?.redirectCondition;
    if (redirect !== undefined && redirect !== 'REDIRECT_CONDITION_UNSPECIFIED') served['signInBehavior'] = { redirectCondition: redirect };
    return served;
  },
);

const listSamlProfiles = inboundSsoList(
  'cloudidentity.inboundSamlSsoProfiles.list',
  'inboundSamlSsoProfiles',
  (model) => model.inboundSso?.samlProfiles ?? [],
  (profile, model) => {
    const id = profile.name.replace(/^inboundSamlSsoProfiles\//, '');
    return {
      name: profile.name,
      customer: customerName(model),
      displayName: profile.displayName,
      idpConfig: { ...profile.idpConfig },
      // Output only; the URL forms are illustrative (the reference does not document them).
      spConfig: { entityId: `https://accounts.google.com/samlrp/${id}`, assertionConsumerServiceUri: `https://accounts.google.com/samlrp/acs?rpid=${id}` },
    };
  },
);

const listOidcProfiles = inboundSsoList(
  'cloudidentity.inboundOidcSsoProfiles.list',
  'inboundOidcSsoProfiles',
  (model) => model.inboundSso?.oidcProfiles ?? [],
  (profile, model) => ({
    name: profile.name,
    customer: customerName(model),
    displayName: profile.displayName,
    idpConfig: { ...profile.idpConfig },
    // clientSecret is input only: never served.
    rpConfig: { clientId: profile.rpConfig.clientId, ...(profile.rpConfig.redirectUris ? { redirectUris: [...profile.rpConfig.redirectUris] } : {}) },
  }),
);

const INBOUND_SSO_SCOPES = [`${SCOPE}cloud-identity.inboundsso`, `${SCOPE}cloud-identity.inboundsso.readonly`, `${SCOPE}cloud-platform`];

/** The Cloud Identity device and inbound SSO routes. */
export const cloudIdentityRoutes: readonly ApiRoute[] = [
  {
    methodId: 'cloudidentity.devices.list',
    service: 'cloudidentity.googleapis.com',
    host: HOST,
    dialect: 'oneplatform',
    pattern: /^\/v1\/devices$/,
    // The discovery document lists only these two for devices.list.
    scopes: [`${SCOPE}cloud-identity.devices`, `${SCOPE}cloud-identity.devices.readonly`],
    privilege: 'SUPER_ADMIN',
    denied: callerLacksPermission,
    schema: 'GoogleAppsCloudidentityDevicesV1ListDevicesResponse',
    params: ['customer', 'filter', 'orderBy', 'pageSize', 'pageToken', 'view'],
    handle: listDevices,
  },
  {
    methodId: 'cloudidentity.inboundSsoAssignments.list',
    service: 'cloudidentity.googleapis.com',
    host: HOST,
    dialect: 'oneplatform',
    pattern: /^\/v1\/inboundSsoAssignments$/,
    scopes: INBOUND_SSO_SCOPES,
    privilege: 'SUPER_ADMIN',
    denied: callerLacksPermission,
    schema: 'ListInboundSsoAssignmentsResponse',
    params: ['filter', 'pageSize', 'pageToken'],
    handle: listAssignments,
  },
  {
    methodId: 'cloudidentity.inboundSamlSsoProfiles.list',
    service: 'cloudidentity.googleapis.com',
    host: HOST,
    dialect: 'oneplatform',
    pattern: /^\/v1\/inboundSamlSsoProfiles$/,
    scopes: INBOUND_SSO_SCOPES,
    privilege: 'SUPER_ADMIN',
    denied: callerLacksPermission,
    schema: 'ListInboundSamlSsoProfilesResponse',
    params: ['filter', 'pageSize', 'pageToken'],
    handle: listSamlProfiles,
  },
  {
    methodId: 'cloudidentity.inboundOidcSsoProfiles.list',
    service: 'cloudidentity.googleapis.com',
    host: HOST,
    dialect: 'oneplatform',
    pattern: /^\/v1\/inboundOidcSsoProfiles$/,
    scopes: INBOUND_SSO_SCOPES,
    privilege: 'SUPER_ADMIN',
    denied: callerLacksPermission,
    schema: 'ListInboundOidcSsoProfilesResponse',
    params: ['filter', 'pageSize', 'pageToken'],
    handle: listOidcProfiles,
  },
];
