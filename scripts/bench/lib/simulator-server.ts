// The simulated tenants behind a real local HTTP server, in a process of their own, so that a
// benchmark measures tenant-audit's memory and sockets, not the in-process interceptor's (msw
// keeps an intercepted socket per request for the life of the process). Requests arrive with
// their real origin in `x-simulated-origin` and are answered by the same msw handlers.
import { createServer } from 'node:http';
import { getResponse } from 'msw';
import { practiceFleet, SimulatedNetwork, simulatorHandlers, type NetworkOptions } from '../../../dist/testing/index.js';

interface Spec {
  tenants: number;
  minUsers: number;
  maxUsers: number;
  now: string;
  network?: NetworkOptions;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
const fleet = practiceFleet(spec.tenants, { now: new Date(spec.now), minUsers: spec.minUsers, maxUsers: spec.maxUsers });
const network = spec.network ? new SimulatedNetwork(spec.network) : undefined;
const handlers = simulatorHandlers({ m365: fleet, ...(network ? { network } : {}) });

const server = createServer(async (incoming, outgoing) => {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  if (incoming.url === '/__bench/stats') {
    // The network layer's counters (faults injected, Retry-After asked), for the benchmark's figures.
    const stats = network?.stats();
    network?.events.splice(0);
    outgoing.writeHead(200, { 'content-type': 'application/json' });
    outgoing.end(JSON.stringify(stats ?? null));
    return;
  }
  const origin = String(incoming.headers['x-simulated-origin'] ?? '');
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string' && name !== 'x-simulated-origin' && name !== 'host') headers.set(name, value);
  const body = chunks.length && incoming.method !== 'GET' && incoming.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
  const request = new Request(`${origin}${incoming.url}`, { method: incoming.method, headers, ...(body ? { body } : {}) });
  let response: Response | undefined;
  try {
    response = await getResponse(handlers, request);
  } catch {
    response = undefined;
  }
  if (!response || response.type === 'error') {
    // A simulated connection reset, or a request no handler answers: drop the connection.
    incoming.socket.destroy();
    return;
  }
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => (out[name] = value));
  outgoing.writeHead(response.status, out);
  outgoing.end(Buffer.from(await response.arrayBuffer()));
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
