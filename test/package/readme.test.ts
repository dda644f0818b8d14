import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { parseTenantsFile } from '../../src/sweep/tenants-file.js';

// The README's library examples compile as written: every ```ts block is type-checked against the
// library's source, as examples/ are.
const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

describe('the README', () => {
  it('has TypeScript examples', () => {
    expect(blocks.length).toBeGreaterThan(1);
  });

  it('has TypeScript examples that type-check as written', () => {
    const dir = join(ROOT, 'test-results', 'readme-examples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // Each block is its own module, so two blocks may declare the same names.
    blocks.forEach((block, index) => writeFileSync(join(dir, `example-${index + 1}.ts`), `${block}\nexport {};\n`));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../examples/tsconfig.json',
        compilerOptions: { rootDir: '../..', noEmit: true, paths: { 'tenant-audit': ['../../src/index.ts'], 'tenant-audit/testing': ['../../src/testing/index.ts'] } },
        include: ['./*.ts'],
      }),
    );
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('has configuration examples the CLI accepts', async () => {
    const yamlBlocks = [...README.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
    const configs = yamlBlocks.filter((block) => !/^(on|jobs|name|runs):/m.test(block));
    expect(configs.length).toBeGreaterThan(0);
    // A tenants file (`tenants:` at the top) is checked as one; any other block as a configuration file.
    const tenantsFiles = configs.filter((block) => /^tenants:/m.test(block));
    expect(tenantsFiles.length).toBeGreaterThan(0);
    for (const block of tenantsFiles) await expect(parseTenantsFile(block, 'README.yaml')).resolves.toBeTypeOf('object');
    for (const block of configs.filter((block) => !tenantsFiles.includes(block))) await expect(parseConfig(block, 'README.yaml')).resolves.toBeTypeOf('object');
  });
});
