// Golden renderings of plans (text, markdown, JSON) for every example against a fresh simulator, and for a
// hand-built scenario with drift, deletions, escalations and updates. Timestamps are fixed (the clock is
// passed in). UPDATE_GOLDEN=1 rewrites the files; review the diff before committing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setColour } from '../../src/cli/output.js';
import { renderPlanJson } from '../../src/cli/views/plan-json.js';
import { renderPlanMarkdown } from '../../src/cli/views/plan-markdown.js';
import { renderPlanText } from '../../src/cli/views/plan-text.js';
import { loadDesiredState } from '../../src/config/load-desired-state.js';
import type { Plan } from '../../src/model/plan.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import {
  NOW, customizeOf, desired, desiredMapping, desiredMember, desiredRole, live, liveCrossReference, liveMapping, liveMember, liveRole, stateOf,
} from '../../src/plan/fixtures.js';
import { buildStateResources } from '../../src/plan/snapshot.js';
import { PUBLIC_API_CAPABILITIES } from '../../src/psa/client.js';
import { createSimAdminClient } from '../../src/sim/admin-client.js';
import { readLiveState } from '../../src/psa/read-live-state.js';
import type { RunningSimulator } from '../../src/sim/start-simulator.js';
import { startSimulator } from '../../src/sim/start-simulator.js';

const ROOT = join(import.meta.dirname, '..', '..');
const GOLDEN = join(ROOT, 'test', 'golden');
const EXAMPLES = ['brightgauge', 'datto-rmm', 'kaseya-quote-manager', 'scalepad-lifecycle-manager', 'wise-sync', 'msp'];
const update = process.env.UPDATE_GOLDEN === '1';

function checkGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (update || !existsSync(file)) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, actual);
    if (!update) throw new Error(`golden ${name} did not exist: written now, review and commit it`);
    return;
  }
  expect(actual, `${name} (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, 'utf8'));
}

function checkAll(name: string, plan: Plan): void {
  checkGolden(`${name}/plan.txt`, renderPlanText(plan));
  checkGolden(`${name}/plan.md`, renderPlanMarkdown(plan));
  checkGolden(`${name}/plan.json`, renderPlanJson(plan));
}

let sim: RunningSimulator;
beforeAll(async () => {
  setColour(false);
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  setColour(undefined);
  await sim.close();
});

describe('golden plans of the examples (fresh simulator)', () => {
  it.each(EXAMPLES)('%s', async (example) => {
    const { state: d, diagnostics } = await loadDesiredState(join(ROOT, 'examples', example));
    expect(diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const client = createSimAdminClient(sim);
    try {
      const l = await readLiveState(client, { desired: d! }, { callerIdentifier: sim.admin.memberIdentifier, now: () => new Date(NOW) });
      const plan = buildPlan({ desired: d!, live: l, state: undefined, capabilities: client.capabilities, now: NOW, target: { site: 'sandbox', company: 'sandbox' }, sandbox: true });
      expect(plan.changes.length).toBeGreaterThan(0);
      checkAll(example, plan);
    } finally {
      await client.close();
    }
  });
});

describe('golden plan of a mixed scenario', () => {
  it('renders updates, deletes, escalations, drift, adoption and safety', () => {
    const ST = 'Service Desk / Service Tickets';
    const INV = 'Finance / Invoicing';
    const before = live({
      roles: [liveRole('BG', 7, { [INV]: { inquire: 'All' }, [ST]: { inquire: 'All' } }), liveRole('Old', 9), liveRole('Small', 5)],
      members: [liveMember('bg', 70, { id: 7, name: 'BG' }), liveMember('gone', 71, { id: 9, name: 'Old' })],
      mappings: [liveMapping('Datto RMM', 60, [liveCrossReference(61, 'Desktop', { configurationType: { id: 30, name: 'Managed Workstation' } })])],
    });
    const state = stateOf({
      ...buildStateResources(before, ['role:BG', 'role:Old', 'member:bg', 'member:gone', 'mapping:managedDevices/Datto RMM', 'mapping:managedDevices/Datto RMM/xref:Desktop'], NOW),
      'member:bg/apiKey:prod': {},
    });
    // Someone lowered Invoicing in the PSA screens; the YAML raises Service Tickets add and moves a member.
    const now = live({
      roles: [liveRole('BG', 7, { [ST]: { inquire: 'All' } }), liveRole('Old', 9), liveRole('Small', 5), liveRole('Sales', 6, { [ST]: { inquire: 'All', add: 'All' } })],
      members: [liveMember('bg', 70, { id: 7, name: 'BG' }), liveMember('gone', 71, { id: 9, name: 'Old' }), liveMember('seller', 72, { id: 5, name: 'Small' })],
      mappings: [liveMapping('Datto RMM', 60, [liveCrossReference(61, 'Desktop', { configurationType: { id: 30, name: 'Managed Workstation' } })])],
      caller: { identifier: 'cwctl-admin', roleName: 'Admin' },
    });
    const d = desired({
      roles: [
        desiredRole('BG', { [INV]: { inquire: 'All' }, [ST]: { inquire: 'All', add: 'My' } }, { customize: customizeOf('SystemTableSetup', ['Company / Company Status']) }),
        desiredRole('Sales', {}, { external: true }),
        desiredRole('Fresh', { [ST]: { inquire: 'All' } }),
      ],
      members: [desiredMember('bg', 'BG', { apiKeys: [{ description: 'prod' }] }), desiredMember('seller', 'Sales', { location: 'Orlando' })],
      managedDevices: [desiredMapping('Datto RMM', { defaultBillingLevel: 'Detail', crossReferences: [{ vendorType: 'Desktop', configurationType: 'Managed Server' }, { vendorType: 'Server', vendorLevel: 'Managed', product: 'RMM-SRV' }] })],
    });
    const plan = buildPlan({ desired: d, live: now, state, capabilities: PUBLIC_API_CAPABILITIES, now: NOW, target: { site: 'sandbox', company: 'sandbox' }, sandbox: true });
    expect(plan.drift.length).toBe(1);
    // Restoring the drifted Invoicing level is not an escalation (it was applied before); raising add is.
    expect(plan.safety.map((f) => f.kind).sort()).toEqual(['delete-cap', 'escalation', 'escalation', 'escalation', 'role-in-use']);
    expect(plan.safety.some((f) => f.address.endsWith('Finance / Invoicing'))).toBe(false);
    expect(plan.safety.some((f) => f.address.endsWith('Service Desk / Service Tickets'))).toBe(true);
    checkAll('scenario-mixed', plan);
  });
});
