#!/usr/bin/env node
// Plain JavaScript syntax up to the version check, so that an old Node reads this far and says
// what is needed instead of failing obscurely later (Node 20's fetch cannot reach the services).
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`tenant-audit: needs Node.js 22.12 or later (24 recommended); this is Node.js ${process.versions.node}.\n`);
  process.exit(2);
}

// `tenant-audit ... | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const { runCli } = await import('./main.js');
process.exitCode = await runCli(process.argv.slice(2));
