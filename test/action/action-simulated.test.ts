import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditReportSchema } from '../../src/core/model.js';
import { googleSuperAdmin, simulatedClientSecret } from '../../src/testing/index.js';
import { ID_TOKEN_REQUEST_TOKEN, logWithoutMasks, maskedValues, runAction, spellings, type ActionRun } from './harness/run-action.js';
import { googleModel, m365App, m365Model, TRUSTED_REPOSITORY } from './harness/world.js';

// The bundled Action against the simulated tenants. msw intercepts HTTP only in its own process, so
// the bundle is imported in a child process that first starts the simulator, GitHub's OIDC token
// service and Google's STS (test/action/harness/simulated-job.ts): the Action's own code, its
// bundled @azure/identity, google-auth-library and @actions/core run unchanged, over the same
// HTTP path as on a runner.

const now = new Date().toISOString();
const typical = m365Model({ now, m365: 'typical' });
const compliant = m365Model({ now, m365: 'compliant' });
const googleTypical = googleModel({ now, google: 'typical' });
const CLIENT_ID = m365App(typical).appId;
const WORKLOAD_IDENTITY_PROVIDER = `projects/${googleTypical.cloudProject.projectNumber}/locations/global/workloadIdentityPools/github/providers/github`;

const m365Staff = (model: typeof typical) => spellings(model.users.filter((user) => !user.userType || user.userType === 'Member').flatMap((user) => [user.displayName, user.userPrincipalName]));
const googleStaff = spellings(googleTypical.users.flatMap((user) => [user.primaryEmail, `${user.name.givenName} ${user.name.familyName}`]));

/** Every file the run wrote that a workflow could publish, plus its log. */
function everythingPublished(run: ActionRun): string {
  const files = [run.outputs.report, run.outputs.html, run.outputs.sarif].filter((file): file is string => Boolean(file)).map((file) => readFileSync(file, 'utf8'));
  return [logWithoutMasks(run), run.summary, JSON.stringify(run.outputs), ...files].join('\n');
}

describe('the bundled Action against the simulated Microsoft 365 tenant', () => {
  it('signs in with GitHub’s OIDC token (no secret), audits, and fails on the typical practice’s gaps', async () => {
    const run = await runAction({
      inputs: { provider: 'm365', 'tenant-id': typical.tenantId, 'client-id': CLIENT_ID },
      idToken: true,
      simulated: { now, m365: 'typical', repository: TRUSTED_REPOSITORY },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // the typical practice fails high and critical controls
    expect(run.record!.oidcRequests.length).toBeGreaterThan(0);
    expect(run.record!.oidcRequests.every((request) => request.audience === 'api://AzureADTokenExchange' && request.authorized)).toBe(true);
    expect(run.stdout).toContain("Signing in to Microsoft Entra with GitHub's OIDC token");

    const report = AuditReportSchema.parse(JSON.parse(readFileSync(run.outputs.report!, 'utf8')));
    expect(report.tenant.id).toBe(typical.tenantId);
    expect(report.summary.fail).toBeGreaterThan(0);
    expect(Object.values(report.datasets).some((dataset) => dataset.ok)).toBe(true);
    expect(run.outputs.failed).toBe(String(report.summary.fail));
    expect(run.summary).toContain('**Result: failed**');

    // The request token and every ID token are masked (registered with the runner) and appear nowhere else.
    const masked = maskedValues(run);
    expect(masked).toContain(ID_TOKEN_REQUEST_TOKEN);
    const idTokens = masked.filter((value) => value.startsWith('eyJ') && value !== ID_TOKEN_REQUEST_TOKEN);
    expect(idTokens.length).toBeGreaterThan(0);
    const published = everythingPublished(run);
    for (const secret of [ID_TOKEN_REQUEST_TOKEN, ...idTokens]) expect(published).not.toContain(secret);
    // No staff names in the public summary or log (counts mode).
    for (const name of m365Staff(typical)) {
      expect(run.summary).not.toContain(name);
      expect(logWithoutMasks(run)).not.toContain(name);
    }
  });

  it('passes the compliant practice with its configuration file', async () => {
    const run = await runAction({
      inputs: { provider: 'm365', 'tenant-id': compliant.tenantId, 'client-id': m365App(compliant).appId, config: 'harbour-view.config.yaml' },
      files: { 'harbour-view.config.yaml': readFileSync('examples/configs/harbour-view-medical.config.yaml', 'utf8') },
      idToken: true,
      simulated: { now, m365: 'compliant', repository: TRUSTED_REPOSITORY },
    });
    expect(run.stdout).not.toContain('::error::');
    expect(run.code).toBe(0);
    expect(run.outputs.failed).toBe('0');
    expect(run.summary).toContain('**Result: passed.**');
  });

  it('fails naming the cause when the federated credential does not trust the repository', async () => {
    const run = await runAction({
      inputs: { provider: 'm365', 'tenant-id': typical.tenantId, 'client-id': CLIENT_ID },
      idToken: true,
      simulated: { now, m365: 'typical', repository: 'someone-else/fork' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::.*AADSTS70021/);
    expect(run.outputs).toEqual({});
  });

  it('fails naming id-token: write when the job has no OIDC token', async () => {
    const run = await runAction({
      inputs: { provider: 'm365', 'tenant-id': typical.tenantId, 'client-id': CLIENT_ID },
      simulated: { now, m365: 'typical', repository: TRUSTED_REPOSITORY },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::Input 'client-id': keyless sign-in needs the job's OIDC token");
    expect(run.stdout).toContain('permissions: id-token: write');
  });

  it('uses a client secret from AZURE_CLIENT_SECRET when given, masked and never published', async () => {
    const secret = simulatedClientSecret(m365App(typical));
    const run = await runAction({
      inputs: { provider: 'm365', 'tenant-id': typical.tenantId, 'client-id': CLIENT_ID },
      env: { AZURE_CLIENT_SECRET: secret },
      simulated: { now, m365: 'typical', repository: TRUSTED_REPOSITORY },
    });
    expect(run.code).toBe(1); // the practice's gaps, not a sign-in failure
    expect(run.outputs.report).toBeDefined();
    expect(run.record!.oidcRequests).toEqual([]);
    expect(maskedValues(run)).toContain(secret);
    expect(everythingPublished(run)).not.toContain(secret);
  });
});

describe('the bundled Action against the simulated Google Workspace customer', () => {
  /** What google-github-actions/auth writes for workload identity federation (without service-account impersonation). */
  const externalAccount = (tokenUrl: string) =>
    JSON.stringify({
      type: 'external_account',
      audience: `//iam.googleapis.com/${WORKLOAD_IDENTITY_PROVIDER}`,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: 'https://sts.googleapis.com/v1/token',
      credential_source: {
        url: `${tokenUrl}&audience=${encodeURIComponent(`https://iam.googleapis.com/${WORKLOAD_IDENTITY_PROVIDER}`)}`,
        headers: { Authorization: `Bearer ${ID_TOKEN_REQUEST_TOKEN}` },
        format: { type: 'json', subject_token_field_name: 'value' },
      },
    });

  it('signs keylessly: workload identity federation, then domain-wide delegation through IAM Credentials', async () => {
    const { ID_TOKEN_REQUEST_URL } = await import('./harness/run-action.js');
    const run = await runAction({
      inputs: { provider: 'google-workspace', subject: googleSuperAdmin(googleTypical), 'service-account': googleTypical.serviceAccount.clientEmail },
      files: { 'gha-creds.json': externalAccount(ID_TOKEN_REQUEST_URL) },
      env: { GOOGLE_APPLICATION_CREDENTIALS: 'gha-creds.json' },
      idToken: true,
      simulated: { now, google: 'typical', repository: TRUSTED_REPOSITORY, workloadIdentityProvider: WORKLOAD_IDENTITY_PROVIDER },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // the typical practice's gaps
    expect(run.record!.stsRequests.length).toBeGreaterThan(0);
    expect(run.record!.stsRequests[0]).toEqual({
      grantType: 'urn:ietf:params:oauth:grant-type:token-exchange',
      audience: `//iam.googleapis.com/${WORKLOAD_IDENTITY_PROVIDER}`,
      subjectTokenAudience: `https://iam.googleapis.com/${WORKLOAD_IDENTITY_PROVIDER}`,
    });
    const report = AuditReportSchema.parse(JSON.parse(readFileSync(run.outputs.report!, 'utf8')));
    expect(report.provider).toBe('google-workspace');
    expect(report.summary.fail).toBeGreaterThan(0);
    expect(Object.values(report.datasets).every((dataset) => dataset.ok)).toBe(true);
    for (const name of googleStaff) {
      expect(run.summary).not.toContain(name);
      expect(logWithoutMasks(run)).not.toContain(name);
    }
  });

  it('signs with a service-account key named by GOOGLE_APPLICATION_CREDENTIALS, its private key masked and never published', async () => {
    const run = await runAction({
      inputs: { provider: 'google-workspace', subject: googleSuperAdmin(googleTypical) },
      env: { GOOGLE_APPLICATION_CREDENTIALS: 'sa-key.json' },
      simulated: { now, google: 'typical', repository: TRUSTED_REPOSITORY, serviceAccountKeyFile: 'sa-key.json' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // the typical practice's gaps
    expect(run.outputs.report).toBeDefined();
    const key = JSON.parse(readFileSync(join(run.workspace, 'sa-key.json'), 'utf8')) as { private_key: string };
    const keyLines = key.private_key.split('\n').filter((line) => line.length > 40);
    expect(keyLines.length).toBeGreaterThan(10);
    for (const line of keyLines) {
      expect(maskedValues(run)).toContain(line);
      expect(everythingPublished(run)).not.toContain(line);
    }
  });

  it('asks for service-account, naming the one the credentials impersonate, when only federation is configured', async () => {
    const { ID_TOKEN_REQUEST_URL } = await import('./harness/run-action.js');
    const impersonating = JSON.stringify({
      ...JSON.parse(externalAccount(ID_TOKEN_REQUEST_URL)),
      service_account_impersonation_url: `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${googleTypical.serviceAccount.clientEmail}:generateAccessToken`,
    });
    const run = await runAction({
      inputs: { provider: 'google-workspace', subject: googleSuperAdmin(googleTypical) },
      files: { 'gha-creds.json': impersonating },
      env: { GOOGLE_APPLICATION_CREDENTIALS: 'gha-creds.json' },
      idToken: true,
      simulated: { now, google: 'typical', repository: TRUSTED_REPOSITORY },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::Input 'service-account': is required with workload identity federation");
    expect(run.stdout).toContain(`(the credentials impersonate ${googleTypical.serviceAccount.clientEmail})`);
  });
});
