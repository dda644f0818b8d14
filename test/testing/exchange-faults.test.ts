import { describe, expect, it } from 'vitest';
import { compliantPractice, simulatedCredential, type M365TenantModel } from '../../src/testing/index.js';
import { adminError, NOW, run, serveTenants } from './exchange-harness.js';

// Each test gets its own tenant: fault counters are per tenant and per simulator.
function tenantWithFaults(id: string, faults: M365TenantModel['faults']): M365TenantModel {
  return { ...compliantPractice({ now: NOW }), tenantId: id, faults };
}
const throttled = tenantWithFaults('5f0c7a8e-7777-4bbb-8ccc-000000000006', { throttle: { path: { cmdlet: 'get-mailbox' }, times: 2, retryAfterSeconds: 3 } });
const unavailable = tenantWithFaults('5f0c7a8e-8888-4bbb-8ccc-000000000007', {
  serverError: [
    { path: { cmdlet: 'Get-TransportRule' }, times: 1, status: 503, retryAfterSeconds: 5 },
    { path: { cmdlet: 'Get-IRMConfiguration' }, times: 1, status: 500 },
  ],
});
const complianceOnly = tenantWithFaults('5f0c7a8e-9999-4bbb-8ccc-000000000008', {
  throttle: { path: { cmdlet: 'Get-DlpComplianceRule', endpoint: 'compliance' }, times: 1, retryAfterSeconds: null },
});
const graphFault = tenantWithFaults('5f0c7a8e-aaaa-4bbb-8ccc-000000000009', { throttle: { path: /.*/, times: 5, retryAfterSeconds: 1 } });
const log = serveTenants([throttled, unavailable, complianceOnly, graphFault]);

describe('injected faults on the Exchange admin API', () => {
  it('throttles the named cmdlet with 429 and Retry-After the given number of times, then answers', async () => {
    const first = await run(throttled, 'Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox' });
    expect(first.status).toBe(429);
    expect(first.headers.get('Retry-After')).toBe('3');
    expect((await run(throttled, 'Get-OrganizationConfig')).status).toBe(200);
    expect((await run(throttled, 'Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox' })).status).toBe(429);
    expect((await run(throttled, 'Get-Mailbox', { RecipientTypeDetails: 'SharedMailbox' })).status).toBe(200);
    expect(log.count({ tenantId: throttled.tenantId, cmdlet: 'Get-Mailbox', status: 429 })).toBe(2);
  });

  it('answers 503 with Retry-After and 500 with the error envelope', async () => {
    const busy = await run(unavailable, 'Get-TransportRule');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('Retry-After')).toBe('5');
    expect((await run(unavailable, 'Get-TransportRule')).status).toBe(200);
    const broken = await run(unavailable, 'Get-IRMConfiguration');
    expect(broken.status).toBe(500);
    expect(adminError(broken).message).toBe('Invalid Operation');
    expect((await run(unavailable, 'Get-IRMConfiguration')).status).toBe(200);
  });

  it('limits a fault to one endpoint when asked', async () => {
    expect((await run(complianceOnly, 'Get-DlpComplianceRule')).status).toBe(200);
    const throttledThere = await run(complianceOnly, 'Get-DlpComplianceRule', {}, 'compliance');
    expect(throttledThere.status).toBe(429);
    expect(throttledThere.headers.get('Retry-After')).toBeNull();
  });

  it('keeps Graph path faults off the Exchange endpoint, and cmdlet faults off Graph', async () => {
    expect((await run(graphFault, 'Get-OrganizationConfig')).status).toBe(200);
    const token = await simulatedCredential(throttled).getToken('https://graph.microsoft.com/.default');
    const graph = await fetch('https://graph.microsoft.com/v1.0/subscribedSkus', { headers: { Authorization: `Bearer ${token!.token}` } });
    expect(graph.status).toBe(200);
  });
});
