import { describe, expect, it } from 'vitest';
import { datasetSchemas } from '../../../src/datasets/index.js';
import type { GoogleWorkspaceTarget } from '../../../src/providers/google/target.js';
import { keylessDelegation } from '../../../src/providers/google/keyless.js';
import { GOOGLE_WORKSPACE_SCOPES } from '../../../src/providers/google/scopes.js';
import { GOOGLE_POLICY_SETTING_TYPES } from '../../../src/datasets/google-constants.js';
import { googleCollectors, type GoogleDatasetName } from '../../../src/providers/google/collectors.js';
import {
  google,
  GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS,
  GOOGLE_TYPICAL_PRACTICE_ACCOUNTS,
  googleSuperAdmin,
  simulatedFederatedToken,
  simulatedServiceAccountKey,
  wronglySignedServiceAccountKey,
  type GoogleWorkspaceModel,
  type RunningSimulator,
} from '../../../src/testing/index.js';
import { baseContext, failureOf, FAST_RETRY, NOW, runDataset, tokenAuth } from './helpers.js';
import { simulatorPerTest } from '../../fixtures/simulator-per-test.js';

// The same collectors against the simulated Google services (src/testing/google), whose token
// endpoint verifies the signed assertion's key, audience, subject and delegated scopes.

const simulators = simulatorPerTest();

const serve = (...models: GoogleWorkspaceModel[]): RunningSimulator => simulators.serve({ google: models });

const keyTarget = (model: GoogleWorkspaceModel, subject = googleSuperAdmin(model)): GoogleWorkspaceTarget => ({
  provider: 'google-workspace',
  // Spread: the simulator's key file is an interface, which lacks ServiceAccountKey's index signature (reported to the lead).
  credentials: { ...simulatedServiceAccountKey(model) },
  subject,
});

const noDns = { ...FAST_RETRY, resolveTxt: async () => [] };

describe('collectors against the simulated Google Workspace', () => {
  it('read every dataset of the typical practice with a service-account key, each matching its schema', async () => {
    const practice = google.typicalPractice({ now: NOW });
    serve(practice);
    const target = keyTarget(practice);
    const names = Object.keys(googleCollectors) as GoogleDatasetName[];
    const results = await Promise.all(names.map((name) => runDataset(name, target, baseContext(), noDns)));
    names.forEach((name, index) => {
      const parsed = datasetSchemas[name].safeParse(results[index]!.data);
      expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues[0])}`).toBe(true);
    });
    const data = Object.fromEntries(names.map((name, index) => [name, results[index]!.data])) as Record<GoogleDatasetName, any>;
    expect(data['google.users'].users).toHaveLength(practice.users.length);
    expect(data['google.customer']).toEqual({ id: practice.customer.id, customerDomain: practice.customer.customerDomain });
    expect(data['google.orgUnits'].rootOrgUnitId).toBe(practice.rootOrgUnit.orgUnitId);
    expect(data['google.orgUnits'].orgUnits).toHaveLength(practice.orgUnits.length + 1);
    const wantedPolicies = practice.policies.filter((policy) => (GOOGLE_POLICY_SETTING_TYPES as readonly string[]).includes(policy.setting.type));
    expect(data['google.policies'].policies.map((policy: { name: string }) => policy.name).sort()).toEqual(wantedPolicies.map((policy) => policy.name).sort());
    expect(data['google.mobileDevices'].devices).toHaveLength(practice.mobileDevices.length);
    // Every product listed: the editions and the add-ons (the suspended leaver's Google Voice number among them).
    expect(data['google.licenses'].assignments).toHaveLength(practice.licenseAssignments.length);
    expect(data['google.licenses'].assignments).toContainEqual(expect.objectContaining({ productId: '101033', userId: GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.suspendedLicensed }));
    expect(data['google.devices'].devices).toHaveLength(practice.devices!.length);
    expect(data['google.devices'].devices.map((device: { deviceType: string }) => device.deviceType).sort()).toEqual(['ANDROID', 'IOS', 'IOS', 'WINDOWS']);
    expect(data['google.inboundSso']).toEqual({ assignments: [], samlProfiles: [], oidcProfiles: [] });
    expect(data['google.loginActivity'].events.length).toBeGreaterThan(0);
    expect(data['google.loginActivity'].events.every((event: { time: string }) => event.time >= '2026-11-06T12:00:00.000Z')).toBe(true);
  });

  it('asks the token endpoint once per scope set, for the super administrator, and every API call carries a token', async () => {
    const practice = google.compliantPractice({ now: NOW });
    const running = serve(practice);
    const target = keyTarget(practice);
    await Promise.all((['google.users', 'google.orgUnits', 'google.customer', 'google.mailDns'] as const).map((name) => runDataset(name, target, baseContext(), noDns)));
    const tokenRequests = running.requests.filter({ path: '/token' });
    // users, orgUnits and customer scopes; mailDns shares the customer one.
    expect(tokenRequests).toHaveLength(3);
    expect(tokenRequests.every((request) => request.status === 200)).toBe(true);
  });

  it('the users request count grows with pages of 500, not with users', async () => {
    for (const [users, pages] of [
      [499, 1],
      [1_200, 3],
      [5_000, 10],
    ] as const) {
      const tenant = google.largeTenant(users, { now: NOW });
      const running = serve(tenant);
      const { data, requests } = await runDataset('google.users', keyTarget(tenant));
      expect((data as { users: unknown[] }).users).toHaveLength(users);
      expect(requests).toBe(pages);
      expect(running.requests.filter({ path: '/admin/directory/v1/users' })).toHaveLength(pages);
      simulators.stop();
    }
  });

  it('the users answer holds only the masked fields', async () => {
    const practice = google.compliantPractice({ now: NOW });
    serve(practice);
    const { data } = await runDataset('google.users', keyTarget(practice));
    const allowed = new Set(['id', 'primaryEmail', 'suspended', 'archived', 'isAdmin', 'isEnrolledIn2Sv', 'isEnforcedIn2Sv', 'lastLoginTime', 'creationTime', 'orgUnitPath']);
    for (const user of (data as { users: Record<string, unknown>[] }).users) expect(Object.keys(user).filter((key) => !allowed.has(key))).toEqual([]);
  });

  it('keyless delegation signs with the simulated signJwt and exchanges at the simulated token endpoint', async () => {
    const practice = google.typicalPractice({ now: NOW });
    const running = serve(practice);
    const auth = keylessDelegation({
      serviceAccount: practice.serviceAccount.clientEmail,
      subject: googleSuperAdmin(practice),
      sourceCredential: tokenAuth(simulatedFederatedToken(practice)),
    });
    const target: GoogleWorkspaceTarget = { provider: 'google-workspace', auth };
    await runDataset('google.users', target);
    await runDataset('google.policies', target);
    const paths = running.requests.filter().map((request) => request.path);
    // One signJwt and one exchange per scope set: users and policies need different scopes.
    expect(paths.filter((path) => path.endsWith(':signJwt'))).toHaveLength(2);
    expect(paths.filter((path) => path === '/token')).toHaveLength(2);
    expect(paths.slice(0, 2)).toEqual([`/v1/projects/-/serviceAccounts/${practice.serviceAccount.clientEmail}:signJwt`, '/token']);
  });

  it('keyless delegation without signJwt permission names the Token Creator role', async () => {
    const practice = google.typicalPractice({ now: NOW });
    practice.workloadIdentity = { ...practice.workloadIdentity!, canSignJwt: false };
    serve(practice);
    const auth = keylessDelegation({ serviceAccount: practice.serviceAccount.clientEmail, subject: googleSuperAdmin(practice), sourceCredential: tokenAuth(simulatedFederatedToken(practice)) });
    const failure = await failureOf(runDataset('google.users', { provider: 'google-workspace', auth }));
    expect(failure.reason.needs).toEqual([`roles/iam.serviceAccountTokenCreator on ${practice.serviceAccount.clientEmail}`]);
  });
});

describe('errors from the simulated Google Workspace', () => {
  it('a delegation entry without the licensing scope fails only the licences, naming the scope', async () => {
    const practice = google.typicalPractice({ now: NOW });
    practice.domainWideDelegation = practice.domainWideDelegation.map((grant) => ({ ...grant, scopes: grant.scopes.filter((scope) => scope !== GOOGLE_WORKSPACE_SCOPES.licensing) }));
    serve(practice);
    const target = keyTarget(practice);
    await expect(runDataset('google.users', target)).resolves.toMatchObject({ requests: 1 });
    const failure = await failureOf(runDataset('google.licenses', target));
    expect(failure.reason).toMatchObject({ kind: 'permission', code: 'unauthorized_client', status: 401 });
    expect(failure.reason.needs).toContain(`domain-wide delegation of ${GOOGLE_WORKSPACE_SCOPES.licensing} to client ID ${practice.serviceAccount.clientId}`);
  });

  it('a key signed by another key is refused as invalid_grant', async () => {
    const practice = google.typicalPractice({ now: NOW });
    serve(practice);
    const target: GoogleWorkspaceTarget = { provider: 'google-workspace', credentials: { ...wronglySignedServiceAccountKey(practice) }, subject: googleSuperAdmin(practice) };
    const failure = await failureOf(runDataset('google.users', target));
    expect(failure.reason).toMatchObject({ kind: 'permission', code: 'invalid_grant' });
    expect(failure.reason.detail).toContain('Invalid JWT Signature.');
    expect(JSON.stringify(failure.reason)).not.toContain('PRIVATE KEY');
  });

  it('a delegated admin gets the Policy API refused with the super administrator fix, while users still read', async () => {
    const practice = google.compliantPractice({ now: NOW });
    serve(practice);
    const target = keyTarget(practice, GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS.delegatedAdmin);
    await expect(runDataset('google.users', target)).resolves.toMatchObject({ requests: 1 });
    const failure = await failureOf(runDataset('google.policies', target));
    expect(failure.reason).toMatchObject({ kind: 'permission', status: 403, needs: [`${GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS.delegatedAdmin} as a super administrator`] });
    const devices = await failureOf(runDataset('google.mobileDevices', target));
    expect(devices.reason).toMatchObject({ kind: 'permission', status: 403, code: 'forbidden' });
    expect(devices.reason.detail).toContain('Not Authorized to access this resource/api');
  });

  it('an API not enabled in the Cloud project names the API to enable', async () => {
    const practice = google.typicalPractice({ now: NOW });
    practice.cloudProject.enabledApis = practice.cloudProject.enabledApis.filter((api) => api !== 'licensing.googleapis.com');
    serve(practice);
    const failure = await failureOf(runDataset('google.licenses', keyTarget(practice)));
    expect(failure.reason).toMatchObject({ kind: 'permission', needs: ['Enterprise License Manager API (licensing.googleapis.com) enabled in the Google Cloud project'] });
  });

  it('throttling (429 and 403 userRateLimitExceeded) is retried until the data arrives', async () => {
    const practice = google.typicalPractice({ now: NOW });
    practice.faults = {
      throttle: { path: '/admin/directory/v1/users', times: 2, retryAfterSeconds: 0 },
      userRateLimit: { path: '/v1/policies', times: 1 },
    };
    serve(practice);
    const target = keyTarget(practice);
    expect((await runDataset('google.users', target)).requests).toBe(3);
    expect((await runDataset('google.policies', target)).requests).toBe(2);
  });

  it('throttling that outlasts the retries ends as an api reason', async () => {
    const practice = google.typicalPractice({ now: NOW });
    practice.faults = { throttle: { path: '/admin/directory/v1/users', times: 100_000 } };
    serve(practice);
    const failure = await failureOf(runDataset('google.users', keyTarget(practice), undefined, { retry: { baseDelayMs: 1, maxDelayMs: 2, budgetMs: 300 } }));
    expect(failure.cost.requests).toBeGreaterThan(2);
    expect(failure.reason).toMatchObject({ kind: 'api', status: 429, transient: true });
  });
});
