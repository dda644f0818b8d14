import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// A user's project type-checks against the published types (dist/*.d.ts and *.d.cts, as the
// package's `exports` pick them), with skipLibCheck off, in CommonJS and in ESM, with only the
// declared dependencies: the build (npm ci runs it) must exist.
const ROOT = resolve(import.meta.dirname, '../..');

const M365_ONLY = `
import { audit, gate, type AuditReport, type M365Target } from 'tenant-audit';
import type { TokenCredential } from '@azure/core-auth';
declare const credential: TokenCredential;
const target: M365Target = { provider: 'm365', tenantId: 'contoso.onmicrosoft.com', credential };
export async function run(): Promise<AuditReport> {
  const report = await audit(target, { thresholds: { inactiveDays: 30 } });
  if (!gate(report, { failOn: 'high' }).passed) console.log(report.summary);
  return report;
}
`;

function typecheck(moduleKind: 'commonjs' | 'module'): { status: number | null; output: string } {
  const dir = mkdtempSync(join(ROOT, 'test-results', `consumer-${moduleKind}-`));
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: moduleKind }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, skipLibCheck: false, noEmit: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] },
      include: ['src'],
    }),
  );
  writeFileSync(join(dir, 'src/m365-only.ts'), M365_ONLY);
  // Resolve packages the way the consumer would: tenant-audit and its dependencies from node_modules.
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('the published types, as a consumer type-checks them (module node16, skipLibCheck false)', () => {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  it.each(['commonjs', 'module'] as const)('an M365-only %s project type-checks', (kind) => {
    const { status, output } = typecheck(kind);
    expect(output).toBe('');
    expect(status).toBe(0);
  });
});
