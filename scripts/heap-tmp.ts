import { writeHeapSnapshot } from 'node:v8';
import { sweep } from '../dist/index.js';
import { practiceFleet, simulatedCredential } from '../dist/testing/index.js';
import { remoteFleet } from './bench/lib/remote-simulator.js';
const now = new Date('2026-11-20T12:00:00Z');
const fleet = practiceFleet(200, { now, minUsers: 50, maxUsers: 50 });
const sim = await remoteFleet({ tenants: 200, minUsers: 50, maxUsers: 50, now });
let done = 0;
for await (const r of sweep(fleet.map((m) => ({ provider: 'm365' as const, tenantId: m.tenantId, credential: simulatedCredential(m) })), { now, concurrency: 8 })) {
  done++;
  if (done === 50 || done === 200) { (globalThis as any).gc(); console.log(done, Math.round(process.memoryUsage().heapUsed/1048576)); writeHeapSnapshot(`/tmp/heap-${done}.heapsnapshot`); }
}
sim.stop();
