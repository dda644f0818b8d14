// `npm run bench [-- <suite> [args]]`: benchmarks, not tests (figures vary by machine; compare
// ratios taken in one run). Suites: tenants (default), import, evaluate, latency, fleet, faults, sweep.
const [suite = 'tenants', ...args] = process.argv.slice(2);
const suites: Record<string, string> = { tenants: './tenants.js', import: './import-cost.js', evaluate: './evaluate.js', latency: './latency.js', fleet: './fleet.js', faults: './faults.js', sweep: './sweep.js' };
if (!suites[suite]) {
  console.error(`unknown benchmark ${suite}; one of ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
process.argv = [process.argv[0]!, process.argv[1]!, ...args];
await import(suites[suite]!);
