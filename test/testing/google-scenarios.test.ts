import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import {
  GOOGLE_COMPLIANT_PRACTICE_CUSTOMER_ID,
  GOOGLE_TYPICAL_PRACTICE_ACCOUNTS,
  GOOGLE_WORKSPACE_SKUS,
  google,
  googleLargeTenant,
  isGoogleTwoStepEnforcedAt,
  NEVER_LOGGED_IN,
  simulatorHandlers,
  startSimulator,
  type GoogleWorkspaceModel,
} from '../../src/testing/index.js';
import { GOOGLE_RESPONSE_SCHEMAS } from '../../src/testing/google/schema.js';
import { accessToken, DIRECTORY, expectGoogleError, gcall, NOW, POLICIES } from './google-harness.js';

/** Strips the generated key material, which is per process, to compare the rest. */
function withoutKeys(model: GoogleWorkspaceModel): unknown {
  return { ...model, serviceAccount: { ...model.serviceAccount, keys: model.serviceAccount.keys.map((key) => key.keyType) } };
}

describe('Google scenarios', () => {
  it('are deterministic for a given now', () => {
    expect(withoutKeys(google.typicalPractice({ now: NOW }))).toEqual(withoutKeys(google.typicalPractice({ now: NOW })));
    expect(withoutKeys(google.compliantPractice({ now: NOW }))).toEqual(withoutKeys(google.compliantPractice({ now: NOW })));
    expect(google.largeTenant(50, { now: NOW }).users.map((user) => user.id)).toEqual(googleLargeTenant(50, { now: NOW }).users.map((user) => user.id));
  });

  it('keep every date relative to now', () => {
    const later = new Date(NOW.getTime() + 30 * 86_400_000);
    const a = google.typicalPractice({ now: NOW });
    const b = google.typicalPractice({ now: later });
    const leaver = (model: GoogleWorkspaceModel) => Date.parse(model.users.find((user) => user.primaryEmail === GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.leaver)!.lastLoginTime);
    expect(leaver(b) - leaver(a)).toBe(30 * 86_400_000);
  });

  it('make the compliant practice compliant: everyone active enrolled and enforced, no SMS, 12-hour sessions, encrypted devices', () => {
    const model = google.compliantPractice({ now: NOW });
    expect(model.customer.id).toBe(GOOGLE_COMPLIANT_PRACTICE_CUSTOMER_ID);
    const active = model.users.filter((user) => !user.suspended);
    expect(active.every((user) => user.isEnrolledIn2Sv && isGoogleTwoStepEnforcedAt(model, user.orgUnitPath, NOW))).toBe(true);
    expect(active.every((user) => NOW.getTime() - Date.parse(user.lastLoginTime) < 10 * 86_400_000)).toBe(true);
    expect(model.policies.some((policy) => policy.setting.value['allowedSignInFactorSet'] === 'ALL')).toBe(false);
    expect(model.mobileDevices.every((device) => device.encryptionStatus === 'Encrypted')).toBe(true);
    const licensed = new Set(model.licenseAssignments.map((assignment) => assignment.userId));
    expect(active.every((user) => licensed.has(user.primaryEmail))).toBe(true);
    expect(model.licenseAssignments.every((assignment) => assignment.skuId === GOOGLE_WORKSPACE_SKUS.enterpriseStandard.skuId)).toBe(true);
    expect(model.loginActivities.length).toBeGreaterThan(1000);
  });

  it('give the typical practice its documented problems', () => {
    const model = google.typicalPractice({ now: NOW });
    const user = (email: string) => model.users.find((candidate) => candidate.primaryEmail === email)!;
    const accounts = GOOGLE_TYPICAL_PRACTICE_ACCOUNTS;
    expect(user(accounts.neverLoggedIn)).toMatchObject({ lastLoginTime: NEVER_LOGGED_IN, suspended: false });
    expect(NOW.getTime() - Date.parse(user(accounts.neverLoggedIn).creationTime)).toBeGreaterThan(150 * 86_400_000);
    expect(Math.round((NOW.getTime() - Date.parse(user(accounts.leaver).lastLoginTime)) / 86_400_000)).toBe(120);
    expect(user(accounts.suspendedLicensed).suspended).toBe(true);
    expect(model.licenseAssignments.some((assignment) => assignment.userId === accounts.suspendedLicensed)).toBe(true);
    expect(model.licenseAssignments.find((assignment) => assignment.userId === accounts.businessStarter)?.skuId).toBe('1010020027');
    expect(model.users.filter((candidate) => !candidate.suspended && !candidate.isEnrolledIn2Sv).map((candidate) => candidate.primaryEmail)).toEqual([
      ...accounts.notEnrolled,
    ]);
    expect(isGoogleTwoStepEnforcedAt(model, '/Front Desk', NOW)).toBe(false);
    expect(isGoogleTwoStepEnforcedAt(model, '/Billing', NOW)).toBe(false);
    expect(isGoogleTwoStepEnforcedAt(model, '/Clinical', NOW)).toBe(true);
    // Google writes enforcement Off as the epoch: a user there is not enforced.
    const epoch = { ...model, policies: model.policies.map((p) => (p.setting.type === 'settings/security.two_step_verification_enforcement' ? { ...p, setting: { ...p.setting, value: { enforcedFrom: '1970-01-01T00:00:00Z' } } } : p)) };
    expect(isGoogleTwoStepEnforcedAt(epoch, '/Clinical', NOW)).toBe(false);
    expect(model.policies.some((policy) => policy.setting.type === 'settings/rule.dlp')).toBe(false);
    expect(model.mobileDevices.filter((device) => device.encryptionStatus !== 'Encrypted').map((device) => device.email[0])).toEqual([
      accounts.unencryptedDeviceOwner,
    ]);
  });

  it('build a large tenant of the requested size', () => {
    const model = google.largeTenant(1234, { now: NOW });
    expect(model.users).toHaveLength(1234);
    expect(model.licenseAssignments).toHaveLength(1234);
    expect(new Set(model.users.map((user) => user.primaryEmail)).size).toBe(1234);
    expect(() => google.largeTenant(0)).toThrow(RangeError);
  });
});

describe('startSimulator({ google })', () => {
  it('serves Google customers next to Microsoft 365 tenants and logs their requests', async () => {
    const model = google.typicalPractice({ now: NOW });
    const simulator = startSimulator({ google: [model] });
    try {
      const token = await accessToken(model);
      const answer = await gcall(token, `${DIRECTORY}/customers/my_customer`);
      expect(answer.body.id).toBe(model.customer.id);
      expect(simulator.requests.count({ path: '/admin/directory/v1/customers/my_customer', tenantId: model.customer.id })).toBe(1);
    } finally {
      simulator.close();
    }
  });

  it('leaves Google hosts unhandled when no Google customer is given', () => {
    const without = simulatorHandlers({ m365: [] }).length;
    expect(simulatorHandlers({ m365: [], google: [] })).toHaveLength(without);
    expect(simulatorHandlers({ google: [google.largeTenant(1, { now: NOW })] })).toHaveLength(without + 1);
  });
});

describe('faults', () => {
  it('answer 429, 403 userRateLimitExceeded and 503 for the configured number of matching requests', async () => {
    const model: GoogleWorkspaceModel = {
      ...google.largeTenant(3, { now: NOW }),
      faults: {
        throttle: { path: '/admin/directory/v1/users', times: 1, retryAfterSeconds: 2 },
        userRateLimit: { path: /cloudidentity\.googleapis\.com\/v1\/policies/, times: 1 },
        serverError: { path: '/admin/directory/v1/customers/my_customer', times: 2, status: 503 },
      },
    };
    const server = setupServer(...simulatorHandlers({ google: [model] }));
    server.listen({ onUnhandledFrame: 'error' });
    try {
      const token = await accessToken(model);
      const throttled = await gcall(token, `${DIRECTORY}/users?customer=my_customer`);
      expectGoogleError(throttled, 429, { reason: 'rateLimitExceeded', statusName: 'RESOURCE_EXHAUSTED' });
      expect(throttled.headers.get('Retry-After')).toBe('2');
      expect((await gcall(token, `${DIRECTORY}/users?customer=my_customer`)).status).toBe(200);
      expectGoogleError(await gcall(token, POLICIES), 403, { statusName: 'PERMISSION_DENIED' });
      expect((await gcall(token, POLICIES)).status).toBe(200);
      expectGoogleError(await gcall(token, `${DIRECTORY}/customers/my_customer`), 503, { reason: 'backendError' });
      expectGoogleError(await gcall(token, `${DIRECTORY}/customers/my_customer`), 503, { reason: 'backendError' });
      expect((await gcall(token, `${DIRECTORY}/customers/my_customer`)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('answer userRateLimitExceeded in the Admin SDK dialect with its errors[] reason', async () => {
    const model: GoogleWorkspaceModel = { ...google.largeTenant(2, { now: NOW }), faults: { userRateLimit: { path: '/admin/directory/v1/users', times: 1 } } };
    const server = setupServer(...simulatorHandlers({ google: [model] }));
    server.listen({ onUnhandledFrame: 'error' });
    try {
      const token = await accessToken(model);
      expectGoogleError(await gcall(token, `${DIRECTORY}/users?customer=my_customer`), 403, { reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' });
    } finally {
      server.close();
    }
  });
});

describe('served shapes', () => {
  const schemas = JSON.parse(readFileSync(new URL('./fixtures/google-reference/response-schemas.json', import.meta.url), 'utf8')) as Record<string, any>;

  /** Every property served must exist in the discovery schema (the fixture copied from it). */
  function unknownProperties(value: unknown, schema: any, path = ''): string[] {
    if (schema === null || value === null || typeof value !== 'object') return [];
    if (Array.isArray(value)) return value.flatMap((item) => unknownProperties(item, schema, path));
    return Object.entries(value).flatMap(([key, child]) =>
      Object.hasOwn(schema, key) ? unknownProperties(child, schema[key], `${path}${key}/`) : [`${path}${key}`],
    );
  }

  it('check fields masks against the same discovery data', () => {
    expect(JSON.parse(JSON.stringify(GOOGLE_RESPONSE_SCHEMAS))).toEqual(schemas);
  });

  it('use only properties of the discovery documents', async () => {
    const model = google.compliantPractice({ now: NOW });
    const simulator = startSimulator({ google: [model] });
    try {
      const token = await accessToken(model);
      const checks: Array<[string, string]> = [
        [`${DIRECTORY}/users?customer=my_customer&maxResults=500`, 'Users'],
        [`${DIRECTORY}/customer/my_customer/orgunits?type=allIncludingParent`, 'OrgUnits'],
        [`${DIRECTORY}/customers/my_customer`, 'Customer'],
        [`${DIRECTORY}/customer/my_customer/devices/mobile?projection=FULL`, 'MobileDevices'],
        ['https://admin.googleapis.com/admin/reports/v1/activity/users/all/applications/login?maxResults=50', 'Activities'],
        [`${POLICIES}?pageSize=100`, 'ListPoliciesResponse'],
        [`https://licensing.googleapis.com/apps/licensing/v1/product/Google-Apps/users?customerId=${model.customer.id}`, 'LicenseAssignmentList'],
        ['https://cloudidentity.googleapis.com/v1/devices?pageSize=100', 'GoogleAppsCloudidentityDevicesV1ListDevicesResponse'],
      ];
      for (const [url, schema] of checks) {
        const answer = await gcall(token, url);
        expect(answer.status, url).toBe(200);
        expect(unknownProperties(answer.body, schemas[schema]), url).toEqual([]);
      }
    } finally {
      simulator.close();
    }
  });
});
