// A GitHub Actions job in one process: the simulated clouds (msw intercepts only this process's
// HTTP), GitHub's OIDC token service and Google's Security Token Service answered beside them, then
// the Action's committed bundle imported and run as the runner would. Run by test/action with
// `node --import tsx simulated-job.ts SPEC.json`; the environment (INPUT_*, GITHUB_*, RUNNER_TEMP,
// ACTIONS_ID_TOKEN_REQUEST_*) is the parent's, as the runner would set it.
import { readFileSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GITHUB_ACTIONS_ISSUER, simulatedGitHubOidcToken, simulatedServiceAccountKey, simulatorHandlers } from '../../../src/testing/index.js';
import { simulatedIssuerPublicKey } from '../../../src/testing/m365/entra/federation.js';
import { decodeJwt, verifyJwtSignature } from '../../../src/testing/m365/entra/jwt.js';
import { googleModel, m365App, m365Model, TRUSTED_REPOSITORY, type SimulatedJobSpec } from './world.js';

interface Record_ {
  oidcRequests: { audience: string | null; authorized: boolean }[];
  stsRequests: { grantType: string | null; audience: string | null; subjectTokenAudience: unknown }[];
}

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as SimulatedJobSpec;
  const record: Record_ = { oidcRequests: [], stsRequests: [] };
  const m365 = spec.m365 ? [m365Model(spec)] : [];
  const google = spec.google ? [googleModel(spec)] : [];

  // GitHub's OIDC token service: GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=AUD with the request token as bearer
  // answers {"value": JWT} (docs.github.com, "Security hardening with OpenID Connect", "Methods for requesting the OIDC token").
  const tokenUrl = process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const oidc = tokenUrl
    ? [
        http.get(tokenUrl.split('?')[0]!, ({ request }) => {
          const audience = new URL(request.url).searchParams.get('audience');
          const authorized = request.headers.get('authorization')?.toLowerCase() === `bearer ${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`.toLowerCase();
          record.oidcRequests.push({ audience, authorized });
          if (!authorized) return HttpResponse.json({ message: 'Unauthorized' }, { status: 401 });
          return HttpResponse.json({ count: 1, value: simulatedGitHubOidcToken({ repository: spec.repository, ...(audience ? { audience } : {}) }) });
        }),
      ]
    : [];

  // Google's Security Token Service (https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token): a
  // token-exchange grant whose subject token is the GitHub OIDC token, issued for the workload identity provider
  // (google-github-actions/auth asks GitHub for audience https://iam.googleapis.com/<provider>); answers the federated
  // access token {access_token, issued_token_type, token_type, expires_in}. That token may call IAM Credentials signJwt
  // in the simulator (the model's workloadIdentity).
  const sts = google.length
    ? [
        http.post('https://sts.googleapis.com/v1/token', async ({ request }) => {
          const form = new URLSearchParams(await request.text());
          const subject = decodeJwt(form.get('subject_token') ?? '');
          const key = subject ? simulatedIssuerPublicKey(GITHUB_ACTIONS_ISSUER, subject.header.kid) : undefined;
          const provider = `//iam.googleapis.com/${spec.workloadIdentityProvider}`;
          record.stsRequests.push({ grantType: form.get('grant_type'), audience: form.get('audience'), subjectTokenAudience: subject?.claims.aud });
          const valid =
            form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:token-exchange' &&
            form.get('subject_token_type') === 'urn:ietf:params:oauth:token-type:jwt' &&
            form.get('audience') === provider &&
            subject !== undefined &&
            key !== undefined &&
            verifyJwtSignature(subject, key) &&
            subject.claims.aud === `https:${provider}` &&
            subject.claims.sub === `repo:${TRUSTED_REPOSITORY}:ref:refs/heads/main`;
          if (!valid) return HttpResponse.json({ error: 'invalid_grant', error_description: 'The given credential is rejected by the attribute condition.' }, { status: 400 });
          return HttpResponse.json({
            access_token: google[0]!.workloadIdentity!.federatedToken,
            issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
            token_type: 'Bearer',
            expires_in: 3599,
          });
        }),
      ]
    : [];

  if (spec.serviceAccountKeyFile) writeFileSync(spec.serviceAccountKeyFile, JSON.stringify(simulatedServiceAccountKey(google[0]!)));

  const server = setupServer(
    ...oidc,
    ...sts,
    ...simulatorHandlers({ m365, google, ...(m365.length ? { entra: { apps: [m365App(m365[0]!)] } } : {}) }),
  );
  server.listen({ onUnhandledFrame: 'error' });
  // msw patches https.request on Node's CommonJS module object; ES modules that imported the builtin by
  // name (@actions/http-client: `import * as https from 'https'`) see it only once the bindings are synced.
  syncBuiltinESMExports();
  try {
    await import(spec.bundle);
  } finally {
    server.close();
    writeFileSync(spec.recordTo, JSON.stringify(record));
  }
}

await main();
