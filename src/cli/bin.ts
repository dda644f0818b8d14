#!/usr/bin/env node
import { unsupportedNode } from './node-version.js';

// Checked before anything else loads: on an older Node the audit would run and then fail every
// request obscurely (Node 20's fetch cannot reach the services the way the clients expect).
const unsupported = unsupportedNode(process.versions.node);
if (unsupported) {
  process.stderr.write(`${unsupported}\n`);
  process.exit(2);
}

// `tenant-audit ... | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const { runCli } = await import('./main.js');
process.exitCode = await runCli(process.argv.slice(2));
