// `cwctl plan` end to end: the BUILT CLI against a fresh simulator on 127.0.0.1:0 (CWCTL_* env). Every example
// plans its creates and exits 2 with --detailed-exitcode; once the live PSA is made to match (the test plays
// the integrator through the API and the person through /__sim/ui) the plan is empty and exits 0.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDesiredState } from '../../src/config/load-desired-state.js';
import {
  apiKeyAddress, crossReferenceAddress, customizeAddress, mappingAddress, memberAddress, roleAddress,
} from '../../src/model/address.js';
import { digestOf } from '../../src/model/canonical-json.js';
import type { DesiredState } from '../../src/model/desired.js';
import type { IdOrRef } from '../../src/model/operation.js';
import { isRef } from '../../src/model/operation.js';
import type { Plan } from '../../src/model/plan.js';
import type { StateFile, StateResource } from '../../src/model/state.js';
import { snapshotCustomize } from '../../src/plan/snapshot.js';
import type { TestSimulator } from './helpers/cli.js';
import { ROOT, ensureBuilt, runCli, startTestSimulator } from './helpers/cli.js';

const EXAMPLES = ['brightgauge', 'datto-rmm', 'kaseya-quote-manager', 'scalepad-lifecycle-manager', 'wise-sync', 'msp'];

let work: string;
beforeAll(async () => {
  ensureBuilt();
  work = await mkdtemp(join(tmpdir(), 'cwctl-plan-e2e-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function desiredOf(example: string): Promise<DesiredState> {
  const { state, diagnostics } = await loadDesiredState(join(ROOT, 'examples', example));
  if (!state) throw new Error(`${example}: ${JSON.stringify(diagnostics)}`);
  return state;
}

/** Every object an example declares that cwctl creates on an empty PSA. */
function declaredCreates(d: DesiredState): string[] {
  return [
    ...d.roles.filter((r) => !r.external).map((r) => roleAddress(r.name)),
    ...d.members.flatMap((m) => [memberAddress(m.identifier), ...m.apiKeys.map((k) => apiKeyAddress(m.identifier, k.description))]),
    ...d.managedDevices.flatMap((m) => [mappingAddress(m.name), ...m.crossReferences.map((x) => crossReferenceAddress(m.name, x.vendorType, x.vendorLevel))]),
  ].sort();
}

describe('cwctl plan against a fresh simulator', () => {
  let sim: TestSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('plans the creates of every example and exits 2 with --detailed-exitcode', async () => {
    const runs = [];
    // Two at a time: the machine has two cores.
    for (let i = 0; i < EXAMPLES.length; i += 2) {
      runs.push(...(await Promise.all(EXAMPLES.slice(i, i + 2).map(async (example) => ({
        example,
        run: await runCli(['plan', '-f', join(ROOT, 'examples', example), '--format', 'json', '--detailed-exitcode', '--state-dir', join(work, `state-${example}`)], { cwd: work, env: sim.env }),
      })))));
    }
    for (const { example, run } of runs) {
      expect(run.code, `${example}: ${run.stderr}`).toBe(2);
      const plan = JSON.parse(run.stdout) as Plan;
      const creates = plan.changes.filter((c) => c.action === 'create').map((c) => c.address).sort();
      expect(creates, example).toEqual(declaredCreates(await desiredOf(example)));
      expect(plan.changes.every((c) => c.action === 'create' || c.action === 'update'), example).toBe(true);
      expect(plan.operations.filter((o) => o.type === 'setRoleLevels').every((o) => o.executor === 'guided')).toBe(true);
      expect(plan.summary.guided).toBeGreaterThan(0);
      expect(run.stdout).not.toContain(sim.sim.admin.privateKey);
    }
  });

  it('writes --out atomically with the same plan it prints, and says so in text', async () => {
    const out = join(work, 'bg-plan.json');
    const run = await runCli(['plan', '-f', join(ROOT, 'examples', 'brightgauge'), '--out', out, '--state-dir', join(work, 'state-out')], { cwd: work, env: sim.env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Plan: 3 to create, 0 to change, 0 to destroy; \d+ guided steps; 0 drifted/);
    expect(run.stdout).toContain('+ role BrightGaugeAPI');
    expect(run.stdout).toContain('None -> All');
    const saved = JSON.parse(await readFile(out, 'utf8')) as Plan;
    expect(saved.formatVersion).toBe(1);
    expect(saved.changes.map((c) => c.address)).toContain('role:BrightGaugeAPI');
    expect(saved.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('exits 3 with a did-you-mean when a name is not in the PSA', async () => {
    const file = join(work, 'typo.yaml');
    await writeFile(file, 'version: 1\nroles:\n  - name: TypoRole\n    permissions:\n      Service Desk / Service Tickets: { inquire: All }\nmembers:\n  - identifier: typo\n    name: Typo\n    role: TypoRole\n    level: Corporate (Level 1)\n    location: Tampaa\n');
    const run = await runCli(['plan', '-f', file, '--state-dir', join(work, 'state-typo')], { cwd: work, env: sim.env });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("did you mean 'Tampa'");
    expect(run.stderr).toMatch(/typo\.yaml:\d+:\d+/);
  });
});

/** Plays the plan: the integrator's API calls and the person's clicks (/__sim/ui); returns what state would record. */
async function playPlan(sim: TestSimulator, plan: Plan): Promise<Record<string, StateResource>> {
  const ids = new Map<string, number>();
  const id = (v: IdOrRef): number => (isRef(v) ? (ids.get(v.ref) as number) : v);
  const resolveRefs = (body: object): unknown => JSON.parse(JSON.stringify(body), (_k, v: unknown) => (isRef(v) ? ids.get(v.ref) : v));
  const resources: Record<string, StateResource> = {};
  const now = new Date().toISOString();
  for (const op of plan.operations) {
    switch (op.type) {
      case 'createRole':
        ids.set(op.address, (await sim.api<{ id: number }>('POST', '/system/securityroles', { name: op.name })).id);
        break;
      case 'setRoleLevels': {
        const rows = new Map<string, Record<string, string>>();
        for (const c of op.cells) {
          const key = `${c.module} / ${c.function}`;
          const row = rows.get(key) ?? { moduleName: c.module, moduleFunctionName: c.function };
          row[`${c.kind}Level`] = c.to;
          rows.set(key, row);
        }
        await sim.ui('PUT', `/securityRoles/${id(op.roleId)}/settings`, [...rows.values()]);
        break;
      }
      case 'setCustomizeItems':
        await sim.ui('PUT', `/securityRoles/${id(op.roleId)}/customize/${op.list}`, op.add);
        resources[op.address] = { kind: 'customize', digest: digestOf(snapshotCustomize(op.list, op.add)), applied: snapshotCustomize(op.list, op.add), appliedAt: now, verifiedBy: 'person' };
        break;
      case 'createMember':
        ids.set(op.address, (await sim.api<{ id: number }>('POST', '/system/apiMembers', resolveRefs(op.body))).id);
        break;
      case 'createApiKey':
        await sim.ui('POST', `/apiMembers/${id(op.memberId)}/apiKeys`, { description: op.description });
        resources[op.address] = { kind: 'apiKey', digest: digestOf(null), appliedAt: now };
        break;
      case 'createMapping':
        ids.set(op.address, (await sim.api<{ id: number }>('POST', '/company/managedDevicesIntegrations', op.body)).id);
        break;
      case 'createCrossReference':
        await sim.api('POST', `/company/managedDevicesIntegrations/${id(op.mappingId)}/crossReferences`, op.body);
        break;
      default:
        throw new Error(`the test does not play ${op.type}`);
    }
  }
  // As apply does: what the plan adopts (e.g. the empty lists of the roles it creates) is recorded too.
  for (const a of plan.adopt) resources[a.address] = { kind: a.kind, digest: a.digest, appliedAt: now, ...(a.psaId !== undefined ? { psaId: a.psaId } : {}) };
  return resources;
}

describe('cwctl plan once the PSA matches', () => {
  let sim: TestSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('is empty, adopts what it finds, and exits 0 with --detailed-exitcode (examples/msp: all five integrations)', async () => {
    const stateDir = join(work, 'state-msp-match');
    const args = ['plan', '-f', join(ROOT, 'examples', 'msp'), '--format', 'json', '--detailed-exitcode', '--state-dir', stateDir];
    const first = await runCli(args, { cwd: work, env: sim.env });
    expect(first.code, first.stderr).toBe(2);
    const resources = await playPlan(sim, JSON.parse(first.stdout) as Plan);
    // What apply records for the two things no API reads back: keys (by their verified pair) and lists a person confirmed.
    const state: StateFile = { formatVersion: 1, lineage: '11111111-2222-4333-8444-555555555555', serial: 1, target: { site: sim.sim.url, company: sim.sim.company }, resources };
    await rm(stateDir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(stateDir, { recursive: true }));
    await writeFile(join(stateDir, 'state.json'), JSON.stringify(state));

    const second = await runCli(args, { cwd: work, env: sim.env });
    expect(second.code, second.stderr).toBe(0);
    const plan = JSON.parse(second.stdout) as Plan;
    expect(plan.changes).toEqual([]);
    expect(plan.operations).toEqual([]);
    expect(plan.guided).toEqual([]);
    const desired = await desiredOf('msp');
    const adopted = plan.adopt.map((a) => a.address);
    for (const r of desired.roles.filter((x) => !x.external)) expect(adopted).toContain(roleAddress(r.name));
    for (const m of desired.members) expect(adopted).toContain(memberAddress(m.identifier));
    expect(adopted).toContain(mappingAddress('Datto RMM'));
    expect(adopted.some((a) => a === customizeAddress('WiseSyncAPI', 'SystemTableSetup'))).toBe(false);

    const text = await runCli(args.filter((a) => a !== 'json' && a !== '--format'), { cwd: work, env: sim.env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('No changes. The PSA matches the desired state.');
    expect(text.stdout).toContain('Plan: 0 to create, 0 to change, 0 to destroy; 0 guided steps; 0 drifted');

    // A person lowers a level in the PSA screens: the plan wants it back and exits 2.
    const role = plan.adopt.find((a) => a.address === 'role:BrightGaugeAPI');
    await sim.ui('PUT', `/securityRoles/${role?.psaId ?? 0}/settings`, [{ moduleName: 'Finance', moduleFunctionName: 'Invoicing', inquireLevel: 'None' }]);
    const third = await runCli(args, { cwd: work, env: sim.env });
    expect(third.code).toBe(2);
    const changed = JSON.parse(third.stdout) as Plan;
    expect(changed.changes.map((c) => c.address)).toEqual(['role:BrightGaugeAPI/setting:Finance / Invoicing']);
    expect(changed.changes[0]?.escalation).toBe(true);
    expect(changed.safety.map((f) => f.kind)).toEqual(['escalation']);
  });
});

describe('cwctl plan with no configuration at all', () => {
  it('plans against the embedded sandbox', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'cwctl-sandbox-'));
    try {
      const run = await runCli(['plan', '-f', join(ROOT, 'examples', 'wise-sync')], { cwd });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('cwctl plan for the sandbox');
      expect(run.stdout).toContain('+ role WiseSyncAPI');
      expect(run.stdout).toContain('Table Setup [guided]');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
