import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { NetworkOptions, NetworkStats } from '../../../dist/testing/index.js';

/**
 * Starts the simulated fleet in a child process (see simulator-server.ts) and routes this
 * process's fetch (every client of tenant-audit uses it) to it. Returns a stop function.
 */
export async function remoteFleet(spec: {
  tenants: number;
  minUsers: number;
  maxUsers: number;
  now: Date;
  network?: NetworkOptions;
}): Promise<{ stop(): void; stats(): Promise<NetworkStats | null>; inFlight: { now: number; peak: number } }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./simulator-server.ts', import.meta.url)), JSON.stringify({ ...spec, now: spec.now.toISOString() })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const { port } = JSON.parse(line.toString()) as { port: number };
  const original = globalThis.fetch;
  // Requests in flight from tenant-audit (sent, response headers not yet back), and the most at once.
  const inFlight = { now: 0, peak: 0 };
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    headers.set('x-simulated-origin', url.origin);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    inFlight.now += 1;
    inFlight.peak = Math.max(inFlight.peak, inFlight.now);
    try {
      return await original(`http://127.0.0.1:${port}${url.pathname}${url.search}`, { method: request.method, headers, ...(body ? { body } : {}), redirect: 'manual', signal: request.signal });
    } finally {
      inFlight.now -= 1;
    }
  };
  return {
    inFlight,
    async stats() {
      return (await (await original(`http://127.0.0.1:${port}/__bench/stats`)).json()) as NetworkStats | null;
    },
    stop() {
      globalThis.fetch = original;
      child.kill();
    },
  };
}
