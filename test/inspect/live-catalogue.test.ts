// The live PSA is the authority (issue #12): against a simulator whose functions, offers and Table Setup screens
// differ from cwctl's catalogue, import keeps what the catalogue never heard of and plans clean; plan refuses a
// name only when the live PSA disagrees (with a did-you-mean from the live names); verify finds rows by the one
// matcher; an unknown level from the PSA is exit 4.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE, NO_MY } from '../../src/catalogue/modules.js';
import { SETUP_SCREENS } from '../../src/catalogue/setup-screens.js';
import type { CatalogueModule, SetupScreenEntry } from '../../src/catalogue/types.js';
import { loadDesiredStateFromText } from '../../src/config/load-desired-state-from-text.js';
import { readCellLevels } from '../../src/apply/verify.js';
import { ExitCode } from '../../src/errors.js';
import type { CwctlError } from '../../src/errors.js';
import { importLive } from '../../src/inspect/import-live.js';
import type { DesiredState } from '../../src/model/desired.js';
import { buildPlan, PlanInputError } from '../../src/plan/build-plan.js';
import type { PsaClient } from '../../src/psa/client.js';
import { PUBLIC_API_CAPABILITIES } from '../../src/psa/client.js';
import { memberKeyEnvSuffix } from '../../src/psa/credentials.js';
import { createSimAdminClient } from '../../src/sim/admin-client.js';
import { readLiveState } from '../../src/psa/read-live-state.js';
import { startSimulator } from '../../src/sim/start-simulator.js';
import type { RunningSimulator } from '../../src/sim/start-simulator.js';

// A PSA that is not cwctl's catalogue: a function it lacks, Marketing's report spelled "Marketing Reports",
// Billing View Time with an Edit column (Rewst, Barracuda), and a Table Setup screen it does not list.
const modules: CatalogueModule[] = CATALOGUE.map((m) => {
  if (m.name === 'Service Desk') {
    return { ...m, functions: [...m.functions, { name: 'Workflow Rules Audit', identifier: 'WorkflowRulesAudit', sortOrder: 99, offers: NO_MY }] };
  }
  if (m.name === 'Marketing') return { ...m, functions: m.functions.map((f) => (f.name === 'Reports' ? { ...f, name: 'Marketing Reports' } : f)) };
  if (m.name === 'Finance') {
    return { ...m, functions: m.functions.map((f) => (f.name === 'Billing View Time' ? { ...f, offers: { ...f.offers, edit: ['None', 'All'] as const } } : f)) };
  }
  return m;
});
const screens: SetupScreenEntry[] = [...SETUP_SCREENS, { id: 9001, category: 'Company', name: 'Management IT', moduleIdentifier: 'Company', moduleName: 'Company' }];

let sim: RunningSimulator;
let client: PsaClient;
let roleId: number;
let memberKeys: { publicKey: string; privateKey: string };

function desiredOf(yaml: string): DesiredState {
  const loaded = loadDesiredStateFromText(yaml);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.state!;
}

async function planOf(desired: DesiredState, withKeys = true) {
  const live = await readLiveState(client, { desired }, withKeys ? { memberCredentials: { deps: { ...memberKeys, clientId: sim.clientId } } } : {});
  return buildPlan({ desired, live, state: undefined, capabilities: PUBLIC_API_CAPABILITIES, now: '2026-01-01T00:00:00.000Z', target: client.target, sandbox: false });
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, catalogue: { modules, setupScreens: screens } });
  client = createSimAdminClient(sim);
  roleId = (await client.createSecurityRole({ name: 'Dependencies' })).id;
  sim.store.setRoleLevels(roleId, [
    { moduleName: 'Service Desk', moduleFunctionName: 'Workflow Rules Audit', inquireLevel: 'All', editLevel: 'All' },
    { moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All' },
    { moduleName: 'Finance', moduleFunctionName: 'Billing View Time', inquireLevel: 'All', editLevel: 'All' },
    { moduleName: 'Marketing', moduleFunctionName: 'Marketing Reports', inquireLevel: 'All' },
  ]);
  sim.store.setRoleCustomize(roleId, 'SystemTableSetup', ['Company / Management IT', 'Service / Service Board']);
  const level = sim.store.rows('structureLevels')[0]!.id as number;
  const member = await client.createApiMember({ identifier: 'deps', name: 'Deps', securityRole: { id: roleId }, structureLevel: { id: level } });
  const key = sim.store.createApiKey(member.id, 'test');
  memberKeys = { publicKey: key.publicKey, privateKey: key.privateKey };
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

describe('the live PSA is the authority', () => {
  it('imports a role holding functions and tables the catalogue lacks, and the import plans clean', async () => {
    const keys = { [memberKeyEnvSuffix('deps')]: { ...memberKeys, envName: 'CWCTL_NEW_KEY_DEPS' } };
    const result = await importLive({ client, roles: ['Dependencies'], members: ['deps'], memberKeys: keys });
    const role = parse(result.yaml).roles[0];
    expect(role.permissions['Service Desk / Workflow Rules Audit']).toEqual({ edit: 'All', inquire: 'All' });
    expect(role.permissions['Finance / Billing View Time']).toEqual({ edit: 'All', inquire: 'All' });
    expect(role.permissions['Marketing / Reports']).toEqual({ inquire: 'All' });
    expect(role.tableSetup).toEqual(['Company / Management IT', 'Service / Service Board']);

    // Offline, the catalogue's doubts are warnings that point at plan, not errors.
    const loaded = loadDesiredStateFromText(result.yaml);
    const codes = loaded.diagnostics.map((d) => `${d.severity}:${d.code}`).sort();
    expect(codes).toEqual(['warning:level-not-offered', 'warning:unknown-function', 'warning:unknown-table']);
    expect(loaded.diagnostics.every((d) => /plan checks|only its screen can tell/.test(d.hint ?? ''))).toBe(true);

    const plan = await planOf(loaded.state!);
    expect(plan.changes).toEqual([]);
    expect(plan.safety).toEqual([]);
  });

  it('plans the vendor-documented cell the catalogue calls impossible, since this PSA offers it', async () => {
    const desired = desiredOf('version: 1\nroles:\n  - name: Vendor\n    permissions:\n      Finance / Billing View Time: { inquire: All, edit: All }\n');
    const plan = await planOf(desired, false);
    expect(plan.changes.find((c) => c.address === 'role:Vendor/setting:Finance / Billing View Time')?.after).toEqual({ add: 'None', edit: 'All', delete: 'None', inquire: 'All' });
  });

  it('refuses at plan (exit 3) a function the live PSA lacks, with a did-you-mean from the live names', async () => {
    const desired = desiredOf('version: 1\nroles:\n  - name: Typo\n    permissions:\n      Service Desk / Workflow Rule Audits: { inquire: All }\n');
    const error = (await planOf(desired, false).catch((e: unknown) => e)) as PlanInputError;
    expect(error).toBeInstanceOf(PlanInputError);
    expect(error.exitCode).toBe(ExitCode.InvalidInput);
    const d = error.diagnostics.find((x) => x.code === 'unknown-function');
    expect(d?.summary).toContain("the PSA has no function 'Service Desk / Workflow Rule Audits'");
    expect(d?.hint).toContain('Service Desk / Workflow Rules Audit');
  });

  it('refuses at plan a My level the live row says is not offered, and a table the PSA does not list', async () => {
    const desired = desiredOf('version: 1\nroles:\n  - name: Setup\n    permissions:\n      System / Table Setup: { inquire: My }\n    tableSetup: [Company / Management ITT]\n');
    const error = (await planOf(desired, false).catch((e: unknown) => e)) as PlanInputError;
    expect(error).toBeInstanceOf(PlanInputError);
    expect(error.diagnostics.map((x) => x.code).sort()).toEqual(['level-not-offered', 'unknown-table']);
    expect(error.diagnostics.find((x) => x.code === 'unknown-table')?.hint).toContain('Company / Management IT');
  });

  it('verifies a cell by the one matcher, whatever the PSA calls the function', async () => {
    const levels = await readCellLevels(client, roleId, [
      { module: 'Marketing', function: 'Reports', kind: 'inquire', from: 'None', to: 'All' },
      { module: 'Service Desk', function: 'Workflow Rules Audit', kind: 'edit', from: 'None', to: 'All' },
      { module: 'Service Desk', function: 'Nothing Such', kind: 'edit', from: 'None', to: 'All' },
    ]);
    expect(levels).toEqual(['All', 'All', null]);
  });

  it('fails closed (exit 4) on a level word the PSA sends that cwctl does not know, naming the row', async () => {
    const other = (await client.createSecurityRole({ name: 'Odd' })).id;
    sim.store.setRoleLevels(other, [{ moduleName: 'Service Desk', moduleFunctionName: 'Service Tickets', inquireLevel: 'All' }]);
    const stored = sim.store.data.roleLevels[String(other)]!;
    const key = Object.keys(stored).find((k) => k.includes('Service Tickets'))!;
    (stored[key] as { inquire: string }).inquire = 'Supervisor';
    const desired = desiredOf('version: 1\nroles:\n  - name: Odd\n    unlisted: ignore\n');
    const error = (await planOf(desired, false).catch((e: unknown) => e)) as CwctlError;
    expect(error.exitCode).toBe(ExitCode.PsaError);
    expect(error.message).toContain("role 'Odd'");
    expect(error.message).toContain('Service Desk / Service Tickets');
    expect(error.message).toContain('"Supervisor"');
  });
});
