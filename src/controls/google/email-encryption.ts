import { defineControl, evidenceOf } from '../define.js';
import type { MailDnsDataset } from '../../datasets/google.js';
import { attestationRef, attestedBy } from '../lib/attestations.js';

/** Where the setting lives; no Admin SDK or Policy API setting type exposes it. */
export const GMAIL_TLS_CONSOLE_PATH = 'Admin console > Apps > Google Workspace > Gmail > Compliance > Secure transport (TLS) compliance';

/** What the published DNS records show for the primary domain (evidence only). */
function dnsFacts(dns: MailDnsDataset | undefined, domain: string): Record<string, unknown> {
  if (!dns) return { mailDns: 'not available: DNS was not queried or did not answer, so MTA-STS and TLS-RPT were not checked' };
  if (dns.domain.toLowerCase() !== domain.toLowerCase()) {
    return { mailDns: `not used: the DNS data is for ${dns.domain}, not the primary domain ${domain}` };
  }
  // RFC 8461 3.1 and RFC 8460 3: the record must start with its version tag.
  const mtaSts = dns.mtaSts.filter((r) => /^v=STSv1\s*;/i.test(r.trim()));
  const tlsRpt = dns.tlsRpt.filter((r) => /^v=TLSRPTv1\s*;/i.test(r.trim()));
  return {
    mtaSts: mtaSts.length
      ? `_mta-sts.${domain} publishes ${mtaSts[0]} (the policy file and its mode, testing or enforce, were not read)`
      : `no MTA-STS record at _mta-sts.${domain}`,
    tlsRpt: tlsRpt.length ? `_smtp._tls.${domain} publishes ${tlsRpt[0]}` : `no TLS-RPT record at _smtp._tls.${domain}`,
    dnsRecords: { mtaSts: dns.mtaSts, tlsRpt: dns.tlsRpt },
  };
}

/**
 * Email carrying PHI must travel encrypted. Gmail's Secure transport (TLS) compliance setting, which
 * makes TLS mandatory for chosen partners, has no API, so this is `manual` unless
 * `attestations.emailTls` answers it. MTA-STS and TLS-RPT records of the primary domain are added
 * as evidence when DNS answered; they protect mail sent *to* the practice and never decide the status.
 */
export const googleEmailEncryption = defineControl({
  meta: {
    id: 'google.email.encryption',
    provider: 'google-workspace',
    title: 'Gmail requires TLS for mail carrying patient information',
    severity: 'high',
    hipaa: ['164.312(e)(2)(ii)'],
    references: [
      'https://support.google.com/a/answer/2520500',
      'https://support.google.com/a/answer/9261504',
      'https://datatracker.ietf.org/doc/html/rfc8461',
      'https://datatracker.ietf.org/doc/html/rfc8460',
    ],
    datasets: ['google.customer'],
    optionalDatasets: ['google.mailDns'],
    remediation: `In the Google Admin console go to ${GMAIL_TLS_CONSOLE_PATH.replace('Admin console > ', '')}, select the top-level organisational unit and click Configure. Choose Inbound and Outbound, and add a list of the domains you exchange patient information with (labs, hospitals, billing services) so mail to and from them is only sent over TLS (tick "Require CA-signed certificate" where they support it). Send mail to anyone else who receives PHI through an encrypted channel (Gmail client-side encryption or S/MIME where your edition has it, or a secure portal). Then record the answer with the emailTls attestation. Also publish MTA-STS and TLS-RPT records for your domain so other servers must use TLS when sending to you.`,
  },
  evaluate: ({ data, options }) => {
    const customer = data['google.customer'];
    const domain = customer.customerDomain;
    const tlsAnswer = options.attestations.emailTls;
    const attested = tlsAnswer?.configured;
    const dns = dnsFacts(data['google.mailDns'], domain);
    const evidence = evidenceOf([], {
      primaryDomain: domain,
      setting: GMAIL_TLS_CONSOLE_PATH,
      settingReadable: false,
      emailTlsAttestation: tlsAnswer ? { ...tlsAnswer } : 'not given',
      ...dns,
      note: 'No Google API exposes the Secure transport (TLS) compliance setting; DNS records are evidence only and never decide the status.',
    });
    const dnsNote = data['google.mailDns'] ? '' : ' DNS was not checked for MTA-STS and TLS-RPT.';

    if (attested === true) {
      return {
        status: 'pass',
        summary: `Gmail's Secure transport (TLS) compliance is attested as configured for ${domain}; no API can show the setting, so this rests on the emailTls attestation${attestedBy(tlsAnswer)}.${dnsNote}`,
        evidence,
        attestation: attestationRef('emailTls', tlsAnswer!),
      };
    }
    if (attested === false) {
      // An explicit "no" from the practice answers the question: TLS is not required for anyone.
      return {
        status: 'fail',
        summary: `The emailTls attestation${attestedBy(tlsAnswer)} says Gmail's Secure transport (TLS) compliance is not configured for ${domain}, so mail carrying patient information may travel unencrypted.${dnsNote}`,
        evidence,
        attestation: attestationRef('emailTls', tlsAnswer!),
      };
    }
    return {
      status: 'manual',
      summary: `No API shows whether Gmail requires TLS for ${domain}: check ${GMAIL_TLS_CONSOLE_PATH} and record the answer with the emailTls attestation.${dnsNote}`,
      evidence,
    };
  },
});
