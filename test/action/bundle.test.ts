import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'tsup';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionBundle } from '../../tsup.action.config.js';
import { BUNDLE, ROOT } from './harness/run-action.js';

// GitHub runs the committed dist/action/index.js as is, so it must be exactly what the source
// builds to (the typescript-action template's check-dist, as a test; CI also rebuilds and runs
// `git diff --exit-code dist/`). After changing anything the Action imports: npm run bundle:action.

const committed = join(ROOT, 'dist', 'action');

describe('the Action bundle', () => {
  it('is what a fresh build of src/action produces (run npm run bundle:action if not)', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'tenant-audit-bundle-'));
    await build({ ...actionBundle, outDir: fresh, config: false, silent: true });
    expect(readdirSync(committed).sort()).toEqual(readdirSync(fresh).sort());
    for (const file of readdirSync(fresh)) {
      const same = readFileSync(join(fresh, file)).equals(readFileSync(join(committed, file)));
      expect(same, `dist/action/${file} differs from a fresh build: run npm run bundle:action and commit dist/action`).toBe(true);
    }
  }, 120_000);

  it('is one ESM file for node24, as action.yml says, without browser builds', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; main: string } };
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
    expect(join(ROOT, action.runs.main)).toBe(BUNDLE);
    const source = readFileSync(BUNDLE, 'utf8');
    // esbuild names each bundled module in a comment (`// node_modules/<package>/<path>`).
    const modules = [...source.matchAll(/^\/\/ (\S+)$/gm)].map((match) => match[1]!);
    expect(modules.some((path) => path.startsWith('node_modules/@azure/identity/dist/esm/'))).toBe(true);
    // No package's browser distribution. (google-auth-library's Node build itself requires its
    // crypto/browser/crypto.js, a class used only where `window.crypto` exists: part of the Node build.)
    expect(modules.filter((path) => /msal-browser|\/dist\/browser\/|\.browser\.m?js$|\/browser\/index\.m?js$/.test(path))).toEqual([]);
    expect(source).not.toContain('@azure/msal-browser');
    expect(modules.filter((path) => path.startsWith('node_modules/msw') || path.startsWith('src/testing/'))).toEqual([]);
    expect(statSync(BUNDLE).size).toBeLessThan(6 * 1024 * 1024);
  });

  it('is not published in the npm package (library users do not need it)', () => {
    const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const files = (JSON.parse(result.stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
    expect(files.some((path) => path.startsWith('dist/index'))).toBe(true);
    expect(files.filter((path) => path.startsWith('dist/action'))).toEqual([]);
  }, 60_000);

  it('keeps @actions/core out of the runtime dependencies (it is bundled)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.dependencies['@actions/core']).toBeUndefined();
    expect(pkg.devDependencies['@actions/core']).toMatch(/^\^3\./);
  });
});
