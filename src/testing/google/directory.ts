import { enumParam, integerParam, isOwnCustomer, isResponse, type ApiContext, type ApiRoute } from './api.js';
import { badRequest, googleError, notAuthorized, notSimulated, ok, type GoogleResponse, type Json, type JsonObject } from './http.js';
import { googleEtag } from './ids.js';
import type { GoogleOrgUnitModel, GoogleUserModel, GoogleWorkspaceModel, MobileDeviceModel } from './model.js';
import { servePage } from './paging.js';
import { isTwoStepEnforcedAt } from './resolve.js';

/**
 * Admin SDK Directory API v1 (`admin.googleapis.com/admin/directory/v1`): users.list,
 * orgunits.list, customers.get and mobiledevices.list, with the parameters and response shapes of
 * the discovery document (shared reference google/admin__directory_v1.json).
 */

const HOST = 'admin.googleapis.com';
const SCOPE = 'https://www.googleapis.com/auth/';

function invalidPageToken(ctx: ApiContext): GoogleResponse {
  return badRequest(ctx.dialect, 'Invalid page token', 'invalid', 'pageToken');
}

// ---------------------------------------------------------------------------------------------
// users.list

/** A user as users.list serves it (projection basic/full: the simulator has no custom schemas). */
export function serveUser(model: GoogleWorkspaceModel, user: GoogleUserModel, now: Date): JsonObject {
  const fullName = user.name.fullName ?? `${user.name.givenName} ${user.name.familyName}`;
  const served: JsonObject = {
    kind: 'admin#directory#user',
    id: user.id,
    etag: googleEtag('user', model.customer.id, user.id),
    primaryEmail: user.primaryEmail,
    name: { givenName: user.name.givenName, familyName: user.name.familyName, fullName },
    // Admin SDK answers leave empty lists out, so a user without aliases has neither field.
    ...(user.aliases?.length ? { aliases: [...user.aliases] } : {}),
    ...(user.nonEditableAliases?.length ? { nonEditableAliases: [...user.nonEditableAliases] } : {}),
    isAdmin: user.isAdmin,
    isDelegatedAdmin: user.isDelegatedAdmin,
    lastLoginTime: user.lastLoginTime,
    creationTime: user.creationTime,
    agreedToTerms: user.agreedToTerms ?? user.lastLoginTime !== '1970-01-01T00:00:00.000Z',
    suspended: user.suspended,
  };
  if (user.suspended) served['suspensionReason'] = user.suspensionReason ?? 'ADMIN';
  Object.assign(served, {
    archived: user.archived,
    changePasswordAtNextLogin: user.changePasswordAtNextLogin ?? false,
    ipWhitelisted: false,
    emails: [{ address: user.primaryEmail, primary: true }],
    languages: [{ languageCode: 'en', preference: 'preferred' }],
    customerId: model.customer.id,
    orgUnitPath: user.orgUnitPath,
    isMailboxSetup: true,
    isEnrolledIn2Sv: user.isEnrolledIn2Sv,
    isEnforcedIn2Sv: user.isEnforcedIn2Sv ?? isTwoStepEnforcedAt(model, user.orgUnitPath, now),
    includeInGlobalAddressList: true,
  });
  if (user.extra) Object.assign(served, user.extra as JsonObject);
  return served;
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

function customerDomains(model: GoogleWorkspaceModel): string[] {
  return [model.customer.customerDomain, ...(model.customer.secondaryDomains ?? [])].map((domain) => domain.toLowerCase());
}

function listUsers(ctx: ApiContext): GoogleResponse {
  const { model, query } = ctx;
  const customer = query.get('customer');
  const domain = query.get('domain');
  // Google answers a bare "Bad Request" when neither customer nor domain is given.
  if ((customer === null || customer === '') && (domain === null || domain === '')) return badRequest(ctx.dialect, 'Bad Request');
  if (customer !== null && customer !== '' && !isOwnCustomer(model, customer)) return notAuthorized();
  if (domain !== null && domain !== '' && !customerDomains(model).includes(domain.toLowerCase())) return notAuthorized();

  const maxResults = integerParam(ctx, 'maxResults', 1, 500, 100);
  if (isResponse(maxResults)) return maxResults;
  const projection = enumParam(ctx, 'projection', ['basic', 'custom', 'full'] as const);
  if (isResponse(projection)) return projection;
  const orderBy = enumParam(ctx, 'orderBy', ['email', 'familyName', 'givenName'] as const);
  if (isResponse(orderBy)) return orderBy;
  const sortOrder = enumParam(ctx, 'sortOrder', ['ASCENDING', 'DESCENDING'] as const);
  if (isResponse(sortOrder)) return sortOrder;
  const viewType = enumParam(ctx, 'viewType', ['admin_view', 'domain_public'] as const);
  if (isResponse(viewType)) return viewType;
  if ((query.get('query') ?? '') !== '') return notSimulated(ctx.dialect, 'users.list `query`');
  if ((query.get('event') ?? '') !== '') return notSimulated(ctx.dialect, 'users.watch events');
  if (viewType === 'domain_public') return notSimulated(ctx.dialect, 'users.list viewType=domain_public');

  let users = model.users.filter((user) => domain === null || domain === '' || domainOf(user.primaryEmail) === domain.toLowerCase());
  // No deleted users are modelled, so showDeleted=true lists none.
  if (query.get('showDeleted') === 'true') users = [];
  if (orderBy !== undefined) {
    const key = (user: GoogleUserModel): string =>
      (orderBy === 'email' ? user.primaryEmail : orderBy === 'givenName' ? user.name.givenName : user.name.familyName).toLowerCase();
    users = [...users].sort((a, b) => key(a).localeCompare(key(b)));
    if (sortOrder === 'DESCENDING') users.reverse();
  }

  const binding = { customer: customer ?? undefined, domain: domain ?? undefined, orderBy, sortOrder, showDeleted: query.get('showDeleted') ?? undefined };
  return servePage(users, {
    method: 'directory.users.list',
    binding,
    pageToken: query.get('pageToken'),
    size: maxResults,
    invalidToken: () => invalidPageToken(ctx),
    head: (offset) => ({ kind: 'admin#directory#users', etag: googleEtag('users', model.customer.id, offset) }),
    itemsKey: 'users',
    render: (user) => serveUser(model, user, ctx.now),
  });
}

// ---------------------------------------------------------------------------------------------
// orgunits.list

function serveOrgUnit(model: GoogleWorkspaceModel, unit: GoogleOrgUnitModel): JsonObject {
  const parentPath = unit.parentOrgUnitPath ?? (unit.orgUnitPath.slice(0, unit.orgUnitPath.lastIndexOf('/')) || '/');
  const parent = parentPath === '/' ? model.rootOrgUnit.orgUnitId : model.orgUnits.find((candidate) => candidate.orgUnitPath === parentPath)?.orgUnitId;
  const served: JsonObject = {
    kind: 'admin#directory#orgUnit',
    etag: googleEtag('orgunit', model.customer.id, unit.orgUnitId),
    name: unit.name,
  };
  if (unit.description !== undefined) served['description'] = unit.description;
  served['orgUnitPath'] = unit.orgUnitPath;
  served['orgUnitId'] = unit.orgUnitId;
  served['parentOrgUnitPath'] = parentPath;
  const parentId = unit.parentOrgUnitId ?? parent;
  if (parentId !== undefined) served['parentOrgUnitId'] = parentId;
  served['blockInheritance'] = unit.blockInheritance ?? false;
  return served;
}

function serveRootOrgUnit(model: GoogleWorkspaceModel): JsonObject {
  const served: JsonObject = {
    kind: 'admin#directory#orgUnit',
    etag: googleEtag('orgunit', model.customer.id, model.rootOrgUnit.orgUnitId),
    name: model.rootOrgUnit.name,
  };
  if (model.rootOrgUnit.description !== undefined) served['description'] = model.rootOrgUnit.description;
  Object.assign(served, { orgUnitPath: '/', orgUnitId: model.rootOrgUnit.orgUnitId, blockInheritance: false });
  return served;
}

function isBelow(path: string, ancestor: string): boolean {
  if (ancestor === '/') return path !== '/';
  return path.toLowerCase().startsWith(`${ancestor.toLowerCase()}/`);
}

function listOrgUnits(ctx: ApiContext, [customerId = '']: readonly string[]): GoogleResponse {
  const { model, query } = ctx;
  if (!isOwnCustomer(model, customerId)) return notAuthorized();
  const type = enumParam(ctx, 'type', ['all', 'children', 'allIncludingParent'] as const);
  if (isResponse(type)) return type;

  // orgUnitPath: a full path (leading slash optional) or an id; the top level by default.
  const raw = query.get('orgUnitPath') ?? '';
  let base: string;
  if (raw === '' || raw === '/') base = '/';
  else if (raw.startsWith('id:')) {
    const unit = raw === model.rootOrgUnit.orgUnitId ? '/' : model.orgUnits.find((candidate) => candidate.orgUnitId === raw)?.orgUnitPath;
    if (unit === undefined) return googleError({ dialect: ctx.dialect, status: 404, message: 'Org unit not found', item: { reason: 'notFound' } });
    base = unit;
  } else {
    const path = raw.startsWith('/') ? raw : `/${raw}`;
    const unit = model.orgUnits.find((candidate) => candidate.orgUnitPath.toLowerCase() === path.toLowerCase());
    if (unit === undefined) return googleError({ dialect: ctx.dialect, status: 404, message: 'Org unit not found', item: { reason: 'notFound' } });
    base = unit.orgUnitPath;
  }

  const depth = (path: string): number => path.split('/').filter((part) => part !== '').length;
  // Google's default is `children`: immediate children only.
  const mode = type ?? 'children';
  const below = model.orgUnits.filter((unit) => isBelow(unit.orgUnitPath, base));
  const selected = mode === 'children' ? below.filter((unit) => depth(unit.orgUnitPath) === depth(base) + 1) : below;
  const served: Json[] = selected.map((unit) => serveOrgUnit(model, unit));
  if (mode === 'allIncludingParent') {
    const parent = base === '/' ? serveRootOrgUnit(model) : serveOrgUnit(model, model.orgUnits.find((unit) => unit.orgUnitPath === base)!);
    served.unshift(parent);
  }
  const body: JsonObject = { kind: 'admin#directory#orgUnits', etag: googleEtag('orgunits', model.customer.id, base, mode) };
  if (served.length > 0) body['organizationUnits'] = served;
  return ok(body);
}

// ---------------------------------------------------------------------------------------------
// customers.get

function getCustomer(ctx: ApiContext, [customerKey = '']: readonly string[]): GoogleResponse {
  const { model } = ctx;
  if (!isOwnCustomer(model, customerKey)) return notAuthorized();
  const { customer } = model;
  const body: JsonObject = {
    kind: 'admin#directory#customer',
    id: customer.id,
    etag: googleEtag('customer', customer.id),
    customerDomain: customer.customerDomain,
    alternateEmail: customer.alternateEmail ?? `it@${customer.customerDomain}`,
    customerCreationTime: customer.customerCreationTime,
    language: customer.language ?? 'en',
  };
  if (customer.phoneNumber !== undefined) body['phoneNumber'] = customer.phoneNumber;
  if (customer.postalAddress !== undefined) body['postalAddress'] = customer.postalAddress as JsonObject;
  return ok(body);
}

// ---------------------------------------------------------------------------------------------
// mobiledevices.list

/**
 * Fields of the BASIC projection. Google documents it only as "basic metadata fields (e.g.,
 * deviceId, model, status, type, and status)"; the simulator keeps to identity and those, so
 * anything security-related (encryption, compromise, password) needs `projection=FULL`.
 */
const BASIC_DEVICE_FIELDS = new Set(['kind', 'etag', 'resourceId', 'deviceId', 'email', 'name', 'model', 'os', 'type', 'status', 'firstSync', 'lastSync']);

function serveDevice(model: GoogleWorkspaceModel, device: MobileDeviceModel, full: boolean): JsonObject {
  const served: JsonObject = {
    kind: 'admin#directory#mobiledevice',
    etag: googleEtag('device', model.customer.id, device.resourceId),
    resourceId: device.resourceId,
    deviceId: device.deviceId,
    name: device.name,
    email: device.email,
    model: device.model,
    os: device.os,
    type: device.type,
    status: device.status,
    firstSync: device.firstSync,
    lastSync: device.lastSync,
    encryptionStatus: device.encryptionStatus,
    devicePasswordStatus: 'On',
    deviceCompromisedStatus: 'No Compromise Detected',
    managedAccountIsOnOwnerProfile: true,
    ...((device.extra ?? {}) as JsonObject),
  };
  if (full) return served;
  return Object.fromEntries(Object.entries(served).filter(([key]) => BASIC_DEVICE_FIELDS.has(key)));
}

function listMobileDevices(ctx: ApiContext, [customerId = '']: readonly string[]): GoogleResponse {
  const { model, query } = ctx;
  if (!isOwnCustomer(model, customerId)) return notAuthorized();
  const maxResults = integerParam(ctx, 'maxResults', 1, 100, 100);
  if (isResponse(maxResults)) return maxResults;
  const projection = enumParam(ctx, 'projection', ['BASIC', 'FULL'] as const);
  if (isResponse(projection)) return projection;
  const orderBy = enumParam(ctx, 'orderBy', ['deviceId', 'email', 'lastSync', 'model', 'name', 'os', 'status', 'type'] as const);
  if (isResponse(orderBy)) return orderBy;
  const sortOrder = enumParam(ctx, 'sortOrder', ['ASCENDING', 'DESCENDING'] as const);
  if (isResponse(sortOrder)) return sortOrder;
  if ((query.get('query') ?? '') !== '') return notSimulated(ctx.dialect, 'mobiledevices.list `query`');

  let devices = [...model.mobileDevices];
  if (orderBy !== undefined) {
    const key = (device: MobileDeviceModel): string => {
      const value = orderBy === 'email' || orderBy === 'name' ? device[orderBy][0] : device[orderBy];
      return String(value ?? '').toLowerCase();
    };
    devices.sort((a, b) => key(a).localeCompare(key(b)));
    if (sortOrder === 'DESCENDING') devices.reverse();
  }
  const binding = { customerId: customerId.toLowerCase(), orderBy, sortOrder };
  return servePage(devices, {
    method: 'directory.mobiledevices.list',
    binding,
    pageToken: query.get('pageToken'),
    size: maxResults,
    invalidToken: () => invalidPageToken(ctx),
    head: (offset) => ({ kind: 'admin#directory#mobiledevices', etag: googleEtag('devices', model.customer.id, offset) }),
    itemsKey: 'mobiledevices',
    render: (device) => serveDevice(model, device, projection === 'FULL'),
  });
}

/** The Directory API routes. */
export const directoryRoutes: readonly ApiRoute[] = [
  {
    methodId: 'directory.users.list',
    service: 'admin.googleapis.com',
    host: HOST,
    dialect: 'apiary',
    pattern: /^\/admin\/directory\/v1\/users$/,
    scopes: [`${SCOPE}admin.directory.user`, `${SCOPE}admin.directory.user.readonly`, `${SCOPE}cloud-platform`],
    privilege: 'USERS_READ',
    denied: notAuthorized,
    schema: 'Users',
    params: ['customFieldMask', 'customer', 'domain', 'event', 'maxResults', 'orderBy', 'pageToken', 'projection', 'query', 'showDeleted', 'sortOrder', 'viewType'],
    handle: listUsers,
  },
  {
    methodId: 'directory.orgunits.list',
    service: 'admin.googleapis.com',
    host: HOST,
    dialect: 'apiary',
    pattern: /^\/admin\/directory\/v1\/customer\/([^/]+)\/orgunits$/,
    scopes: [`${SCOPE}admin.directory.orgunit`, `${SCOPE}admin.directory.orgunit.readonly`],
    privilege: 'ORG_UNITS_READ',
    denied: notAuthorized,
    schema: 'OrgUnits',
    params: ['orgUnitPath', 'type'],
    handle: listOrgUnits,
  },
  {
    methodId: 'directory.customers.get',
    service: 'admin.googleapis.com',
    host: HOST,
    dialect: 'apiary',
    pattern: /^\/admin\/directory\/v1\/customers\/([^/]+)$/,
    scopes: [`${SCOPE}admin.directory.customer`, `${SCOPE}admin.directory.customer.readonly`],
    privilege: 'CUSTOMER_READ',
    denied: notAuthorized,
    schema: 'Customer',
    params: [],
    handle: getCustomer,
  },
  {
    methodId: 'directory.mobiledevices.list',
    service: 'admin.googleapis.com',
    host: HOST,
    dialect: 'apiary',
    pattern: /^\/admin\/directory\/v1\/customer\/([^/]+)\/devices\/mobile$/,
    scopes: [`${SCOPE}admin.directory.device.mobile`, `${SCOPE}admin.directory.device.mobile.action`, `${SCOPE}admin.directory.device.mobile.readonly`],
    privilege: 'MOBILE_DEVICES_READ',
    denied: notAuthorized,
    schema: 'MobileDevices',
    params: ['maxResults', 'orderBy', 'pageToken', 'projection', 'query', 'sortOrder'],
    handle: listMobileDevices,
  },
];
