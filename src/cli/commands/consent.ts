import type { Command } from 'commander';
import { ConfigError } from '../../core/options.js';
import { adminConsentUrl } from '../../providers/m365/access.js';
import { isTenantIdOrDomain } from '../../providers/m365/target.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `tenant-audit consent-url m365 --client-id ID --tenant T`: the URL a client's administrator opens to consent to the MSP's app. */
export function registerConsentUrl(program: Command): void {
  const command = program.command('consent-url').description("print the URL a tenant's administrator opens to grant admin consent to the auditing app");
  command
    .command('m365')
    .description('the Microsoft Entra admin-consent URL for a multi-tenant app in one client tenant')
    .requiredOption('--client-id <id>', "the app registration's application (client) id")
    .requiredOption('--tenant <id>', "the client's tenant id (GUID) or a verified domain")
    .option('--redirect-uri <url>', "where Entra sends the administrator after consent: one of the app's registered redirect URIs (https)")
    .action((flags: { clientId: string; tenant: string; redirectUri?: string }) => {
      if (!GUID.test(flags.clientId)) throw new ConfigError(`Invalid --client-id ${JSON.stringify(flags.clientId)}: must be the application (client) id, a GUID`, '--client-id');
      if (!isTenantIdOrDomain(flags.tenant)) throw new ConfigError(`Invalid --tenant ${JSON.stringify(flags.tenant)}: must be a tenant id (GUID) or a domain such as clinic.onmicrosoft.com`, '--tenant');
      if (flags.redirectUri !== undefined && !/^https:\/\/[^\s]+$/.test(flags.redirectUri)) {
        throw new ConfigError(`Invalid --redirect-uri ${JSON.stringify(flags.redirectUri)}: must be an https URL registered on the app`, '--redirect-uri');
      }
      process.stdout.write(`${adminConsentUrl(flags.tenant, flags.clientId, flags.redirectUri)}\n`);
    });
}
