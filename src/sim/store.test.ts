import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from './start-simulator.js';
import { startSimulator } from './start-simulator.js';

let sim: RunningSimulator;
beforeEach(async () => {
  sim = await startSimulator({ port: 0, roles: 0, members: 0 });
});
afterEach(async () => {
  await sim.close();
});

describe('the Security Modules screen (store.setRoleLevels)', () => {
  it('chains several rows for one function: a later row keeps the columns an earlier row set', async () => {
    // A new role: every function starts at None, so no column can pass by already holding its value.
    const created = await fetch(`${sim.url}/v4_6_release/apis/3.0/system/securityroles`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sim.company}+${sim.admin.publicKey}:${sim.admin.privateKey}`).toString('base64')}`,
        clientId: sim.clientId,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'Chain Test' }),
    });
    const roleId = ((await created.json()) as { id: number }).id;
    const rows = sim.store.setRoleLevels(roleId, [
      { moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', addLevel: 'My' },
      { moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All' },
      { moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', editLevel: 'My' },
      { moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', deleteLevel: 'All' },
    ]);
    const row = rows.find((r) => r.moduleFunctionName === 'Service Tickets');
    expect(row).toMatchObject({ addLevel: 'My', editLevel: 'My', deleteLevel: 'All', inquireLevel: 'All' });
  });
});
