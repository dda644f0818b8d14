/**
 * The simulator's Cloud Identity devices and inbound SSO lists, the users' aliases and the add-on
 * licence products, against the documented answers in fixtures/google-reference/documented-examples.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS, GOOGLE_SCOPES, GOOGLE_TYPICAL_PRACTICE_ACCOUNTS, google, type GoogleWorkspaceModel } from '../../src/testing/index.js';
import { accessToken, allGooglePages, DIRECTORY, expectGoogleError, gcall, LICENSING, NOW, serveGoogle } from './google-harness.js';

const examples = JSON.parse(readFileSync(new URL('./fixtures/google-reference/documented-examples.json', import.meta.url), 'utf8')) as Record<string, any>;
const CLOUD_IDENTITY = 'https://cloudidentity.googleapis.com/v1';

// The compliant practice with the SSO set-up of the documented answer: the OU of the real,
// anonymised assignment, sent to an Okta SAML profile, and an Entra OIDC profile.
const documentedAssignment = examples['inboundSsoAssignments.list'].response.inboundSsoAssignments[0];
const samlExample = examples['inboundSamlSsoProfiles.list'].response.inboundSamlSsoProfiles[0];
const oidcExample = examples['inboundOidcSsoProfiles.list'].response.inboundOidcSsoProfiles[0];
const sso: GoogleWorkspaceModel = google.compliantPractice({ now: NOW });
sso.customer = { ...sso.customer, id: 'C05sso0001' };
sso.inboundSso = {
  assignments: [
    { name: documentedAssignment.name, targetOrgUnit: documentedAssignment.targetOrgUnit, ssoMode: 'SAML_SSO', samlSsoInfo: { ...documentedAssignment.samlSsoInfo }, signInBehavior: { redirectCondition: 'NEVER' } },
    ...Array.from({ length: 104 }, (_, index) => ({
      name: `inboundSsoAssignments/group${index}`,
      targetGroup: `groups/0${index}`,
      rank: index + 1,
      ssoMode: 'OIDC_SSO' as const,
      oidcSsoInfo: { inboundOidcSsoProfile: oidcExample.name },
    })),
  ],
  samlProfiles: [{ name: samlExample.name, displayName: samlExample.displayName, idpConfig: { ...samlExample.idpConfig } }],
  oidcProfiles: [{ name: oidcExample.name, displayName: oidcExample.displayName, idpConfig: { ...oidcExample.idpConfig }, rpConfig: { clientId: oidcExample.rpConfig.clientId, redirectUris: [...oidcExample.rpConfig.redirectUris] } }],
};
const compliant = google.compliantPractice({ now: NOW });
const typical = google.typicalPractice({ now: NOW });
const large = google.largeTenant(1_000, { now: NOW });
serveGoogle([sso, compliant, typical, large]);

describe('inboundSsoAssignments.list', () => {
  it('serves the documented answer: rank and an empty sign-in behaviour left out for an OU target', async () => {
    const token = await accessToken(sso);
    const answer = await gcall(token, `${CLOUD_IDENTITY}/inboundSsoAssignments?filter=${encodeURIComponent(`customer=="customers/${sso.customer.id}"`)}&pageSize=1`);
    expect(answer.status).toBe(200);
    expect(answer.body.inboundSsoAssignments).toEqual([{ ...documentedAssignment, customer: `customers/${sso.customer.id}` }]);
    expect(Object.keys(answer.body.inboundSsoAssignments[0]).sort()).toEqual(Object.keys(documentedAssignment).sort());
  });

  it('pages with real tokens, at most 100 a page, and accepts the bare and quoted customer filters and my_customer', async () => {
    const token = await accessToken(sso);
    const { pages, items } = await allGooglePages(token, `${CLOUD_IDENTITY}/inboundSsoAssignments?pageSize=500&filter=${encodeURIComponent('customer==customers/my_customer')}`, 'inboundSsoAssignments');
    expect(pages.map((page) => page.body.inboundSsoAssignments.length)).toEqual([100, 5]);
    expect(items[1]).toMatchObject({ targetGroup: 'groups/00', rank: 1, ssoMode: 'OIDC_SSO' });
    expect((await gcall(token, `${CLOUD_IDENTITY}/inboundSsoAssignments`)).body.inboundSsoAssignments).toHaveLength(50);
  });

  it('refuses another customer (403), an unsupported filter (400) and a token without the inbound SSO scope (403)', async () => {
    const token = await accessToken(sso);
    expectGoogleError(await gcall(token, `${CLOUD_IDENTITY}/inboundSsoAssignments?filter=${encodeURIComponent('customer=="customers/C0other1"')}`), 403, {
      statusName: 'PERMISSION_DENIED',
      message: examples['inboundSsoAssignments.list'].errors['403'].error.message,
    });
    expectGoogleError(await gcall(token, `${CLOUD_IDENTITY}/inboundSsoAssignments?filter=${encodeURIComponent('ssoMode=="SAML_SSO"')}`), 400, { statusName: 'INVALID_ARGUMENT' });
    const narrow = await accessToken(sso, { scopes: [GOOGLE_SCOPES.users] });
    expectGoogleError(await gcall(narrow, `${CLOUD_IDENTITY}/inboundSsoAssignments`), 403, { statusName: 'PERMISSION_DENIED', message: 'Request had insufficient authentication scopes.' });
  });

  it('answers a delegated (not super) administrator 403', async () => {
    const token = await accessToken(compliant, { subject: GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS.delegatedAdmin });
    expectGoogleError(await gcall(token, `${CLOUD_IDENTITY}/inboundSsoAssignments`), 403, { message: 'The caller does not have permission' });
  });
});

describe('the SSO profile lists', () => {
  it('serve the documented SAML and OIDC profile shapes, never the OIDC client secret', async () => {
    const token = await accessToken(sso);
    const saml = await gcall(token, `${CLOUD_IDENTITY}/inboundSamlSsoProfiles`);
    expect(saml.body.inboundSamlSsoProfiles).toHaveLength(1);
    expect(Object.keys(saml.body.inboundSamlSsoProfiles[0]).sort()).toEqual(Object.keys(samlExample).sort());
    expect(saml.body.inboundSamlSsoProfiles[0].idpConfig).toEqual(samlExample.idpConfig);
    const oidc = await gcall(token, `${CLOUD_IDENTITY}/inboundOidcSsoProfiles?fields=${encodeURIComponent('inboundOidcSsoProfiles(name,displayName,idpConfig(issuerUri))')}`);
    expect(oidc.body).toEqual({ inboundOidcSsoProfiles: [{ name: oidcExample.name, displayName: oidcExample.displayName, idpConfig: { issuerUri: oidcExample.idpConfig.issuerUri } }] });
    const full = await gcall(token, `${CLOUD_IDENTITY}/inboundOidcSsoProfiles`);
    expect(JSON.stringify(full.body)).not.toContain('clientSecret');
    // customer=="" lists Google's shared global OIDC profiles, of which the simulator has none.
    expect((await gcall(token, `${CLOUD_IDENTITY}/inboundOidcSsoProfiles?filter=${encodeURIComponent('customer==""')}`)).body).toEqual({});
  });

  it('rejects a fields mask naming a property the profile does not have', async () => {
    const token = await accessToken(sso);
    expectGoogleError(await gcall(token, `${CLOUD_IDENTITY}/inboundSamlSsoProfiles?fields=${encodeURIComponent('inboundSamlSsoProfiles(clientSecret)')}`), 400, { statusName: 'INVALID_ARGUMENT' });
  });
});

describe('devices.list', () => {
  it('serves the documented device shape: enums as strings, unset values left out', async () => {
    const token = await accessToken(compliant);
    const answer = await gcall(token, `${CLOUD_IDENTITY}/devices?customer=customers/my_customer&view=USER_ASSIGNED_DEVICES&pageSize=100`);
    expect(answer.status).toBe(200);
    const mac = answer.body.devices.find((device: any) => device.deviceType === 'MAC_OS');
    const example = examples['devices.list'].response.devices[0];
    for (const key of ['name', 'lastSyncTime', 'ownerType', 'model', 'osVersion', 'deviceType', 'serialNumber', 'encryptionState', 'hostname', 'managementState']) expect(mac, key).toHaveProperty(key);
    expect(Object.keys(mac).filter((key) => !(key in example))).toEqual(['createTime']);
    expect(mac.name).toMatch(/^devices\/[0-9a-f-]{36}$/);
    expect(answer.body.devices.map((device: any) => device.deviceType).sort()).toEqual(['ANDROID', 'ANDROID', 'CHROME_OS', 'IOS', 'IOS', 'IOS', 'MAC_OS', 'WINDOWS']);
  });

  it('pages 20 by default and at most 100, with tokens bound to the view', async () => {
    const token = await accessToken(large);
    expect((await gcall(token, `${CLOUD_IDENTITY}/devices`)).body.devices).toHaveLength(20);
    const { pages, items } = await allGooglePages(token, `${CLOUD_IDENTITY}/devices?view=USER_ASSIGNED_DEVICES&pageSize=1000`, 'devices');
    expect(pages.every((page) => page.body.devices.length <= 100)).toBe(true);
    expect(items).toHaveLength(large.devices!.length);
    const first = await gcall(token, `${CLOUD_IDENTITY}/devices?view=USER_ASSIGNED_DEVICES&pageSize=10`);
    expectGoogleError(await gcall(token, `${CLOUD_IDENTITY}/devices?view=COMPANY_INVENTORY&pageSize=10&pageToken=${first.body.nextPageToken}`), 400, { statusName: 'INVALID_ARGUMENT' });
  });

  it('lists only imported company devices in the company inventory view', async () => {
    const token = await accessToken(compliant);
    const inventory = await gcall(token, `${CLOUD_IDENTITY}/devices?view=COMPANY_INVENTORY`);
    expect(inventory.body.devices.map((device: any) => device.ownerType)).toEqual(['COMPANY', 'COMPANY', 'COMPANY']);
  });

  it('answers 403 without the devices scope, for a delegated administrator and for another customer', async () => {
    const narrow = await accessToken(compliant, { scopes: [GOOGLE_SCOPES.users] });
    expectGoogleError(await gcall(narrow, `${CLOUD_IDENTITY}/devices`), 403, { message: 'Request had insufficient authentication scopes.' });
    const delegated = await accessToken(compliant, { subject: GOOGLE_COMPLIANT_PRACTICE_ACCOUNTS.delegatedAdmin });
    expectGoogleError(await gcall(delegated, `${CLOUD_IDENTITY}/devices`), 403, { message: examples['devices.list'].errors['403'].error.message });
    const token = await accessToken(compliant);
    expectGoogleError(await gcall(token, `${CLOUD_IDENTITY}/devices?customer=customers/C0other1`), 403, { statusName: 'PERMISSION_DENIED' });
  });
});

describe('users with aliases, and add-on licences', () => {
  it('serves aliases only for users who have them, within the fields mask', async () => {
    const token = await accessToken(typical);
    const example = examples['users.list aliases'];
    const fields = new URL(example.request).searchParams.get('fields')!;
    const answer = await gcall(token, `${DIRECTORY}/users?customer=my_customer&maxResults=500&fields=${encodeURIComponent(fields)}`);
    const leaver = answer.body.users.find((user: any) => user.primaryEmail === GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.leaver);
    expect(leaver).toEqual({ id: expect.any(String), primaryEmail: GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.leaver, aliases: [GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.leaverAlias] });
    expect(Object.keys(leaver).every((key) => key in example.response.users[0])).toBe(true);
    const other = answer.body.users.find((user: any) => user.primaryEmail === GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.superAdmin);
    expect(Object.keys(other).sort()).toEqual(['id', 'primaryEmail']);
  });

  it('lists a Google Voice licence under product 101033 in the documented assignment shape', async () => {
    const token = await accessToken(typical);
    const answer = await gcall(token, `${LICENSING}/product/101033/users?customerId=${typical.customer.id}&maxResults=1000`);
    const example = examples['licenseAssignments.listForProduct'].item;
    expect(answer.body.items).toHaveLength(1);
    expect(Object.keys(answer.body.items[0]).sort()).toEqual(Object.keys(example).sort());
    expect(answer.body.items[0]).toMatchObject({ productId: '101033', skuId: '1010330003', userId: GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.suspendedLicensed });
    expect(examples['licenseAssignments.listForProduct'].googleVoice.skus['1010330003']).toBe('Voice Starter');
  });
});
