import { defineConfig } from 'tsup';

const shared = {
  target: 'node22',
  platform: 'node',
  // No source maps in the package: they tripled its size, and users step through readable, unminified code.
  sourcemap: false,
  splitting: true,
  // msw is only for tenant-audit/testing and the demo; users of the library never load it.
  external: ['msw', 'msw/node'],
} as const;

export default defineConfig([
  {
    // One ESM build for the library, the simulator and the CLI (top-level await, so ESM only),
    // so that their shared code ships once.
    ...shared,
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'cli/bin': 'src/cli/bin.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' } },
    // dist/action is the GitHub Action's committed bundle (npm run bundle:action): not this build's to delete.
    clean: ['!action/**'],
  },
  {
    // CommonJS for require() callers and CommonJS type-checking (module: node16).
    ...shared,
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
    format: ['cjs'],
    dts: { entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' } },
  },
]);
