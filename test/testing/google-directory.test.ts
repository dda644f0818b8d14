import { admin } from '@googleapis/admin';
import { describe, expect, it } from 'vitest';
import { google, GOOGLE_TYPICAL_PRACTICE_ACCOUNTS, NEVER_LOGGED_IN } from '../../src/testing/index.js';
import { accessToken, allGooglePages, DIRECTORY, expectGoogleError, gcall, jwtClient, NOW, serveGoogle } from './google-harness.js';

const typical = google.typicalPractice({ now: NOW });
const compliant = google.compliantPractice({ now: NOW });
const large = google.largeTenant(1201, { now: NOW });
const log = serveGoogle([typical, compliant, large]);

describe('users.list', () => {
  it('pages 500 at a time with opaque page tokens until nextPageToken is absent', async () => {
    const token = await accessToken(large);
    log.clear();
    const { pages, items } = await allGooglePages(token, `${DIRECTORY}/users?customer=my_customer&maxResults=500&projection=basic`, 'users');
    expect(pages.map((page) => page.body.users.length)).toEqual([500, 500, 201]);
    expect(new Set(items.map((user) => user.primaryEmail)).size).toBe(1201);
    expect(pages[2]!.body.nextPageToken).toBeUndefined();
    expect(log.count({ path: '/admin/directory/v1/users' })).toBe(3);
  });

  it('defaults to 100 a page and refuses maxResults above 500', async () => {
    const token = await accessToken(large);
    expect((await gcall(token, `${DIRECTORY}/users?customer=my_customer`)).body.users).toHaveLength(100);
    expectGoogleError(await gcall(token, `${DIRECTORY}/users?customer=my_customer&maxResults=1000`), 400, {
      reason: 'invalidParameter',
      message: "Invalid value '1000'. Values must be within the range: [1, 500]",
    });
  });

  it('answers Bad Request without customer or domain, and 403 for another customer', async () => {
    const token = await accessToken(typical);
    expectGoogleError(await gcall(token, `${DIRECTORY}/users?maxResults=10`), 400, { reason: 'badRequest', message: 'Bad Request' });
    expectGoogleError(await gcall(token, `${DIRECTORY}/users?customer=C0someoneelse`), 403, { reason: 'forbidden' });
    expect((await gcall(token, `${DIRECTORY}/users?customer=${typical.customer.id}`)).status).toBe(200);
    expect((await gcall(token, `${DIRECTORY}/users?domain=${typical.customer.customerDomain}`)).status).toBe(200);
  });

  it('refuses a page token it did not issue, or one replayed with another query', async () => {
    const token = await accessToken(large);
    const first = await gcall(token, `${DIRECTORY}/users?customer=my_customer&maxResults=10`);
    const next = first.body.nextPageToken as string;
    expect((await gcall(token, `${DIRECTORY}/users?customer=my_customer&maxResults=10&pageToken=${next}`)).status).toBe(200);
    expectGoogleError(await gcall(token, `${DIRECTORY}/users?customer=my_customer&orderBy=email&pageToken=${next}`), 400, { reason: 'invalid' });
    expectGoogleError(await gcall(token, `${DIRECTORY}/users?customer=my_customer&pageToken=not-a-token`), 400, { reason: 'invalid' });
  });

  it('returns only the fields the mask selects, including nested ones', async () => {
    const token = await accessToken(typical);
    const fields = 'nextPageToken,users(primaryEmail,name/fullName,isEnrolledIn2Sv,lastLoginTime)';
    const answer = await gcall(token, `${DIRECTORY}/users?customer=my_customer&maxResults=2&fields=${encodeURIComponent(fields)}`);
    expect(Object.keys(answer.body).sort()).toEqual(['nextPageToken', 'users']);
    expect(answer.body.users[0]).toEqual({
      primaryEmail: GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.superAdmin,
      name: { fullName: 'Dana Whitfield' },
      isEnrolledIn2Sv: true,
      lastLoginTime: expect.any(String),
    });
  });

  it('refuses a mask naming a field the User resource does not have', async () => {
    const token = await accessToken(typical);
    const answer = await gcall(token, `${DIRECTORY}/users?customer=my_customer&fields=users(primaryEmail,isEnrolled2Sv)`);
    expectGoogleError(answer, 400, { reason: 'invalidParameter', message: 'Invalid field selection users/isEnrolled2Sv' });
    expectGoogleError(await gcall(token, `${DIRECTORY}/users?customer=my_customer&fields=users(primaryEmail`), 400, { reason: 'invalidParameter' });
  });

  it('serves the typical practice as its scenario says: never-logged-in, suspended, enforcement per OU', async () => {
    const token = await accessToken(typical);
    const { items } = await allGooglePages(token, `${DIRECTORY}/users?customer=my_customer&maxResults=500`, 'users');
    const byEmail = new Map(items.map((user) => [user.primaryEmail, user]));
    expect(byEmail.get(GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.neverLoggedIn)).toMatchObject({ lastLoginTime: NEVER_LOGGED_IN, isEnrolledIn2Sv: false });
    expect(byEmail.get(GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.suspendedLicensed)).toMatchObject({ suspended: true, suspensionReason: 'ADMIN' });
    expect(byEmail.get(GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.leaver)).toMatchObject({ suspended: false, lastLoginTime: expect.stringMatching(/^2026-07-2/) });
    // Enforced at the top level and /Clinical; off in /Front Desk; scheduled (not yet) in /Billing.
    expect(byEmail.get('dr.patel@maplestreetfm.example').isEnforcedIn2Sv).toBe(true);
    expect(byEmail.get('maria.lopez@maplestreetfm.example')).toMatchObject({ orgUnitPath: '/Front Desk', isEnforcedIn2Sv: false });
    expect(byEmail.get(GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.businessStarter)).toMatchObject({ orgUnitPath: '/Billing', isEnforcedIn2Sv: false });
  });

  it('works through @googleapis/admin with a google-auth-library JWT client', async () => {
    const directory = admin({ version: 'directory_v1', auth: jwtClient(large) });
    const emails: string[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await directory.users.list({
        customer: 'my_customer',
        maxResults: 500,
        projection: 'basic',
        fields: 'nextPageToken,users(primaryEmail,suspended)',
        ...(pageToken === undefined ? {} : { pageToken }),
      });
      emails.push(...(data.users ?? []).map((user) => user.primaryEmail!));
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken !== undefined);
    expect(emails).toHaveLength(1201);
  });
});

describe('orgunits.list', () => {
  it('lists immediate children of the top level by default, and every descendant with type=all', async () => {
    const token = await accessToken(compliant);
    const byDefault = await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits`);
    expect(byDefault.body.organizationUnits.map((unit: any) => unit.orgUnitPath)).toEqual(['/Administration', '/Clinical', '/Front Office']);
    const all = await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits?type=all`);
    expect(all.body.organizationUnits.map((unit: any) => unit.orgUnitPath)).toEqual(['/Administration', '/Clinical', '/Clinical/Nurses', '/Front Office']);
    const nurses = all.body.organizationUnits.find((unit: any) => unit.orgUnitPath === '/Clinical/Nurses');
    const clinical = all.body.organizationUnits.find((unit: any) => unit.orgUnitPath === '/Clinical');
    expect(nurses).toMatchObject({ name: 'Nurses', parentOrgUnitPath: '/Clinical', parentOrgUnitId: clinical.orgUnitId });
  });

  it('includes the top-level OU, with its own id and no parent, only with type=allIncludingParent (any case or spelling)', async () => {
    const token = await accessToken(typical);
    for (const type of ['allIncludingParent', 'ALL_INCLUDING_PARENT', 'all_including_parent']) {
      const answer = await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits?type=${type}`);
      const root = answer.body.organizationUnits[0];
      expect(root).toMatchObject({ orgUnitPath: '/', orgUnitId: typical.rootOrgUnit.orgUnitId, name: 'Maple Street Family Medicine' });
      expect(root.parentOrgUnitId).toBeUndefined();
      expect(answer.body.organizationUnits).toHaveLength(4);
    }
    const all = await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits?type=ALL`);
    expect(all.body.organizationUnits.every((unit: any) => unit.orgUnitPath !== '/')).toBe(true);
    expect(all.body.organizationUnits[0]).toMatchObject({ kind: 'admin#directory#orgUnit', parentOrgUnitPath: '/', parentOrgUnitId: typical.rootOrgUnit.orgUnitId, orgUnitId: expect.stringMatching(/^id:/) });
    expectGoogleError(await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits?type=everything`), 400, { reason: 'invalidParameter' });
  });

  it('lists below a given OU, by path or by id, and answers 404 for an unknown one', async () => {
    const token = await accessToken(compliant);
    const byPath = await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits?orgUnitPath=${encodeURIComponent('/Clinical')}&type=all`);
    expect(byPath.body.organizationUnits.map((unit: any) => unit.orgUnitPath)).toEqual(['/Clinical/Nurses']);
    const clinicalId = compliant.orgUnits.find((unit) => unit.orgUnitPath === '/Clinical')!.orgUnitId;
    const byId = await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits?orgUnitPath=${encodeURIComponent(clinicalId)}&type=allIncludingParent`);
    expect(byId.body.organizationUnits.map((unit: any) => unit.orgUnitPath)).toEqual(['/Clinical', '/Clinical/Nurses']);
    const leaf = await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits?orgUnitPath=${encodeURIComponent('/Clinical/Nurses')}`);
    expect(leaf.status).toBe(200);
    expect(leaf.body.organizationUnits).toBeUndefined();
    expectGoogleError(await gcall(token, `${DIRECTORY}/customer/my_customer/orgunits?orgUnitPath=%2FNowhere`), 404, { reason: 'notFound' });
  });
});

describe('customers.get', () => {
  it('returns the customer id and primary domain for my_customer', async () => {
    const token = await accessToken(typical);
    const answer = await gcall(token, `${DIRECTORY}/customers/my_customer?fields=id,customerDomain`);
    expect(answer.body).toEqual({ id: 'C04m7d2qx', customerDomain: 'maplestreetfm.example' });
  });
});

describe('mobiledevices.list', () => {
  it('hides encryptionStatus in the BASIC projection (the default) and shows it with FULL', async () => {
    const token = await accessToken(typical);
    const basic = await gcall(token, `${DIRECTORY}/customer/my_customer/devices/mobile`);
    expect(basic.body.mobiledevices[0].encryptionStatus).toBeUndefined();
    const full = await gcall(token, `${DIRECTORY}/customer/my_customer/devices/mobile?projection=FULL&maxResults=100`);
    const android = full.body.mobiledevices.find((device: any) => device.type === 'ANDROID');
    expect(android).toMatchObject({ email: [GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.unencryptedDeviceOwner], encryptionStatus: 'Unencrypted', os: 'Android 13' });
    expect(full.body.mobiledevices.filter((device: any) => device.encryptionStatus === 'Encrypted')).toHaveLength(2);
  });

  it('pages 100 at a time and refuses maxResults above 100', async () => {
    const token = await accessToken(large);
    const { pages, items } = await allGooglePages(token, `${DIRECTORY}/customer/my_customer/devices/mobile?maxResults=100&projection=FULL`, 'mobiledevices');
    expect(pages).toHaveLength(3);
    expect(items).toHaveLength(241);
    expectGoogleError(await gcall(token, `${DIRECTORY}/customer/my_customer/devices/mobile?maxResults=500`), 400, {
      message: "Invalid value '500'. Values must be within the range: [1, 100]",
    });
  });
});

describe('unknown and unsimulated requests', () => {
  it('answers Google HTML 404 for unknown paths and 501 for writes', async () => {
    const token = await accessToken(typical);
    const unknown = await gcall(token, `${DIRECTORY}/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('Content-Type')).toContain('text/html');
    expectGoogleError(await gcall(token, `${DIRECTORY}/users?customer=my_customer`, { method: 'POST', body: '{}' }), 501, { reason: 'notImplemented' });
  });
});
