import { integerParam, isOwnCustomer, isResponse, type ApiContext, type ApiRoute } from './api.js';
import { badRequest, googleError, notAuthorized, notSimulated, type GoogleResponse, type JsonObject } from './http.js';
import { googleEtag } from './ids.js';
import type { GoogleWorkspaceModel, LoginActivityModel } from './model.js';
import { servePage } from './paging.js';

/**
 * Admin SDK Reports API v1 activities.list
 * (`admin.googleapis.com/admin/reports/v1/activity/users/{userKey}/applications/{applicationName}`),
 * for the `login` application; other valid applications answer with no events.
 */

/** Reports keeps audit events for 180 days. */
export const REPORTS_RETENTION_DAYS = 180;
const DAY_MS = 86_400_000;

/** `applicationName` as the discovery document constrains it. */
const APPLICATION_PATTERN =
  '(access_evaluation)|(access_transparency)|(admin)|(admin_data_action)|(assignments)|(calendar)|(chat)|(chrome)|(classroom)|(cloud_search)|(contacts)|(context_aware_access)|(data_studio)|(data_migration)|(directory_sync)|(drive)|(gcp)|(gmail)|(gplus)|(graduation)|(groups)|(groups_enterprise)|(jamboard)|(keep)|(ldap)|(login)|(meet)|(meet_hardware)|(mobile)|(profile)|(rules)|(saml)|(token)|(user_accounts)|(vault)|(gemini_in_workspace_apps)|(tasks)|(takeout)';
const TIME_PATTERN = '(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)T(\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d+))?(?:(Z)|([-+])(\\d\\d):(\\d\\d))';

function patternError(ctx: ApiContext, name: string, value: string, pattern: string): GoogleResponse {
  return badRequest(ctx.dialect, `Invalid value '${value}'. Values must match the following regular expression: '${pattern}'`, 'invalidParameter', name);
}

/**
 * The Reports API's answer to a window it will not serve. Wording from Google's answer quoted in
 * Azure/Azure-Sentinel#9617 ("Invalid request: Start time and end time should be within last 180
 * days. Start time should be less than end time."), reason `invalid` as in its other 400s
 * (mondoohq/mql#2073). The reference page says a startTime older than 180 days without endTime is
 * clamped instead; the simulator rejects it anyway, so a collector that passes here also works
 * where Google rejects it (Sentinel's fix was to clamp to 179 days).
 */
function windowError(ctx: ApiContext): GoogleResponse {
  return googleError({
    dialect: ctx.dialect,
    status: 400,
    message: 'Invalid request: Start time and end time should be within last 180 days. Start time should be less than end time.',
    item: { reason: 'invalid' },
  });
}

/**
 * The Reports API's answer for a subject without the Reports privilege: a 401, not a 403 (quoted
 * in googleworkspace/python-samples#21: "Access denied. You are not authorized to read activity
 * records.").
 */
export function reportsAccessDenied(): GoogleResponse {
  return googleError({
    dialect: 'apiary',
    status: 401,
    message: 'Access denied. You are not authorized to read activity records.',
    item: { reason: 'authError', location: 'Authorization', locationType: 'header' },
  });
}

function serveActivity(model: GoogleWorkspaceModel, activity: LoginActivityModel): JsonObject {
  const served: JsonObject = {
    kind: 'admin#reports#activity',
    id: { ...activity.id, customerId: model.customer.id },
    etag: googleEtag('activity', model.customer.id, activity.id.time, activity.id.uniqueQualifier),
    actor: { callerType: activity.actor.callerType, email: activity.actor.email, profileId: activity.actor.profileId },
    ipAddress: activity.ipAddress,
    events: activity.events.map((event) => ({ ...event, parameters: event.parameters ?? [] })) as unknown as JsonObject[],
  };
  if (activity.networkInfo) served['networkInfo'] = activity.networkInfo as unknown as JsonObject;
  return served;
}

function listActivities(ctx: ApiContext, [userKey = '', applicationName = '']: readonly string[]): GoogleResponse {
  const { model, query } = ctx;
  if (!new RegExp(`^(?:${APPLICATION_PATTERN})$`).test(applicationName)) return patternError(ctx, 'applicationName', applicationName, APPLICATION_PATTERN);
  const customerId = query.get('customerId');
  if (customerId !== null && customerId !== '') {
    if (!/^(?:C.+|my_customer)$/.test(customerId)) return patternError(ctx, 'customerId', customerId, 'C.+|my_customer');
    if (!isOwnCustomer(model, customerId)) return notAuthorized();
  }
  const maxResults = integerParam(ctx, 'maxResults', 1, 1000, 1000);
  if (isResponse(maxResults)) return maxResults;
  for (const unsupported of ['filters', 'orgUnitID', 'groupIdFilter', 'applicationInfoFilter', 'networkInfoFilter', 'resourceDetailsFilter']) {
    if ((query.get(unsupported) ?? '') !== '') return notSimulated(ctx.dialect, `activities.list \`${unsupported}\``);
  }

  const now = ctx.now.getTime();
  const times: { startTime?: number; endTime?: number } = {};
  for (const name of ['startTime', 'endTime'] as const) {
    const raw = query.get(name);
    if (raw === null || raw === '') continue;
    if (!new RegExp(`^${TIME_PATTERN}$`).test(raw) || !Number.isFinite(Date.parse(raw))) return patternError(ctx, name, raw, TIME_PATTERN);
    times[name] = Date.parse(raw);
  }
  const oldest = now - REPORTS_RETENTION_DAYS * DAY_MS;
  if (times.startTime !== undefined && (times.startTime < oldest || times.startTime >= now)) return windowError(ctx);
  if (times.endTime !== undefined && (times.endTime < oldest || (times.startTime !== undefined && times.startTime >= times.endTime))) return windowError(ctx);

  let subjectEmail: string | undefined;
  if (userKey !== 'all') {
    const user = model.users.find((candidate) => candidate.primaryEmail.toLowerCase() === userKey.toLowerCase() || candidate.id === userKey);
    if (!user) return badRequest(ctx.dialect, 'Bad Request');
    subjectEmail = user.primaryEmail.toLowerCase();
  }
  const eventName = query.get('eventName') ?? '';
  const actorIpAddress = query.get('actorIpAddress') ?? '';

  const from = Math.max(times.startTime ?? oldest, oldest);
  const to = Math.min(times.endTime ?? now, now);
  const activities = applicationName !== 'login' ? [] : model.loginActivities
    .filter((activity) => {
      const time = Date.parse(activity.id.time);
      if (time < from || time > to) return false;
      if (subjectEmail !== undefined && activity.actor.email.toLowerCase() !== subjectEmail) return false;
      if (eventName !== '' && !activity.events.some((event) => event.name === eventName)) return false;
      return actorIpAddress === '' || activity.ipAddress === actorIpAddress;
    })
    // Newest first, as the Reports API lists them.
    .sort((a, b) => Date.parse(b.id.time) - Date.parse(a.id.time) || a.id.uniqueQualifier.localeCompare(b.id.uniqueQualifier));

  const binding = {
    userKey: userKey.toLowerCase(),
    applicationName,
    startTime: query.get('startTime') ?? undefined,
    endTime: query.get('endTime') ?? undefined,
    eventName: eventName || undefined,
    actorIpAddress: actorIpAddress || undefined,
  };
  return servePage(activities, {
    method: 'reports.activities.list',
    binding,
    pageToken: query.get('pageToken'),
    size: maxResults,
    invalidToken: () => badRequest(ctx.dialect, 'Invalid page token', 'invalid', 'pageToken'),
    head: (offset) => ({ kind: 'admin#reports#activities', etag: googleEtag('activities', model.customer.id, applicationName, offset) }),
    itemsKey: 'items',
    render: (activity) => serveActivity(model, activity),
  });
}

/** The Reports API route. */
export const reportsRoutes: readonly ApiRoute[] = [
  {
    methodId: 'reports.activities.list',
    service: 'admin.googleapis.com',
    host: 'admin.googleapis.com',
    dialect: 'apiary',
    pattern: /^\/admin\/reports\/v1\/activity\/users\/([^/]+)\/applications\/([^/]+)$/,
    scopes: ['https://www.googleapis.com/auth/admin.reports.audit.readonly'],
    privilege: 'REPORTS_READ',
    denied: reportsAccessDenied,
    schema: 'Activities',
    params: [
      'actorIpAddress',
      'applicationInfoFilter',
      'customerId',
      'endTime',
      'eventName',
      'filters',
      'groupIdFilter',
      'includeSensitiveData',
      'maxResults',
      'networkInfoFilter',
      'orgUnitID',
      'pageToken',
      'resourceDetailsFilter',
      'startTime',
    ],
    handle: listActivities,
  },
];
