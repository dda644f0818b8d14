import { defineConfig } from 'tsup';

const shared = {
  target: 'node22',
  platform: 'node',
  sourcemap: true,
  splitting: true,
  // msw is only for tenant-audit/testing and the demo; users of the library never load it.
  external: ['msw', 'msw/node'],
} as const;

export default defineConfig([
  {
    ...shared,
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
  },
  {
    // The CLI uses top-level await, so it ships as ESM only.
    ...shared,
    entry: { 'cli/bin': 'src/cli/bin.ts' },
    format: ['esm'],
  },
]);
