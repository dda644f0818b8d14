/**
 * The simulator against Microsoft's documentation (fixtures/graph-reference, copied from the shared
 * reference): the property lists and permissions it embeds, and the shapes it serves compared with
 * the documented examples, request by request.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTE_PERMISSIONS } from '../../src/testing/m365/graph/permissions.js';
import { entitySchema } from '../../src/testing/m365/graph/schema.js';
import { compliantPractice, simulatedCredential, typicalPractice } from '../../src/testing/index.js';
import { call, NOW, serveTenants } from './harness.js';

const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`./fixtures/graph-reference/${name}`, import.meta.url), 'utf8'));
// graph-v1.0-types.json does not cover device and bitlockerRecoveryKey; the same metadata's extract does.
const types: Record<string, Record<string, string>> = { ...fixture('graph-v1.0-types.json'), ...fixture('graph-v1.0-device-types.json') };
const properties = (type: string): string[] => Object.keys(types[`microsoft.graph.${type}`] ?? {});

const typical = typicalPractice({ now: NOW });
const compliant = compliantPractice({ now: NOW });
serveTenants([typical, compliant]);

/** "Organization.Read.All (least); Directory.Read.All, Organization.ReadWrite.All (higher)" → the permission names, sorted. */
const documentedPermissions = (text: string): string[] => [...text.matchAll(/[A-Za-z]+\.[A-Za-z.]+/g)].map((match) => match[0]).sort();

/** Keys of a served object that are not annotations (`@odata.x` or `property@odata.x`). */
const dataKeys = (object: object): string[] => Object.keys(object).filter((key) => !key.includes('@odata.'));

describe('embedded reference data', () => {
  it.each([
    'user',
    'signIn',
    'userRegistrationDetails',
    'managedDevice',
    'subscribedSku',
    'conditionalAccessPolicy',
    'activityBasedTimeoutPolicy',
    'identitySecurityDefaultsEnforcementPolicy',
    'unifiedRoleAssignment',
    'device',
    'bitlockerRecoveryKey',
    'organization',
  ] as const)('the %s property list matches graph-v1.0-types.json', (name) => {
    const schema = entitySchema(name);
    const reference = types[`microsoft.graph.${name}`]!;
    expect([...schema.properties].sort()).toEqual(Object.keys(reference).sort());
    expect([...schema.collections].sort()).toEqual(
      Object.entries(reference)
        .filter(([, type]) => type.startsWith('Collection('))
        .map(([key]) => key)
        .sort(),
    );
  });

  it('the companySubscription property list matches the v1.0 metadata recorded with the documented example', () => {
    const reference = fixture('graph-v1.0/directory-list-subscriptions.json').schema.properties as Record<string, string>;
    const schema = entitySchema('companySubscription');
    expect([...schema.properties].sort()).toEqual(['id', ...Object.keys(reference)].sort());
    expect([...schema.collections]).toEqual(Object.keys(reference).filter((key) => reference[key]!.startsWith('Collection(')));
  });

  it('the permission lists match the reference permissions for every simulated path', () => {
    // /directory/subscriptions is not in the devx-content extract; its documented permissions come with its example.
    const reference: Record<string, string[]> = {
      ...fixture('graph-permissions-simulated-paths.json').paths,
      '/directory/subscriptions': documentedPermissions(fixture('graph-v1.0/directory-list-subscriptions.json').permissions.Application),
    };
    expect(Object.keys(ROUTE_PERMISSIONS).sort()).toEqual(Object.keys(reference).sort());
    for (const [path, permissions] of Object.entries(ROUTE_PERMISSIONS)) expect([...permissions].sort(), path).toEqual(reference[path]);
  });
});

/**
 * A documented request replayed against the simulator: every key the example shows is served
 * (except those listed as gone from the v1.0 schema), and every served key is a documented property.
 */
function expectDocumentedShape(served: object, example: object, type: string, goneFromSchema: string[] = []): void {
  // conditionalAccessGrantControls.authenticationStrength is a contained navigation property
  // (graph-v1.0-types-detail.json), served inline, so not in the property list.
  const documented = [...properties(type), ...(type === 'conditionalAccessGrantControls' ? ['authenticationStrength'] : [])];
  for (const key of dataKeys(served)) expect(documented, `${type}.${key} is not a documented property`).toContain(key);
  for (const key of dataKeys(example).filter((key) => !goneFromSchema.includes(key))) {
    expect(Object.keys(served), `the documented ${type}.${key} is missing`).toContain(key);
  }
}

describe('documented examples, replayed', () => {
  it('GET /users?$select=displayName,userPrincipalName,signInActivity (user-list, "get users including their last sign-in time")', async () => {
    const example = fixture('graph-v1.0/user-list.json').examples.find((e: any) => e.name === 'get_signin_last_time');
    const answer = await call(simulatedCredential(typical), '/users?$select=displayName,userPrincipalName,signInActivity');
    expect(answer.status).toBe(example.status);
    expect(answer.body['@odata.context']).toBe(example.body['@odata.context']);
    expect(Object.keys(answer.body.value[0])).toEqual(Object.keys(example.body.value[0]));
    const activityKeys = properties('signInActivity');
    for (const key of Object.keys(example.body.value[0].signInActivity)) expect(Object.keys(answer.body.value[0].signInActivity)).toContain(key);
    for (const key of Object.keys(answer.body.value[0].signInActivity)) expect(activityKeys).toContain(key);
  });

  it('GET /users?$select=id,mail,assignedLicenses serves the documented assignedLicense shape', async () => {
    const example = fixture('graph-v1.0/user-list.json').examples.find((e: any) => e.name === 'get_user_assignedLicenses');
    const answer = await call(simulatedCredential(typical), '/users?$select=id,mail,assignedLicenses');
    expect(answer.body['@odata.context']).toBe(example.body['@odata.context']);
    expect(Object.keys(answer.body.value[0])).toEqual(Object.keys(example.body.value[0]));
    expect(Object.keys(answer.body.value[0].assignedLicenses[0]).sort()).toEqual(Object.keys(example.body.value[0].assignedLicenses[0]).sort());
  });

  it('GET /users without $select serves only documented user properties', async () => {
    const answer = await call(simulatedCredential(typical), '/users');
    for (const user of answer.body.value) expectDocumentedShape(user, {}, 'user');
  });

  it('GET /subscribedSkus (subscribedsku-list)', async () => {
    const example = fixture('graph-v1.0/subscribedsku-list.json').examples[0];
    const answer = await call(simulatedCredential(typical), '/subscribedSkus');
    expect(answer.body['@odata.context']).toBe(example.body['@odata.context']);
    for (const sku of answer.body.value) {
      expectDocumentedShape(sku, example.body.value[0], 'subscribedSku');
      expect(Object.keys(sku.prepaidUnits).sort()).toEqual(properties('licenseUnitsDetail').sort());
      for (const plan of sku.servicePlans) expect(Object.keys(plan).sort()).toEqual(properties('servicePlanInfo').sort());
    }
  });

  it('GET /directory/subscriptions (directory-list-subscriptions)', async () => {
    const example = fixture('graph-v1.0/directory-list-subscriptions.json').examples[0];
    const answer = await call(simulatedCredential(typical), '/directory/subscriptions');
    expect(answer.status).toBe(example.status);
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#directory/subscriptions');
    const documented = example.body.value[0];
    for (const subscription of answer.body.value) {
      expect(Object.keys(subscription)).toEqual(Object.keys(documented));
      expect(Object.keys(subscription.serviceStatus[0])).toEqual(Object.keys(documented.serviceStatus[0]));
      expect(typeof subscription.isTrial).toBe('boolean');
      // skuId is an Edm.String in the metadata; the simulator serves the SKU's GUID as text.
      expect(typeof subscription.skuId).toBe('string');
    }
    const skus = (await call(simulatedCredential(typical), '/subscribedSkus')).body.value;
    expect(answer.body.value.map((s: any) => s.id)).toEqual(skus.map((sku: any) => sku.subscriptionIds[0]));
  });

  it('GET /organization (organization-list): the tenant with its verified domains', async () => {
    const example = fixture('graph-v1.0/organization-list.json').examples[0];
    const answer = await call(simulatedCredential(typical), '/organization');
    expect(answer.status).toBe(example.status);
    expect(answer.body['@odata.context']).toBe(example.body['@odata.context']);
    expect(answer.body.value).toHaveLength(1);
    const [organization] = answer.body.value;
    // The example still shows two properties the v1.0 metadata no longer has.
    expectDocumentedShape(organization, example.body.value[0], 'organization', ['isMultipleDataLocationsForServicesEnabled', 'directorySizeQuota']);
    expect(organization.id).toBe(typical.tenantId);
    for (const domain of organization.verifiedDomains) expect(Object.keys(domain).sort()).toEqual(Object.keys(example.body.value[0].verifiedDomains[0]).sort());
    expect(organization.verifiedDomains.filter((domain: { isDefault: boolean }) => domain.isDefault)).toEqual([expect.objectContaining({ name: typical.primaryDomain })]);
    const selected = await call(simulatedCredential(typical), '/organization?$select=id,verifiedDomains');
    expect(Object.keys(selected.body.value[0]).sort()).toEqual(['id', 'verifiedDomains']);
    expect((await call(simulatedCredential(typical, { roles: ['Policy.Read.All'] }), '/organization')).status).toBe(403);
  });

  it('GET /policies/identitySecurityDefaultsEnforcementPolicy (identitysecuritydefaultsenforcementpolicy-get)', async () => {
    const example = fixture('graph-v1.0/identitysecuritydefaultsenforcementpolicy-get.json').examples[0];
    const answer = await call(simulatedCredential(typical), '/policies/identitySecurityDefaultsEnforcementPolicy');
    expect(Object.keys(answer.body)).toEqual(Object.keys(example.body));
    expect(answer.body['@odata.context']).toBe(example.body['@odata.context']);
    expect(answer.body.description).toBe(example.body.description);
  });

  it('GET /identity/conditionalAccess/policies (conditionalaccessroot-list-policies)', async () => {
    const example = fixture('graph-v1.0/conditionalaccessroot-list-policies.json').examples[0];
    const answer = await call(simulatedCredential(compliant), '/identity/conditionalAccess/policies');
    expect(answer.body['@odata.context']).toBe(example.body['@odata.context']);
    const nested: [string, (policy: any) => object | null][] = [
      ['conditionalAccessConditionSet', (policy) => policy.conditions],
      ['conditionalAccessUsers', (policy) => policy.conditions.users],
      ['conditionalAccessApplications', (policy) => policy.conditions.applications],
      ['conditionalAccessGrantControls', (policy) => policy.grantControls],
      ['conditionalAccessSessionControls', (policy) => policy.sessionControls],
    ];
    for (const policy of answer.body.value) {
      expectDocumentedShape(policy, example.body.value[0], 'conditionalAccessPolicy');
      for (const [type, pick] of nested) {
        const served = pick(policy);
        const documented = pick(example.body.value[0]);
        if (served === null) continue;
        expectDocumentedShape(served, documented ?? {}, type);
      }
    }
    const strength = answer.body.value.find((policy: any) => policy.grantControls?.authenticationStrength).grantControls.authenticationStrength;
    expect(Object.keys(strength).sort()).toEqual(properties('authenticationStrengthPolicy').sort());
    const withSession = answer.body.value.find((policy: any) => policy.sessionControls !== null);
    expect(Object.keys(withSession.sessionControls.signInFrequency).every((key) => properties('signInFrequencySessionControl').includes(key))).toBe(true);
  });

  it('GET /policies/activityBasedTimeoutPolicies (activitybasedtimeoutpolicy-list)', async () => {
    const example = fixture('graph-v1.0/activitybasedtimeoutpolicy-list.json').examples[0];
    const answer = await call(simulatedCredential(compliant), '/policies/activityBasedTimeoutPolicies');
    for (const policy of answer.body.value) expectDocumentedShape(policy, example.body.value[0], 'activityBasedTimeoutPolicy');
    expect(answer.body.value[0].definition.every((entry: unknown) => typeof entry === 'string')).toBe(true);
  });

  it('GET /reports/authenticationMethods/userRegistrationDetails (authenticationmethodsroot-list-userregistrationdetails)', async () => {
    const example = fixture('graph-v1.0/authenticationmethodsroot-list-userregistrationdetails.json').examples[0];
    const answer = await call(simulatedCredential(typical), '/reports/authenticationMethods/userRegistrationDetails');
    expect(answer.body['@odata.context']).toBe(example.body['@odata.context']);
    for (const entry of answer.body.value) expect(Object.keys(entry)).toEqual(Object.keys(example.body.value[0]));
  });

  it('GET /auditLogs/signIns (signin-list)', async () => {
    const example = fixture('graph-v1.0/signin-list.json').examples[0];
    const answer = await call(simulatedCredential(typical), '/auditLogs/signIns?$top=1');
    expect(answer.body['@odata.context']).toBe(example.body['@odata.context']);
    expect(new URL(answer.body['@odata.nextLink']).searchParams.get('$skiptoken')).toBeTruthy();
    const [served] = answer.body.value;
    const [documented] = example.body.value;
    expect(Object.keys(served)).toEqual(Object.keys(documented));
    for (const key of ['status', 'deviceDetail', 'location'] as const) expect(Object.keys(served[key])).toEqual(Object.keys(documented[key]));
    expect(Object.keys(served.appliedConditionalAccessPolicies[0])).toEqual(Object.keys(documented.appliedConditionalAccessPolicies[0]));
  });

  it('GET /roleManagement/directory/roleAssignments (rbacapplication-list-roleassignments)', async () => {
    const example = fixture('graph-v1.0/rbacapplication-list-roleassignments.json').examples[1];
    const answer = await call(simulatedCredential(compliant), '/roleManagement/directory/roleAssignments');
    expect(answer.body['@odata.context']).toBe(example.body['@odata.context']);
    // The example still shows resourceScope, which the current v1.0 metadata no longer defines.
    for (const assignment of answer.body.value) expectDocumentedShape(assignment, example.body.value[0], 'unifiedRoleAssignment', ['resourceScope']);
    // Graph's assignment ids are base64url(role template id, principal id) + "-1"; Global Administrator's start "lAPpYvVpN0KRkAEhdxReE".
    expect(answer.body.value[0].id.startsWith(example.body.value[0].id.slice(0, 21))).toBe(true);
  });

  it('GET /roleManagement/directory/roleAssignments?$expand=principal (rbacapplication-list-roleassignments, example 1)', async () => {
    const example = fixture('graph-v1.0/rbacapplication-list-roleassignments.json').examples[0];
    expect(example.request).toContain('$expand=principal');
    // The example also filters on Global Administrator; every assignment of the compliant practice
    // is one, and tenant-audit reads them all, so the filter is left out.
    const answer = await call(simulatedCredential(compliant), '/roleManagement/directory/roleAssignments?$expand=principal');
    expect(answer.status).toBe(example.status);
    expect(answer.body['@odata.context']).toBe(example.body['@odata.context']);
    for (const assignment of answer.body.value) {
      const { principal: _served, ...servedAssignment } = assignment;
      const { principal: _documented, ...documentedAssignment } = example.body.value[0];
      expectDocumentedShape(servedAssignment, documentedAssignment, 'unifiedRoleAssignment', ['resourceScope']);
      // The expanded user principal: the documented example's properties, in its order.
      expect(Object.keys(assignment.principal)).toEqual(Object.keys(example.body.value[0].principal));
      expect(assignment.principal['@odata.type']).toBe(example.body.value[0].principal['@odata.type']);
      expect(assignment.principal.id).toBe(assignment.principalId);
    }
  });

  it('GET /deviceManagement/managedDevices (intune-devices-manageddevice-list)', async () => {
    const example = fixture('graph-v1.0/intune-devices-manageddevice-list.json').examples[0];
    const answer = await call(simulatedCredential(typical), '/deviceManagement/managedDevices');
    for (const device of answer.body.value) {
      expect(device['@odata.type']).toBe(example.body.value[0]['@odata.type']);
      expectDocumentedShape(device, example.body.value[0], 'managedDevice');
    }
  });
});

describe('Entra devices and BitLocker keys, replayed', () => {
  it('GET /devices (device-list, get_devices) serves the documented properties and only schema properties', async () => {
    const example = fixture('graph-v1.0/device-list.json').examples.find((e: any) => e.name === 'get_devices');
    const answer = await call(simulatedCredential(typical), '/devices');
    expect(answer.status).toBe(example.status);
    expect(answer.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#devices');
    // The example spells manufacturer and model in capitals, against the schema: the schema's spelling is served.
    const documented = { ...example.body.value[0], manufacturer: null, model: null };
    delete documented.Manufacturer;
    delete documented.Model;
    for (const device of answer.body.value) expectDocumentedShape(device, documented, 'device');
    for (const key of ['accountEnabled', 'deviceId', 'displayName', 'operatingSystem', 'operatingSystemVersion']) {
      expect(typeof answer.body.value[0][key], key).toBe(typeof fixture('graph-v1.0/device-list.json').examples[4].body.value[0][key]);
    }
  });

  it('GET /informationProtection/bitlocker/recoveryKeys (bitlocker-list-recoverykeys) serves the documented key list', async () => {
    const example = fixture('graph-v1.0/bitlocker-list-recoverykeys.json').examples.find((e: any) => e.name === 'list_bitlockerrecoverykey');
    const answer = await call(simulatedCredential(typical), '/informationProtection/bitlocker/recoveryKeys', { headers: example.requestHeaders });
    expect(answer.status).toBe(example.status);
    for (const key of answer.body.value) {
      expect(Object.keys(key)).toEqual(Object.keys(example.body.value[0]));
      expect(key['@odata.type']).toBe(example.body.value[0]['@odata.type']);
      expect(typeof key.volumeType).toBe(typeof example.body.value[0].volumeType);
      expect(key.createdDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
      expect(example.body.value[0].createdDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
      expectDocumentedShape(key, {}, 'bitlockerRecoveryKey');
    }
  });

  it('refuses the BitLocker keys without permission with the device registration service\'s error body', async () => {
    const documented = fixture('graph-v1.0/device-registration-service-403.json');
    const answer = await call(simulatedCredential(typical, { roles: ['Device.Read.All'] }), '/informationProtection/bitlocker/recoveryKeys', { headers: { 'User-Agent': 'tests' } });
    expect(answer.status).toBe(documented.status);
    expect(answer.body.error.code).toBe(documented.body.error.code);
    expect(answer.body.error.message).toBe(documented.body.error.message);
    expect(Object.keys(answer.body.error.innerError)).toEqual(Object.keys(documented.body.error.innerError));
  });
});

describe('error bodies', () => {
  it('have the documented odata.error members plus innerError date and request ids', async () => {
    const documented = fixture('graph-errors.json').errorShapeSummary.documented.error;
    const answer = await call(simulatedCredential(typical), '/users?$select=nope');
    for (const key of ['code', 'message']) expect(typeof answer.body.error[key]).toBe(typeof documented[key]);
    expect(Object.keys(answer.body.error.innerError)).toEqual(['date', 'request-id', 'client-request-id']);
    expect(answer.body.error.innerError.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });
});
