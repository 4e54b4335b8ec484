// "All except" lists planned against the PSA's own list: readLiveState reads the setup screens and configuration
// types only when a role needs them, and the list a role wants is every one of them but the exceptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDesiredStateFromText } from '../config/load-desired-state-from-text.js';
import type { DesiredState } from '../model/desired.js';
import { desiredCustomizeList } from '../plan/all-except.js';
import type { RunningSimulator } from '../sim/start-simulator.js';
import { startSimulator } from '../sim/start-simulator.js';
import type { PsaClient } from './client.js';
import { createSimAdminClient } from '../sim/admin-client.js';
import { readLiveState } from './read-live-state.js';

let sim: RunningSimulator;
let client: PsaClient;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  client = createSimAdminClient(sim);
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

function state(role: string): DesiredState {
  const { state: s, diagnostics } = loadDesiredStateFromText(`version: 1\nroles:\n  - name: R\n${role}`);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return s!;
}

describe('all-except lists against the simulator', () => {
  it('reads the PSA list and wants every table but the exceptions', async () => {
    const desired = state('    tableSetup: { allExcept: [Company / Company Status, Service / Service Board] }\n');
    const live = await readLiveState(client, { desired });
    const screens = (await client.listSetupScreens({ pageSize: 1000 })).map((s) => `${s.category} / ${s.name}`);
    expect(live.customizeChoices?.SystemTableSetup).toEqual(screens);
    const want = desiredCustomizeList(desired.roles[0]!, 'SystemTableSetup', live);
    expect(want).toEqual(screens.filter((s) => s !== 'Company / Company Status' && s !== 'Service / Service Board'));
    expect(want.length).toBe(screens.length - 2);
  });

  it('reads configuration types for customize.CompanyConfigurations, and nothing when no role needs a list', async () => {
    const desired = state('    unlisted: ignore\n    customize:\n      CompanyConfigurations: { allExcept: [Managed Workstation] }\n');
    const live = await readLiveState(client, { desired });
    const types = (await client.listConfigurationTypes({ pageSize: 1000 })).filter((t) => t.inactiveFlag !== true).map((t) => t.name);
    expect(types).toContain('Managed Workstation');
    expect(desiredCustomizeList(desired.roles[0]!, 'CompanyConfigurations', live)).toEqual(types.filter((t) => t !== 'Managed Workstation'));
    const plain = await readLiveState(client, { desired: state('    tableSetup: [Service / Service Board]\n') });
    expect(plain.customizeChoices).toBeUndefined();
  });

  it('reads /system/setupScreens once when the catalogue and an "all except" list both need it', async () => {
    const lines: string[] = [];
    const counted = createSimAdminClient(sim, { debugLog: (line) => lines.push(line) });
    try {
      const desired = state('    tableSetup: { allExcept: [Service / Service Board] }\n');
      // setupScreens: true asks for the screens in the catalogue, the "all except" list for the choices.
      const live = await readLiveState(counted, { desired }, { setupScreens: true });
      const reads = lines.filter((l) => l.startsWith('GET /system/setupScreens?'));
      expect(reads).toHaveLength(1);
      expect(live.catalogue?.setupScreens?.map((s) => `${s.category} / ${s.name}`)).toEqual(live.customizeChoices?.SystemTableSetup);
      expect(live.customizeChoices?.SystemTableSetup).toContain('Service / Service Board');
    } finally {
      await counted.close();
    }
  });
});
