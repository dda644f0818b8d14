import type { Requirement } from '../../core/permissions.js';
import type { ProviderModule } from '../types.js';
import { googleCli } from './cli.js';
import { googleCollectors, type GoogleDatasetName } from './collectors.js';
import { DOMAIN_WIDE_DELEGATION_PATH, DOMAIN_WIDE_DELEGATION_STEPS, KEYLESS_DELEGATION_STEPS } from './scopes.js';
import { GoogleTargetSchema, googleTargetId, type GoogleWorkspaceTarget } from './target.js';

function formatGooglePermissions(requirements: readonly Requirement[]): string {
  const scopes = requirements.filter((requirement) => requirement.kind === 'google-scope');
  return [
    'Google OAuth scopes (domain-wide delegation; read-only use):',
    ...scopes.map((r) => `  ${r.name}${r.optional ? ' (optional)' : ''}: ${r.purpose}`),
    'Scopes, comma-separated for the domain-wide delegation screen:',
    `  ${scopes.map((r) => r.name).join(',')}`,
    `Set-up: ${DOMAIN_WIDE_DELEGATION_STEPS}`,
    KEYLESS_DELEGATION_STEPS,
    '',
  ].join('\n');
}

/** Google Workspace: the Admin SDK, Cloud Identity and Licensing APIs, through domain-wide delegation. */
export const googleProvider: ProviderModule<GoogleWorkspaceTarget> = {
  id: 'google-workspace',
  label: 'Google Workspace',
  aliases: ['google', 'google-workspace'],
  datasetPrefix: 'google.',
  targetSchema: GoogleTargetSchema,
  targetId: googleTargetId,
  datasets: googleCollectors,
  requirementKindLabels: { 'google-scope': `OAuth scopes for domain-wide delegation (${DOMAIN_WIDE_DELEGATION_PATH})`, license: 'Licences' },
  formatPermissions: formatGooglePermissions,
  async checkAccess(target, options) {
    const { checkGoogleAccess } = await import('./access.js');
    return checkGoogleAccess(target, options);
  },
  async preflight(target, options) {
    const { googlePreflight } = await import('./preflight.js');
    return googlePreflight(target, options);
  },
  cli: googleCli,
  async collectDataset(name, target, context) {
    // google-auth-library loads on first use, so an M365-only user never pays for it.
    const { runGoogleCollector } = await import('./run.js');
    return runGoogleCollector(name as GoogleDatasetName, target, context);
  },
};
