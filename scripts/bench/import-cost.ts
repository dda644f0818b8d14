// Benchmark: what `import('tenant-audit')` costs a user, beside importing @azure/identity alone,
// measured in fresh processes in one run (CPU time and resident memory after the import).
// Needs the build (npm run build). Usage: npm run bench -- import [runs]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runs = Number(process.argv[2] ?? 9) || 9;

const probe = (specifier: string) => `
const t0 = process.cpuUsage();
await import(${JSON.stringify(specifier)});
const cpu = process.cpuUsage(t0);
console.log(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, rssMB: process.memoryUsage().rss / 1048576 }));`;

function measure(specifier: string): { cpuMs: number; rssMB: number }[] {
  const samples: { cpuMs: number; rssMB: number }[] = [];
  for (let i = 0; i < runs; i += 1) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe(specifier)], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`importing ${specifier} failed: ${result.stderr}`);
    samples.push(JSON.parse(result.stdout) as { cpuMs: number; rssMB: number });
  }
  return samples;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const subjects = { 'tenant-audit': 'tenant-audit', '@azure/identity': '@azure/identity', 'node (nothing)': 'node:os' };
const results = Object.fromEntries(Object.entries(subjects).map(([label, specifier]) => [label, measure(specifier)]));
for (const [label, samples] of Object.entries(results)) {
  const cpu = samples.map((s) => s.cpuMs);
  const rss = samples.map((s) => s.rssMB);
  console.log(`${label.padEnd(16)} cpu median ${median(cpu).toFixed(0)} ms (min ${Math.min(...cpu).toFixed(0)}, max ${Math.max(...cpu).toFixed(0)}), rss median ${median(rss).toFixed(0)} MiB`);
}
const ours = results['tenant-audit']!;
const identity = results['@azure/identity']!;
console.log(
  `tenant-audit / @azure/identity: cpu ${(median(ours.map((s) => s.cpuMs)) / median(identity.map((s) => s.cpuMs))).toFixed(2)}x, ` +
    `rss ${(median(ours.map((s) => s.rssMB)) / median(identity.map((s) => s.rssMB))).toFixed(2)}x (${runs} runs each)`,
);
