import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import {
  compliantPractice,
  simulatedCredential,
  SimulatorRequestLog,
  simulatorHandlers,
  startSimulator,
  typicalPractice,
} from '../../src/testing/index.js';
import { call, NOW } from './harness.js';

describe('startSimulator', () => {
  it('serves several tenants, picked by the token, and records every request', async () => {
    const compliant = compliantPractice({ now: NOW });
    const typical = typicalPractice({ now: NOW });
    const simulator = startSimulator({ m365: [compliant, typical] });
    try {
      const fromCompliant = await call(simulatedCredential(compliant), '/users?$select=id');
      const fromTypical = await call(simulatedCredential(typical), '/users?$select=id');
      expect(fromCompliant.body.value).toHaveLength(compliant.users.length);
      expect(fromTypical.body.value).toHaveLength(typical.users.length);
      expect(simulator.requests.count()).toBe(2);
      expect(simulator.requests.count({ tenantId: typical.tenantId, path: '/USERS', method: 'get', status: 200 })).toBe(1);
      expect(simulator.requests.count({ path: /\$select=id$/ })).toBe(2);
      expect(simulator.requests.entries[0]).toEqual({
        method: 'GET',
        path: '/users',
        query: { $select: 'id' },
        tenantId: compliant.tenantId,
        status: 200,
        viaBatch: false,
      });
      simulator.requests.clear();
      expect(simulator.requests.count()).toBe(0);
    } finally {
      simulator.close();
    }
  });

  it('fails requests to hosts it does not serve', async () => {
    const simulator = startSimulator({ m365: [] });
    try {
      await expect(fetch('https://example.com/')).rejects.toThrow();
    } finally {
      simulator.close();
    }
  });
});

describe('simulatorHandlers', () => {
  it('plugs into a caller-owned msw server and log', async () => {
    const typical = typicalPractice({ now: NOW });
    const log = new SimulatorRequestLog();
    const server = setupServer(...simulatorHandlers({ m365: [typical], requestLog: log }));
    server.listen({ onUnhandledFrame: 'error' });
    try {
      expect((await call(simulatedCredential(typical), '/subscribedSkus')).status).toBe(200);
      expect(log.count({ path: '/subscribedSkus' })).toBe(1);
    } finally {
      server.close();
    }
  });
});
