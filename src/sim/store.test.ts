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
  it('chains several rows for one function: a later row keeps the columns an earlier row set', () => {
    const role = sim.store.rows('securityRoles').find((r) => r.name === 'Technician')!;
    const roleId = role.id as number;
    const rows = sim.store.setRoleLevels(roleId, [
      { moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', addLevel: 'None' },
      { moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All' },
      { moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', editLevel: 'My' },
      { moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', deleteLevel: 'None' },
    ]);
    const row = rows.find((r) => r.moduleFunctionName === 'Service Tickets');
    expect(row).toMatchObject({ addLevel: 'None', editLevel: 'My', deleteLevel: 'None', inquireLevel: 'All' });
  });
});
