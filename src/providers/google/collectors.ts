import { Resolver } from 'node:dns/promises';
import type { CollectContext, DatasetCollector } from '../types.js';
import type { DatasetTypes } from '../../datasets/index.js';
import type { Requirement } from '../../core/permissions.js';
import { GOOGLE_WORKSPACE_SCOPES } from './scopes.js';
import { GOOGLE_AUDIT_RETENTION_DAYS, GOOGLE_LICENSE_PRODUCTS, GOOGLE_POLICY_SETTING_TYPES, WORKSPACE_PRODUCT_ID } from '../../datasets/google-constants.js';
import type { GoogleDevicesDataset, GooglePolicy, GoogleUser, InboundSsoDataset, LoginEvent, googleDatasetSchemas } from '../../datasets/google.js';
import { GOOGLE_APIS, GoogleDatasetError, googleFailureOf, type GoogleApiInfo } from './errors.js';
import { GOOGLE_API, type GoogleSession, type ResolveTxt } from './session.js';

/** What a Google collector gets: a session for the customer plus the common context. */
export interface GoogleCollectContext extends CollectContext {
  google: GoogleSession;
}

/** A Google collector also names its API and the admin privilege it needs, for error reasons. */
export interface GoogleCollector<N extends keyof DatasetTypes> extends DatasetCollector<N, GoogleCollectContext> {
  api: GoogleApiInfo;
  /** The admin console privilege a delegated (non-super) administrator would need. */
  privilege?: string;
  /** Only super administrators can read it. */
  superAdminOnly?: boolean;
  /** Why a super administrator is needed, for a reason naming the fix (the Policy API's rule when absent). */
  superAdminWhy?: string;
}

const scope = (name: string, purpose: string): Requirement => ({ kind: 'google-scope', name, purpose });

/**
 * A list field of an answer: absent means empty (Google omits empty lists), anything but an array
 * is a malformed answer, never silently read as empty.
 */
function listOf<T>(value: T[] | null | undefined, field: string): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new GoogleDatasetError({ kind: 'schema', detail: `Google answered ${field} as ${typeof value}, not a list` });
  return value;
}

interface OrgUnitAnswer {
  orgUnitId?: string;
  orgUnitPath?: string;
  name?: string;
  parentOrgUnitId?: string;
  parentOrgUnitPath?: string;
}

interface ActivityAnswer {
  id?: { time?: string };
  actor?: { email?: string };
  ipAddress?: string;
  networkInfo?: { ipAsn?: number[]; regionCode?: string; subdivisionCode?: string };
  events?: { name?: string }[];
}

/** Drop the nulls and absent values the generated clients type every field with. */
function defined<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null && field !== undefined)) as { [K in keyof T]?: Exclude<T[K], null> };
}

/** The named fields of an API resource that it set (the fields mask asked for), without nulls. */
function pickDefined<T extends object, K extends keyof T & string>(value: T, fields: readonly K[]): { [P in K]?: Exclude<T[P], null> } {
  return defined(Object.fromEntries(fields.map((field) => [field, value[field]]))) as { [P in K]?: Exclude<T[P], null> };
}

// --- users -----------------------------------------------------------------------------------

/** Directory's largest users.list page. */
const USERS_PAGE_SIZE = 500;
const USER_FIELDS = [
  'id',
  'primaryEmail',
  'aliases',
  'nonEditableAliases',
  'suspended',
  'archived',
  'isAdmin',
  'isEnrolledIn2Sv',
  'isEnforcedIn2Sv',
  'lastLoginTime',
  'creationTime',
  'orgUnitPath',
] as const;

export const collectGoogleUsers: GoogleCollector<'google.users'> = {
  name: 'google.users',
  description: 'Users with their aliases, suspension, admin, 2-Step Verification, last login and OU (one paged list call, fields mask).',
  reads: [`Admin SDK Directory users.list (GET admin/directory/v1/users?customer=…&projection=basic&maxResults=${USERS_PAGE_SIZE}; fields ${USER_FIELDS.join(', ')})`],
  weight: 5,
  api: GOOGLE_APIS.admin,
  privilege: 'Users > Read',
  requirements: [scope(GOOGLE_WORKSPACE_SCOPES.users, 'list users with their state, 2-Step Verification and last login')],
  async collect({ google }) {
    const { pages } = await google.allPages<{ nextPageToken?: string; users?: Record<string, unknown>[] }>(`${GOOGLE_API.directory}/users`, {
      customer: google.customerId,
      maxResults: USERS_PAGE_SIZE,
      projection: 'basic',
      fields: `nextPageToken,users(${USER_FIELDS.join(',')})`,
    });
    const users = pages.flatMap((page) => listOf(page.users, 'users')).map((user) => pickDefined(user, USER_FIELDS) as GoogleUser);
    return { users };
  },
};

// --- organisational units --------------------------------------------------------------------

export const collectGoogleOrgUnits: GoogleCollector<'google.orgUnits'> = {
  name: 'google.orgUnits',
  description: 'Every organisational unit with the top-level one, so policies naming orgUnits/{id} map to paths.',
  reads: ['Admin SDK Directory orgunits.list (GET admin/directory/v1/customer/{customerId}/orgunits?type=allIncludingParent; fields orgUnitId, orgUnitPath, name, parentOrgUnitId, parentOrgUnitPath)'],
  api: GOOGLE_APIS.admin,
  privilege: 'Organizational Units > Read',
  requirements: [scope(GOOGLE_WORKSPACE_SCOPES.orgUnits, 'list organisational units to resolve policy inheritance')],
  async collect({ google, note }) {
    // `allIncludingParent` without orgUnitPath answers every OU and the top-level one itself, in
    // one unpaged call (discovery document, orgunits.list `type`).
    const data = await google.get<{ organizationUnits?: OrgUnitAnswer[] }>(`${GOOGLE_API.directory}/customer/${encodeURIComponent(google.customerId)}/orgunits`, {
      type: 'allIncludingParent',
      fields: 'organizationUnits(orgUnitId,orgUnitPath,name,parentOrgUnitId,parentOrgUnitPath)',
    });
    const orgUnits = listOf(data.organizationUnits, 'organizationUnits')
      .filter((unit) => unit.orgUnitId && unit.orgUnitPath)
      .map((unit) => ({
        ...defined({ name: unit.name, parentOrgUnitId: unit.parentOrgUnitId, parentOrgUnitPath: unit.parentOrgUnitPath }),
        orgUnitId: unit.orgUnitId!,
        orgUnitPath: unit.orgUnitPath!,
      }));
    let rootOrgUnitId = orgUnits.find((unit) => unit.orgUnitPath === '/')?.orgUnitId;
    if (!rootOrgUnitId) {
      // An answer without the top level still names it as the parent of the first-level OUs.
      rootOrgUnitId = orgUnits.find((unit) => unit.parentOrgUnitPath === '/' && unit.parentOrgUnitId)?.parentOrgUnitId;
      if (rootOrgUnitId) orgUnits.unshift({ orgUnitId: rootOrgUnitId, orgUnitPath: '/' });
      else note('the top-level organisational unit id is unknown (no OU answered it), so policies name it only by id');
    }
    return { orgUnits, ...(rootOrgUnitId ? { rootOrgUnitId } : {}) };
  },
};

// --- policies (Cloud Identity Policy API) -----------------------------------------------------

/** The Policy API's largest page. */
const POLICIES_PAGE_SIZE = 100;

/** A CEL clause matching one setting type exactly (`\\.` is a regex dot inside a CEL string). */
function settingTypeClause(type: string): string {
  return `setting.type.matches('^${type.replace(/\./g, '\\\\.')}$')`;
}

/**
 * The policies.list filter: one customer clause and the setting types joined with `||`, as
 * Google's current reference shows ("combined ... with the && and || operators", v1 policies.list).
 */
export function policiesFilter(customerId: string, types: readonly string[] = GOOGLE_POLICY_SETTING_TYPES): string {
  const clauses = types.map(settingTypeClause);
  const typeFilter = clauses.length === 1 ? clauses[0]! : `(${clauses.join(' || ')})`;
  return `customer == "customers/${customerId}" && ${typeFilter}`;
}

export const collectGooglePolicies: GoogleCollector<'google.policies'> = {
  name: 'google.policies',
  description: 'Policy API settings for 2-Step Verification, session length, DLP rules, Drive external sharing and Gmail automatic forwarding, per OU (one filtered, paged list).',
  reads: [`Cloud Identity Policy API policies.list (GET cloudidentity.googleapis.com/v1/policies, filtered to ${GOOGLE_POLICY_SETTING_TYPES.join(', ')})`],
  weight: 2,
  api: GOOGLE_APIS.cloudIdentity,
  superAdminOnly: true,
  requirements: [
    scope(
      GOOGLE_WORKSPACE_SCOPES.policies,
      'read 2-Step Verification, session, DLP, Drive sharing and Gmail forwarding policies (the Policy API answers only when subject is a super administrator)',
    ),
  ],
  async collect({ google, note }) {
    const list = async (filter: string): Promise<GooglePolicy[]> => {
      const { pages } = await google.allPages<{ nextPageToken?: string; policies?: Record<string, unknown>[] }>(`${GOOGLE_API.cloudIdentity}/policies`, { filter, pageSize: POLICIES_PAGE_SIZE });
      return pages.flatMap((page) => listOf(page.policies, 'policies')).map((policy) => defined(policy) as GooglePolicy);
    };
    let policies: GooglePolicy[];
    try {
      policies = await list(policiesFilter(google.customerId));
    } catch (error) {
      // Older reference text allowed one setting.type clause per filter; if the service still
      // refuses `||`, read each type on its own rather than fail.
      if (googleFailureOf(error)?.status !== 400) throw error;
      policies = [];
      for (const type of GOOGLE_POLICY_SETTING_TYPES) policies.push(...(await list(policiesFilter(google.customerId, [type]))));
      note('the Policy API refused a filter combining setting types with ||, so each type was read in its own call');
    }
    return { settingTypes: [...GOOGLE_POLICY_SETTING_TYPES], policies };
  },
};

// --- login activity (Reports API) -------------------------------------------------------------

const LOGIN_PAGE_SIZE = 1000;
/** Bounds one dataset at 20,000 login events; beyond that the dataset says `truncated`. */
const LOGIN_MAX_PAGES = 20;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const collectGoogleLoginActivity: GoogleCollector<'google.loginActivity'> = {
  name: 'google.loginActivity',
  description: 'Successful-login audit events (Reports API) over the sign-in lookback, with IP address and network info, bounded.',
  reads: [`Reports API activities.list (GET admin/reports/v1/activity/users/all/applications/login?eventName=login_success; at most ${LOGIN_MAX_PAGES} pages of ${LOGIN_PAGE_SIZE})`],
  weight: 4,
  api: GOOGLE_APIS.admin,
  privilege: 'Reports',
  requirements: [scope(GOOGLE_WORKSPACE_SCOPES.reports, 'read login audit events (IP address, region) and how far back they go')],
  async collect({ google, now, options, note }) {
    // The Reports API refuses a startTime older than 180 days when the request arrives, so the
    // earliest start keeps an hour's margin for the time between this line and the request.
    const earliest = now.getTime() - GOOGLE_AUDIT_RETENTION_DAYS * DAY_MS + HOUR_MS;
    const wanted = now.getTime() - options.signInLookbackDays * DAY_MS;
    if (wanted < earliest) note(`login activity reaches back ${GOOGLE_AUDIT_RETENTION_DAYS} days at most (Google's audit retention), not ${options.signInLookbackDays}`);
    const since = new Date(Math.max(wanted, earliest)).toISOString();
    const { pages, truncated } = await google.allPages<{ nextPageToken?: string; items?: ActivityAnswer[] }>(
      `${GOOGLE_API.reports}/activity/users/all/applications/login`,
      {
        // Only successful logins show who used an account; leaving out failures and logouts
        // keeps a busy customer's read within the page bound.
        eventName: 'login_success',
        maxResults: LOGIN_PAGE_SIZE,
        startTime: since,
        ...(google.customerId !== 'my_customer' ? { customerId: google.customerId } : {}),
        fields: 'nextPageToken,items(id(time),actor(email),ipAddress,networkInfo(ipAsn,regionCode,subdivisionCode),events(name))',
      },
      LOGIN_MAX_PAGES,
    );
    const events: LoginEvent[] = [];
    for (const activity of pages.flatMap((page) => listOf(page.items, 'items'))) {
      const time = activity.id?.time;
      const email = activity.actor?.email;
      if (!time || !email) continue; // an event without a time or an account tells the controls nothing
      const network = activity.networkInfo;
      for (const event of listOf(activity.events, 'events')) {
        events.push({
          time,
          email,
          eventName: event.name ?? 'unknown',
          ...defined({
            ipAddress: activity.ipAddress,
            regionCode: network?.regionCode,
            subdivisionCode: network?.subdivisionCode,
            ipAsn: network?.ipAsn,
          }),
        });
      }
    }
    if (truncated) note(`login activity stopped after ${LOGIN_MAX_PAGES} pages of ${LOGIN_PAGE_SIZE} events; older events were not read`);
    const oldestEventTime = events.reduce<string | undefined>((oldest, event) => (!oldest || event.time < oldest ? event.time : oldest), undefined);
    return { since, events, truncated, ...(oldestEventTime ? { oldestEventTime } : {}) };
  },
};

// --- mobile devices ---------------------------------------------------------------------------

/** mobiledevices.list answers at most 100 a page. */
const DEVICES_PAGE_SIZE = 100;
const DEVICE_FIELDS = ['resourceId', 'deviceId', 'email', 'model', 'os', 'type', 'status', 'encryptionStatus', 'lastSync', 'serialNumber'] as const;

export const collectGoogleMobileDevices: GoogleCollector<'google.mobileDevices'> = {
  name: 'google.mobileDevices',
  description: 'Synced mobile devices with their owner, serial number and encryption status (paged, fields mask).',
  reads: [`Admin SDK Directory mobiledevices.list (GET admin/directory/v1/customer/{customerId}/devices/mobile?projection=FULL; fields ${DEVICE_FIELDS.join(', ')})`],
  weight: 2,
  api: GOOGLE_APIS.admin,
  privilege: 'Services > Mobile Device Management > Manage Devices and Settings',
  requirements: [scope(GOOGLE_WORKSPACE_SCOPES.mobileDevices, 'list synced mobile devices with their owners, to name whose phone a device is')],
  async collect({ google }) {
    const { pages } = await google.allPages<{ nextPageToken?: string; mobiledevices?: Record<string, unknown>[] }>(
      `${GOOGLE_API.directory}/customer/${encodeURIComponent(google.customerId)}/devices/mobile`,
      {
        maxResults: DEVICES_PAGE_SIZE,
        // FULL: the BASIC projection documents only id, model, status and type; the mask keeps it small.
        projection: 'FULL',
        fields: `nextPageToken,mobiledevices(${DEVICE_FIELDS.join(',')})`,
      },
    );
    const devices = pages
      .flatMap((page) => listOf(page.mobiledevices, 'mobiledevices'))
      .filter((device) => typeof device.resourceId === 'string')
      .map((device) => ({ ...pickDefined(device, DEVICE_FIELDS), resourceId: device.resourceId as string }) as DatasetTypes['google.mobileDevices']['devices'][number]);
    return { devices };
  },
};

// --- Cloud Identity devices (phones, tablets and computers) -----------------------------------

/** devices.list answers at most 100 a page (larger values are coerced to 100). */
const CLOUD_IDENTITY_DEVICES_PAGE_SIZE = 100;
const CLOUD_IDENTITY_DEVICE_FIELDS = [
  'name',
  'deviceType',
  'encryptionState',
  'managementState',
  'ownerType',
  'lastSyncTime',
  'model',
  'osVersion',
  'serialNumber',
  'hostname',
] as const;
/** Devices with at least one user: what holds a person's data. The default view is not documented. */
const DEVICES_VIEW = 'USER_ASSIGNED_DEVICES';

/** Google names no admin privilege for the Devices and inbound SSO APIs; peers impersonate a super administrator. */
const CLOUD_IDENTITY_SUPER_ADMIN = 'Google documents no narrower admin privilege for this Cloud Identity API, so impersonate a super administrator';

export const collectGoogleDevices: GoogleCollector<'google.devices'> = {
  name: 'google.devices',
  description: 'Phones, tablets and computers (endpoint verification) with their type, encryption state, owner type and last sync (Cloud Identity Devices API; one paged list, fields mask).',
  reads: [
    `Cloud Identity Devices API devices.list (GET cloudidentity.googleapis.com/v1/devices?customer=customers/…&view=${DEVICES_VIEW}&pageSize=${CLOUD_IDENTITY_DEVICES_PAGE_SIZE}; fields ${CLOUD_IDENTITY_DEVICE_FIELDS.join(', ')})`,
  ],
  weight: 2,
  api: GOOGLE_APIS.cloudIdentity,
  superAdminOnly: true,
  superAdminWhy: CLOUD_IDENTITY_SUPER_ADMIN,
  requirements: [scope(GOOGLE_WORKSPACE_SCOPES.devices, 'list phones, tablets and computers (endpoint verification) and their encryption state')],
  async collect({ google }) {
    const { pages } = await google.allPages<{ nextPageToken?: string; devices?: Record<string, unknown>[] }>(`${GOOGLE_API.cloudIdentity}/devices`, {
      customer: `customers/${google.customerId}`,
      view: DEVICES_VIEW,
      pageSize: CLOUD_IDENTITY_DEVICES_PAGE_SIZE,
      fields: `nextPageToken,devices(${CLOUD_IDENTITY_DEVICE_FIELDS.join(',')})`,
    });
    const devices = pages
      .flatMap((page) => listOf(page.devices, 'devices'))
      .filter((device) => typeof device.name === 'string')
      .map((device) => ({ ...pickDefined(device, CLOUD_IDENTITY_DEVICE_FIELDS), name: device.name as string }) as GoogleDevicesDataset['devices'][number]);
    return { view: DEVICES_VIEW, devices };
  },
};

// --- inbound SSO (third-party identity providers) ---------------------------------------------

/** The inbound SSO lists answer at most 100 a page. */
const INBOUND_SSO_PAGE_SIZE = 100;

export const collectGoogleInboundSso: GoogleCollector<'google.inboundSso'> = {
  name: 'google.inboundSso',
  description: 'Which organisational units and groups sign in through a third-party identity provider, and the SAML and OIDC SSO profiles (three paged lists).',
  reads: [
    `Cloud Identity inboundSsoAssignments.list (GET cloudidentity.googleapis.com/v1/inboundSsoAssignments?filter=customer=="customers/…"&pageSize=${INBOUND_SSO_PAGE_SIZE})`,
    `Cloud Identity inboundSamlSsoProfiles.list (GET cloudidentity.googleapis.com/v1/inboundSamlSsoProfiles; fields name, displayName, idpConfig)`,
    `Cloud Identity inboundOidcSsoProfiles.list (GET cloudidentity.googleapis.com/v1/inboundOidcSsoProfiles; fields name, displayName, idpConfig)`,
  ],
  api: GOOGLE_APIS.cloudIdentity,
  superAdminOnly: true,
  superAdminWhy: CLOUD_IDENTITY_SUPER_ADMIN,
  requirements: [scope(GOOGLE_WORKSPACE_SCOPES.inboundSso, 'read which users sign in through a third-party identity provider (SSO assignments and profiles)')],
  async collect({ google }) {
    // The reference documents only a customer filter; `customers/my_customer` names the caller's own.
    const filter = `customer=="customers/${google.customerId}"`;
    const list = async <T>(resource: string, fields: string): Promise<T[]> => {
      const { pages } = await google.allPages<{ nextPageToken?: string } & Record<string, unknown>>(`${GOOGLE_API.cloudIdentity}/${resource}`, {
        filter,
        pageSize: INBOUND_SSO_PAGE_SIZE,
        fields: `nextPageToken,${resource}(${fields})`,
      });
      return pages.flatMap((page) => listOf(page[resource] as T[] | undefined, resource));
    };
    const [assignments, samlProfiles, oidcProfiles] = await Promise.all([
      list<Record<string, unknown>>('inboundSsoAssignments', 'name,customer,targetOrgUnit,targetGroup,rank,ssoMode,samlSsoInfo,oidcSsoInfo,signInBehavior'),
      list<Record<string, unknown>>('inboundSamlSsoProfiles', 'name,displayName,idpConfig(entityId,singleSignOnServiceUri)'),
      list<Record<string, unknown>>('inboundOidcSsoProfiles', 'name,displayName,idpConfig(issuerUri)'),
    ]);
    const named = (items: Record<string, unknown>[]) => items.filter((item) => typeof item.name === 'string').map((item) => defined(item));
    return {
      assignments: named(assignments) as InboundSsoDataset['assignments'],
      samlProfiles: named(samlProfiles) as InboundSsoDataset['samlProfiles'],
      oidcProfiles: named(oidcProfiles) as InboundSsoDataset['oidcProfiles'],
    };
  },
};

// --- licences (Licensing API, plain REST) -----------------------------------------------------

const LICENSES_PAGE_SIZE = 1000;

interface LicenseAssignmentList {
  items?: { productId?: string; skuId?: string; userId?: string; productName?: string; skuName?: string }[];
  nextPageToken?: string;
}

/**
 * An add-on product the customer does not have: GAM, listing every product, skips the `invalid`,
 * `invalidArgument` and `forbidden` answers such products give (GAM-team/GAM, doPrintLicenses in
 * its licence module). A missing scope, rate limits and server errors still fail the dataset.
 */
function isProductNotAvailable(error: unknown): boolean {
  const failure = googleFailureOf(error);
  if (!failure) return false;
  if (failure.status === 400) return failure.reasons.some((reason) => ['invalid', 'invalidArgument', 'INVALID_ARGUMENT'].includes(reason));
  return failure.status === 403 && failure.reasons.includes('forbidden');
}

export const collectGoogleLicenses: GoogleCollector<'google.licenses'> = {
  name: 'google.licenses',
  description: 'Licence assignments per user of the Workspace editions and the per-user add-ons (Voice, Vault, Archived User, Gemini...), one paged list per product.',
  reads: [
    `Licensing API licenseAssignments.listForProduct (GET apps/licensing/v1/product/{productId}/users?maxResults=${LICENSES_PAGE_SIZE}) for ${GOOGLE_LICENSE_PRODUCTS.map((product) => product.productId).join(', ')}`,
    'Admin SDK Directory customers.get, to resolve my_customer (once per audit)',
  ],
  weight: 3,
  api: GOOGLE_APIS.licensing,
  privilege: 'License Management',
  requirements: [
    scope(GOOGLE_WORKSPACE_SCOPES.licensing, 'list licence assignments (the Licensing API has no read-only scope; tenant-audit only lists)'),
    scope(GOOGLE_WORKSPACE_SCOPES.customer, 'resolve my_customer to the customer id the Licensing API requires'),
  ],
  async collect({ google, note }) {
    // The Licensing API documents only the customer id (C0...), not the my_customer alias.
    const customerId = google.customerId === 'my_customer' ? (await google.customer()).id : google.customerId;
    const assignments: DatasetTypes['google.licenses']['assignments'] = [];
    const products: string[] = [];
    const productsNotListed: { productId: string; detail: string }[] = [];
    for (const { productId: product, name: productName } of GOOGLE_LICENSE_PRODUCTS) {
      let pages: LicenseAssignmentList[];
      try {
        ({ pages } = await google.allPages<LicenseAssignmentList>(`${GOOGLE_API.licensing}/product/${encodeURIComponent(product)}/users`, {
          customerId,
          maxResults: LICENSES_PAGE_SIZE,
          fields: 'nextPageToken,items(productId,skuId,userId,productName,skuName)',
        }));
      } catch (error) {
        // The editions must be read; an add-on the customer does not have is only noted.
        if (product === WORKSPACE_PRODUCT_ID || !isProductNotAvailable(error)) throw error;
        const failure = googleFailureOf(error)!;
        productsNotListed.push({ productId: product, detail: `${failure.status} ${failure.code}` });
        note(`${productName} (product ${product}) was not listed: Google answered ${failure.status} ${failure.code}, as it does for a product the customer does not have`);
        continue;
      }
      products.push(product);
      for (const item of pages.flatMap((page) => listOf(page.items, 'items'))) {
        if (!item.skuId || !item.userId) continue;
        assignments.push({ ...defined({ productName: item.productName, skuName: item.skuName }), productId: item.productId ?? product, skuId: item.skuId, userId: item.userId });
      }
    }
    return { products, assignments, ...(productsNotListed.length ? { productsNotListed } : {}) };
  },
};

// --- customer ---------------------------------------------------------------------------------

export const collectGoogleCustomer: GoogleCollector<'google.customer'> = {
  name: 'google.customer',
  description: 'The customer id and primary domain (customers.get, asked once per audit).',
  reads: ['Admin SDK Directory customers.get (GET admin/directory/v1/customers/{customerKey}; fields id, customerDomain)'],
  api: GOOGLE_APIS.admin,
  privilege: 'read the customer profile',
  requirements: [scope(GOOGLE_WORKSPACE_SCOPES.customer, 'read the customer id and primary domain')],
  async collect({ google }) {
    return google.customer();
  },
};

// --- mail DNS (MTA-STS, TLS-RPT) --------------------------------------------------------------

/** DNS answers come fast or not at all; a slow resolver must not hold up the audit. */
const DNS_TIMEOUT_MS = 3_000;
/** "No such name" and "no TXT there" are answers: the record is absent. */
const DNS_ABSENT = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

function systemResolveTxt(signal: AbortSignal | undefined): ResolveTxt {
  return (name) => {
    const resolver = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 1 });
    signal?.addEventListener('abort', () => resolver.cancel(), { once: true });
    return resolver.resolveTxt(name);
  };
}

async function txtRecords(resolve: ResolveTxt, name: string, version: RegExp): Promise<string[]> {
  try {
    // A TXT record may come split into several strings; RFC 8461 and 8460 read them joined.
    return (await resolve(name)).map((chunks) => chunks.join('')).filter((record) => version.test(record));
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (DNS_ABSENT.has(code)) return [];
    throw new GoogleDatasetError({ kind: 'api', detail: `DNS did not answer for ${name} (${code || (error instanceof Error ? error.message : String(error))})`, ...(code ? { code } : {}) });
  }
}

export const collectGoogleMailDns: GoogleCollector<'google.mailDns'> = {
  name: 'google.mailDns',
  description: "MTA-STS and TLS-RPT TXT records of the primary domain (DNS; evidence only).",
  reads: ['DNS TXT records _mta-sts.{domain} and _smtp._tls.{domain} of the primary domain (customers.get for the domain)'],
  api: GOOGLE_APIS.admin,
  privilege: 'read the customer profile',
  requirements: [scope(GOOGLE_WORKSPACE_SCOPES.customer, 'read the primary domain whose mail DNS records are checked')],
  async collect({ google, signal }) {
    const { customerDomain: domain } = await google.customer();
    const resolve = google.resolveTxt ?? systemResolveTxt(signal);
    const [mtaSts, tlsRpt] = await Promise.all([
      txtRecords(resolve, `_mta-sts.${domain}`, /^v=STSv1\b/i),
      txtRecords(resolve, `_smtp._tls.${domain}`, /^v=TLSRPTv1\b/i),
    ]);
    return { domain, mtaSts, tlsRpt };
  },
};

/** Name of a Google Workspace dataset. */
export type GoogleDatasetName = keyof typeof googleDatasetSchemas;

/** One collector per Google Workspace dataset. */
export const googleCollectors = {
  // The customer comes first so its scope's purpose is the one `tenant-audit permissions` prints.
  'google.customer': collectGoogleCustomer,
  'google.users': collectGoogleUsers,
  'google.orgUnits': collectGoogleOrgUnits,
  'google.policies': collectGooglePolicies,
  'google.loginActivity': collectGoogleLoginActivity,
  'google.mobileDevices': collectGoogleMobileDevices,
  'google.devices': collectGoogleDevices,
  'google.inboundSso': collectGoogleInboundSso,
  'google.licenses': collectGoogleLicenses,
  'google.mailDns': collectGoogleMailDns,
} as const satisfies { [N in GoogleDatasetName]: GoogleCollector<N> };

