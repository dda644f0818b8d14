import { describe, expect, it } from 'vitest';
import { GMAIL_TLS_CONSOLE_PATH, googleEmailEncryption } from '../../../src/controls/google/email-encryption.js';
import { DOMAIN, googleBaselineData, googleBaselineOptions } from '../../fixtures/google-baseline.js';
import { failedDataset, runControl } from '../../fixtures/run-control.js';

// Tests put a failed result where googleBaselineData() types the dataset's data; runControl accepts both.
const failed = (reason: Parameters<typeof failedDataset>[0]) => failedDataset(reason) as never;

type Data = ReturnType<typeof googleBaselineData>;
const run = (data: Data, overrides: Parameters<typeof googleBaselineOptions>[0] = {}) =>
  runControl(googleEmailEncryption, data, googleBaselineOptions(overrides));

/** Baseline without DNS evidence (the optional dataset absent or failed). */
function withoutDns(how: 'absent' | 'failed'): Partial<Data> {
  const { 'google.mailDns': _dns, ...rest } = googleBaselineData();
  return how === 'absent' ? rest : { ...rest, 'google.mailDns': failed({ kind: 'api', detail: 'DNS query timed out' }) };
}

describe('google.email.encryption', () => {
  it('is manual without an attestation, naming the exact Admin console path', () => {
    const finding = run(googleBaselineData());
    expect(finding.status).toBe('manual');
    expect(GMAIL_TLS_CONSOLE_PATH).toBe('Admin console > Apps > Google Workspace > Gmail > Compliance > Secure transport (TLS) compliance');
    expect(finding.summary).toContain(GMAIL_TLS_CONSOLE_PATH);
    expect(finding.summary).toContain(DOMAIN);
    expect(finding.evidence.settingReadable).toBe(false);
  });

  it('passes when the practice attests TLS compliance is on, saying so', () => {
    const finding = run(googleBaselineData(), { attestations: { emailTls: true } });
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('attested');
    expect(finding.evidence.emailTlsAttestation).toEqual({ configured: true });
    expect(finding.attestation).toEqual({ name: 'emailTls' });
  });

  it('fails when the practice attests TLS compliance is not configured', () => {
    const finding = run(googleBaselineData(), { attestations: { emailTls: false } });
    expect(finding.status).toBe('fail');
    expect(finding.summary).toContain('not configured');
    expect(finding.attestation).toEqual({ name: 'emailTls' });
  });

  it('adds the MTA-STS and TLS-RPT records of the primary domain as evidence', () => {
    const finding = run(googleBaselineData());
    expect(finding.evidence.primaryDomain).toBe(DOMAIN);
    expect(finding.evidence.mtaSts).toBe(`_mta-sts.${DOMAIN} publishes v=STSv1; id=20260101T000000; (the policy file and its mode, testing or enforce, were not read)`);
    expect(finding.evidence.tlsRpt).toBe(`_smtp._tls.${DOMAIN} publishes v=TLSRPTv1; rua=mailto:tls-reports@${DOMAIN}`);
  });

  it('missing DNS records are noted but never make it fail', () => {
    const data = googleBaselineData();
    data['google.mailDns'] = { domain: DOMAIN, mtaSts: [], tlsRpt: ['not a TLS-RPT record'] };
    const finding = run(data);
    expect(finding.status).toBe('manual');
    expect(finding.evidence.mtaSts).toBe(`no MTA-STS record at _mta-sts.${DOMAIN}`);
    expect(finding.evidence.tlsRpt).toBe(`no TLS-RPT record at _smtp._tls.${DOMAIN}`);
    expect(run(data, { attestations: { emailTls: true } }).status).toBe('pass');
  });

  it.each(['absent', 'failed'] as const)('when DNS is %s the result stands and the absence is noted', (how) => {
    const finding = run(withoutDns(how) as Data, { attestations: { emailTls: true } });
    expect(finding.status).toBe('pass');
    expect(finding.summary).toContain('DNS was not checked for MTA-STS and TLS-RPT.');
    expect(finding.evidence.mailDns).toContain('not available');
    expect(finding.evidence).not.toHaveProperty('mtaSts');
  });

  it('DNS data for another domain is not used', () => {
    const data = googleBaselineData();
    data['google.mailDns'].domain = 'other.example';
    const finding = run(data);
    expect(finding.evidence.mailDns).toBe(`not used: the DNS data is for other.example, not the primary domain ${DOMAIN}`);
    expect(finding.evidence).not.toHaveProperty('mtaSts');
  });

  it('is not assessed when the customer (primary domain) cannot be read', () => {
    const finding = run({
      ...googleBaselineData(),
      'google.customer': failed({ kind: 'permission', detail: 'Not Authorized to access this resource/api', needs: ['admin.directory.customer.readonly'] }),
    });
    expect(finding.status).toBe('not_assessed');
    expect(finding.reason?.needs).toEqual(['admin.directory.customer.readonly']);
  });
});
