import { afterEach, describe, expect, it, vi } from 'vitest';
import { compliantPractice, largeTenant, simulatedCredential } from '../../src/testing/index.js';
import { adminError, EXCHANGE_SCOPE, invokeUrl, NOW, post, postAllPages, serveTenants, tokenFor } from './exchange-harness.js';

const compliant = compliantPractice({ now: NOW });
const large = largeTenant(2500, { now: NOW });
const log = serveTenants([compliant, large]);

const MORE_RESULTS = 'There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.';
const exchangeToken = (tenant = compliant) => tokenFor(simulatedCredential(tenant), EXCHANGE_SCOPE);

afterEach(() => {
  vi.useRealTimers();
});

describe('paging InvokeCommand answers', () => {
  it('pages by Prefer: odata.maxpagesize, and re-posting the same body to each next link returns the rest', async () => {
    const token = await exchangeToken();
    const url = invokeUrl('exchange', compliant.tenantId);
    const whole = await post(url, token, 'Get-Mailbox', { ResultSize: 'Unlimited' });
    log.clear();
    const { pages, items } = await postAllPages(url, token, 'Get-Mailbox', { ResultSize: 'Unlimited' }, { Prefer: 'odata.maxpagesize=4' });
    const total = whole.body.value.length;
    expect(total).toBe(compliant.users.filter((user) => user.assignedLicenses.length > 0 && user.userType === 'Member').length + 3);
    expect(pages.map((page) => page.body.value.length)).toEqual([...Array(Math.floor(total / 4)).fill(4), ...(total % 4 ? [total % 4] : [])]);
    expect(items.map((mailbox) => mailbox.Guid)).toEqual(whole.body.value.map((mailbox: any) => mailbox.Guid));
    expect(pages.at(-1)!.body['@odata.nextLink']).toBeUndefined();
    expect(log.count({ cmdlet: 'Get-Mailbox', method: 'POST' })).toBe(pages.length);
  });

  it('puts the ResultSize warning on truncated pages and none on the last', async () => {
    const token = await exchangeToken();
    // The compliant practice has two rules: one page of one, cut short, then the last.
    const { pages } = await postAllPages(invokeUrl('exchange', compliant.tenantId), token, 'Get-TransportRule', {}, { Prefer: 'odata.maxpagesize=1' });
    expect(pages.map((page) => page.body['@adminapi.warnings'])).toEqual([[MORE_RESULTS], []]);
    expect(pages[0]!.body['@odata.nextLink']).toMatch(/^https:\/\/outlook\.office365\.com\/adminapi\/beta\/[^/]+\/InvokeCommand\?%24skiptoken=/);
  });

  it('refuses a next link posted with another body: "Expired or Invalid pagination request"', async () => {
    const token = await exchangeToken();
    const first = await post(invokeUrl('exchange', compliant.tenantId), token, 'Get-Mailbox', { ResultSize: 'Unlimited' }, { Prefer: 'odata.maxpagesize=2' });
    const next = first.body['@odata.nextLink'];
    const other = await post(next, token, 'Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox' });
    expect(other.status).toBe(400);
    expect(adminError(other).innererror.internalexception.message).toBe('Expired or Invalid pagination request. Default Expiry time is 00:30:00');
    expect((await post(next, token, 'Get-TransportRule')).status).toBe(400);
    expect((await post(next.replace(/skiptoken=[^&]+/, 'skiptoken=garbage'), token, 'Get-Mailbox', { ResultSize: 'Unlimited' })).status).toBe(400);
  });

  it('expires next links after 30 minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-20T12:00:00Z'));
    const token = await tokenFor(simulatedCredential(compliant, { lifetimeSeconds: 7200 }), EXCHANGE_SCOPE);
    const parameters = { ResultSize: 'Unlimited' };
    const first = await post(invokeUrl('exchange', compliant.tenantId), token, 'Get-Mailbox', parameters, { Prefer: 'odata.maxpagesize=2' });
    vi.setSystemTime(new Date('2026-11-20T12:29:00Z'));
    expect((await post(first.body['@odata.nextLink'], token, 'Get-Mailbox', parameters, { Prefer: 'odata.maxpagesize=2' })).status).toBe(200);
    vi.setSystemTime(new Date('2026-11-20T12:31:00Z'));
    expect((await post(first.body['@odata.nextLink'], token, 'Get-Mailbox', parameters, { Prefer: 'odata.maxpagesize=2' })).status).toBe(400);
  });

  it('serves 1000 objects a page without Prefer, and caps a larger maxpagesize at 1000', async () => {
    const token = await exchangeToken(large);
    const url = invokeUrl('exchange', large.tenantId);
    const plain = await post(url, token, 'Get-Mailbox', { ResultSize: 'Unlimited' }, { Prefer: '' });
    expect(plain.body.value).toHaveLength(1000);
    const big = await post(url, token, 'Get-Mailbox', { ResultSize: 'Unlimited' }, { Prefer: 'odata.maxpagesize=5000' });
    expect(big.body.value).toHaveLength(1000);
    expect(big.body['@odata.nextLink']).toBeDefined();
  });

  it('returns only the first 1000 mailboxes, with Exchange\'s warning, when -ResultSize is not given', async () => {
    const token = await exchangeToken(large);
    const { pages, items } = await postAllPages(invokeUrl('exchange', large.tenantId), token, 'Get-Mailbox');
    expect(items).toHaveLength(1000);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.body['@adminapi.warnings'][0]).toMatch(/^By default, only the first 1000 items are returned\. Use the ResultSize parameter/);
    const numbered = await post(invokeUrl('exchange', large.tenantId), token, 'Get-Mailbox', { ResultSize: 10 });
    expect(numbered.body.value).toHaveLength(10);
    expect(numbered.body['@adminapi.warnings']).toEqual([MORE_RESULTS]);
  });

  it('reads every shared mailbox of a large tenant in one request', async () => {
    const token = await exchangeToken(large);
    log.clear();
    const { pages, items } = await postAllPages(invokeUrl('exchange', large.tenantId), token, 'Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox', ResultSize: 'Unlimited' });
    expect(pages).toHaveLength(1);
    expect(items).toHaveLength(5 + Math.floor(2500 / 1000));
    expect(log.count({ cmdlet: 'Get-Mailbox' })).toBe(1);
  });

  it('keeps only the $select properties with their annotations, also on later pages', async () => {
    const token = await exchangeToken();
    const url = `${invokeUrl('exchange', compliant.tenantId)}?$select=ExternalDirectoryObjectId,Guid,RecipientTypeDetails`;
    const { pages, items } = await postAllPages(url, token, 'Get-Mailbox', { ResultSize: 'Unlimited' }, { Prefer: 'odata.maxpagesize=10' });
    expect(pages.length).toBeGreaterThan(1);
    for (const item of items) expect(Object.keys(item)).toEqual(['ExternalDirectoryObjectId', 'RecipientTypeDetails', 'Guid@data.type', 'Guid@odata.type', 'Guid']);
  });
});
