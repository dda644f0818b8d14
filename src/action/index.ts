// The GitHub Action's entry point, bundled into dist/action/index.js (npm run bundle:action).
import { run } from './run.js';

await run();
