import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/**
 * The GitHub Action as one committed ESM file (dist/action/index.js), as GitHub runs a JavaScript
 * action: no npm install on the runner, so every dependency is inside. esbuild (through tsup, as
 * the library is built) rather than the Rollup of GitHub's typescript-action template: one bundler
 * for the project, and the same output shape (one ESM file, node24). Node resolution with the
 * `node`/`import` conditions takes @azure/identity's dist/esm, which never imports msal-browser.
 */
export const actionBundle: Options = {
  entry: { index: 'src/action/index.ts' },
  outDir: 'dist/action',
  format: ['esm'],
  platform: 'node',
  target: 'node24',
  // Everything inside: the runner has no node_modules.
  noExternal: [/.*/],
  splitting: false,
  sourcemap: false,
  dts: false,
  minify: false,
  clean: true,
  // Bundled CommonJS dependencies (google-auth-library, tunnel...) call require() for Node's modules.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  // Only what the bundle reads of package.json (the version), so unrelated edits to it do not change the bundle.
  esbuildPlugins: [
    {
      name: 'package-json-version',
      setup(build) {
        const own = resolve('package.json');
        build.onLoad({ filter: /package\.json$/ }, async (args) => {
          if (args.path !== own) return undefined;
          const { version, repository } = JSON.parse(await readFile(args.path, 'utf8')) as { version: string; repository?: unknown };
          return { contents: JSON.stringify({ version, repository }), loader: 'json' };
        });
      },
    },
  ],
};

export default defineConfig(actionBundle);
