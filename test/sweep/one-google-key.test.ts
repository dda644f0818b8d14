/**
 * One Google service account (one key, or one keyless identity) for many customers: each target
 * names its customer and the super administrator to impersonate there, and tokens are cached per
 * subject and scope set.
 */
import { describe, expect, it } from 'vitest';
import { audit, keylessDelegation, sweep, type AuditReport, type AuditTarget, type SweepResult } from '../../src/index.js';
import {
  delegatedToServiceAccountOf,
  googleCompliantPractice,
  googleLargeTenant,
  googleSuperAdmin,
  googleTypicalPractice,
  simulatedFederatedToken,
  simulatedServiceAccountKey,
} from '../../src/testing/index.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';
import { tokenAuth } from '../providers/google/helpers.js';

const simulator = simulatorPerTest();

/** The MSP's own Workspace, owner of the service account; the clinics delegate to it. */
const msp = googleCompliantPractice({ now: NOW });
const clinics = [
  delegatedToServiceAccountOf(googleTypicalPractice({ now: NOW }), msp),
  delegatedToServiceAccountOf(googleLargeTenant(40, { now: NOW }), msp),
];
const verdicts = (report: AuditReport) => report.findings.map((finding) => `${finding.controlId} ${finding.status} ${finding.summary}`);

async function all(results: AsyncIterable<SweepResult>): Promise<SweepResult[]> {
  const out: SweepResult[] = [];
  for await (const result of results) out.push(result);
  return out.sort((a, b) => a.target.index - b.target.index);
}

describe('one Google service account for many customers', () => {
  it('audits each customer with its own subject and customer id through ONE key, each report holding its own data', async () => {
    const served = simulator.serve({ google: [msp, ...clinics] });
    const key = { ...simulatedServiceAccountKey(msp) };
    const targets: AuditTarget[] = clinics.map((clinic) => ({
      provider: 'google-workspace',
      customerId: clinic.customer.id,
      credentials: key,
      subject: googleSuperAdmin(clinic),
      name: clinic.rootOrgUnit.name,
    }));
    const results = await all(sweep(targets, { now: NOW, concurrency: 2 }));
    expect(results.map((result) => result.ok)).toEqual([true, true]);
    const reports = results.map((result) => (result.ok ? result.report : undefined)!);
    for (const [index, clinic] of clinics.entries()) {
      expect(reports[index]!.tenant.id).toBe(clinic.customer.id);
      // The truth: the customer audited with a key of its own.
      const own = await audit({ provider: 'google-workspace', customerId: clinic.customer.id, credentials: { ...simulatedServiceAccountKey(msp) }, subject: googleSuperAdmin(clinic) }, { now: NOW });
      expect(verdicts(reports[index]!)).toEqual(verdicts(own));
    }
    expect(verdicts(reports[0]!)).not.toEqual(verdicts(reports[1]!));
    // Every API call was answered for the customer of the subject that signed it, never the MSP's.
    expect(served.requests.count({ tenantId: msp.customer.id })).toBe(0);
  });

  it('caches tokens per subject and scope set: a second audit of a customer with the same key asks for none', async () => {
    const served = simulator.serve({ google: [msp, ...clinics] });
    const key = { ...simulatedServiceAccountKey(msp) };
    const target = (clinic: (typeof clinics)[number]): AuditTarget => ({ provider: 'google-workspace', credentials: key, subject: googleSuperAdmin(clinic), customerId: clinic.customer.id });
    await audit(target(clinics[0]!), { now: NOW });
    const first = served.requests.count({ path: '/token' });
    expect(first).toBeGreaterThan(1); // one per scope set the datasets need
    await audit(target(clinics[0]!), { now: NOW }); // a new target object, the same key and subject
    expect(served.requests.count({ path: '/token' })).toBe(first);
    await audit(target(clinics[1]!), { now: NOW }); // another subject: tokens of its own
    expect(served.requests.count({ path: '/token' })).toBe(2 * first);
  });

  it('one keyless identity (one ambient source credential) serves many customers, each delegation with its own subject', async () => {
    const served = simulator.serve({ google: [msp, ...clinics] });
    // The ambient identity (as workload identity federation gives it): one object for every customer.
    const ambient = tokenAuth(simulatedFederatedToken(msp));
    const targets: AuditTarget[] = clinics.map((clinic) => ({
      provider: 'google-workspace',
      customerId: clinic.customer.id,
      auth: keylessDelegation({ serviceAccount: msp.serviceAccount.clientEmail, subject: googleSuperAdmin(clinic), sourceCredential: ambient }),
    }));
    const results = await all(sweep(targets, { now: NOW, concurrency: 2 }));
    expect(results.map((result) => result.ok && result.report.tenant.id)).toEqual(clinics.map((clinic) => clinic.customer.id));
    // No API call was answered for the MSP's own customer (signing and token requests name the service account's owner).
    const apiCalls = served.requests.filter({ tenantId: msp.customer.id }).filter((request) => request.path !== '/token' && !request.path.endsWith(':signJwt'));
    expect(apiCalls).toEqual([]);
    // One delegation per customer, each signing its own assertions with the shared ambient identity.
    expect(served.requests.count({ path: '/v1/projects/-/serviceAccounts/' + msp.serviceAccount.clientEmail + ':signJwt' })).toBeGreaterThanOrEqual(2);
  });
});
