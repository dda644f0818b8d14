import { describe, expect, it } from 'vitest';
import { NOT_JSON_BODY, REPEATING_PAGE_TOKEN, type MalformedAnswer } from '../../src/testing/index.js';
import { simulatorPerTest } from '../fixtures/simulator-per-test.js';
import { accessToken } from './google-harness.js';
import { bearer, cmdlet, customer, graphGet, raw, tenant } from './network-harness.js';

const simulators = simulatorPerTest();

function serve(...malformed: MalformedAnswer[]) {
  return simulators.serve({ m365: [tenant], google: [customer], network: { malformed } });
}

const USERS = 'https://graph.microsoft.com/v1.0/users?$top=2&$select=id';

describe('malformed Graph pages', () => {
  it('nextLinkLoop: the next link is the URL just asked for, and following it gives the same page', async () => {
    const simulator = serve({ match: { path: '/users' }, mode: 'nextLinkLoop', times: 2 });
    const first = await raw(USERS, { headers: await bearer() });
    expect(first.status).toBe(200);
    expect(first.body['@odata.nextLink']).toBe(USERS);
    expect(first.body.value).toHaveLength(2);
    const again = await raw(first.body['@odata.nextLink'], { headers: await bearer() });
    expect(again.body.value).toEqual(first.body.value);
    expect(again.body['@odata.nextLink']).toBe(USERS);
    // After `times`, the real answer: its next link moves on.
    const real = await raw(USERS, { headers: await bearer() });
    expect(real.body.value).toEqual(first.body.value);
    expect(real.body['@odata.nextLink']).not.toBe(USERS);
    expect(simulator.network!.stats().malformed.nextLinkLoop).toBe(2);
    // The service answered each request (the layer edits its answer), so the log has all three.
    expect(simulator.requests.count({ path: '/users', status: 200 })).toBe(3);
  });

  it('nextLinkOtherHost: the next link leaves Graph, by default for evil.example', async () => {
    serve({ match: { path: '/users' }, mode: 'nextLinkOtherHost', times: 1 }, { match: { path: '/users' }, mode: 'nextLinkOtherHost', nextLink: 'https://graph.microsoft.com.evil.example/v1.0/users' });
    const first = await raw(USERS, { headers: await bearer() });
    expect(first.body['@odata.nextLink']).toBe('https://evil.example/v1.0/users?$skiptoken=x');
    expect(first.body.value).toHaveLength(2);
    expect((await raw(USERS, { headers: await bearer() })).body['@odata.nextLink']).toBe('https://graph.microsoft.com.evil.example/v1.0/users');
  });

  it('valueNotArray: `value` becomes an object', async () => {
    serve({ match: { path: '/subscribedSkus' }, mode: 'valueNotArray' });
    const answer = await graphGet('/subscribedSkus');
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.body.value)).toBe(false);
    expect(typeof answer.body.value).toBe('object');
    expect(answer.body.value['0'].skuPartNumber).toEqual(expect.any(String));
  });

  it('notJson and truncated bodies keep the real status and JSON content type', async () => {
    serve({ match: { path: '/subscribedSkus' }, mode: 'notJson', times: 1 }, { match: { path: '/subscribedSkus' }, mode: 'truncated', times: 1 });
    const notJson = await graphGet('/subscribedSkus');
    expect(notJson.status).toBe(200);
    expect(notJson.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(notJson.text).toBe(NOT_JSON_BODY);
    expect(() => JSON.parse(notJson.text)).toThrow(SyntaxError);
    const truncated = await graphGet('/subscribedSkus');
    const real = await graphGet('/subscribedSkus');
    expect(truncated.status).toBe(200);
    expect(truncated.text.length).toBeLessThan(real.text.length);
    expect(real.text.startsWith(truncated.text)).toBe(true);
    expect(() => JSON.parse(truncated.text)).toThrow(SyntaxError);
  });

  it('$batch answers without responses, or with responses that have no id', async () => {
    serve({ match: { path: '/$batch' }, mode: 'batchWithoutResponses', times: 1 }, { match: { path: '/$batch' }, mode: 'batchResponsesWithoutIds', times: 1 });
    const batch = async () =>
      raw('https://graph.microsoft.com/v1.0/$batch', {
        method: 'POST',
        headers: { ...(await bearer()), 'Content-Type': 'application/json' },
        body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/subscribedSkus' }, { id: '2', method: 'GET', url: '/users?$top=1' }] }),
      });
    const without = await batch();
    expect(without.status).toBe(200);
    expect(without.body).toEqual({});
    const noIds = await batch();
    expect(noIds.body.responses).toHaveLength(2);
    for (const entry of noIds.body.responses) {
      expect(entry).not.toHaveProperty('id');
      expect(entry.status).toBe(200);
    }
    expect((await batch()).body.responses.map((entry: any) => entry.id).sort()).toEqual(['1', '2']);
  });
});

describe('malformed Exchange admin API pages', () => {
  it('nextLinkLoop on one cmdlet: the same page and next link forever', async () => {
    const simulator = serve({ match: { cmdlet: 'Get-Mailbox' }, mode: 'nextLinkLoop' });
    const first = await cmdlet('Get-Mailbox', { pageSize: 1 });
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(1);
    const link = first.body['@odata.nextLink'];
    expect(link).toBe(`https://outlook.office365.com/adminapi/beta/${tenant.tenantId}/InvokeCommand`);
    for (let i = 0; i < 3; i++) {
      const page = await cmdlet('Get-Mailbox', { pageSize: 1, url: link });
      expect(page.body.value).toEqual(first.body.value);
      expect(page.body['@odata.nextLink']).toBe(link);
    }
    // Other cmdlets answer as usual.
    expect((await cmdlet('Get-OrganizationConfig')).body['@odata.nextLink']).toBeUndefined();
    expect(simulator.network!.stats().malformed.nextLinkLoop).toBe(4);
  });
});

describe('malformed Google pages', () => {
  it('pageTokenRepeats: a list whose nextPageToken never changes', async () => {
    serve({ match: { host: 'admin.googleapis.com', path: '/admin/directory/v1/users' }, mode: 'pageTokenRepeats' });
    const token = await accessToken(customer);
    const url = 'https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer&maxResults=2';
    const get = (pageToken?: string) => raw(pageToken === undefined ? url : `${url}&pageToken=${encodeURIComponent(pageToken)}`, { headers: { Authorization: `Bearer ${token}` } });
    const first = await get();
    const next = first.body.nextPageToken;
    expect(typeof next).toBe('string');
    const second = await get(next);
    expect(second.body.users.map((user: any) => user.id)).not.toEqual(first.body.users.map((user: any) => user.id));
    expect(second.body.nextPageToken).toBe(next);
    const third = await get(second.body.nextPageToken);
    expect(third.body.users).toEqual(second.body.users);
    expect(third.body.nextPageToken).toBe(next);
  });

  it('pageTokenRepeats on a single page: a token appears, and it keeps answering the first page', async () => {
    serve({ match: { host: 'admin.googleapis.com' }, mode: 'pageTokenRepeats' });
    const token = await accessToken(customer);
    const url = 'https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer&maxResults=500';
    const first = await raw(url, { headers: { Authorization: `Bearer ${token}` } });
    expect(first.body.nextPageToken).toBe(REPEATING_PAGE_TOKEN);
    const again = await raw(`${url}&pageToken=${REPEATING_PAGE_TOKEN}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
    expect(again.body.users).toEqual(first.body.users);
    expect(again.body.nextPageToken).toBe(REPEATING_PAGE_TOKEN);
  });

  it('valueNotArray finds Google list properties by themselves', async () => {
    serve({ match: { host: 'admin.googleapis.com' }, mode: 'valueNotArray' });
    const token = await accessToken(customer);
    const answer = await raw('https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer', { headers: { Authorization: `Bearer ${token}` } });
    expect(Array.isArray(answer.body.users)).toBe(false);
    expect(answer.body.users['0'].primaryEmail).toEqual(expect.any(String));
  });

  it('leaves error answers alone', async () => {
    const simulator = serve({ match: { host: 'admin.googleapis.com' }, mode: 'valueNotArray' });
    const answer = await raw('https://admin.googleapis.com/admin/directory/v1/users?customer=my_customer');
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe(401);
    expect(simulator.network!.stats().malformed.valueNotArray).toBe(0);
  });
});
