import { admin } from '@googleapis/admin';
import { describe, expect, it } from 'vitest';
import { google, GOOGLE_TYPICAL_PRACTICE_ACCOUNTS, GOOGLE_WORKSPACE_SKUS } from '../../src/testing/index.js';
import { accessToken, allGooglePages, expectGoogleError, gcall, jwtClient, LICENSING, NOW, REPORTS, serveGoogle } from './google-harness.js';

const compliant = google.compliantPractice({ now: NOW });
const typical = google.typicalPractice({ now: NOW });
serveGoogle([compliant, typical]);

const LOGIN = `${REPORTS}/activity/users/all/applications/login`;
const daysBefore = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();

describe('activities.list (login)', () => {
  it('lists login events newest first, 1000 a page, back to 180 days', async () => {
    const token = await accessToken(compliant);
    const { pages, items } = await allGooglePages(token, `${LOGIN}?maxResults=1000&startTime=${daysBefore(180)}`, 'items');
    expect(items.length).toBeGreaterThan(1000);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.body.items).toHaveLength(1000);
    const times = items.map((item) => Date.parse(item.id.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(daysBefore(180)));
  });

  it('refuses a startTime older than 180 days with the Reports API message', async () => {
    const token = await accessToken(compliant);
    expectGoogleError(await gcall(token, `${LOGIN}?startTime=${daysBefore(181)}`), 400, {
      reason: 'invalid',
      message: 'Invalid request: Start time and end time should be within last 180 days. Start time should be less than end time.',
    });
    expectGoogleError(await gcall(token, `${LOGIN}?startTime=${daysBefore(10)}&endTime=${daysBefore(20)}`), 400, { reason: 'invalid' });
    expectGoogleError(await gcall(token, `${LOGIN}?startTime=yesterday`), 400, { reason: 'invalidParameter' });
    expectGoogleError(await gcall(token, `${LOGIN}?maxResults=5000`), 400, { message: "Invalid value '5000'. Values must be within the range: [1, 1000]" });
    expectGoogleError(await gcall(token, `${REPORTS}/activity/users/all/applications/logins`), 400, { reason: 'invalidParameter' });
  });

  it('carries ipAddress and networkInfo (ASN, region) but no device id', async () => {
    const token = await accessToken(typical);
    const answer = await gcall(token, `${REPORTS}/activity/users/${encodeURIComponent(GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.sharedAccount)}/applications/login?startTime=${daysBefore(1)}`);
    const items = answer.body.items as any[];
    expect(items[0]).toMatchObject({
      kind: 'admin#reports#activity',
      id: { applicationName: 'login', customerId: typical.customer.id, uniqueQualifier: expect.stringMatching(/^-?\d+$/) },
      actor: { email: GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.sharedAccount, callerType: 'USER' },
      events: [{ type: 'login', name: 'login_success' }],
    });
    // The shared front-desk account: three addresses in three states within one hour.
    expect(new Set(items.map((item) => item.ipAddress)).size).toBe(3);
    expect(new Set(items.map((item) => item.networkInfo.subdivisionCode))).toEqual(new Set(['US-OH', 'US-KY', 'US-IN']));
    const times = items.map((item) => Date.parse(item.id.time));
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(3_600_000);
  });

  it('filters by eventName and serves nothing for applications without modelled events', async () => {
    const token = await accessToken(typical);
    const failures = await gcall(token, `${LOGIN}?eventName=login_failure`);
    expect(failures.body.items.map((item: any) => item.actor.email)).toEqual(Array(3).fill('maria.lopez@maplestreetfm.example'));
    const drive = await gcall(token, `${REPORTS}/activity/users/all/applications/drive`);
    expect(drive.status).toBe(200);
    expect(drive.body.items).toBeUndefined();
  });

  it('works through @googleapis/admin reports_v1', async () => {
    const reports = admin({ version: 'reports_v1', auth: jwtClient(typical) });
    const { data } = await reports.activities.list({ userKey: 'all', applicationName: 'login', maxResults: 1000, startTime: daysBefore(179) });
    expect(data.items?.length).toBeGreaterThan(100);
    expect(data.items?.some((item) => item.actor?.email === GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.leaver)).toBe(true);
  });
});

describe('licenseAssignments.listForProduct', () => {
  const url = (query: string) => `${LICENSING}/product/Google-Apps/users?${query}`;

  it('lists assignments with skuId and skuName, paging with maxResults', async () => {
    const token = await accessToken(typical);
    const { pages, items } = await allGooglePages(token, url(`customerId=${typical.customer.id}&maxResults=4`), 'items');
    expect(pages).toHaveLength(3);
    expect(items).toHaveLength(10);
    expect(items.find((item) => item.userId === GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.businessStarter)).toMatchObject({
      kind: 'licensing#licenseAssignment',
      productId: 'Google-Apps',
      skuId: GOOGLE_WORKSPACE_SKUS.businessStarter.skuId,
      skuName: 'Google Workspace Business Starter',
    });
    // A suspended user keeps the licence: that is what the suspended-licensed control looks for.
    expect(items.some((item) => item.userId === GOOGLE_TYPICAL_PRACTICE_ACCOUNTS.suspendedLicensed)).toBe(true);
  });

  it('requires customerId, takes the id or a domain, and refuses the my_customer alias', async () => {
    const token = await accessToken(typical);
    expectGoogleError(await gcall(token, url('maxResults=10')), 400, { reason: 'required', message: 'Required parameter: customerId' });
    expect((await gcall(token, url(`customerId=${typical.customer.customerDomain}`))).status).toBe(200);
    expectGoogleError(await gcall(token, url('customerId=my_customer')), 400, { reason: 'invalid' });
    expectGoogleError(await gcall(token, url('customerId=C0123other')), 403, { reason: 'forbidden' });
    expectGoogleError(await gcall(token, url(`customerId=${typical.customer.id}&maxResults=1001`)), 400, { reason: 'invalidParameter' });
  });

  it('answers an empty list for a product the customer has no licences of', async () => {
    const token = await accessToken(typical);
    const answer = await gcall(token, `${LICENSING}/product/Google-Vault/users?customerId=${typical.customer.id}`);
    expect(answer.body).toEqual({ kind: 'licensing#licenseAssignmentList', etag: expect.any(String) });
  });

  it('is callable as plain REST through the auth client', async () => {
    const { data } = await jwtClient(compliant).request<{ items: Array<{ skuId: string }> }>({
      url: url(`customerId=${compliant.customer.id}&maxResults=1000`),
    });
    expect(new Set(data.items.map((item) => item.skuId))).toEqual(new Set([GOOGLE_WORKSPACE_SKUS.enterpriseStandard.skuId]));
  });
});
