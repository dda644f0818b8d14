import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { unsupportedNode } from '../../src/cli/node-version.js';
import { TenantAccessError } from '../../src/core/errors.js';
import { audit, evaluate } from '../../src/engine/runner.js';
import { formatText } from '../../src/reporters/text.js';
import { googleSuperAdmin, googleTypicalPractice, simulatedServiceAccountKey } from '../../src/testing/index.js';
import { baselineSnapshot } from '../fixtures/m365-snapshot.js';
import { NOW, simulatorPerTest } from '../fixtures/simulator-per-test.js';

// The ten problems a new user met in their first ten minutes (issue: "One provider interface ...
// and the first ten minutes of a new user"), each as that user would meet it.

const ROOT = resolve(import.meta.dirname, '../..');
const simulators = simulatorPerTest();
let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'tenant-audit-first-'));
function snapshotFile(): string {
  const file = join(dir, `snapshot-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(baselineSnapshot()));
  return file;
}

/** Runs the built CLI as `npx tenant-audit` does after `npm ci` (which builds it and links the bin). */
function npxTenantAudit(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npx', ['--no-install', 'tenant-audit', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the first ten minutes of a new user', () => {
  it('1. `npx tenant-audit` works in a clone after the install command (the bin is built and linked)', () => {
    expect(existsSync(join(ROOT, 'node_modules/.bin/tenant-audit'))).toBe(true);
    const controls = npxTenantAudit(['controls', '--format', 'json']);
    expect(controls.status).toBe(0);
    expect((JSON.parse(controls.stdout) as unknown[]).length).toBeGreaterThan(20);
  });

  it('2. an empty --controls selection is bad usage naming --controls, not a passing gate', async () => {
    for (const empty of ['', ',', ' , ']) {
      err = '';
      expect(await runCli(['evaluate', snapshotFile(), '--controls', empty])).toBe(2);
      expect(err).toContain('--controls');
    }
    expect(() => evaluate(baselineSnapshot(), { controls: [] })).toThrowError(/options\.controls/);
  });

  it('3. an unsupported Node refuses with one line naming the version needed', () => {
    expect(unsupportedNode('20.20.2')).toBe('tenant-audit: needs Node.js 22.12 or later (24 recommended); this is Node.js 20.20.2.');
    expect(unsupportedNode('22.11.0')).toBeDefined();
    expect(unsupportedNode('22.12.0')).toBeUndefined();
    expect(unsupportedNode('24.1.0')).toBeUndefined();
    // The system Node of this machine kind is 20: run the built bin with it, as a user would.
    const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path));
    const version = systemNode ? execFileSync(systemNode, ['--version'], { encoding: 'utf8' }).trim() : '';
    if (systemNode && unsupportedNode(version)) {
      const result = spawnSync(systemNode, [join(ROOT, 'dist/cli/bin.js'), 'demo'], { encoding: 'utf8' });
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toEqual([unsupportedNode(version)]);
    }
  });

  it('4. an --output that is a folder is refused before anything is collected', async () => {
    const practice = googleTypicalPractice({ now: NOW });
    const simulator = simulators.serve({ google: [practice] });
    const keyFile = join(dir, 'key.json');
    writeFileSync(keyFile, JSON.stringify(simulatedServiceAccountKey(practice)));
    const folder = join(dir, 'reports');
    mkdirSync(folder, { recursive: true });
    expect(await runCli(['audit', 'google', '--key-file', keyFile, '--subject', googleSuperAdmin(practice), '--output', folder])).toBe(2);
    expect(err).toContain('--output');
    expect(err).toContain('is a folder');
    expect(simulator.requests.count()).toBe(0);
  });

  it('5. a credential that cannot get a token is one tenant-level error with the fix, and no findings', async () => {
    const wrongSecret: TokenCredential = {
      getToken: async () => {
        throw Object.assign(new Error('AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.'), {
          name: 'AuthenticationError',
        });
      },
    };
    const notConsented: TokenCredential = {
      getToken: async () => {
        throw new Error(
          "AADSTS700016: Application with identifier '11111111-2222-3333-4444-555555555555' was not found in the directory 'Riverside'. This can happen if the application has not been installed by the administrator of the tenant.",
        );
      },
    };
    const noCredential: TokenCredential = {
      getToken: async () => {
        throw Object.assign(new Error('DefaultAzureCredential failed to retrieve a token from the included credentials.'), { name: 'CredentialUnavailableError' });
      },
    };
    const tenantId = 'riverside.onmicrosoft.com';
    const failure = async (credential: TokenCredential) =>
      (await audit({ provider: 'm365', tenantId, credential }, { now: NOW }).catch((error: unknown) => error)) as TenantAccessError;

    const secret = await failure(wrongSecret);
    expect(secret).toBeInstanceOf(TenantAccessError);
    expect(secret.kind).toBe('bad_credential');
    expect(secret.message).toContain('Certificates & secrets');
    expect(secret.message.length).toBeLessThan(700);

    const consent = await failure(notConsented);
    expect(consent.kind).toBe('not_consented');
    expect(consent.details.consentUrl).toBe(`https://login.microsoftonline.com/${tenantId}/adminconsent?client_id=11111111-2222-3333-4444-555555555555`);
    expect(consent.message).toContain(consent.details.consentUrl);

    const none = await failure(noCredential);
    expect(none.kind).toBe('no_credential');
    for (const variable of ['AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH']) expect(none.message).toContain(variable);
  });

  it('6. errors name the flags the user typed, not library paths', async () => {
    expect(await runCli(['evaluate', snapshotFile(), '--controls', 'm365.nope'])).toBe(2);
    expect(err).toContain('--controls');
    expect(err).not.toContain('options.controls');
    err = '';
    const keyFile = join(dir, 'key6.json');
    writeFileSync(keyFile, JSON.stringify(simulatedServiceAccountKey(googleTypicalPractice({ now: NOW }))));
    expect(await runCli(['audit', 'google', '--key-file', keyFile, '--subject', 'admin@practice.example', '--customer', 'bad!'])).toBe(2);
    expect(err).toContain('--customer');
    expect(err).not.toContain('target.customerId');
  });

  it('7. --client-id without a secret or certificate selects the managed or workload identity with that id', async () => {
    const constructed: unknown[] = [];
    vi.doMock('@azure/identity', async (importOriginal) => {
      const actual = await importOriginal<typeof import('@azure/identity')>();
      return {
        ...actual,
        DefaultAzureCredential: class extends actual.DefaultAzureCredential {
          constructor(options: ConstructorParameters<typeof actual.DefaultAzureCredential>[0]) {
            super(options);
            constructed.push(options);
          }
        },
      };
    });
    try {
      const { m365Cli } = await import('../../src/providers/m365/cli.js');
      const saved = { secret: process.env.AZURE_CLIENT_SECRET, certificate: process.env.AZURE_CLIENT_CERTIFICATE_PATH };
      delete process.env.AZURE_CLIENT_SECRET;
      delete process.env.AZURE_CLIENT_CERTIFICATE_PATH;
      try {
        await m365Cli.target({ tenant: 'riverside.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555' });
      } finally {
        if (saved.secret !== undefined) process.env.AZURE_CLIENT_SECRET = saved.secret;
        if (saved.certificate !== undefined) process.env.AZURE_CLIENT_CERTIFICATE_PATH = saved.certificate;
      }
      expect(constructed).toEqual([
        expect.objectContaining({ managedIdentityClientId: '11111111-2222-3333-4444-555555555555', workloadIdentityClientId: '11111111-2222-3333-4444-555555555555' }),
      ]);
    } finally {
      vi.doUnmock('@azure/identity');
    }
  });

  it('8. evaluate given a report says it takes a snapshot saved with --save-snapshot', async () => {
    const reportFile = join(dir, 'report.json');
    writeFileSync(reportFile, JSON.stringify(evaluate(baselineSnapshot(), { now: NOW })));
    expect(await runCli(['evaluate', reportFile])).toBe(2);
    expect(err).toContain('is a report, not a snapshot');
    expect(err).toContain('--save-snapshot');
  });

  it('9. the documented JSON pipeline prints JSON only (`npx tenant-audit demo --format json | jq`)', () => {
    const demo = npxTenantAudit(['demo', '--format', 'json']);
    expect(demo.status).toBe(0);
    const reports = JSON.parse(demo.stdout) as { provider: string }[];
    expect(reports).toHaveLength(4);
  });

  it('10. the text report shows severity, version, local time to the second, doc links and plain grammar', () => {
    const snapshot = baselineSnapshot();
    const report = evaluate(snapshot, { now: NOW, breakGlassAccounts: ['breakglass@contoso-clinic.example'] });
    const text = formatText(report);
    const header = text.split('\n').slice(0, 3).join('\n');
    expect(header).toContain(`tenant-audit ${report.tool.version}`);
    expect(header).toMatch(/data collected \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC([+-]\d\d:\d\d)?\)/);
    expect(header).not.toMatch(/\.\d{3}Z/);
    expect(text).toMatch(/\[(PASS|FAIL|WARN) · (critical|high|medium|low|info)\]/);
    for (const finding of report.findings) expect(text).toContain(`docs/controls/${finding.controlId}.md`);
    expect(text).not.toMatch(/\(s\)|\(es\)|\b1 warnings\b|\bAll [12] \b|None of the 1 /);
  });
});
